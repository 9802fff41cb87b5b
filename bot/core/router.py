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

from bot.chat.messages import Inbound, InboundKind, Reply
from bot.chat.transport import Messenger
from bot.core import text as T
from bot.core.buttons import parse_fields, plain_fields
from bot.core.commands import (
    HELP_WORDS,
    ButtonRoute,
    Command,
    Handler,
    HandlerResult,
    Listener,
    PreHandler,
    Scope,
    as_list,
    command_help,
    help_sections,
)
from bot.core.context import Context, Services, UserError
from bot.core.permissions import NOT_A_MEMBER
from bot.core.private import PICK_GROUP, for_own_group, group_picked
from bot.reminders.render import Renderer, Renderers
from bot.textnorm import fold, has_control_chars

# Re-exported: features import the command table's types from here.
__all__ = [
    "ButtonRoute",
    "Command",
    "Handler",
    "HandlerResult",
    "Router",
    "Scope",
    "command_help",
    "help_sections",
]

log = logging.getLogger(__name__)

# A tagged reply was sent (after the commit of its update), outside any transaction: the hook
# gets the services, the platform's messenger, the chat, the tag and the sent message's id. It
# may use the network (a download); what it returns is sent next in that chat.
DeliveredHook = Callable[[Services, Messenger, str, str, str], Awaitable[Sequence[Reply] | None]]


class Router:
    """Holds the command and button tables and dispatches inbound events."""

    def __init__(self) -> None:
        self.commands: list[Command] = []
        self._by_name: dict[str, Command] = {}
        self._buttons: dict[str, ButtonRoute] = {}
        self._listeners: list[Listener] = []
        self._private_listeners: list[Listener] = []
        self._on_event: dict[InboundKind, list[Handler]] = {}
        self._pre_handlers: list[tuple[PreHandler, str]] = []
        self._fallback: Handler | None = None
        self._delivered: dict[str, DeliveredHook] = {}
        self.renderers = Renderers()
        self.button(ButtonRoute(PICK_GROUP, self._group_picked, scope=Scope.PRIVATE))

    async def _group_picked(self, ctx: Context) -> HandlerResult:
        return await group_picked(ctx, self.find)

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

    def on_delivered(self, prefix: str, hook: DeliveredHook) -> None:
        """Run `hook` when a reply tagged `prefix:…` has been sent (Reply.tag), with its id."""
        self._delivered[prefix] = hook

    async def delivered(
        self, services: Services, messenger: Messenger, chat_id: str, tag: str, message_id: str
    ) -> list[Reply]:
        """A tagged reply was sent: hand its message id to the feature that tagged it; the
        replies it returns follow in that chat."""
        hook = self._delivered.get(tag.split(":", 1)[0])
        if hook is None:
            return []
        return list(await hook(services, messenger, chat_id, tag, message_id) or [])

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

    def listen_private(self, listener: Listener) -> None:
        """Register a hook that sees every plain message in a private chat with the bot."""
        self._private_listeners.append(listener)

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
            result = as_list(await self._route(ctx))
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
                replies.extend(as_list(await handler(ctx)))
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
            question = await for_own_group(ctx, command)
            if question is not None:
                return question
        else:
            _check_scope(ctx, command.scope, command.name)
            if command.scope is Scope.GROUP and ctx.member is None:
                # A group's commands are for its members; nothing of it is shown to anyone else.
                raise UserError(NOT_A_MEMBER)
        _check_args(msg.args)
        return await command.handler(ctx)

    async def _plain_text(self, ctx: Context) -> HandlerResult:
        listeners = self._listeners if ctx.group is not None else []
        if not ctx.msg.in_group:
            listeners = self._private_listeners
        for listener in listeners:
            if await listener(ctx):
                return None
        if self._fallback is not None and (not ctx.msg.in_group or ctx.msg.addressed):
            return await self._fallback(ctx)
        return None

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


def _check_scope(ctx: Context, scope: Scope, name: str | None) -> None:
    msg = ctx.msg
    if scope is Scope.PRIVATE and msg.in_group:
        raise UserError(T.PRIVATE_ONLY.format(name=name or ""))
    if scope in (Scope.GROUP, Scope.UNREGISTERED_GROUP_OK) and not msg.in_group:
        # Commands reach here only from groups (the router handles them in private chats);
        # buttons that work in a private chat are registered ANYWHERE and enter their group.
        raise UserError(T.GROUP_ONLY.format(name=name or ""))
    if scope is Scope.GROUP and ctx.group is None:
        if not ctx.messenger.capabilities.knows_admins:
            raise UserError(T.GROUP_NOT_REGISTERED_INVITE)
        raise UserError(T.GROUP_NOT_REGISTERED)


MAX_ARGS_LENGTH = 2000


def _check_args(args: str) -> None:
    """Refuse arguments no command can use, before any handler sees them."""
    if len(args) > MAX_ARGS_LENGTH:
        raise UserError(T.TOO_LONG.format(length=len(args), limit=MAX_ARGS_LENGTH))
    if has_control_chars(args):
        raise UserError(T.CONTROL_CHARS)
