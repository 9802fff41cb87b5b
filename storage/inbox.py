"""The durable inbox of a platform that replays updates (Zalo: no offset, no acknowledgement).

An update is written here before it is acknowledged (the webhook's 200) and before it is
handled, under its (event_name, message_id); a replay finds the row and is dropped, so a command
never runs twice, even across a restart. States: received → started → done. At start-up, rows
still `received` are handled (accepted, never started); rows left `started` by a crash are
marked `abandoned` and not run again, because they may have half-run: at most once.
Rows are kept KEEP days; a replay older than that cannot be told from a new update, so updates
sent before the window are refused outright.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from storage.db import Database
from storage.timefmt import from_db, to_db

KEEP = timedelta(days=7)


@dataclass(frozen=True)
class InboxEntry:
    """An accepted update."""

    id: int
    platform: str
    event_name: str
    message_id: str
    body: dict[str, Any]
    received_at: datetime


class InboxStore:
    """Accepts updates once and tracks their handling."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def accept(
        self,
        platform: str,
        event_name: str,
        message_id: str,
        body: dict[str, Any],
        now: datetime,
        *,
        sent_at: datetime | None = None,
    ) -> InboxEntry | None:
        """Keep a new update; None if it was seen before (a replay) or is older than KEEP."""
        if sent_at is not None and sent_at < now - KEEP:
            return None
        rows = await self._db.write_returning(
            "INSERT INTO inbox (platform, event_name, message_id, body, received_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
            (platform, event_name, message_id, json.dumps(body, ensure_ascii=False), to_db(now)),
        )
        if not rows:
            return None
        return InboxEntry(rows[0]["id"], platform, event_name, message_id, body, now)

    async def start(self, entry_id: int) -> bool:
        """Claim an accepted update for handling; False if it was already claimed."""
        changed = await self._db.execute(
            "UPDATE inbox SET status = 'started' WHERE id = ? AND status = 'received'",
            (entry_id,),
        )
        return changed > 0

    async def finish(self, entry_id: int) -> None:
        """The update has been handled."""
        await self._db.execute("UPDATE inbox SET status = 'done' WHERE id = ?", (entry_id,))

    async def recover(self, platform: str) -> tuple[list[InboxEntry], int]:
        """At start-up: the updates accepted but never started, and how many were abandoned.

        Rows a crash left `started` are marked `abandoned` (they may have half-run).
        """
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE inbox SET status = 'abandoned' WHERE platform = ? AND status = 'started'",
                (platform,),
            )
            abandoned = cursor.rowcount
            async with conn.execute(
                "SELECT * FROM inbox WHERE platform = ? AND status = 'received' ORDER BY id",
                (platform,),
            ) as rows:
                waiting = [
                    InboxEntry(
                        row["id"],
                        row["platform"],
                        row["event_name"],
                        row["message_id"],
                        json.loads(row["body"]),
                        from_db(row["received_at"]),
                    )
                    for row in await rows.fetchall()
                ]
        return waiting, abandoned

    async def status(self, platform: str, event_name: str, message_id: str) -> str | None:
        """The handling state of an update, if it was accepted."""
        row = await self._db.fetchone(
            "SELECT status FROM inbox WHERE platform = ? AND event_name = ? AND message_id = ?",
            (platform, event_name, message_id),
        )
        return row["status"] if row else None

    async def prune(self, now: datetime) -> int:
        """Forget updates received more than KEEP ago; returns how many."""
        return await self._db.execute(
            "DELETE FROM inbox WHERE received_at < ? AND status != 'received'",
            (to_db(now - KEEP),),
        )
