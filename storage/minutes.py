"""Meeting minutes: recordings, the messages and markers they capture, numbers, closed minutes.

A group has at most one open recording (a partial unique index says so). While it is open,
every group message is written here before the bot answers anything, so a restart loses
nothing. Closing is one transaction: the recording is marked closed, the group's next number
is taken, the tasks of its #giaoviec markers are created through TaskStore (whose observer
writes their reminder rows inside the same transaction), the minutes' content is stored and
the auto-close reminder is cancelled. Either all of that is committed or none of it.

Marker payloads (minutes_markers.payload, JSON) are written and read by the feature
(handlers/minutes*.py); this module does not interpret them. Content of closed minutes
(minutes.content) likewise is the feature's document data.

Numbers: documents are numbered from 01 each calendar year (Nghị định 30/2020); the next
number of a group in a year is minutes_series.next_number if set (/caidat), else one more than
the highest used that year.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import aiosqlite

from storage.db import Database
from storage.reminders import NewReminder, cancel_source, insert_rows
from storage.tasks import Task, TaskStore
from storage.timefmt import from_db, from_db_opt, to_db

AUTO_CLOSE_KIND = "minutes_autoclose"  # reminder rows that close a forgotten recording


class AlreadyRecordingError(Exception):
    """The group already has an open recording."""

    def __init__(self, recording: Recording) -> None:
        super().__init__(f"recording {recording.id} is open")
        self.recording = recording


class NumberTakenError(Exception):
    """That minutes number is already used in that year."""


@dataclass(frozen=True)
class Recording:
    """A meeting being (or once) recorded in a group."""

    id: int
    group_id: int
    status: str  # 'open' | 'closed'
    title: str
    event_id: int | None
    place: str | None
    started_by: str
    started_at: datetime
    auto_close_at: datetime
    closed_at: datetime | None
    closed_by: str | None
    close_reason: str | None  # 'manual' | 'auto'

    @property
    def is_open(self) -> bool:
        """Still capturing messages."""
        return self.status == "open"


@dataclass(frozen=True)
class NewMessage:
    """A group message to capture."""

    message_id: str
    sender_id: str
    sender_name: str
    sent_at: datetime
    kind: str  # 'text' | 'caption' | 'other' (sticker, file without caption …)
    text: str


@dataclass(frozen=True)
class CapturedMessage:
    """A captured line of the meeting, in capture order (seq)."""

    seq: int
    message_id: str
    sender_id: str
    sender_name: str
    sent_at: datetime
    kind: str
    text: str
    edited_at: datetime | None


@dataclass(frozen=True)
class NewMarker:
    """A marker to store with its message (or alone, when copied from an event)."""

    kind: str
    author_id: str
    payload: dict[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Marker:
    """A stored marker; seq is its message's place in the meeting (0: before any message)."""

    id: int
    kind: str
    author_id: str
    author_name: str
    payload: dict[str, Any] = field(hash=False, compare=False)
    undone: bool
    seq: int
    message_id: str | None
    at: datetime


@dataclass(frozen=True)
class Captured:
    """What capture did: the message's seq, whether it was new, and the marker it undid."""

    seq: int
    new: bool
    undone: Marker | None = None


@dataclass(frozen=True)
class NewMinutesTask:
    """A task to create when the minutes are closed, from a #giaoviec marker."""

    marker_id: int | None
    text: str
    created_by: str
    assignees: tuple[str, ...] = ()
    due_at: datetime | None = None
    due_has_time: bool = False
    needs_deadline: bool = False  # the deadline was missing or unreadable
    source_message_id: str | None = None


@dataclass(frozen=True)
class MinutesEntry:
    """A closed minutes as listed (without its content)."""

    id: int
    group_id: int
    recording_id: int
    year: int
    number: int
    title: str
    started_at: datetime
    closed_at: datetime


@dataclass(frozen=True)
class Minutes(MinutesEntry):
    """A closed minutes with its document content and the ids of the tasks it created."""

    content: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    task_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class TaskOrigin:
    """The minutes a task came from (for /viec <số>)."""

    minutes_id: int
    year: int
    number: int
    title: str
    needs_deadline: bool


# Composes the document content from the number given and the tasks just created.
Compose = Callable[[int, Sequence[Task]], Mapping[str, Any]]

_MARKER_SELECT = (
    "SELECT k.*, COALESCE(m.id, 0) AS seq, m.message_id, COALESCE(m.sent_at, k.created_at) AS at,"
    " COALESCE(m.sender_name, (SELECT display_name FROM members WHERE user_id = k.author_id"
    " AND group_id = r.group_id), k.author_id) AS author_name"
    " FROM minutes_markers k JOIN minutes_recordings r ON r.id = k.recording_id"
    " LEFT JOIN minutes_messages m ON m.id = k.message_row"
)


