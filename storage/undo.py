"""The journal /hoantac (undo) reads: each person's recent changes and what reverses them.

A feature records a change right after making it; /hoantac reads the person's newest change in
the group that is not undone yet and younger than the undo window, names it, and on
confirmation reverses it and marks it undone. Kinds and payloads (ids are database ids):

* ``task_created`` {task_id}; ``task_deleted`` {task_ids}; ``task_edited`` {task_id, from, to};
* ``task_done`` {items: [{task_id, part (the user id of a part, null for the whole task)}]};
* ``task_reopened`` {task_id, was ("done" | "deleted" | "part"), parts | user_id};
* ``task_assigned`` {task_id, user_ids};
* ``task_due`` {task_id, from, from_has_time, to, to_has_time};
* ``event_created`` / ``event_cancelled`` / ``event_restored`` {event_id};
* ``event_moved`` {event_id, from, to, ends_from, ends_to (the end times, or null), place_from,
  place_to, title_from, title_to};
* ``event_edited`` {event_id, place_from, place_to, title_from, title_to};
* ``role_set`` {user_id, from, to, replaced (user id of the tổ trưởng it demoted, or null)}.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from storage.db import Database
from storage.timefmt import from_db, from_db_opt, to_db


@dataclass(frozen=True)
class Change:
    """One recorded change."""

    id: int
    group_id: int
    user_id: str
    at: datetime
    kind: str
    payload: dict[str, Any]
    undone_at: datetime | None


# A person's journal keeps a day of changes; older ones could never be undone anyway.
KEEP = timedelta(days=1)


class UndoLog:
    """Records changes and finds the one to undo."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def record(
        self, group_id: int, user_id: str, kind: str, payload: dict[str, Any], now: datetime
    ) -> int:
        """Note a change the person just made; returns its id. (One statement: this runs after
        every change, /viec included.)"""
        rows = await self._db.write_returning(
            "INSERT INTO undo_log (group_id, user_id, at, kind, payload) VALUES (?, ?, ?, ?, ?)"
            " RETURNING id",
            (group_id, user_id, to_db(now), kind, json.dumps(payload, ensure_ascii=False)),
        )
        return int(rows[0]["id"])

    async def forget_old(self, group_id: int, user_id: str, now: datetime) -> None:
        """Drop the person's changes older than KEEP (done when they ask to undo, which is
        rare, rather than on every change)."""
        await self._db.execute(
            "DELETE FROM undo_log WHERE group_id = ? AND user_id = ? AND at < ?",
            (group_id, user_id, to_db(now - KEEP)),
        )

    async def latest(self, group_id: int, user_id: str, since: datetime) -> Change | None:
        """The person's newest change in the group made at or after `since` and not undone."""
        row = await self._db.fetchone(
            "SELECT * FROM undo_log WHERE group_id = ? AND user_id = ? AND at >= ?"
            " AND undone_at IS NULL ORDER BY id DESC LIMIT 1",
            (group_id, user_id, to_db(since)),
        )
        return _change(row) if row else None

    async def get(self, change_id: int) -> Change | None:
        """A change by id."""
        row = await self._db.fetchone("SELECT * FROM undo_log WHERE id = ?", (change_id,))
        return _change(row) if row else None

    async def mark_undone(self, change_id: int, now: datetime) -> bool:
        """Mark a change undone; False if it already was (pressed twice)."""
        count = await self._db.execute(
            "UPDATE undo_log SET undone_at = ? WHERE id = ? AND undone_at IS NULL",
            (to_db(now), change_id),
        )
        return count > 0


def _change(row: Any) -> Change:
    return Change(
        id=row["id"],
        group_id=row["group_id"],
        user_id=row["user_id"],
        at=from_db(row["at"]),
        kind=row["kind"],
        payload=json.loads(row["payload"]),
        undone_at=from_db_opt(row["undone_at"]),
    )
