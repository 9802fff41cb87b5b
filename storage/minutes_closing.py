"""Closing a recording into numbered minutes with its tasks, the number series, closed minutes.

MinutesStore (storage/minutes.py) is built on this class; see there for the rules.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

import aiosqlite

from storage.db import Database
from storage.minutes_rows import (
    AUTO_CLOSE_KIND,
    NEXT_SQL,
    Compose,
    Minutes,
    MinutesEntry,
    NewMinutesTask,
    NumberTakenError,
    Recording,
    TaskOrigin,
    entry_fields,
)
from storage.reminders import cancel_source
from storage.tasks import TaskStore
from storage.timefmt import to_db


class MinutesBook:
    """The closing transaction, the yearly number series, and the closed minutes."""

    _db: Database
    _tasks: TaskStore
    _open: dict[int, Recording | None]

    # -- closing -----------------------------------------------------------------------------

    async def close(
        self,
        recording: Recording,
        *,
        now: datetime,
        closed_by: str | None,
        reason: str,
        year: int,
        zone: ZoneInfo,
        tasks: Sequence[NewMinutesTask],
        compose: Compose,
        names: Mapping[str, str] | None = None,
    ) -> Minutes | None:
        """Close the recording, number it, create its tasks and store its content, atomically.

        Returns None when the recording was no longer open (closed meanwhile by someone else
        or by the auto-close), and then changes nothing.
        """
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE minutes_recordings SET status = 'closed', closed_at = ?, closed_by = ?,"
                " close_reason = ? WHERE id = ? AND status = 'open'",
                (to_db(now), closed_by, reason, recording.id),
            )
            self._open.pop(recording.group_id, None)  # read again after the commit or rollback
            if cursor.rowcount == 0:
                return None
            number = await self._take_number(conn, recording.group_id, year)
            created = [
                await self._tasks.create(
                    group_id=recording.group_id,
                    text=t.text,
                    created_by=t.created_by,
                    now=now,
                    zone=zone,
                    due_at=t.due_at,
                    due_has_time=t.due_has_time,
                    assignees=t.assignees,
                    source_message_id=t.source_message_id,
                    names=names,
                )
                for t in tasks
            ]
            content = dict(compose(number, created))
            (row,) = await conn.execute_fetchall(
                "INSERT INTO minutes (group_id, recording_id, year, number, title, started_at,"
                " closed_at, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *",
                (
                    recording.group_id,
                    recording.id,
                    year,
                    number,
                    recording.title,
                    to_db(recording.started_at),
                    to_db(now),
                    json.dumps(content, ensure_ascii=False),
                ),
            )
            for spec, task in zip(tasks, created, strict=True):
                await conn.execute(
                    "INSERT INTO minutes_tasks (task_id, minutes_id, marker_id, needs_deadline)"
                    " VALUES (?, ?, ?, ?)",
                    (task.id, row["id"], spec.marker_id, int(spec.needs_deadline)),
                )
            await cancel_source(conn, (AUTO_CLOSE_KIND,), recording.id, "closed")
        return Minutes(**entry_fields(row), content=content, task_ids=tuple(t.id for t in created))

    async def _take_number(self, conn: aiosqlite.Connection, group_id: int, year: int) -> int:
        (row,) = await conn.execute_fetchall(NEXT_SQL, (group_id, year, group_id, year))
        number = int(row[0])
        # A number set by hand may already be used (a minutes written outside the bot):
        # skip forward to the first free one rather than fail the close.
        while await conn.execute_fetchall(
            "SELECT 1 FROM minutes WHERE group_id = ? AND year = ? AND number = ?",
            (group_id, year, number),
        ):
            number += 1
        await conn.execute(
            "INSERT INTO minutes_series (group_id, year, next_number) VALUES (?, ?, ?)"
            " ON CONFLICT (group_id, year) DO UPDATE SET next_number = excluded.next_number",
            (group_id, year, number + 1),
        )
        return number

    # -- number series -----------------------------------------------------------------------

    async def next_number(self, group_id: int, year: int) -> int:
        """The number the group's next minutes of that year will get."""
        row = await self._db.fetchone(NEXT_SQL, (group_id, year, group_id, year))
        return int(row[0]) if row else 1

    async def set_next_number(self, group_id: int, year: int, number: int) -> None:
        """Set the next number (e.g. the Tổ already issued some minutes on paper this year).

        Raises:
            NumberTakenError: a minutes of that year already has this number.
            ValueError: the number is below 1.
        """
        if number < 1:
            raise ValueError("minutes numbers start at 1")
        async with self._db.transaction() as conn:
            taken = await conn.execute_fetchall(
                "SELECT 1 FROM minutes WHERE group_id = ? AND year = ? AND number = ?",
                (group_id, year, number),
            )
            if taken:
                raise NumberTakenError(f"{number}/{year}")
            await conn.execute(
                "INSERT INTO minutes_series (group_id, year, next_number) VALUES (?, ?, ?)"
                " ON CONFLICT (group_id, year) DO UPDATE SET next_number = excluded.next_number",
                (group_id, year, number),
            )

    # -- closed minutes ----------------------------------------------------------------------

    async def recent(self, group_id: int, *, limit: int = 20) -> list[MinutesEntry]:
        """The group's closed minutes, newest first."""
        rows = await self._db.fetchall(
            "SELECT id, group_id, recording_id, year, number, title, started_at, closed_at"
            " FROM minutes WHERE group_id = ? ORDER BY started_at DESC, id DESC LIMIT ?",
            (group_id, limit),
        )
        return [MinutesEntry(**entry_fields(r)) for r in rows]

    async def get(self, group_id: int, number: int, year: int | None = None) -> Minutes | None:
        """A group's minutes by number: of that year, or the most recent year that has it."""
        row = await self._db.fetchone(
            "SELECT * FROM minutes WHERE group_id = ? AND number = ?"
            + ("" if year is None else " AND year = ?")
            + " ORDER BY year DESC LIMIT 1",
            (group_id, number) if year is None else (group_id, number, year),
        )
        if row is None:
            return None
        tasks = await self._db.fetchall(
            "SELECT task_id FROM minutes_tasks WHERE minutes_id = ? ORDER BY task_id",
            (row["id"],),
        )
        return Minutes(
            **entry_fields(row),
            content=json.loads(row["content"]),
            task_ids=tuple(r["task_id"] for r in tasks),
        )

    async def of_recording(self, recording_id: int) -> Minutes | None:
        """The minutes a recording was closed into, if it was."""
        row = await self._db.fetchone(
            "SELECT group_id, number, year FROM minutes WHERE recording_id = ?", (recording_id,)
        )
        return await self.get(row["group_id"], row["number"], row["year"]) if row else None

    async def of_event(self, event_id: int) -> MinutesEntry | None:
        """The latest minutes closed from a recording started from this event, if any."""
        row = await self._db.fetchone(
            "SELECT m.id, m.group_id, m.recording_id, m.year, m.number, m.title, m.started_at,"
            " m.closed_at FROM minutes m JOIN minutes_recordings r ON r.id = m.recording_id"
            " WHERE r.event_id = ? ORDER BY m.closed_at DESC, m.id DESC LIMIT 1",
            (event_id,),
        )
        return MinutesEntry(**entry_fields(row)) if row else None

    async def origin_of_task(self, task_id: int) -> TaskOrigin | None:
        """The minutes a task was created from, if any."""
        row = await self._db.fetchone(
            "SELECT m.id, m.year, m.number, m.title, l.needs_deadline FROM minutes_tasks l"
            " JOIN minutes m ON m.id = l.minutes_id WHERE l.task_id = ?",
            (task_id,),
        )
        if row is None:
            return None
        return TaskOrigin(
            row["id"], row["year"], row["number"], row["title"], bool(row["needs_deadline"])
        )