# The next number of (group, year): the one set by hand or left by the last close, else one
# more than the highest used, else 1.
_NEXT_SQL = (
    "SELECT COALESCE((SELECT next_number FROM minutes_series WHERE group_id = ? AND year = ?),"
    " (SELECT MAX(number) + 1 FROM minutes WHERE group_id = ? AND year = ?), 1)"
)


def _recording(row: sqlite3.Row) -> Recording:
    return Recording(
        id=row["id"],
        group_id=row["group_id"],
        status=row["status"],
        title=row["title"],
        event_id=row["event_id"],
        place=row["place"],
        started_by=row["started_by"],
        started_at=from_db(row["started_at"]),
        auto_close_at=from_db(row["auto_close_at"]),
        closed_at=from_db_opt(row["closed_at"]),
        closed_by=row["closed_by"],
        close_reason=row["close_reason"],
    )


def _marker(row: sqlite3.Row) -> Marker:
    return Marker(
        id=row["id"],
        kind=row["kind"],
        author_id=row["author_id"],
        author_name=row["author_name"],
        payload=json.loads(row["payload"]),
        undone=bool(row["undone"]),
        seq=row["seq"],
        message_id=row["message_id"],
        at=from_db(row["at"]),
    )


def _entry_fields(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "group_id": row["group_id"],
        "recording_id": row["recording_id"],
        "year": row["year"],
        "number": row["number"],
        "title": row["title"],
        "started_at": from_db(row["started_at"]),
        "closed_at": from_db(row["closed_at"]),
    }


async def _insert_marker(
    conn: aiosqlite.Connection, recording_id: int, row: int | None, m: NewMarker, now: datetime
) -> None:
    await conn.execute(
        "INSERT INTO minutes_markers (recording_id, message_row, kind, author_id, payload,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (
            recording_id,
            row,
            m.kind,
            m.author_id,
            json.dumps(m.payload, ensure_ascii=False),
            to_db(now),
        ),
    )


