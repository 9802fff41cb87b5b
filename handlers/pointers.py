"""A short, polite pointer for text written to the bot without a command: privately, or
naming the bot in a group ("@bot cho anh xem danh sách việc"). It names the two or three
commands that match the words, taken from the command table, so it only suggests what exists.
"""

from __future__ import annotations

from bot.chat.messages import Reply
from bot.core.context import Context
from bot.core.router import Command, Router
from bot.textnorm import fold
from handlers import pointers_text as T


def register(router: Router) -> None:
    """Answer plain text nobody else took (see Router.fallback)."""

    async def point(ctx: Context) -> Reply:
        """The commands that match the words of the message, or where to start."""
        return Reply(text=pointer_text(router, ctx.msg.text))

    router.fallback(point)


def pointer_text(router: Router, text: str) -> str:
    """'Trợ lý làm việc theo lệnh …' and the matching commands, one per line."""
    padded = " " + " ".join(fold(text).replace("?", " ").replace(",", " ").split()) + " "
    names: list[str] = []
    for words, commands in T.TOPICS:
        if any(f" {word} " in padded for word in words):
            names += [name for name in commands if name not in names]
    matched = _known(router, names)[: T.MAX_SHOWN]
    intro = T.INTRO if matched else T.INTRO_NO_TOPIC
    shown = matched or _known(router, list(T.DEFAULTS))
    lines = [intro, *(T.LINE.format(usage=c.usage, summary=c.summary) for c in shown), T.FOOTER]
    return "\n".join(lines)


def _known(router: Router, names: list[str]) -> list[Command]:
    found = [router.find(name) for name in names]
    return [command for command in found if command is not None]
