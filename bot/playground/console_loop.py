"""What both console playgrounds (Telegram and Zalo) share: their configuration and the loop
that reads a line, hands it to the console, and waits until the bot has answered."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TextIO

from bot.config import Config


class LineConsole(Protocol):
    """A console: its prompt, and what it does with one typed line (False: quit)."""

    def prompt(self) -> str: ...

    def handle_line(self, line: str) -> bool: ...


class Settling(Protocol):
    """A running bot that can wait until everything sent to it has been handled."""

    async def settle(self, timeout: float = 5.0) -> None: ...


def navigate(console: Any, word: str, rest: str, key: Callable[[str], str]) -> bool | None:
    """The commands both consoles share: /quit, /as NAME, /dm, /group.

    Args:
        console: a console with `people`, `me`, `chat`, `group`, `fake` and `out`.
        word: the typed command; rest: what follows it.
        key: how a typed name becomes a key of `console.people`.

    Returns:
        False to quit, True when the line was one of these, None otherwise.
    """
    if word in ("/quit", "/exit"):
        return False
    if word == "/as":
        person = console.people.get(key(rest))
        if person is None:
            names = ", ".join(console.people)
            print(f"Không có người tên {rest!r}. Chọn: {names}", file=console.out)
        else:
            console.me = person
            if console.chat is not console.group:
                console.chat = console.fake.dm(person)
        return True
    if word == "/dm":
        console.chat = console.fake.dm(console.me)
        return True
    if word == "/group":
        console.chat = console.group
        return True
    return None


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
