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
from dataclasses import dataclass, replace
from enum import Enum

from bot.chat.messages import Button, Inbound, InboundKind, Reply
from bot.chat.transport import Messenger
from bot.core import text as T
from bot.core.context import Context, Services, UserError
from bot.core.permissions import NOT_A_MEMBER
from bot.reminders.render import Renderer, Renderers
from bot.textnorm import fold, has_control_chars

log = logging.getLogger(__name__)

HandlerResult = Reply | Sequence[Reply] | None
Handler = Callable[[Context], Awaitable[HandlerResult]]
# A listener sees plain messages in registered groups and returns True when it took the message
# (e.g. as the reason for an absence), so nothing else answers it.
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
    """Buttons whose data start with `prefix:` go to `handler`."""

    prefix: str
    handler: Handler
    scope: Scope = Scope.GROUP


class Router:
    """Holds the command and button tables and dispatches inbound events."""

    def __init__(self) -> None:
        self.commands: list[Command] = []
        self._by_name: dict[str, Command] = {}
        self._buttons: dict[str, ButtonRoute] = {}
        self._listeners: list[Listener] = []
        self._on_event: dict[InboundKind, list[Handler]] = {}
        self._pre_handlers: list[tuple[PreHandler, str]] = []
        self._fallback: Handler | None = None
        self.renderers = Renderers()
        self.button(ButtonRoute(PICK_GROUP, self._group_picked, scope=Scope.PRIVATE))

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

    def listen(self, listener: Listener) -> None:
        """Register a hook that sees every plain (non-command) message in registered groups."""
        self._listeners.append(listener)

    def fallback(self, handler: Handler) -> None:
        """Answer plain text nobody took: in a private chat, or naming the bot in a group."""
        self._fallback = handler

    def on(self, kind: InboundKind, handler: Handler) -> None:
        """Register a handler for a chat event (e.g. the bot added to a group)."""
        self._on_event.setdefault(kind, []).append(handler)

    def find(self, name: str) -> Command | None:
        """The command with this name or alias (case-insensitive, accents ignored)."""
        return self._by_name.get(name) or self._by_name.get(fold(name))

    def closest(self, name: str) -> Command | None:
        """The command whose name or alias looks most like a mistyped one."""
        folded = fold(name)
        # Below 0.65 the guesses mislead more than they help ("/sua" looked like "/start").
        match = difflib.get_close_matches(folded, list(self._by_name), n=1, cutoff=0.65)
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
            result = await self._route(ctx)
        except UserError as refusal:
            text = str(refusal)
            if msg.kind is InboundKind.BUTTON:
                return [Reply(notice=text)]
            return [Reply(text=text)]
        return _as_list(result)

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
            return await self._plain_text(ctx)
        if msg.sender.anonymous:
            # Rights and tasks belong to people; a message signed by the group has no one.
            raise UserError(T.ANONYMOUS_SENDER)
        command = self.find(msg.command)
        if command is None:
            return Reply(text=self._unknown_command_text(msg.command))
        if fold(msg.args.strip()) in HELP_WORDS:
            return Reply(text=command_help(command))
        if command.scope is Scope.GROUP and not msg.in_group:
            question = await self._for_own_group(ctx, command)
            if question is not None:
                return question
        else:
            _check_scope(ctx, command.scope, command.name)
        _check_args(msg.args)
        return await command.handler(ctx)

    async def _plain_text(self, ctx: Context) -> HandlerResult:
        if ctx.group is not None:
            for listener in self._listeners:
                if await listener(ctx):
                    return None
        if self._fallback is not None and (not ctx.msg.in_group or ctx.msg.addressed):
            return await self._fallback(ctx)
        return None

    async def _for_own_group(self, ctx: Context, command: Command) -> Reply | None:
        """A group command typed in a private chat acts for the sender's Tổ: the only one, or
        the one they choose (asked with buttons; the command waits in the database)."""
        msg, services = ctx.msg, ctx.services
        groups = await services.groups.groups_of_user(msg.platform, msg.sender.user_id)
        if not groups:
            raise UserError(T.GROUP_ONLY.format(name=command.name))
        if len(groups) == 1:
            await ctx.enter_group(groups[0])
            return None
        pending_id = await services.pending.add(
            None,
            msg.sender.user_id,
            "pick_group",
            {"command": command.name, "args": msg.args},
            ctx.now(),
        )
        buttons = tuple(
            (Button(group.name, f"{PICK_GROUP}:{pending_id}:{group.id}"),) for group in groups
        )
        return Reply(text=T.PICK_GROUP.format(name=command.name), buttons=buttons)

    async def _group_picked(self, ctx: Context) -> HandlerResult:
        """The Tổ chosen for a command typed in a private chat: run the command for it."""
        parts = (ctx.msg.button_data or "").split(":")
        if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
            raise UserError(T.BUTTON_EXPIRED)
        services = ctx.services
        pending = await services.pending.get(int(parts[1]))
        if (
            pending is None
            or pending.kind != "pick_group"
            or pending.user_id != ctx.msg.sender.user_id
        ):
            raise UserError(T.QUESTION_GONE)
        group = await services.groups.by_id(int(parts[2]))
        command = self.find(str(pending.payload.get("command", "")))
        if group is None or group.platform != ctx.msg.platform or command is None:
            raise UserError(T.BUTTON_EXPIRED)
        await ctx.enter_group(group)
        if not await services.pending.drop(pending.id):
            raise UserError(T.QUESTION_GONE)
        ctx.msg = replace(
            ctx.msg,
            kind=InboundKind.MESSAGE,
            command=command.name,
            args=str(pending.payload.get("args", "")),
            button_data=None,
        )
        try:
            result = _as_list(await command.handler(ctx))
        except UserError as refusal:
            result = [Reply(text=str(refusal))]
        heading = Reply(text=T.PICKED.format(name=command.name, group=group.name), edit=True)
        return [heading, *result]

    async def _route_button(self, ctx: Context) -> HandlerResult:
        data = ctx.msg.button_data or ""
        route = self._buttons.get(data.split(":", 1)[0])
        if route is None:
            raise UserError(T.BUTTON_EXPIRED)
        _check_scope(ctx, route.scope, None)
        if ctx.msg.in_group and ctx.member is None:
            raise UserError(NOT_A_MEMBER)
        return await route.handler(ctx)

    def _unknown_command_text(self, name: str) -> str:
        guess = self.closest(name)
        if guess is None:
            return T.UNKNOWN_COMMAND.format(name=name)
        return T.UNKNOWN_COMMAND_GUESS.format(name=name, guess=guess.name, usage=guess.usage)


PICK_GROUP = "pick"  # pick:<pending id>:<group id>   which Tổ a private command is for
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
        # Commands reach here only from groups (the router handles them in private chats);
        # buttons that work in a private chat are registered ANYWHERE and enter their group.
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
