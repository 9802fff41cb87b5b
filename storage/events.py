"""Events of a group (TXCT, giám sát, khảo sát, họp Tổ), their attendance and pending reasons."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.db import Database
from storage.event_edits import (
    EventEdits,
    bring_answers_back,
    set_answers_aside,
    with_source,
)
from storage.reminders import NewReminder, cancel_source, insert_rows
from storage.timefmt import from_db, to_db

EVENT_KINDS = ("txct", "giamsat", "khaosat", "hop", "khac")


@dataclass(frozen=True)
class Event:
    """A scheduled activity of a group."""

    id: int
    group_id: int
    number: int
    kind: str
    starts_at: datetime
    place: str | None
    title: str
    status: str
    created_by: str
    ends_at: datetime | None = None  # when the invitation gave an end ("từ 8h00 đến 11h00")


@dataclass(frozen=True)
class Answer:
    """One member's RSVP."""

    user_id: str
    answer: str  # 'yes' | 'no'
    reason: str | None
    answered_at: datetime


@dataclass(frozen=True)
class PendingReason:
    """A member who chose Vắng and has not given the reason yet."""

    group_id: int
    user_id: str
    event_id: int
    question_id: str | None
    asked_at: datetime
    question_chat_id: str | None = None  # None: asked in the group's chat


def _pending_reason(row: sqlite3.Row) -> PendingReason:
    return PendingReason(
        row["group_id"],
        row["user_id"],
        row["event_id"],
        row["question_id"],
        from_db(row["asked_at"]),
        row["question_chat_id"],
    )


def _event(row: sqlite3.Row) -> Event:
    return Event(
        id=row["id"],
        group_id=row["group_id"],
        number=row["number"],
        kind=row["kind"],
        starts_at=from_db(row["starts_at"]),
        place=row["place"],
        title=row["title"],
        status=row["status"],
        created_by=row["created_by"],
        ends_at=from_db(row["ends_at"]) if row["ends_at"] else None,
    )


