"""Read-only views of the task tables (written by the task feature) for reminders and digests.

The task tables come from migration 0002; this module never writes them. If they do not exist
(an older database, or the task feature not installed) every read answers "no tasks".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Database
from storage.timefmt import from_db, from_db_opt, to_db


@dataclass(frozen=True)
class TaskView:
    """What reminders need to know about a task."""

    id: int
    group_id: int
    number: int
    text: str
    created_by: str
    due_at: datetime | None
    due_has_time: bool
    status: str
    open_assignees: tuple[str, ...]  # user ids whose part is not done


class TaskReader:
    """Reads tasks and their assignees."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._present: bool | None = None

    async def available(self) -> bool:
        """Whether the task tables exist (checked once; migrations run before any read)."""
        if self._present is None:
            row = await self._db.fetchone(
                "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'"
                " AND name IN ('tasks', 'task_assignees')"
            )
            self._present = bool(row and row["n"] == 2)
        return self._present

    async def task(self, task_id: int) -> TaskView | None:
        """One task with the assignees who have not finished their part."""
        if not await self.available():
            return None
        row = await self._db.fetchone("SELECT * FROM tasks WHERE id = ?", (task_id,))
        if row is None:
            return None
        people = await self._db.fetchall(
            "SELECT user_id FROM task_assignees WHERE task_id = ? AND done_at IS NULL"
            " ORDER BY assigned_at, user_id",
            (task_id,),
        )
        return TaskView(
            id=row["id"],
            group_id=row["group_id"],
            number=row["number"],
            text=row["text"],
            created_by=row["created_by"],
            due_at=from_db_opt(row["due_at"]),
            due_has_time=bool(row["due_has_time"]),
            status=row["status"],
            open_assignees=tuple(p["user_id"] for p in people),
        )

    async def open_with_deadline(self, group_id: int) -> list[int]:
        """Ids of the group's open tasks that have a deadline."""
        if not await self.available():
            return []
        rows = await self._db.fetchall(
            "SELECT id FROM tasks WHERE group_id = ? AND status = 'open' AND due_at IS NOT NULL",
            (group_id,),
        )
        return [r["id"] for r in rows]

    async def due_between(self, group_id: int, start: datetime, end: datetime) -> list[TaskView]:
        """Open tasks whose deadline falls in [start, end)."""
        return await self._views(
            "status = 'open' AND due_at >= ? AND due_at < ?", group_id, to_db(start), to_db(end)
        )

    async def overdue(self, group_id: int, now: datetime) -> list[TaskView]:
        """Open tasks past their deadline (tasks.overdue_at: the end of a date-only day)."""
        return await self._views(
            "status = 'open' AND due_at IS NOT NULL AND overdue_at <= ?", group_id, to_db(now)
        )

    async def _views(self, where: str, group_id: int, *params: str) -> list[TaskView]:
        if not await self.available():
            return []
        rows = await self._db.fetchall(
            f"SELECT t.*, (SELECT group_concat(a.user_id) FROM task_assignees a"
            f" WHERE a.task_id = t.id AND a.done_at IS NULL) AS people"
            f" FROM tasks t WHERE group_id = ? AND {where} ORDER BY due_at, number",
            (group_id, *params),
        )
        return [
            TaskView(
                id=r["id"],
                group_id=r["group_id"],
                number=r["number"],
                text=r["text"],
                created_by=r["created_by"],
                due_at=from_db(r["due_at"]),
                due_has_time=bool(r["due_has_time"]),
                status=r["status"],
                open_assignees=tuple((r["people"] or "").split(",")) if r["people"] else (),
            )
            for r in rows
        ]
