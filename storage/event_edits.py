"""Changes to an event beyond create, move and cancel: its place and content edited, a
cancelled event restored, and the answers a move set aside.

EventStore (storage/events.py) inherits these.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.db import Database
from storage.reminders import NewReminder, insert_rows
from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class OldAnswer:
    """An answer given for an earlier start of a moved event (kept, no longer counted)."""

    user_id: str
    answer: str
    reason: str | None
    starts_at: datetime


async def set_answers_aside(
    conn: aiosqlite.Connection, event_id: int, now: datetime
) -> list[tuple[str, str]]:
    """Move the event's current answers into its history (inside the caller's transaction);
    returns (user id, answer) of each, so the people can be asked again."""
    async with conn.execute(
        "SELECT a.user_id, a.answer FROM attendance a WHERE a.event_id = ?"
        " ORDER BY a.answered_at, a.user_id",
        (event_id,),
    ) as cursor:
        answers = [(row["user_id"], row["answer"]) for row in await cursor.fetchall()]
    await conn.execute(
        "INSERT INTO attendance_history (event_id, user_id, answer, reason, answered_at,"
        " starts_at, replaced_at) SELECT a.event_id, a.user_id, a.answer, a.reason,"
        " a.answered_at, e.starts_at, ? FROM attendance a JOIN events e ON e.id = a.event_id"
        " WHERE a.event_id = ?",
        (to_db(now), event_id),
    )
    await conn.execute("DELETE FROM attendance WHERE event_id = ?", (event_id,))
    await conn.execute("DELETE FROM pending_reasons WHERE event_id = ?", (event_id,))
    return answers


async def bring_answers_back(
    conn: aiosqlite.Connection, event_id: int, starts_at: datetime
) -> None:
    """Count again the answers last set aside for this start (undoing a move)."""
    await conn.execute(
        "INSERT INTO attendance (event_id, user_id, answer, reason, answered_at)"
        " SELECT h.event_id, h.user_id, h.answer, h.reason, h.answered_at"
        " FROM attendance_history h WHERE h.event_id = ? AND h.starts_at = ?"
        " AND h.replaced_at = (SELECT MAX(replaced_at) FROM attendance_history"
        " WHERE event_id = ? AND starts_at = ?)"
        " ON CONFLICT (event_id, user_id) DO NOTHING",
        (event_id, to_db(starts_at), event_id, to_db(starts_at)),
    )


class EventEdits:
    """The editing and restoring changes of EventStore."""

    _db: Database

    async def edit(self, event_id: int, place: str | None, title: str) -> None:
        """Change an event's place and content."""
        await self._db.execute(
            "UPDATE events SET place = ?, title = ? WHERE id = ?", (place, title, event_id)
        )

    async def restore(
        self, event_id: int, reminders: Iterable[NewReminder], now: datetime
    ) -> bool:
        """A cancelled event is active again, with fresh reminder rows; False if it was not
        cancelled."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE events SET status = 'active' WHERE id = ? AND status = 'cancelled'",
                (event_id,),
            )
            if not cursor.rowcount:
                return False
            await insert_rows(conn, with_source(reminders, event_id), now)
        return True

    async def old_answers(self, event_id: int) -> list[OldAnswer]:
        """Answers set aside by moves, newest start first."""
        rows = await self._db.fetchall(
            "SELECT * FROM attendance_history WHERE event_id = ?"
            " ORDER BY replaced_at DESC, answered_at",
            (event_id,),
        )
        return [
            OldAnswer(r["user_id"], r["answer"], r["reason"], from_db(r["starts_at"]))
            for r in rows
        ]


def with_source(rows: Iterable[NewReminder], event_id: int) -> list[NewReminder]:
    """The event's reminder rows with its id filled in."""
    return [
        NewReminder(
            r.group_id,
            r.kind,
            event_id,
            r.due_at,
            r.target_chat_id,
            r.target_user_id,
            r.payload,
            r.recurrence,
        )
        for r in rows
    ]
