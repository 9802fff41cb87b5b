"""Numbered choices: buttons on a platform that has none (Zalo), answered with the number.

The options last shown in a chat are kept here, for the person the reply answered or for anyone
in the chat (a reminder to a group), until they are answered, replaced by newer options in the
same chat, or expire; in the database, so a restart in between keeps them.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.db import Database
from storage.timefmt import from_db, to_db

ANYONE = "*"
PERSONAL_TTL = timedelta(hours=1)
CHAT_TTL = timedelta(days=2)  # a group reminder's Tham dự / Vắng is answered over days


@dataclass(frozen=True)
class Choice:
    """One numbered option: what it says, and the button data it stands for."""

    label: str
    data: str


@dataclass(frozen=True)
class PendingChoice:
    """The options waiting for an answer in a chat."""

    platform: str
    chat_id: str
    audience: str
    options: tuple[Choice, ...]
    created_at: datetime
    expires_at: datetime

    def pick(self, number: int) -> Choice | None:
        """The option with this number (1-based), if there is one."""
        return self.options[number - 1] if 1 <= number <= len(self.options) else None


def _pending(row: sqlite3.Row) -> PendingChoice:
    return PendingChoice(
        platform=row["platform"],
        chat_id=row["chat_id"],
        audience=row["audience"],
        options=tuple(Choice(label, data) for label, data in json.loads(row["options"])),
        created_at=from_db(row["created_at"]),
        expires_at=from_db(row["expires_at"]),
    )


class ChoiceStore:
    """Reads and writes the waiting numbered choices."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def offer(
        self,
        platform: str,
        chat_id: str,
        audience: str,
        options: list[Choice],
        now: datetime,
        ttl: timedelta,
    ) -> None:
        """Keep options shown in a chat for an account (or ANYONE), replacing earlier ones."""
        if not options:
            raise ValueError("a choice needs options")
        await self._db.execute(
            "INSERT INTO pending_choices (platform, chat_id, audience, options, created_at,"
            " expires_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (platform, chat_id, audience)"
            " DO UPDATE SET options = excluded.options, created_at = excluded.created_at,"
            " expires_at = excluded.expires_at",
            (
                platform,
                chat_id,
                audience,
                json.dumps([[o.label, o.data] for o in options], ensure_ascii=False),
                to_db(now),
                to_db(now + ttl),
            ),
        )

    async def waiting_for(
        self, platform: str, chat_id: str, user_id: str, now: datetime
    ) -> PendingChoice | None:
        """The options an account's number answers: their own first, else the chat's."""
        rows = await self._db.fetchall(
            "SELECT * FROM pending_choices WHERE platform = ? AND chat_id = ?"
            " AND audience IN (?, ?) AND expires_at > ?"
            " ORDER BY audience = ? DESC",
            (platform, chat_id, user_id, ANYONE, to_db(now), user_id),
        )
        return _pending(rows[0]) if rows else None

    async def had_expired(self, platform: str, chat_id: str, user_id: str, now: datetime) -> bool:
        """Whether options for this account did exist but have expired (to say so)."""
        row = await self._db.fetchone(
            "SELECT 1 FROM pending_choices WHERE platform = ? AND chat_id = ?"
            " AND audience IN (?, ?) AND expires_at <= ?",
            (platform, chat_id, user_id, ANYONE, to_db(now)),
        )
        return row is not None

    async def clear(self, platform: str, chat_id: str, audience: str) -> None:
        """Forget the options for an account (or ANYONE) in a chat."""
        await self._db.execute(
            "DELETE FROM pending_choices WHERE platform = ? AND chat_id = ? AND audience = ?",
            (platform, chat_id, audience),
        )

    async def prune(self, now: datetime, grace: timedelta = timedelta(days=1)) -> int:
        """Forget options expired more than `grace` ago (until then "expired" can be said)."""
        return await self._db.execute(
            "DELETE FROM pending_choices WHERE expires_at < ?", (to_db(now - grace),)
        )
