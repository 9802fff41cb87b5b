"""Command line: `todaibieu [run | console [--zalo] | invite | migrate | backup PATH]`.

Also `python -m bot`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.config import Config, ConfigError
from bot.logs import setup_logging
from storage.db import Database
from storage.migrate import SchemaTooNewError, available_migrations

EXIT_CONFIG = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="todaibieu",
        description="Trợ lý Tổ đại biểu. Without a command: run the bot if TELEGRAM_BOT_TOKEN "
        "or ZALO_BOT_TOKEN is set, otherwise open the console playground.",
    )
    commands = parser.add_subparsers(dest="command")
    commands.add_parser(
        "run", help="run the bot on Telegram and/or Zalo (whichever tokens are set)"
    )
    console = commands.add_parser("console", help="chat with the bot in the terminal (no token)")
    console.add_argument(
        "--db",
        type=Path,
        default=None,
        help="database file of the playground (default data/playground.sqlite3)",
    )
    console.add_argument(
        "--zalo", action="store_true", help="the playground on a fake Zalo instead of Telegram"
    )
    invite = commands.add_parser(
        "invite", help="print a one-time code that lets a Zalo group register as a new Tổ"
    )
    invite.add_argument("--days", type=int, default=7, help="days the code stays valid")
    commands.add_parser("migrate", help="create or upgrade the database, then exit")
    backup = commands.add_parser("backup", help="copy the live database to PATH (online backup)")
    backup.add_argument("path", type=Path)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    args = _parser().parse_args(argv)
    try:
        config = Config.from_env()
    except ConfigError as exc:
        print(f"todaibieu: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    setup_logging(config.log_level, config.telegram_token, config.zalo and config.zalo.token)
    command = args.command
    if command is None:
        if config.telegram_token or config.zalo:
            command = "run"
        else:
            print(
                "No TELEGRAM_BOT_TOKEN set: opening the console playground. To connect Telegram, "
                "get a token from @BotFather and put it in TELEGRAM_BOT_TOKEN or .env.",
                file=sys.stderr,
            )
            command = "console"
    try:
        if command == "run":
            return _run(config)
        if command == "console":
            if getattr(args, "zalo", False):
                from bot.playground.console_zalo import run_zalo_console

                return asyncio.run(run_zalo_console(getattr(args, "db", None)))
            from bot.playground.console import run_console  # only the playground needs it

            return asyncio.run(run_console(getattr(args, "db", None)))
        if command == "invite":
            return asyncio.run(_invite(config, args.days))
        if command == "migrate":
            return asyncio.run(_migrate(config))
        if command == "backup":
            return asyncio.run(_backup(config, args.path))
    except ConfigError as exc:
        print(f"todaibieu: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except SchemaTooNewError as exc:
        print(f"todaibieu: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    return 0


def _run(config: Config) -> int:
    # Imported here, so that `migrate` and `backup` stay light.
    from bot.transports.serve import serve

    config.require_any_token()
    asyncio.run(serve(config))
    return 0


async def _invite(config: Config, days: int) -> int:
    if not 1 <= days <= 90:
        print("todaibieu: --days must be between 1 and 90", file=sys.stderr)
        return 1
    from datetime import UTC, datetime, timedelta

    from storage.codes import CodeStore

    db = await Database.open(config.db_path)
    try:
        now = datetime.now(UTC)
        invite = await CodeStore(db).make_invite(now, timedelta(days=days))
    finally:
        await db.close()
    until = invite.expires_at.astimezone(config.timezone)
    print(
        f"Mã mời: {invite.code} (dùng một lần, đến {until:%H:%M %d/%m/%Y}).\n"
        f"Trong nhóm Zalo của Tổ, nhắc tên Trợ lý rồi gõ: /dangky {invite.code} <tên Tổ>"
    )
    return 0


async def _migrate(config: Config) -> int:
    db = await Database.open(config.db_path)
    await db.close()
    print(f"{config.db_path}: schema version {len(available_migrations())}")
    return 0


async def _backup(config: Config, destination: Path) -> int:
    if not config.db_path.exists():
        print(f"todaibieu: no database at {config.db_path}", file=sys.stderr)
        return 1
    if destination.exists():  # noqa: ASYNC240 - one stat before any async work
        print(f"todaibieu: {destination} exists; choose a new file", file=sys.stderr)
        return 1
    db = await Database.open(config.db_path, run_migrations=False)
    try:
        await db.backup(destination)
    finally:
        await db.close()
    print(f"backed up {config.db_path} to {destination}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
