"""The router: maps commands (Vietnamese names and English aliases) and buttons to handlers.

Before any handler, every inbound event passes the pre-handler hooks in the order they were
registered (bot/app.py registers them and says why each stands where it does). The router then
checks that a group command is used in a registered group, and turns UserError into a reply.
It also holds the renderer of each reminder kind, registered by the features next to their
commands and handed to the reminder engine by the composition root.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from bot.chat.messages import Inbound, InboundKind, Reply
from bot.chat.transport import Messenger
from bot.core import text as T
from bot.core.buttons import Field, parse_fields, plain_fields
from bot.core.context import Context, Services, UserError
from bot.core.permissions import NOT_A_MEMBER
from bot.reminders.render import Renderer, Renderers
from bot.textnorm import fold, has_control_chars

log = logging.getLogger(__name__)

HandlerResult = Reply | Sequence[Reply] | None
Handler = Callable[[Context], Awaitable[HandlerResult]]
# A listener may answer (e.g. "noted your reason"); it returns replies like a handler.
Listener = Callable[[Context], Awaitable[HandlerResult]]
# A pre-handler hook returns None to let the event go on, or the replies that end its handling
# (an empty list ends it silently).
PreHandler = Callable[[Context], Awaitable[Sequence[Reply] | None]]


class Scope(Enum):
    """Where a command may be used."""

    ANYWHERE = "anywhere"
    GROUP = "group"  # in a registered group only
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


class Router:
    """Holds the command and button tables and dispatches inbound events."""

    def __init__(self) -> None:
        self.commands: list[Command] = []
        self._by_name: dict[str, Command] = {}
        self._buttons: dict[str, ButtonRoute] = {}
        self._listeners: list[Listener] = []
        self._on_event: dict[InboundKind, list[Handler]] = {}
        self._pre_handlers: list[tuple[PreHandler, str]] = []
        self.renderers = Renderers()

    def pre_handler(self, hook: PreHandler, *, why: str) -> None:
        """Run `hook` on every inbound event, after the hooks registered before it.

        Args:
            hook: the hook.
            why: the reason for its place in the order (kept so the order can be reviewed).
        """
        self._pre_handlers.append((hook, why))

    def pre_handler_order(self) -> list[tuple[str, str]]:
        """The hooks' names and reasons, in the order they run."""
        return [(getattr(hook, "__name__", repr(hook)), why) for hook, why in self._pre_handlers]

    def reminder(self, kind: str, renderer: Renderer) -> None:
        """Render due reminder rows of `kind` with `renderer` (see bot/reminders/render.py)."""
        self.renderers.register(kind, renderer)

    def command(self, command: Command) -> None:
        """Register a command under its name and aliases (names are unique)."""
        for name in (command.name, *command.aliases):
            if name in self._by_name:
                raise ValueError(f"command /{name} registered twice")
            self._by_name[name] = command
        self.commands.append(command)

    def button(self, route: ButtonRoute) -> None:
        """Register a button prefix."""
        if route.prefix in self._buttons:
            raise ValueError(f"button prefix {route.prefix} registered twice")
        self._buttons[route.prefix] = route

    def button_prefixes(self) -> list[str]:
        """Every registered button prefix (the access matrix test covers each one)."""
        return list(self._buttons)

    def listen(self, listener: Listener) -> None:
        """Register a hook that sees every plain (non-command) message in registered groups."""
        self._listeners.append(listener)

    def on(self, kind: InboundKind, handler: Handler) -> None:
        """Register a handler for a chat event (e.g. the bot added to a group)."""
        self._on_event.setdefault(kind, []).append(handler)

    def find(self, name: str) -> Command | None:
        """The command with this name or alias (case-insensitive, accents ignored)."""
        return self._by_name.get(name) or self._by_name.get(fold(name))

    def closest(self, name: str) -> Command | None:
        """The command whose name or alias looks most like a mistyped one."""
        folded = fold(name)
        match = difflib.get_close_matches(folded, list(self._by_name), n=1, cutoff=0.5)
        return self._by_name[match[0]] if match else None

    async def dispatch(
        self, msg: Inbound, services: Services, messenger: Messenger
    ) -> list[Reply]:
        """Handle one inbound event and return the replies to send back to its chat."""
        ctx = Context(msg=msg, services=services, messenger=messenger)
        try:
            for hook, _why in self._pre_handlers:
                ended = await hook(ctx)
                if ended is not None:
                    return list(ended)
            result = _as_list(await self._route(ctx))
        except UserError as refusal:
            text = str(refusal)
            if msg.kind is InboundKind.BUTTON:
                return [Reply(notice=text), *ctx.said]
            return [Reply(text=text), *ctx.said]
        return [*result, *ctx.said]

    async def _route(self, ctx: Context) -> HandlerResult:
        msg = ctx.msg
        if msg.kind is InboundKind.BUTTON:
            return await self._route_button(ctx)
        if msg.kind is not InboundKind.MESSAGE:
            replies: list[Reply] = []
            for handler in self._on_event.get(msg.kind, []):
                replies.extend(_as_list(await handler(ctx)))
            return replies
        if msg.command is None:
            said: list[Reply] = []
            if ctx.group is not None:
                for listener in self._listeners:
                    said.extend(_as_list(await listener(ctx)))
            return said
        if msg.sender.anonymous:
            # Rights and tasks belong to people; a message signed by the group has no one.
            raise UserError(T.ANONYMOUS_SENDER)
        command = self.find(msg.command)
        if command is None:
            return Reply(text=self._unknown_command_text(msg.command))
        _check_scope(ctx, command.scope, command.name)
        if command.scope is Scope.GROUP and ctx.member is None:
            # A group's commands are for its members; nothing of it is shown to anyone else.
            raise UserError(NOT_A_MEMBER)
        _check_args(msg.args)
        return await command.handler(ctx)

    async def _route_button(self, ctx: Context) -> HandlerResult:
        data = ctx.msg.button_data or ""
        route = self._buttons.get(data.split(":", 1)[0])
        if route is None:
            raise UserError(T.BUTTON_EXPIRED)
        values = plain_fields(data) if route.fields is None else parse_fields(data, route.fields)
        if values is None:
            raise UserError(T.BUTTON_EXPIRED)
        ctx.button = values
        try:
            _check_scope(ctx, route.scope, None)
        except UserError as outside:  # a group's button pressed elsewhere (forged into a DM)
            raise UserError(T.BUTTON_EXPIRED) from outside
        if ctx.msg.in_group and ctx.member is None:
            raise UserError(NOT_A_MEMBER)
        return await route.handler(ctx)

    def _unknown_command_text(self, name: str) -> str:
        guess = self.closest(name)
        if guess is None:
            return T.UNKNOWN_COMMAND.format(name=name)
        return T.UNKNOWN_COMMAND_GUESS.format(name=name, guess=guess.name, usage=guess.usage)


