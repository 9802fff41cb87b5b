"""Groups, members and users.

Group settings are a JSON object; keys (all optional, defaults applied by the feature that reads
them): "address" ("anh/chị" or "đồng chí"), and per-feature keys added by later features.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from storage.db import Database
from storage.models import Group, Member, Role, User
from storage.timefmt import from_db, to_db


def _group(row: sqlite3.Row) -> Group:
    return Group(
        id=row["id"],
        platform=row["platform"],
        chat_id=row["chat_id"],
        name=row["name"],
        timezone=ZoneInfo(row["timezone"]),
        settings=json.loads(row["settings"]),
        registered_by=row["registered_by"],
        created_at=from_db(row["created_at"]),
    )


def _member(row: sqlite3.Row) -> Member:
    return Member(
        id=row["id"],
        group_id=row["group_id"],
        user_id=row["user_id"],
        display_name=row["display_name"],
        username=row["username"],
        role=Role(row["role"]),
        active=bool(row["active"]),
        joined_at=from_db(row["joined_at"]),
        last_seen_at=from_db(row["last_seen_at"]),
    )


def _user(row: sqlite3.Row) -> User:
    return User(
        platform=row["platform"],
        user_id=row["user_id"],
        display_name=row["display_name"],
        username=row["username"],
        dm_chat_id=row["dm_chat_id"],
        dm_blocked=bool(row["dm_blocked"]),
    )


class GroupStore:
    """Reads and writes groups, members and users."""

    def __init__(self, db: Database) -> None:
        self._db = db
        # This store is the only writer of groups, members and users (one bot process owns the
        # database file), so it can keep what it last read or wrote: every update asks for its
        # chat's group and notes its sender, the dispatcher asks for the group of every row it
        # sends, and most of those answers never change.
        self._groups_by_chat: dict[tuple[str, str], Group] = {}
        self._groups_by_id: dict[int, Group] = {}
        self._users: dict[tuple[str, str], User] = {}
        self._members: dict[tuple[int, str], Member] = {}
        db.on_rollback(self.forget_cached)

    def forget_cached(self) -> None:
        """Drop everything kept in memory (a transaction that wrote some of it rolled back)."""
        self._groups_by_chat.clear()
        self._groups_by_id.clear()
        self._users.clear()
        self._members.clear()

    # -- groups ------------------------------------------------------------------------------

    async def by_chat(self, platform: str, chat_id: str) -> Group | None:
        """The group bound to a chat, if registered."""
        cached = self._groups_by_chat.get((platform, chat_id))
        if cached is not None:
            return cached
        # The group's own chat, or a chat bound to it (storage/group_chats.py).
        row = await self._db.fetchone(
            "SELECT * FROM groups WHERE platform = ? AND chat_id = ? UNION ALL"
            " SELECT g.* FROM group_chats c JOIN groups g ON g.id = c.group_id"
            " WHERE c.platform = ? AND c.chat_id = ?",
            (platform, chat_id, platform, chat_id),
        )
        if row is None:
            return None
        group = _group(row)
        self._groups_by_chat[(platform, chat_id)] = group
        return group

    def forget(self, group_id: int) -> None:
        """Drop what is remembered of a group (another store changed its chats)."""
        self._forget_group(group_id)

    def _forget_group(self, group_id: int) -> None:
        self._groups_by_id.pop(group_id, None)
        for key, group in list(self._groups_by_chat.items()):
            if group.id == group_id:
                del self._groups_by_chat[key]

    async def by_id(self, group_id: int) -> Group | None:
        """A group by its id."""
        cached = self._groups_by_id.get(group_id)
        if cached is not None:
            return cached
        row = await self._db.fetchone("SELECT * FROM groups WHERE id = ?", (group_id,))
        if row is None:
            return None
        group = _group(row)
        self._groups_by_id[group_id] = group
        return group

    async def register(
        self,
        *,
        platform: str,
        chat_id: str,
        name: str,
        timezone: ZoneInfo,
        registered_by: str,
        now: datetime,
    ) -> Group:
        """Bind a chat to a new group."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO groups (platform, chat_id, name, timezone, registered_by, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (platform, chat_id, name, timezone.key, registered_by, to_db(now)),
            )
            group_id = cursor.lastrowid
        group = await self.by_id(int(group_id or 0))
        assert group is not None
        return group

    async def rename(self, group_id: int, name: str) -> None:
        """Change a group's name."""
        self._forget_group(group_id)
        await self._db.execute("UPDATE groups SET name = ? WHERE id = ?", (name, group_id))

    async def update_settings(self, group_id: int, changes: dict[str, Any]) -> dict[str, Any]:
        """Merge changes into a group's settings (a None value removes the key)."""
        self._forget_group(group_id)
        async with self._db.transaction() as conn:
            async with conn.execute("SELECT settings FROM groups WHERE id = ?", (group_id,)) as c:
                row = await c.fetchone()
            settings = json.loads(row["settings"]) if row else {}
            for key, value in changes.items():
                if value is None:
                    settings.pop(key, None)
                else:
                    settings[key] = value
            await conn.execute(
                "UPDATE groups SET settings = ? WHERE id = ?",
                (json.dumps(settings, ensure_ascii=False), group_id),
            )
        return settings

    async def move_chat(self, platform: str, old_chat_id: str, new_chat_id: str) -> bool:
        """Follow a chat that changed id (Telegram group → supergroup); True if a group moved."""
        moved = self._groups_by_chat.get((platform, old_chat_id))
        for group in [*self._groups_by_chat.values(), *self._groups_by_id.values()]:
            if group.platform == platform and group.chat_id == old_chat_id:
                self._forget_group(group.id)
        if moved is not None:
            self._forget_group(moved.id)
        taken = "AND NOT EXISTS (SELECT 1 FROM groups WHERE platform = ? AND chat_id = ?)"
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                f"UPDATE groups SET chat_id = ? WHERE platform = ? AND chat_id = ? {taken}",
                (new_chat_id, platform, old_chat_id, platform, new_chat_id),
            )
            # A chat bound to a Tổ whose own chat is on another platform (group_chats.py).
            bound = await conn.execute(
                f"UPDATE OR IGNORE group_chats SET chat_id = ? WHERE platform = ? AND chat_id = ?"
                f" {taken}",
                (new_chat_id, platform, old_chat_id, platform, new_chat_id),
            )
            return cursor.rowcount + bound.rowcount > 0

    async def groups_of_user(self, user_id: str) -> list[Group]:
        """Groups in which the person (key, storage/people.py) is an active member."""
        rows = await self._db.fetchall(
            "SELECT g.* FROM groups g JOIN members m ON m.group_id = g.id"
            " WHERE m.user_id = ? AND m.active = 1 ORDER BY g.name",
            (user_id,),
        )
        return [_group(row) for row in rows]

    # -- members -----------------------------------------------------------------------------

    async def record_member(
        self,
        group_id: int,
        *,
        user_id: str,
        display_name: str,
        username: str | None,
        now: datetime,
        role: Role | None = None,
    ) -> Member:
        """Note that a person wrote in or joined the group; returns the up-to-date member.

        Keeps an existing role unless `role` is given; reactivates someone who had left.
        """
        rows = await self._db.write_returning(
            "INSERT INTO members (group_id, user_id, display_name, username, role,"
            " joined_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (group_id, user_id) DO UPDATE SET"
            " display_name = excluded.display_name, username = excluded.username,"
            " last_seen_at = excluded.last_seen_at, active = 1"
            + (", role = excluded.role" if role is not None else "")
            + " RETURNING *",
            (
                group_id,
                user_id,
                display_name,
                username,
                (role or Role.THANH_VIEN).value,
                to_db(now),
                to_db(now),
            ),
        )
        member = _member(rows[0])
        self._members[(group_id, user_id)] = member
        return member

    async def member(self, group_id: int, user_id: str) -> Member | None:
        """An active member of a group, by platform user id."""
        cached = self._members.get((group_id, user_id))
        if cached is not None:
            return cached
        row = await self._db.fetchone(
            "SELECT * FROM members WHERE group_id = ? AND user_id = ? AND active = 1",
            (group_id, user_id),
        )
        if row is None:
            return None
        member = _member(row)
        self._members[(group_id, user_id)] = member
        return member

    async def member_by_username(self, group_id: int, username: str) -> Member | None:
        """An active member by @username (case-insensitive, with or without the '@')."""
        row = await self._db.fetchone(
            "SELECT * FROM members WHERE group_id = ? AND username = ? COLLATE NOCASE"
            " AND active = 1",
            (group_id, username.lstrip("@")),
        )
        return _member(row) if row else None

    async def members(self, group_id: int) -> list[Member]:
        """Active members, leaders first, then by name."""
        rows = await self._db.fetchall(
            "SELECT * FROM members WHERE group_id = ? AND active = 1 ORDER BY"
            " CASE role WHEN 'totruong' THEN 0 WHEN 'topho' THEN 1 WHEN 'daibieu' THEN 2"
            " WHEN 'chuyenvien' THEN 3 ELSE 4 END, display_name COLLATE NOCASE",
            (group_id,),
        )
        return [_member(row) for row in rows]

    async def set_role(self, group_id: int, user_id: str, role: Role) -> None:
        """Give a member a role; a group has one tổ trưởng, so naming a new one demotes the old."""
        for key in [key for key in self._members if key[0] == group_id]:
            del self._members[key]
        async with self._db.transaction() as conn:
            if role is Role.TO_TRUONG:
                await conn.execute(
                    "UPDATE members SET role = 'daibieu' WHERE group_id = ? AND role = 'totruong'"
                    " AND user_id != ?",
                    (group_id, user_id),
                )
            await conn.execute(
                "UPDATE members SET role = ? WHERE group_id = ? AND user_id = ?",
                (role.value, group_id, user_id),
            )

    async def mark_left(self, group_id: int, user_id: str) -> None:
        """A person left the chat: keep their history, stop treating them as a member."""
        self._members.pop((group_id, user_id), None)
        await self._db.execute(
            "UPDATE members SET active = 0 WHERE group_id = ? AND user_id = ?",
            (group_id, user_id),
        )

    # -- users (direct messages) ------------------------------------------------------------

    async def record_user(
        self,
        platform: str,
        user_id: str,
        *,
        display_name: str,
        username: str | None,
        now: datetime,
        dm_chat_id: str | None = None,
    ) -> User:
        """Note a person; with dm_chat_id, they started the bot and can receive DMs again."""
        known = self._users.get((platform, user_id))
        if (
            known is not None
            and known.display_name == display_name
            and known.username == username
            and (dm_chat_id is None or (known.dm_chat_id == dm_chat_id and not known.dm_blocked))
        ):
            return known
        rows = await self._db.write_returning(
            "INSERT INTO users (platform, user_id, display_name, username, dm_chat_id,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (platform, user_id) DO UPDATE SET"
            " display_name = excluded.display_name, username = excluded.username,"
            " updated_at = excluded.updated_at"
            + (
                ", dm_chat_id = excluded.dm_chat_id, dm_blocked = 0"
                if dm_chat_id is not None
                else ""
            )
            + " RETURNING *",
            (platform, user_id, display_name, username, dm_chat_id, to_db(now)),
        )
        user = _user(rows[0])
        self._users[(platform, user_id)] = user
        return user

    async def user(self, platform: str, user_id: str) -> User | None:
        """A person by platform user id."""
        cached = self._users.get((platform, user_id))
        if cached is not None:
            return cached
        row = await self._db.fetchone(
            "SELECT * FROM users WHERE platform = ? AND user_id = ?", (platform, user_id)
        )
        if row is None:
            return None
        user = _user(row)
        self._users[(platform, user_id)] = user
        return user

    async def mention(self, group: Group, user_id: str) -> str:
        """How to name a person in the group: @username, else their name (plain text)."""
        member = await self.member(group.id, user_id)
        if member is not None:
            return member.mention
        user = await self.user(group.platform, user_id)
        return user.mention if user is not None else user_id

    async def mark_dm_blocked(self, platform: str, user_id: str) -> None:
        """A DM failed because the person blocked the bot: stop until they start it again."""
        self._users.pop((platform, user_id), None)
        await self._db.execute(
            "UPDATE users SET dm_blocked = 1 WHERE platform = ? AND user_id = ?",
            (platform, user_id),
        )

    async def mark_dm_blocked_chat(self, platform: str, dm_chat_id: str) -> None:
        """A DM chat refused a message: whoever it belongs to blocked the bot."""
        self._users.clear()
        await self._db.execute(
            "UPDATE users SET dm_blocked = 1 WHERE platform = ? AND dm_chat_id = ?",
            (platform, dm_chat_id),
        )
