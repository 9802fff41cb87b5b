"""Group commands typed in a private chat, waiting for the answer to "which Tổ?"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.db import Database
from storage.timefmt import from_db, to_db

WAIT = timedelta(hours=1)


@dataclass(frozen=True)
class PendingCommand:
    """A command and its arguments, as typed."""

    id: int
    platform: str
    chat_id: str
    person_id: str
    command: str
    args: str
    created_at: datetime


class PendingCommandStore:
    """Keeps commands until the person says which Tổ they are for."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self, platform: str, chat_id: str, person_id: str, command: str, args: str, now: datetime
    ) -> int:
        """Keep a command; returns its id. Older ones of the person are dropped."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "DELETE FROM pending_commands WHERE person_id = ? OR created_at < ?",
                (person_id, to_db(now - WAIT)),
            )
            cursor = await conn.execute(
                "INSERT INTO pending_commands (platform, chat_id, person_id, command, args,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (platform, chat_id, person_id, command, args, to_db(now)),
            )
            return int(cursor.lastrowid or 0)

    async def take(self, pending_id: int, person_id: str, now: datetime) -> PendingCommand | None:
        """The person's waiting command (removed), unless gone, someone else's or too old."""
        rows = await self._db.write_returning(
            "DELETE FROM pending_commands WHERE id = ? AND person_id = ? AND created_at >= ?"
            " RETURNING *",
            (pending_id, person_id, to_db(now - WAIT)),
        )
        if not rows:
            return None
        row = rows[0]
        return PendingCommand(
            row["id"],
            row["platform"],
            row["chat_id"],
            row["person_id"],
            row["command"],
            row["args"],
            from_db(row["created_at"]),
        )
