"""The router: maps commands (Vietnamese names and English aliases) and buttons to handlers.

It also does what every request needs before a handler runs: follow migrated chats, record who
wrote or joined, check that a group command is used in a registered group, and turn UserError
into a reply.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum

from bot.context import Context, Messenger, Services, UserError
from bot.messages import Inbound, InboundKind, Reply
from bot.textnorm import fold, has_control_chars
from handlers import common_text as T
from handlers.permissions import NOT_A_MEMBER

log = logging.getLogger(__name__)

HandlerResult = Reply | Sequence[Reply] | None
Handler = Callable[[Context], Awaitable[HandlerResult]]
Listener = Callable[[Context], Awaitable[None]]


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
        if msg.kind is InboundKind.CHAT_MIGRATED:
            if msg.migrated_from_chat_id:
                await services.groups.move_chat(
                    msg.platform, msg.migrated_from_chat_id, msg.chat_id
                )
            return []
        await _note_people(ctx)
        try:
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
            if ctx.group is not None:
                for listener in self._listeners:
                    await listener(ctx)
            return None
        if msg.sender.anonymous:
            # Rights and tasks belong to people; a message signed by the group has no one.
            raise UserError(T.ANONYMOUS_SENDER)
        command = self.find(msg.command)
        if command is None:
            return Reply(text=self._unknown_command_text(msg.command))
        _check_scope(ctx, command.scope, command.name)
        _check_args(msg.args)
        return await command.handler(ctx)

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
# "Last seen" is kept to this precision, so a busy chat does not write on every message.
LAST_SEEN_RESOLUTION = timedelta(minutes=10)


def _check_args(args: str) -> None:
    """Refuse arguments no command can use, before any handler sees them."""
    if len(args) > MAX_ARGS_LENGTH:
        raise UserError(T.TOO_LONG.format(length=len(args), limit=MAX_ARGS_LENGTH))
    if has_control_chars(args):
        raise UserError(T.CONTROL_CHARS)


async def _note_people(ctx: Context) -> None:
    """Record who wrote, joined or left, and whether they can be reached by DM.

    Members are recorded from what the chat shows us; a button press from someone never seen
    is checked with the platform first, because a public group's messages (and their buttons)
    can be seen by people who are not in it.
    """
    msg, groups, now = ctx.msg, ctx.services.groups, ctx.now()
    sender = msg.sender
    if not sender.is_bot:
        await groups.record_user(
            msg.platform,
            sender.user_id,
            display_name=sender.name,
            username=sender.username,
            now=now,
            dm_chat_id=None if msg.in_group else msg.chat_id,
        )
    if not msg.in_group:
        return
    ctx.group = await groups.by_chat(msg.platform, msg.chat_id)
    if ctx.group is None:
        return
    group_id = ctx.group.id
    if msg.kind is InboundKind.MEMBER_LEFT:
        await groups.mark_left(group_id, sender.user_id)
        return
    for person in msg.joined:
        if not person.is_bot:
            await groups.record_member(
                group_id,
                user_id=person.user_id,
                display_name=person.name,
                username=person.username,
                now=now,
            )
    if sender.is_bot or msg.kind in (InboundKind.MEMBERS_JOINED, InboundKind.BOT_ADDED):
        return
    known = await groups.member(group_id, sender.user_id)
    if (
        known is None
        and msg.kind is InboundKind.BUTTON
        and not await ctx.messenger.is_chat_member(msg.chat_id, sender.user_id)
    ):
        return
    if (
        known is not None
        and known.display_name == sender.name
        and known.username == sender.username
        and now - known.last_seen_at < LAST_SEEN_RESOLUTION
    ):
        # Nothing to change: skip the write, as most updates in a busy chat would do.
        ctx.member = known
        return
    ctx.member = await groups.record_member(
        group_id,
        user_id=sender.user_id,
        display_name=sender.name,
        username=sender.username,
        now=now,
    )


def help_sections(commands: list[Command]) -> dict[str, list[Command]]:
    """Commands grouped by their help section, in registration order."""
    sections: dict[str, list[Command]] = {}
    for command in commands:
        sections.setdefault(command.section, []).append(command)
    return sections
