"""Changes that take a task back or rewrite it: reopen, restore, edit its text, reopen a part.

TaskStore (storage/tasks.py) inherits these, so every change still goes through one TaskStore
method in one transaction with its history event and the `on_change` hook.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

import aiosqlite

from storage.db import Database
from storage.timefmt import to_db


class _Part(Protocol):
    @property
    def user_id(self) -> str: ...
    @property
    def done(self) -> bool: ...


class Task(Protocol):
    """What these changes read of a storage.tasks.Task (a Protocol, so the two modules do
    not import each other)."""

    @property
    def id(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def assignees(self) -> Sequence[_Part]: ...


async def add_event(
    conn: aiosqlite.Connection,
    task_id: int,
    at: datetime,
    actor: str,
    action: str,
    **detail: Any,
) -> None:
    """One line of a task's history (task_events.detail is documented in storage/tasks.py)."""
    await conn.execute(
        "INSERT INTO task_events (task_id, at, actor_id, action, detail) VALUES (?, ?, ?, ?, ?)",
        (task_id, to_db(at), actor, action, json.dumps(detail, ensure_ascii=False)),
    )


class TaskEdits:
    """The reversing and rewriting changes of TaskStore."""

    _db: Database

    async def _changed(self, task_id: int) -> None:
        raise NotImplementedError  # TaskStore provides it

    async def reopen(self, task: Task, actor: str, now: datetime) -> list[str]:
        """A done task is open again; returns the assignees whose parts reopened with it.

        When every assignee had finished, all their parts reopen (else the task would be done
        again at once); when a leader had closed it over open parts, the finished parts stay.
        """
        everyone_done = bool(task.assignees) and all(a.done for a in task.assignees)
        parts = [a.user_id for a in task.assignees] if everyone_done else []
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE tasks SET status = 'open', done_at = NULL, done_by = NULL"
                " WHERE id = ? AND status = 'done'",
                (task.id,),
            )
            if not cursor.rowcount:
                return []
            if parts:
                await conn.execute(
                    "UPDATE task_assignees SET done_at = NULL WHERE task_id = ?", (task.id,)
                )
            await add_event(conn, task.id, now, actor, "reopened", parts=parts)
            await self._changed(task.id)
        return parts

    async def reopen_part(self, task: Task, user_id: str, actor: str, now: datetime) -> bool:
        """An assignee's part is not done after all; a done task opens again with it."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE task_assignees SET done_at = NULL"
                " WHERE task_id = ? AND user_id = ? AND done_at IS NOT NULL",
                (task.id, user_id),
            )
            if not cursor.rowcount:
                return False
            await add_event(conn, task.id, now, actor, "part_reopened", user_id=user_id)
            cursor = await conn.execute(
                "UPDATE tasks SET status = 'open', done_at = NULL, done_by = NULL"
                " WHERE id = ? AND status = 'done'",
                (task.id,),
            )
            if cursor.rowcount:
                await add_event(conn, task.id, now, actor, "reopened", parts=[user_id])
            await self._changed(task.id)
        return True

    async def restore(self, task: Task, actor: str, now: datetime) -> bool:
        """A deleted task is back on the lists as it stood: done if it had been done."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE tasks SET status = CASE WHEN done_at IS NULL THEN 'open' ELSE 'done' END"
                " WHERE id = ? AND status = 'deleted'",
                (task.id,),
            )
            if not cursor.rowcount:
                return False
            await add_event(conn, task.id, now, actor, "restored")
            await self._changed(task.id)
        return True

    async def edit_text(self, task: Task, text: str, actor: str, now: datetime) -> None:
        """Rewrite a task's text (the old text stays in its history)."""
        async with self._db.transaction() as conn:
            await conn.execute("UPDATE tasks SET text = ? WHERE id = ?", (text, task.id))
            await add_event(conn, task.id, now, actor, "edited", to=text, **{"from": task.text})
