"""What both console playgrounds (Telegram and Zalo) share: their configuration and the loop
that reads a line, hands it to the console, and waits until the bot has answered."""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path
from typing import Protocol, TextIO

from bot.config import Config


class LineConsole(Protocol):
    """A console: its prompt, and what it does with one typed line (False: quit)."""

    def prompt(self) -> str: ...

    def handle_line(self, line: str) -> bool: ...


class Settling(Protocol):
    """A running bot that can wait until everything sent to it has been handled."""

    async def settle(self, timeout: float = 5.0) -> None: ...


def playground_config(db_path: Path) -> Config:
    """The environment's zone and log level, no token, and the playground's own database."""
    env = Config.from_env()
    if "LOG_LEVEL" not in os.environ:
        # The playground's screen is the chat; routine log lines would drown it.
        logging.getLogger().setLevel(logging.WARNING)
    return Config(
        telegram_token=None, db_path=db_path, timezone=env.timezone, log_level=env.log_level
    )


async def chat_loop(console: LineConsole, running: Settling, stdin: TextIO, out: TextIO) -> None:
    """Read lines until /quit or the end of input; a scripted session echoes what it types."""
    interactive = stdin.isatty()
    while True:
        if interactive:
            print(console.prompt(), end="", file=out, flush=True)
        line = await asyncio.to_thread(stdin.readline)
        if not line:
            break
        if not interactive:
            print(console.prompt() + line.rstrip("\n"), file=out, flush=True)
        if not console.handle_line(line):
            break
        await running.settle()
