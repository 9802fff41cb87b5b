"""Rows of the minutes tables as frozen dataclasses, and the SQL pieces the stores share.

See storage/minutes.py for the rules (one open recording per group, capture, closing).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import aiosqlite

from storage.tasks import Task
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
    needs_deadline: bool = False  # the deadline was missing, unreadable or held (not filed)
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

MARKER_SELECT = (
    "SELECT k.*, COALESCE(m.id, 0) AS seq, m.message_id, COALESCE(m.sent_at, k.created_at) AS at,"
    " COALESCE(m.sender_name, (SELECT display_name FROM members WHERE user_id = k.author_id"
    " AND group_id = r.group_id), k.author_id) AS author_name"
    " FROM minutes_markers k JOIN minutes_recordings r ON r.id = k.recording_id"
    " LEFT JOIN minutes_messages m ON m.id = k.message_row"
)


# The next number of (group, year): the one set by hand or left by the last close, else one
# more than the highest used, else 1.
NEXT_SQL = (
    "SELECT COALESCE((SELECT next_number FROM minutes_series WHERE group_id = ? AND year = ?),"
    " (SELECT MAX(number) + 1 FROM minutes WHERE group_id = ? AND year = ?), 1)"
)


def recording_row(row: sqlite3.Row) -> Recording:
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


def marker_row(row: sqlite3.Row) -> Marker:
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


def entry_fields(row: sqlite3.Row) -> dict[str, Any]:
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


async def insert_marker(
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