class EventStore(EventEdits):
    """Reads and writes events, attendance and the Vắng-reason conversation state."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def create(
        self,
        *,
        group_id: int,
        kind: str,
        starts_at: datetime,
        place: str | None,
        title: str,
        created_by: str,
        now: datetime,
        reminders: Iterable[NewReminder],
        ends_at: datetime | None = None,
    ) -> Event:
        """A new event and its reminder rows (source_id filled in), in one transaction."""
        async with self._db.transaction() as conn:
            async with conn.execute(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM events WHERE group_id = ?", (group_id,)
            ) as c:
                number = (await c.fetchone())[0]  # type: ignore[index]
            cursor = await conn.execute(
                "INSERT INTO events (group_id, number, kind, starts_at, ends_at, place, title,"
                " created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    group_id,
                    number,
                    kind,
                    to_db(starts_at),
                    to_db(ends_at) if ends_at else None,
                    place,
                    title,
                    created_by,
                    to_db(now),
                ),
            )
            event_id = int(cursor.lastrowid or 0)
            await insert_rows(conn, with_source(reminders, event_id), now)
        event = await self.by_id(event_id)
        assert event is not None
        return event

    async def by_id(self, event_id: int) -> Event | None:
        """An event by id."""
        row = await self._db.fetchone("SELECT * FROM events WHERE id = ?", (event_id,))
        return _event(row) if row else None

    async def by_number(self, group_id: int, number: int) -> Event | None:
        """An event of this group by its number."""
        row = await self._db.fetchone(
            "SELECT * FROM events WHERE group_id = ? AND number = ?", (group_id, number)
        )
        return _event(row) if row else None

    async def between(self, group_id: int, start: datetime, end: datetime) -> list[Event]:
        """Active events starting in [start, end), in order."""
        rows = await self._db.fetchall(
            "SELECT * FROM events WHERE group_id = ? AND status = 'active'"
            " AND starts_at >= ? AND starts_at < ? ORDER BY starts_at, number",
            (group_id, to_db(start), to_db(end)),
        )
        return [_event(r) for r in rows]

    async def upcoming(self, group_id: int, since: datetime, limit: int = 50) -> list[Event]:
        """Active events starting at or after `since`."""
        rows = await self._db.fetchall(
            "SELECT * FROM events WHERE group_id = ? AND status = 'active' AND starts_at >= ?"
            " ORDER BY starts_at, number LIMIT ?",
            (group_id, to_db(since), limit),
        )
        return [_event(r) for r in rows]

    async def cancel(self, event_id: int) -> None:
        """Cancel an event, its unsent reminders and the reasons still asked for."""
        async with self._db.transaction() as conn:
            await conn.execute("UPDATE events SET status = 'cancelled' WHERE id = ?", (event_id,))
            await cancel_source(conn, ("event",), event_id, "cancelled")
            await conn.execute("DELETE FROM pending_reasons WHERE event_id = ?", (event_id,))

    async def move(
        self,
        event_id: int,
        starts_at: datetime,
        reminders: Iterable[NewReminder],
        now: datetime,
        ends_at: datetime | None = None,
        *,
        answers_back: bool = False,
    ) -> list[tuple[str, str]]:
        """Change the start (and the end: None when the new time gives none) and replace the
        unsent reminders, in one transaction.

        The answers given for the old start are set aside in the event's history (people are
        asked again); with `answers_back` (undoing a move), those last set aside for the new
        start count again. Returns (user id, answer) of the answers set aside.
        """
        async with self._db.transaction() as conn:
            answers = await set_answers_aside(conn, event_id, now)
            await conn.execute(
                "UPDATE events SET starts_at = ?, ends_at = ? WHERE id = ?",
                (to_db(starts_at), to_db(ends_at) if ends_at else None, event_id),
            )
            if answers_back:
                await bring_answers_back(conn, event_id, starts_at)
            await cancel_source(conn, ("event",), event_id, "replanned")
            await insert_rows(conn, with_source(reminders, event_id), now)
        return answers

    async def at_same_time(
        self, group_id: int, starts_at: datetime, length: timedelta, exclude_id: int | None
    ) -> list[Event]:
        """Active events of the group overlapping [starts_at, starts_at + length), each taken
        to last `length` too."""
        rows = await self._db.fetchall(
            "SELECT * FROM events WHERE group_id = ? AND status = 'active'"
            " AND starts_at > ? AND starts_at < ? AND id != ? ORDER BY starts_at, number",
            (
                group_id,
                to_db(starts_at - length),
                to_db(starts_at + length),
                -1 if exclude_id is None else exclude_id,
            ),
        )
        return [_event(r) for r in rows]

    async def active_of_kind(self, group_id: int, kind: str, since: datetime) -> list[Event]:
        """Upcoming active events of one kind (to re-plan after the offsets change)."""
        rows = await self._db.fetchall(
            "SELECT * FROM events WHERE group_id = ? AND kind = ? AND status = 'active'"
            " AND starts_at > ?",
            (group_id, kind, to_db(since)),
        )
        return [_event(r) for r in rows]

    # -- attendance --------------------------------------------------------------------------

    async def answer(
        self, event_id: int, user_id: str, answer: str, now: datetime, reason: str | None = None
    ) -> None:
        """Record Tham dự / Vắng; a new answer replaces the old one and any pending question."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO attendance (event_id, user_id, answer, reason, answered_at)"
                " VALUES (?,?,?,?,?) ON CONFLICT (event_id, user_id) DO UPDATE SET"
                " answer = excluded.answer, reason = excluded.reason,"
                " answered_at = excluded.answered_at",
                (event_id, user_id, answer, reason, to_db(now)),
            )
            await conn.execute(
                "DELETE FROM pending_reasons WHERE event_id = ? AND user_id = ?",
                (event_id, user_id),
            )

    async def attendance(self, event_id: int) -> list[Answer]:
        """Every answer for an event, in the order given."""
        rows = await self._db.fetchall(
            "SELECT * FROM attendance WHERE event_id = ? ORDER BY answered_at, user_id",
            (event_id,),
        )
        return [
            Answer(r["user_id"], r["answer"], r["reason"], from_db(r["answered_at"])) for r in rows
        ]

    async def ask_reason(
        self,
        group_id: int,
        user_id: str,
        event_id: int,
        question_id: str | None,
        now: datetime,
        *,
        question_chat_id: str | None = None,
    ) -> None:
        """Remember that the member owes a reason for Vắng (one open question per member and
        group); `question_chat_id` is the private chat it was asked in, if not the group's."""
        await self._db.execute(
            "INSERT INTO pending_reasons (group_id, user_id, event_id, question_id, asked_at,"
            " question_chat_id) VALUES (?,?,?,?,?,?) ON CONFLICT (group_id, user_id) DO UPDATE"
            " SET event_id = excluded.event_id, question_id = excluded.question_id,"
            " asked_at = excluded.asked_at, question_chat_id = excluded.question_chat_id",
            (group_id, user_id, event_id, question_id, to_db(now), question_chat_id),
        )

    async def question_sent(
        self, group_id: int, user_id: str, event_id: int, question_id: str
    ) -> None:
        """The Vắng question was delivered as message `question_id` (replies to it answer)."""
        await self._db.execute(
            "UPDATE pending_reasons SET question_id = ?"
            " WHERE group_id = ? AND user_id = ? AND event_id = ? AND question_id IS NULL",
            (question_id, group_id, user_id, event_id),
        )

    async def reasons_asked_in(self, user_id: str, chat_id: str) -> list[PendingReason]:
        """The member's open Vắng questions asked in a private chat, newest first."""
        rows = await self._db.fetchall(
            "SELECT * FROM pending_reasons WHERE user_id = ? AND question_chat_id = ?"
            " ORDER BY asked_at DESC",
            (user_id, chat_id),
        )
        return [_pending_reason(row) for row in rows]

    async def pending_reason(self, group_id: int, user_id: str) -> PendingReason | None:
        """The open Vắng question of a member in a group, if any."""
        row = await self._db.fetchone(
            "SELECT * FROM pending_reasons WHERE group_id = ? AND user_id = ?",
            (group_id, user_id),
        )
        return _pending_reason(row) if row is not None else None

    async def give_reason(self, pending: PendingReason, reason: str) -> bool:
        """Store the reason and close the question; False if the answer changed meanwhile."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE attendance SET reason = ? WHERE event_id = ? AND user_id = ?"
                " AND answer = 'no'",
                (reason, pending.event_id, pending.user_id),
            )
            await conn.execute(
                "DELETE FROM pending_reasons WHERE group_id = ? AND user_id = ?",
                (pending.group_id, pending.user_id),
            )
            return cursor.rowcount > 0

    async def drop_reason(self, group_id: int, user_id: str) -> None:
        """Forget an expired question."""
        await self._db.execute(
            "DELETE FROM pending_reasons WHERE group_id = ? AND user_id = ?", (group_id, user_id)
        )
