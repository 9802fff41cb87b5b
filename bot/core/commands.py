"""The command table's vocabulary: commands, button routes, where they may be used, and the
help built from them (so help never drifts from the commands)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from bot.chat.messages import Reply
from bot.core import text as T
from bot.core.buttons import Field
from bot.core.context import Context

HandlerResult = Reply | Sequence[Reply] | None
Handler = Callable[[Context], Awaitable[HandlerResult]]
# A listener sees plain messages in registered groups and returns True when it took the message
# (e.g. as the reason for an absence), so nothing else answers it; what it says goes in
# ctx.said (handling writes no message itself: replies leave through the outbox).
Listener = Callable[[Context], Awaitable[bool]]
# A pre-handler hook returns None to let the event go on, or the replies that end its handling
# (an empty list ends it silently).
PreHandler = Callable[[Context], Awaitable[Sequence[Reply] | None]]


class Scope(Enum):
    """Where a command may be used."""

    ANYWHERE = "anywhere"
    # In a registered group, or in a private chat for the sender's Tổ (asked which when several).
    GROUP = "group"
    UNREGISTERED_GROUP_OK = "group_any"  # in any group chat (e.g. /dangky)
    PRIVATE = "private"


@dataclass(frozen=True)
class Command:
    """One command: its Vietnamese name, aliases, handler, and the lines /help shows."""

    name: str
    handler: Handler
    summary: str
    usage: str
    section: str
    scope: Scope = Scope.GROUP
    aliases: tuple[str, ...] = ()
    summary_en: str = ""
    in_menu: bool = True
    examples: tuple[str, ...] = ()  # shown by /help <lệnh> and /<lệnh> ?


@dataclass(frozen=True)
class ButtonRoute:
    """Buttons whose data start with `prefix:` go to `handler`.

    `fields` declares what follows the prefix (bot/core/buttons.py); the router refuses data
    that does not fit before the handler runs, and hands the values over in ctx.button.
    """

    prefix: str
    handler: Handler
    scope: Scope = Scope.GROUP
    fields: tuple[Field, ...] | None = None


# Arguments that ask for a command's help instead of running it ("/viec ?").
HELP_WORDS = frozenset({"?", "help", "giup", "trogiup", "huongdan"})


def command_help(command: Command) -> str:
    """One command's help: usage, what it does, its other names and examples."""
    lines = [T.HELP_ONE.format(usage=command.usage, summary=command.summary)]
    if command.aliases:
        lines.append(T.HELP_ALIASES.format(names=", ".join("/" + a for a in command.aliases)))
    if command.examples:
        lines.append(T.HELP_EXAMPLES)
        lines += command.examples
    return "\n".join(lines)


def as_list(result: HandlerResult) -> list[Reply]:
    """A handler's result as a list of replies."""
    if result is None:
        return []
    if isinstance(result, Reply):
        return [result]
    return list(result)


def help_sections(commands: list[Command]) -> dict[str, list[Command]]:
    """Commands grouped by their help section, in registration order."""
    sections: dict[str, list[Command]] = {}
    for command in commands:
        sections.setdefault(command.section, []).append(command)
    return sections