class MinutesStore:
    """Reads and writes recordings, their capture, number series and closed minutes."""

    def __init__(self, db: Database, tasks: TaskStore) -> None:
        self._db = db
        self._tasks = tasks
        # Every group message asks whether its group is recording; this store is the only
        # writer of recordings (one bot process owns the file), so it keeps the answer.
        self._open: dict[int, Recording | None] = {}

    # -- recordings --------------------------------------------------------------------------

    async def start(
        self,
        *,
        group_id: int,
        title: str,
        started_by: str,
        now: datetime,
        auto_close_at: datetime,
        event_id: int | None = None,
        place: str | None = None,
        markers: Iterable[NewMarker] = (),
        reminders: Iterable[NewReminder] = (),
    ) -> Recording:
        """Open a recording with its first markers and its auto-close reminder rows.

        Raises:
            AlreadyRecordingError: the group has an open recording (nothing is written).
        """
        try:
            async with self._db.transaction() as conn:
                (row,) = await conn.execute_fetchall(
                    "INSERT INTO minutes_recordings (group_id, title, event_id, place, started_by,"
                    " started_at, auto_close_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *",
                    (
                        group_id,
                        title,
                        event_id,
                        place,
                        started_by,
                        to_db(now),
                        to_db(auto_close_at),
                    ),
                )
                recording = _recording(row)
                for marker in markers:
                    await _insert_marker(conn, recording.id, None, marker, now)
                await insert_rows(conn, [_with_source(r, recording.id) for r in reminders], now)
        except sqlite3.IntegrityError:
            self._open.pop(group_id, None)
            existing = await self.open_recording(group_id)
            if existing is None:
                raise
            raise AlreadyRecordingError(existing) from None
        self._open[group_id] = recording
        return recording

    async def open_recording(self, group_id: int) -> Recording | None:
        """The group's open recording, if any."""
        if group_id in self._open:
            return self._open[group_id]
        row = await self._db.fetchone(
            "SELECT * FROM minutes_recordings WHERE group_id = ? AND status = 'open'",
            (group_id,),
        )
        found = _recording(row) if row else None
        self._open[group_id] = found
        return found

    async def recording(self, recording_id: int) -> Recording | None:
        """A recording by id (callers check it belongs to their group)."""
        row = await self._db.fetchone(
            "SELECT * FROM minutes_recordings WHERE id = ?", (recording_id,)
        )
        return _recording(row) if row else None

    # -- capture -----------------------------------------------------------------------------

    async def capture(
        self,
        recording_id: int,
        message: NewMessage,
        *,
        marker: NewMarker | None = None,
        undo: bool = False,
    ) -> Captured:
        """Keep a message (and its marker, or undo its sender's last marker) in one transaction.

        A message already captured (the platform delivered it twice) changes nothing.
        """
        async with self._db.transaction() as conn:
            rows = await conn.execute_fetchall(
                "INSERT INTO minutes_messages (recording_id, message_id, sender_id, sender_name,"
                " sent_at, kind, text) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (recording_id, message_id) DO NOTHING RETURNING id",
                (
                    recording_id,
                    message.message_id,
                    message.sender_id,
                    message.sender_name,
                    to_db(message.sent_at),
                    message.kind,
                    message.text,
                ),
            )
            if not rows:
                (seen,) = await conn.execute_fetchall(
                    "SELECT id FROM minutes_messages WHERE recording_id = ? AND message_id = ?",
                    (recording_id, message.message_id),
                )
                return Captured(int(seen[0]), new=False)
            seq = int(next(iter(rows))[0])
            if marker is not None:
                await _insert_marker(conn, recording_id, seq, marker, message.sent_at)
            undone = await self._undo_last(conn, recording_id, message.sender_id) if undo else None
        return Captured(seq, new=True, undone=undone)

    async def _undo_last(
        self, conn: aiosqlite.Connection, recording_id: int, author_id: str
    ) -> Marker | None:
        async with conn.execute(
            _MARKER_SELECT + " WHERE k.recording_id = ? AND k.author_id = ? AND k.undone = 0"
            " ORDER BY seq DESC, k.id DESC LIMIT 1",
            (recording_id, author_id),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        await conn.execute("UPDATE minutes_markers SET undone = 1 WHERE id = ?", (row["id"],))
        return _marker(row)

    async def edit(
        self,
        recording_id: int,
        message_id: str,
        text: str,
        edited_at: datetime,
        marker: NewMarker | None,
    ) -> bool:
        """An edited message replaces its line and its marker; False if it was not captured.

        A marker that was undone stays undone when its message is edited.
        """
        async with self._db.transaction() as conn:
            rows = await conn.execute_fetchall(
                "UPDATE minutes_messages SET text = ?, edited_at = ?"
                " WHERE recording_id = ? AND message_id = ? RETURNING id, sent_at",
                (text, to_db(edited_at), recording_id, message_id),
            )
            if not rows:
                return False
            seq, sent_at = next(iter(rows))
            if marker is None:
                await conn.execute("DELETE FROM minutes_markers WHERE message_row = ?", (seq,))
                return True
            cursor = await conn.execute(
                "UPDATE minutes_markers SET kind = ?, payload = ? WHERE message_row = ?",
                (marker.kind, json.dumps(marker.payload, ensure_ascii=False), seq),
            )
            if cursor.rowcount == 0:
                await _insert_marker(conn, recording_id, seq, marker, from_db(sent_at))
        return True

    async def messages(self, recording_id: int) -> list[CapturedMessage]:
        """Every captured message, in the order it was captured."""
        rows = await self._db.fetchall(
            "SELECT * FROM minutes_messages WHERE recording_id = ? ORDER BY id", (recording_id,)
        )
        return [
            CapturedMessage(
                seq=r["id"],
                message_id=r["message_id"],
                sender_id=r["sender_id"],
                sender_name=r["sender_name"],
                sent_at=from_db(r["sent_at"]),
                kind=r["kind"],
                text=r["text"],
                edited_at=from_db_opt(r["edited_at"]),
            )
            for r in rows
        ]

    async def markers(self, recording_id: int, *, with_undone: bool = False) -> list[Marker]:
        """The recording's markers in meeting order (undone ones only if asked)."""
        rows = await self._db.fetchall(
            _MARKER_SELECT
            + " WHERE k.recording_id = ?"
            + ("" if with_undone else " AND k.undone = 0")
            + " ORDER BY seq, k.id",
            (recording_id,),
        )
        return [_marker(r) for r in rows]

    async def message_count(self, recording_id: int) -> int:
        """How many messages were captured."""
        row = await self._db.fetchone(
            "SELECT COUNT(*) AS n FROM minutes_messages WHERE recording_id = ?", (recording_id,)
        )
        return int(row["n"]) if row else 0

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
        return Minutes(
            **_entry_fields(row), content=content, task_ids=tuple(t.id for t in created)
        )

    async def _take_number(self, conn: aiosqlite.Connection, group_id: int, year: int) -> int:
        (row,) = await conn.execute_fetchall(_NEXT_SQL, (group_id, year, group_id, year))
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
        row = await self._db.fetchone(_NEXT_SQL, (group_id, year, group_id, year))
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
        return [MinutesEntry(**_entry_fields(r)) for r in rows]

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
            **_entry_fields(row),
            content=json.loads(row["content"]),
            task_ids=tuple(r["task_id"] for r in tasks),
        )

    async def of_recording(self, recording_id: int) -> Minutes | None:
        """The minutes a recording was closed into, if it was."""
        row = await self._db.fetchone(
            "SELECT group_id, number, year FROM minutes WHERE recording_id = ?", (recording_id,)
        )
        return await self.get(row["group_id"], row["number"], row["year"]) if row else None

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


def _with_source(row: NewReminder, recording_id: int) -> NewReminder:
    return NewReminder(
        row.group_id,
        row.kind,
        recording_id,
        row.due_at,
        row.target_chat_id,
        row.target_user_id,
        row.payload,
        row.recurrence,
    )
