"""One person across chat platforms: their accounts, the key features store, where DMs go.

Design. Every feature table (members, tasks, task_assignees, attendance, reminders …) stores a
*person key*, never a platform account id. An account that was never linked is its own person,
with a default key: a Telegram account keeps its bare user id (so the data written before Zalo
existed is already keyed right), any other platform's account is "<platform>.<user id>"
("zalo.6ede9afa66b88fe6d6a9"), so ids of two platforms can never collide. The separator is a
dot, never a colon: keys travel inside button data, whose parts are split at colons.

Linking (`/lienket` code made on one platform, typed on the other) adds a `person_links` row
that points the typing account at the maker's person key, and in the same transaction rewrites
every row stored under the typing account's old key to the maker's key (storage/person_merge.py):
a person who already wrote in the Zalo chat of a bound Tổ has one membership, one role and one
task list afterwards. Roles, tasks and reminders are then the same whichever app is used, because
features only ever see the key; the core resolves the sender's account to its key before any
feature runs. A person has at most one account per platform.

Unlinking deletes the link row of the account that is not the key's default owner: that account
becomes its own (empty) person again, and the data stays with the key and its default account.

Direct messages: `accounts(key)` gives the person's accounts; the `users` table keeps each
account's DM chat and whether it is blocked; `delivery_order` ranks the accounts (`/kenh`,
else where they last wrote privately, then the rest) so a sender can fall back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from storage.db import Database
from storage.person_merge import merge_person_rows
from storage.timefmt import to_db

TELEGRAM = "telegram"
SEPARATOR = "."


def default_person_id(platform: str, user_id: str) -> str:
    """The key of an account that was never linked."""
    return user_id if platform == TELEGRAM else f"{platform}{SEPARATOR}{user_id}"


def default_account(person_id: str) -> Account:
    """The account whose default key this is (it may since have been linked elsewhere)."""
    platform, dot, user_id = person_id.partition(SEPARATOR)
    if dot:
        return Account(platform, user_id)
    return Account(TELEGRAM, person_id)


@dataclass(frozen=True, order=True)
class Account:
    """One platform's account of a person."""

    platform: str
    user_id: str


@dataclass(frozen=True)
class DirectChat:
    """A private chat with the bot through which a person can be reached."""

    platform: str
    user_id: str  # the account's own id on the platform
    chat_id: str


@dataclass(frozen=True)
class PersonPrefs:
    """A person's delivery preferences."""

    person_id: str
    reminder_channel: str | None = None
    last_private_platform: str | None = None


class LinkOutcome(StrEnum):
    """What happened when two accounts were to be linked."""

    LINKED = "linked"
    ALREADY_LINKED = "already_linked"  # the two accounts are already one person
    SAME_PLATFORM = "same_platform"  # both accounts are on one platform
    JOINER_LINKED = "joiner_linked"  # the typing account belongs to another person already
    PLATFORM_TAKEN = "platform_taken"  # the person has another account on that platform


