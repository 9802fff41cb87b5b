"""What a handler gets: the message, the services, the chat's group and the sender's membership.

Services is the one locator of everything built at start-up (bot/app.py builds it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.chat.messages import Inbound, Reply
from bot.chat.transport import Messenger
from bot.clock import Clock
from bot.config import Config
from bot.core.permissions import NOT_A_MEMBER, Action, may, needs_platform_check, refusal
from bot.reminders.dispatcher import Dispatcher
from bot.reminders.planner import Planner
from storage.claim_stores import ClaimStores
from storage.codes import CodeStore
from storage.db import Database
from storage.events import EventStore
from storage.group_chats import GroupChatStore
from storage.groups import GroupStore
from storage.minutes import MinutesStore
from storage.models import Group, Member
from storage.pending import PendingRequests
from storage.people import PersonStore
from storage.reminders import ReminderStore
from storage.tasks import TaskStore
from storage.undo import UndoLog


class UserError(Exception):
    """A request the bot refuses or cannot read; its Vietnamese message goes to the user as is."""


@dataclass
class Services:
    """Everything built once at start-up and shared by all handlers."""

    config: Config
    clock: Clock
    db: Database
    groups: GroupStore
    tasks: TaskStore
    events: EventStore
    reminders: ReminderStore
    planner: Planner  # writes the reminder rows a change of a task, event or setting needs
    dispatcher: Dispatcher  # sends the rows when due
    people: PersonStore  # one person across platforms: person keys, links, where DMs go
    group_chats: GroupChatStore  # the chats of a Tổ on other platforms
    codes: CodeStore  # one-time codes: linking, binding a chat, the operator's invitations
    minutes: MinutesStore  # meeting recordings and their minutes (/bienban)
    claims: ClaimStores  # payment claims, their files, checklist templates, estimates
    pending: PendingRequests  # questions waiting for their author's answer (any feature)
    undo: UndoLog  # each person's recent changes, for /hoantac


@dataclass
class Context:
    """One request being handled."""

    msg: Inbound
    services: Services
    messenger: Messenger
    group: Group | None = None
    member: Member | None = None
    # Replies a pre-handler hook adds without ending the handling (sent after the handler's).
    said: list[Reply] = field(default_factory=list)
    # A button press: the fields of its data after the prefix, checked by the router.
    button: tuple[Any, ...] = ()

    def now(self) -> datetime:
        """The current instant (UTC), from the injected clock."""
        return self.services.clock.now()

    def local_now(self) -> datetime:
        """The current instant in the group's zone (or the configured zone outside groups)."""
        zone = self.group.timezone if self.group else self.services.config.timezone
        return self.now().astimezone(zone)

    def require_group(self) -> Group:
        """The group the request acts on: the chat's registered group, or in a private chat
        the sender's Tổ (the router and enter_group set it for group commands and buttons)."""
        if self.group is None:
            raise UserError("Lệnh này chỉ dùng trong nhóm của Tổ đã đăng ký.")
        return self.group

    async def enter_group(self, group: Group) -> None:
        """Act for `group` from a private chat: only as an active member of it.

        Raises:
            UserError: the sender is not (or no longer) a member of that group.
        """
        member = await self.services.groups.member(group.id, self.msg.sender.user_id)
        if member is None:
            raise UserError(NOT_A_MEMBER)
        self.group, self.member = group, member

    async def remember(self, kind: str, **payload: object) -> None:
        """Journal a change the sender just made in the group, so /hoantac can reverse it
        (kinds and payloads: storage/undo.py)."""
        await self.services.undo.record(
            self.require_group().id, self.msg.sender.user_id, kind, dict(payload), self.now()
        )

    async def still_member(self, group: Group) -> bool:
        """Ask the platform (answers are cached briefly) whether the sender is still in the
        group's chat; if not, they are marked as having left, and may do nothing there.

        Only the group's own platform can say: a Tổ registered on another app is not asked.
        """
        if group.platform != self.msg.platform:
            return True
        if await self.messenger.is_chat_member(group.chat_id, self.msg.sender.account):
            return True
        await self.services.groups.mark_left(group.id, self.msg.sender.user_id)
        if self.group is not None and self.group.id == group.id:
            self.member = None
        return False

    async def allowed(self, action: Action, *, owner_id: str | None = None) -> bool:
        """Ask the one permission function whether the sender may do this here.

        A write by a member without a leader's role is first checked with the platform: a
        person who left the chat while the bot was not watching must not act on it.
        """
        if (
            self.group is not None
            and needs_platform_check(self.member, action)
            and not await self.still_member(self.group)
        ):
            return False
        is_admin = False
        group = self.group
        if group is not None and group.platform != self.msg.platform:
            group = None  # a Tổ bound on another app: its administrators are asked there
        chat_id = group.chat_id if group else (self.msg.chat_id if self.msg.in_group else None)
        if not may(self.member, action, owner_id=owner_id) and chat_id is not None:
            # Only pay for the platform round-trip when the role alone does not allow it; from
            # a private chat, the group's own chat says who administers it.
            is_admin = await self.messenger.is_chat_admin(chat_id, self.msg.sender.account)
        return may(self.member, action, owner_id=owner_id, is_chat_admin=is_admin)

    async def require(self, action: Action, *, owner_id: str | None = None) -> None:
        """Raise UserError with the refusal text unless the sender may do this here."""
        if await self.allowed(action, owner_id=owner_id):
            return
        if self.member is None and action is not Action.REGISTER_GROUP:
            raise UserError(NOT_A_MEMBER)
        raise UserError(refusal(action))
