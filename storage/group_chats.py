"""A Tổ with chats on several platforms: its own chat (groups.chat_id) and bound ones.

A bound chat shares the group's id, so the task list, events, roles and reminders are the
group's, whichever chat a command comes from. `GroupStore.by_chat` finds a group by either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from storage.db import Database
from storage.groups import GroupStore
from storage.models import Group
from storage.timefmt import to_db


@dataclass(frozen=True, order=True)
class ChatRef:
    """A chat on a platform."""

    platform: str
    chat_id: str


class BindOutcome(StrEnum):
    """What binding a chat did."""

    BOUND = "bound"
    ALREADY_THIS_GROUP = "already_this_group"
    OTHER_GROUP = "other_group"  # the chat is (bound to) another Tổ
    PLATFORM_TAKEN = "platform_taken"  # the Tổ already has a chat on that platform


class GroupChatStore:
    """Binds chats to groups and lists a group's chats."""

    def __init__(self, db: Database, groups: GroupStore) -> None:
        self._db = db
        self._groups = groups

    async def bind(self, group: Group, chat: ChatRef, by: str, now: datetime) -> BindOutcome:
        """Bind a chat to the group (by a person key); a group has one chat per platform."""
        current = await self._groups.by_chat(chat.platform, chat.chat_id)
        if current is not None:
            if current.id == group.id:
                return BindOutcome.ALREADY_THIS_GROUP
            return BindOutcome.OTHER_GROUP
        if any(c.platform == chat.platform for c in await self.chats_of(group)):
            return BindOutcome.PLATFORM_TAKEN
        await self._db.execute(
            "INSERT INTO group_chats (group_id, platform, chat_id, bound_by, bound_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (group.id, chat.platform, chat.chat_id, by, to_db(now)),
        )
        self._groups.forget(group.id)
        return BindOutcome.BOUND

    async def unbind(self, chat: ChatRef) -> bool:
        """Detach a bound chat (never the group's own); True if it was bound."""
        group = await self._groups.by_chat(chat.platform, chat.chat_id)
        changed = await self._db.execute(
            "DELETE FROM group_chats WHERE platform = ? AND chat_id = ?",
            (chat.platform, chat.chat_id),
        )
        if group is not None:
            self._groups.forget(group.id)
        return changed > 0

    async def groups_on(self, platform: str) -> list[Group]:
        """Every group with a chat on the platform (its own or a bound one), by name."""
        rows = await self._db.fetchall(
            "SELECT DISTINCT g.id FROM groups g LEFT JOIN group_chats c ON c.group_id = g.id"
            " WHERE g.platform = ? OR c.platform = ? ORDER BY g.name",
            (platform, platform),
        )
        found = [await self._groups.by_id(row["id"]) for row in rows]
        return [group for group in found if group is not None]

    async def chats_of(self, group: Group) -> list[ChatRef]:
        """Every chat of the group: its own first, then the bound ones by platform."""
        rows = await self._db.fetchall(
            "SELECT platform, chat_id FROM group_chats WHERE group_id = ?"
            " ORDER BY platform, chat_id",
            (group.id,),
        )
        return [ChatRef(group.platform, group.chat_id)] + [
            ChatRef(row["platform"], row["chat_id"]) for row in rows
        ]