class PersonStore:
    """Reads and writes person links and preferences."""

    def __init__(self, db: Database) -> None:
        self._db = db
        # Asked on every update; this store is the only writer of person_links and prefs.
        self._keys: dict[Account, str] = {}
        self._last_private: dict[str, str] = {}

    async def person_id(self, platform: str, user_id: str) -> str:
        """The person key of an account."""
        account = Account(platform, user_id)
        cached = self._keys.get(account)
        if cached is not None:
            return cached
        row = await self._db.fetchone(
            "SELECT person_id FROM person_links WHERE platform = ? AND user_id = ?",
            (platform, user_id),
        )
        key = row["person_id"] if row else default_person_id(platform, user_id)
        self._keys[account] = key
        return key

    async def accounts(self, person_id: str) -> list[Account]:
        """The person's accounts, by platform name."""
        rows = await self._db.fetchall(
            "SELECT platform, user_id FROM person_links WHERE person_id = ?", (person_id,)
        )
        found = {Account(row["platform"], row["user_id"]) for row in rows}
        owner = default_account(person_id)
        if await self.person_id(owner.platform, owner.user_id) == person_id:
            found.add(owner)
        return sorted(found)

    async def account_on(self, person_id: str, platform: str) -> Account | None:
        """The person's account on one platform, if they have one."""
        return next((a for a in await self.accounts(person_id) if a.platform == platform), None)

    async def link(self, maker: Account, joiner: Account, now: datetime) -> LinkOutcome:
        """Make the joiner's account part of the maker's person, merging the joiner's data.

        Args:
            maker: the account that made the code; its person key is kept.
            joiner: the account that typed the code; its rows move to the maker's key.
            now: the current instant.
        """
        if maker.platform == joiner.platform:
            return LinkOutcome.SAME_PLATFORM
        key = await self.person_id(maker.platform, maker.user_id)
        old_key = await self.person_id(joiner.platform, joiner.user_id)
        if old_key == key:
            return LinkOutcome.ALREADY_LINKED
        if old_key != default_person_id(joiner.platform, joiner.user_id) or (
            await self.accounts(old_key) != [joiner]
        ):
            return LinkOutcome.JOINER_LINKED
        if await self.account_on(key, joiner.platform) is not None:
            return LinkOutcome.PLATFORM_TAKEN
        self._keys.clear()
        self._last_private.clear()
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO person_links (platform, user_id, person_id, linked_at)"
                " VALUES (?, ?, ?, ?)",
                (joiner.platform, joiner.user_id, key, to_db(now)),
            )
            await merge_person_rows(conn, old_key=old_key, new_key=key)
            # The code was just typed privately on the joiner's platform: the latest one.
            await conn.execute(
                "INSERT INTO person_prefs (person_id, last_private_platform, updated_at)"
                " VALUES (?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET"
                " last_private_platform = excluded.last_private_platform,"
                " updated_at = excluded.updated_at",
                (key, joiner.platform, to_db(now)),
            )
        return LinkOutcome.LINKED

    async def unlink(self, account: Account) -> Account | None:
        """Detach the person's linked account; returns it, or None if nothing was linked.

        Whichever account asks, the one detached is the one that is not the key's default
        owner; the data stays with the key.
        """
        key = await self.person_id(account.platform, account.user_id)
        rows = await self._db.fetchall(
            "SELECT platform, user_id FROM person_links WHERE person_id = ? ORDER BY platform",
            (key,),
        )
        if not rows:
            return None
        detached = next(
            (Account(r["platform"], r["user_id"]) for r in rows if _is(r, account)),
            Account(rows[0]["platform"], rows[0]["user_id"]),
        )
        self._keys.clear()
        await self._db.execute(
            "DELETE FROM person_links WHERE platform = ? AND user_id = ?",
            (detached.platform, detached.user_id),
        )
        return detached

    # -- preferences ---------------------------------------------------------------------------

    async def prefs(self, person_id: str) -> PersonPrefs:
        """The person's preferences (defaults when never set)."""
        row = await self._db.fetchone(
            "SELECT * FROM person_prefs WHERE person_id = ?", (person_id,)
        )
        if row is None:
            return PersonPrefs(person_id)
        return PersonPrefs(person_id, row["reminder_channel"], row["last_private_platform"])

    async def note_private_message(self, person_id: str, platform: str, now: datetime) -> None:
        """Remember the platform the person last wrote to the bot on, privately."""
        if self._last_private.get(person_id) == platform:
            return
        self._last_private[person_id] = platform
        await self._db.execute(
            "INSERT INTO person_prefs (person_id, last_private_platform, updated_at)"
            " VALUES (?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET"
            " last_private_platform = excluded.last_private_platform,"
            " updated_at = excluded.updated_at"
            " WHERE last_private_platform IS NOT excluded.last_private_platform",
            (person_id, platform, to_db(now)),
        )

    async def set_reminder_channel(
        self, person_id: str, platform: str | None, now: datetime
    ) -> None:
        """Choose where personal reminders go (None: where they last wrote privately)."""
        await self._db.execute(
            "INSERT INTO person_prefs (person_id, reminder_channel, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (person_id) DO UPDATE SET reminder_channel = excluded.reminder_channel,"
            " updated_at = excluded.updated_at",
            (person_id, platform, to_db(now)),
        )

    async def delivery_order(self, person_id: str) -> list[Account]:
        """The person's accounts in the order personal reminders should try them.

        The channel chosen with /kenh first, else the platform they last wrote to privately,
        then the others: the sender skips an account it cannot reach (no DM yet, blocked, or
        the platform's monthly quota used up) and falls back to the next.
        """
        return _in_delivery_order(await self.accounts(person_id), await self.prefs(person_id))

    async def direct_chats(self, person_id: str) -> list[DirectChat]:
        """The private chats that reach the person, in delivery order (see delivery_order).

        Only accounts that started the bot and have not blocked it are listed. One query
        (accounts, their DM chats and the preferences together): every /viec that names
        someone asks this.
        """
        owner = default_account(person_id)
        rows = await self._db.fetchall(
            "WITH accounts (platform, user_id) AS ("
            " SELECT platform, user_id FROM person_links WHERE person_id = ?1"
            # The key's default account, unless it has since been linked to another person.
            " UNION SELECT ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM person_links"
            " WHERE platform = ?2 AND user_id = ?3 AND person_id != ?1))"
            " SELECT a.platform, a.user_id, u.dm_chat_id, p.reminder_channel,"
            " p.last_private_platform FROM accounts a"
            " JOIN users u ON u.platform = a.platform AND u.user_id = a.user_id"
            " AND u.dm_chat_id IS NOT NULL AND u.dm_blocked = 0"
            " LEFT JOIN person_prefs p ON p.person_id = ?1",
            (person_id, owner.platform, owner.user_id),
        )
        if not rows:
            return []
        prefs = PersonPrefs(
            person_id, rows[0]["reminder_channel"], rows[0]["last_private_platform"]
        )
        chats = {Account(r["platform"], r["user_id"]): r["dm_chat_id"] for r in rows}
        return [
            DirectChat(a.platform, a.user_id, chats[a]) for a in _in_delivery_order(chats, prefs)
        ]


def _in_delivery_order(accounts: Iterable[Account], prefs: PersonPrefs) -> list[Account]:
    """/kenh's channel first, then where the person last wrote privately, then the rest."""
    preferred = [prefs.reminder_channel, prefs.last_private_platform]
    rank = {p: i for i, p in reversed(list(enumerate(preferred))) if p is not None}
    return sorted(accounts, key=lambda a: (rank.get(a.platform, len(preferred)), a))


def _is(row: sqlite3.Row, account: Account) -> bool:
    return bool(row["platform"] == account.platform and row["user_id"] == account.user_id)
