"""One bot in its own process for benchmarks/bench_speed.py: the assistant (our own getUpdates
loop, the inbox and the outbox, as `todaibieu run` builds it) or a bare PTB echo bot,
long-polling the fake Bot API that the benchmark serves on 127.0.0.1.

Run by bench_speed.py: python benchmarks/speed_child.py {assistant|echo} --url URL [--db PATH]
[--limits off|telegram]. Stops on SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
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
from bot.transports.telegram_app import TelegramService, build_bot


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
        asyncio.run(_serve(Assistant(config), limiter))
        return
    app = ApplicationBuilder().token(FAKE_TOKEN).base_url(args.url).rate_limiter(limiter).build()
    app.add_handler(MessageHandler(filters.TEXT, _echo))
    app.run_polling(poll_interval=0, timeout=10, allowed_updates=Update.ALL_TYPES)


async def _serve(assistant: Assistant, limiter: Any) -> None:
    """The assistant's Telegram service until SIGTERM."""
    service = TelegramService(assistant, build_bot(assistant, rate_limiter=limiter))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    await service.start()
    try:
        await stop.wait()
    finally:
        await service.stop()


if __name__ == "__main__":
    main()
