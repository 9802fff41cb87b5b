"""One bot in its own process for benchmarks/bench_speed.py: the assistant (the real
python-telegram-bot Application around it, as `todaibieu run` builds it) or a bare PTB echo bot,
long-polling the fake Bot API that the benchmark serves on 127.0.0.1.

Run by bench_speed.py: python benchmarks/speed_child.py {assistant|echo} --url URL [--db PATH]
[--limits off|telegram]. Stops on SIGTERM.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from telegram import Update
from telegram.ext import AIORateLimiter, ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot.app import Assistant
from bot.config import Config
from bot.playground.fake_telegram import FAKE_TOKEN
from bot.playground.running import unlimited_rate_limiter
from bot.transports.telegram_app import build_telegram_application


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    assert update.message.text is not None
    await update.message.reply_text(update.message.text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["assistant", "echo"])
    parser.add_argument("--url", required=True, help="the fake's base URL, ending in /bot")
    parser.add_argument("--db", type=Path, default=Path("bench.sqlite3"))
    parser.add_argument("--limits", choices=["off", "telegram"], default="off")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    limiter: Any = (
        AIORateLimiter(max_retries=3) if args.limits == "telegram" else unlimited_rate_limiter()
    )
    if args.kind == "assistant":
        config = Config(telegram_token=FAKE_TOKEN, telegram_api_base_url=args.url, db_path=args.db)
        app = build_telegram_application(Assistant(config), rate_limiter=limiter)
    else:
        app = (
            ApplicationBuilder().token(FAKE_TOKEN).base_url(args.url).rate_limiter(limiter).build()
        )
        app.add_handler(MessageHandler(filters.TEXT, _echo))
    app.run_polling(poll_interval=0, timeout=10, allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
