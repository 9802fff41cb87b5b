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
from collections.abc import Iterable
from datetime import datetime

import aiosqlite

from storage.db import Database
from storage.minutes_closing import MinutesBook
from storage.minutes_rows import (
    AUTO_CLOSE_KIND,
    MARKER_SELECT,
    AlreadyRecordingError,
    Captured,
    CapturedMessage,
    Compose,
    Marker,
    Minutes,
    MinutesEntry,
    NewMarker,
    NewMessage,
    NewMinutesTask,
    NumberTakenError,
    Recording,
    TaskOrigin,
    insert_marker,
    marker_row,
    recording_row,
)
from storage.reminders import NewReminder, insert_rows
from storage.tasks import TaskStore
from storage.timefmt import from_db, from_db_opt, to_db

__all__ = [
    "AUTO_CLOSE_KIND",
    "AlreadyRecordingError",
    "Captured",
    "CapturedMessage",
    "Compose",
    "Marker",
    "Minutes",
    "MinutesEntry",
    "MinutesStore",
    "NewMarker",
    "NewMessage",
    "NewMinutesTask",
    "NumberTakenError",
    "Recording",
    "TaskOrigin",
]


class MinutesStore(MinutesBook):
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
                recording = recording_row(row)
                for marker in markers:
                    await insert_marker(conn, recording.id, None, marker, now)
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
        found = recording_row(row) if row else None
        self._open[group_id] = found
        return found

    async def recording(self, recording_id: int) -> Recording | None:
        """A recording by id (callers check it belongs to their group)."""
        row = await self._db.fetchone(
            "SELECT * FROM minutes_recordings WHERE id = ?", (recording_id,)
        )
        return recording_row(row) if row else None

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
                await insert_marker(conn, recording_id, seq, marker, message.sent_at)
            undone = await self._undo_last(conn, recording_id, message.sender_id) if undo else None
        return Captured(seq, new=True, undone=undone)

    async def _undo_last(
        self, conn: aiosqlite.Connection, recording_id: int, author_id: str
    ) -> Marker | None:
        async with conn.execute(
            MARKER_SELECT + " WHERE k.recording_id = ? AND k.author_id = ? AND k.undone = 0"
            " ORDER BY seq DESC, k.id DESC LIMIT 1",
            (recording_id, author_id),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        await conn.execute("UPDATE minutes_markers SET undone = 1 WHERE id = ?", (row["id"],))
        return marker_row(row)

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
                await insert_marker(conn, recording_id, seq, marker, from_db(sent_at))
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
            MARKER_SELECT
            + " WHERE k.recording_id = ?"
            + ("" if with_undone else " AND k.undone = 0")
            + " ORDER BY seq, k.id",
            (recording_id,),
        )
        return [marker_row(r) for r in rows]

    async def message_count(self, recording_id: int) -> int:
        """How many messages were captured."""
        row = await self._db.fetchone(
            "SELECT COUNT(*) AS n FROM minutes_messages WHERE recording_id = ?", (recording_id,)
        )
        return int(row["n"]) if row else 0


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
