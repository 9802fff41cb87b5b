"""Questions waiting for their author's answer, kept in `task_pending` so a restart loses nothing.

Nothing a question is about changes until its author answers. Kinds (payload keys):

* ``create`` {text, assignees, due_at, has_time, source_message_id}: a task with a past deadline;
* ``due`` {task_id, due_at, has_time}: a deadline moved into the past;
* ``close`` {task_ids}: a leader closes tasks whose assignees have open parts;
* ``delete`` {task_ids}: /xoa;
* ``cancel_event`` {event_id}: /huylich;
* ``role`` {user_id, role}: lowering one's own role; ``role_pick`` {role, user_ids}: which of
  the members with the same name;
* ``pick_group`` {command, args}: which Tổ a command typed in a private chat is for (the only
  kind asked with no group, group_id NULL);
* ``undo`` {undo_id}: /hoantac, once the change is named;
* ``event`` {kind, place, title, starts_at, ends_at}, ``move`` {event_id, place, title,
  starts_at, ends_at} and ``remind`` {text, first_due}: a time typed without its
  year that lands months away ("ý anh/chị là 20/11/2027?", handlers/timewords.py), before
  /lich, /doilich and /nhac file it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.db import Database
from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class Pending:
    """A question waiting for its author's answer."""

    id: int
    group_id: int | None
    user_id: str
    kind: str
    payload: dict[str, Any]
    created_at: datetime


class PendingRequests:
    """Reads and writes the waiting questions."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self,
        group_id: int | None,
        user_id: str,
        kind: str,
        payload: dict[str, Any],
        now: datetime,
        *,
        forget_before: datetime | None = None,
    ) -> int:
        """Keep a question until its author answers it; returns its id.

        Args:
            forget_before: drop the author's questions asked before this (never answered,
                and too old to be acted on).
        """
        async with self._db.transaction() as conn:
            if forget_before is not None:
                await conn.execute(
                    "DELETE FROM task_pending WHERE user_id = ? AND created_at < ?",
                    (user_id, to_db(forget_before)),
                )
            cursor = await conn.execute(
                "INSERT INTO task_pending (group_id, user_id, kind, payload, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (group_id, user_id, kind, json.dumps(payload, ensure_ascii=False), to_db(now)),
            )
            return int(cursor.lastrowid or 0)

    async def get(self, pending_id: int) -> Pending | None:
        """A waiting question by id. Callers must check it belongs to their group and sender."""
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
        """Forget a waiting question; False if it was already gone (pressed twice)."""
        return await self._db.execute("DELETE FROM task_pending WHERE id = ?", (pending_id,)) > 0
