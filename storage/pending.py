"""Requests waiting for their author's confirmation (a task with a deadline already past, a
deadline moved into the past): kept in `task_pending` until "Vẫn tạo" / "Vẫn đổi hạn" / "Hủy"."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.db import Database
from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class Pending:
    """A request waiting for its author's confirmation."""

    id: int
    group_id: int
    user_id: str
    kind: str
    payload: dict[str, Any]
    created_at: datetime


class PendingRequests:
    """Reads and writes the waiting requests."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self, group_id: int, user_id: str, kind: str, payload: dict[str, Any], now: datetime
    ) -> int:
        """Keep a request until its author confirms it; returns its id."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO task_pending (group_id, user_id, kind, payload, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (group_id, user_id, kind, json.dumps(payload, ensure_ascii=False), to_db(now)),
            )
            return int(cursor.lastrowid or 0)

    async def get(self, pending_id: int) -> Pending | None:
        """A waiting request by id. Callers must check it belongs to their group."""
        row = await self._db.fetchone("SELECT * FROM task_pending WHERE id = ?", (pending_id,))
        if row is None:
            return None
        return Pending(
            id=row["id"],
            group_id=row["group_id"],
            user_id=row["user_id"],
            kind=row["kind"],
            payload=json.loads(row["payload"]),
            created_at=from_db(row["created_at"]),
        )

    async def drop(self, pending_id: int) -> bool:
        """Forget a waiting request; False if it was already gone (pressed twice)."""
        return await self._db.execute("DELETE FROM task_pending WHERE id = ?", (pending_id,)) > 0