def _as_list(result: HandlerResult) -> list[Reply]:
    if result is None:
        return []
    if isinstance(result, Reply):
        return [result]
    return list(result)


def _check_scope(ctx: Context, scope: Scope, name: str | None) -> None:
    msg = ctx.msg
    if scope is Scope.PRIVATE and msg.in_group:
        raise UserError(T.PRIVATE_ONLY.format(name=name or ""))
    if scope in (Scope.GROUP, Scope.UNREGISTERED_GROUP_OK) and not msg.in_group:
        raise UserError(T.GROUP_ONLY.format(name=name or ""))
    if scope is Scope.GROUP and ctx.group is None:
        raise UserError(T.GROUP_NOT_REGISTERED)


MAX_ARGS_LENGTH = 2000


def _check_args(args: str) -> None:
    """Refuse arguments no command can use, before any handler sees them."""
    if len(args) > MAX_ARGS_LENGTH:
        raise UserError(T.TOO_LONG.format(length=len(args), limit=MAX_ARGS_LENGTH))
    if has_control_chars(args):
        raise UserError(T.CONTROL_CHARS)


def help_sections(commands: list[Command]) -> dict[str, list[Command]]:
    """Commands grouped by their help section, in registration order."""
    sections: dict[str, list[Command]] = {}
    for command in commands:
        sections.setdefault(command.section, []).append(command)
    return sections
