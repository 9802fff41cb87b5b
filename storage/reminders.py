"""Reminder rows, free reminders (/nhac) and unreachable chats.

A reminder row moves through these states (the dispatcher in bot/scheduler.py drives them):

    pending --claim--> claimed --just before the API call--> sending --> sent
       ^                  |                                     |  \\--> failed (refused, gave up)
       |                  |                                     \\----> pending (retry later)
       \\-- start-up -----/ (claimed rows were never sent: safe to put back)
    pending --> skipped (too late, or nothing to say) | cancelled (its source went away)

Rows of one source (an event, a task, a free reminder) are replaced as a whole when the source
changes: unsent rows are marked cancelled, new ones inserted, in one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import aiosqlite

from storage.db import Database
from storage.history import ReminderHistory
from storage.timefmt import from_db, from_db_opt, to_db

PENDING_STATES = ("pending", "claimed", "sending")


@dataclass(frozen=True)
class NewReminder:
    """A reminder row to insert."""

    group_id: int
    kind: str
    source_id: int | None
    due_at: datetime
    target_chat_id: str
    target_user_id: str | None = None
    payload: dict[str, Any] = field(default_factory=dict, hash=False)
    recurrence: dict[str, Any] | None = field(default=None, hash=False)


@dataclass(frozen=True)
class Reminder:
    """A stored reminder row."""

    id: int
    group_id: int
    kind: str
    source_id: int | None
    due_at: datetime
    wake_at: datetime
    target_chat_id: str
    target_user_id: str | None
    payload: dict[str, Any] = field(hash=False, compare=False)
    recurrence: dict[str, Any] | None = field(hash=False, compare=False)
    status: str
    attempts: int
    last_error: str | None
    sent_at: datetime | None


@dataclass(frozen=True)
class FreeReminder:
    """A /nhac reminder: its text, recurrence and the next time it fires (if any)."""

    id: int
    group_id: int
    number: int
    text: str
    repeat: dict[str, Any] | None = field(hash=False, compare=False)
    status: str
    created_by: str
    next_due: datetime | None = None


def _reminder(row: sqlite3.Row) -> Reminder:
    return Reminder(
        id=row["id"],
        group_id=row["group_id"],
        kind=row["kind"],
        source_id=row["source_id"],
        due_at=from_db(row["due_at"]),
        wake_at=from_db(row["wake_at"]),
        target_chat_id=row["target_chat_id"],
        target_user_id=row["target_user_id"],
        payload=json.loads(row["payload"]),
        recurrence=json.loads(row["recurrence"]) if row["recurrence"] else None,
        status=row["status"],
        attempts=row["attempts"],
        last_error=row["last_error"],
        sent_at=from_db_opt(row["sent_at"]),
    )


def _free(row: sqlite3.Row) -> FreeReminder:
    keys = row.keys()
    return FreeReminder(
        id=row["id"],
        group_id=row["group_id"],
        number=row["number"],
        text=row["text"],
        repeat=json.loads(row["repeat"]) if row["repeat"] else None,
        status=row["status"],
        created_by=row["created_by"],
        next_due=from_db_opt(row["next_due"]) if "next_due" in keys else None,
    )


# Ten values a row: 90 rows stay under SQLite's default limit of 999 bound parameters
# (older builds); newer ones allow 32,766.
_INSERT_BATCH = 90


async def insert_rows(
    conn: aiosqlite.Connection, rows: Iterable[NewReminder], now: datetime
) -> list[int]:
    """Insert reminder rows inside the caller's transaction; returns their ids, in order.

    One multi-row statement per batch: planning runs on hot paths (every /viec with a
    deadline), and each statement is a round trip to the database thread.
    """
    ids: list[int] = []
    batch = list(rows)
    for start in range(0, len(batch), _INSERT_BATCH):
        chunk = batch[start : start + _INSERT_BATCH]
        values: list[Any] = []
        for r in chunk:
            due = to_db(r.due_at)
            values += [
                r.group_id,
                r.kind,
                r.source_id,
                due,
                due,
                r.target_chat_id,
                r.target_user_id,
                json.dumps(r.payload, ensure_ascii=False),
                json.dumps(r.recurrence) if r.recurrence else None,
                to_db(now),
            ]
        returned = await conn.execute_fetchall(
            "INSERT INTO reminders (group_id, kind, source_id, due_at, wake_at, target_chat_id,"
            " target_user_id, payload, recurrence, created_at) VALUES "
            + ", ".join(["(?,?,?,?,?,?,?,?,?,?)"] * len(chunk))
            + " RETURNING id",
            values,
        )
        # RETURNING gives no order guarantee; ids of one statement are ascending as inserted.
        ids += sorted(int(row[0]) for row in returned)
    return ids


async def cancel_source(
    conn: aiosqlite.Connection, kinds: Iterable[str], source_id: int, reason: str
) -> int:
    """Mark the unsent rows of a source cancelled, inside the caller's transaction."""
    kinds = tuple(kinds)
    marks = ",".join("?" * len(kinds))
    cursor = await conn.execute(
        f"UPDATE reminders SET status = 'cancelled', last_error = ? WHERE kind IN ({marks})"
        " AND source_id = ? AND status = 'pending'",
        (reason, *kinds, source_id),
    )
    return cursor.rowcount


class ReminderStore:
    """Reads and writes reminder rows, free reminders and unreachable chats."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self.history = ReminderHistory(db)  # pruning rows that are over (storage/history.py)

    # -- generic rows ------------------------------------------------------------------------

    async def add(self, rows: Iterable[NewReminder], now: datetime) -> list[int]:
        """Insert rows in one transaction."""
        async with self._db.transaction() as conn:
            return await insert_rows(conn, rows, now)

    async def replace_source(
        self, kinds: Iterable[str], source_id: int, rows: Iterable[NewReminder], now: datetime
    ) -> None:
        """Cancel the unsent rows of a source and insert its new rows, in one transaction."""
        async with self._db.transaction() as conn:
            await cancel_source(conn, kinds, source_id, "replanned")
            await insert_rows(conn, rows, now)

    async def get(self, reminder_id: int) -> Reminder | None:
        """One row by id."""
        row = await self._db.fetchone("SELECT * FROM reminders WHERE id = ?", (reminder_id,))
        return _reminder(row) if row else None

    async def pending_of(self, kind: str, source_id: int) -> list[Reminder]:
        """Unsent rows of one source, earliest first."""
        rows = await self._db.fetchall(
            "SELECT * FROM reminders WHERE kind = ? AND source_id = ? AND status = 'pending'"
            " ORDER BY due_at, id",
            (kind, source_id),
        )
        return [_reminder(r) for r in rows]

    async def pending_snooze_of(self, reminder_id: int) -> Reminder | None:
        """The pending 'remind me again' copy of a row, if someone already asked for one."""
        row = await self._db.fetchone(
            "SELECT * FROM reminders WHERE kind = 'snooze' AND source_id = ?"
            " AND status = 'pending' ORDER BY id LIMIT 1",
            (reminder_id,),
        )
        return _reminder(row) if row else None

    async def next_wake(self) -> datetime | None:
        """The earliest moment a pending row wants the dispatcher."""
        row = await self._db.fetchone(
            "SELECT MIN(wake_at) AS w FROM reminders WHERE status = 'pending'"
        )
        return from_db(row["w"]) if row and row["w"] else None

    async def count_by_status(self) -> dict[str, int]:
        """How many rows are in each state (for the benchmark and diagnostics)."""
        rows = await self._db.fetchall("SELECT status, COUNT(*) AS n FROM reminders GROUP BY 1")
        return {r["status"]: r["n"] for r in rows}

    # -- the dispatcher's transitions --------------------------------------------------------

    async def recover(self) -> tuple[int, list[Reminder]]:
        """At start-up: put claimed rows back, and return the rows caught mid-send.

        Rows left in 'sending' are the one duplicate window (see bot/scheduler.py); they go back
        to pending with payload.resend = 1 so the message says it may be a repeat.
        """
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE reminders SET status = 'pending', claimed_at = NULL"
                " WHERE status = 'claimed'"
            )
            reset = cursor.rowcount
            async with conn.execute("SELECT * FROM reminders WHERE status = 'sending'") as c:
                caught = [_reminder(r) for r in await c.fetchall()]
            await conn.execute(
                "UPDATE reminders SET status = 'pending', claimed_at = NULL,"
                " payload = json_set(payload, '$.resend', 1) WHERE status = 'sending'"
            )
        return reset, caught

    async def claim_due(self, now: datetime, limit: int) -> list[Reminder]:
        """Take up to `limit` due rows (pending → claimed) in one transaction."""
        stamp = to_db(now)
        async with self._db.transaction() as conn:
            async with conn.execute(
                "SELECT * FROM reminders WHERE status = 'pending' AND wake_at <= ?"
                " ORDER BY wake_at, id LIMIT ?",
                (stamp, limit),
            ) as cursor:
                rows = [_reminder(r) for r in await cursor.fetchall()]
            if rows:
                ids = [r.id for r in rows]
                marks = ",".join("?" * len(ids))
                await conn.execute(
                    f"UPDATE reminders SET status = 'claimed', claimed_at = ?"
                    f" WHERE id IN ({marks}) AND status = 'pending'",
                    (stamp, *ids),
                )
        return rows

    async def release(self, reminder_id: int) -> None:
        """Give back a claimed row that was not sent (the dispatcher is stopping)."""
        await self._db.execute(
            "UPDATE reminders SET status = 'pending', claimed_at = NULL"
            " WHERE id = ? AND status = 'claimed'",
            (reminder_id,),
        )

    async def mark_sending(self, reminder_id: int) -> None:
        """The API call is about to start: from here until finish() a crash may duplicate."""
        await self._db.execute(
            "UPDATE reminders SET status = 'sending', attempts = attempts + 1 WHERE id = ?",
            (reminder_id,),
        )

    async def finish(
        self,
        reminder_id: int,
        status: str,
        now: datetime,
        *,
        error: str | None = None,
        follow_ups: Sequence[NewReminder] = (),
        follow_up_state: tuple[str, int] | None = None,
    ) -> None:
        """End a row (sent, skipped, cancelled, failed) and, in the same transaction, write the
        rows that follow it (the next occurrence of a recurring reminder or digest, personal
        copies of an event reminder), or close a one-off free reminder.

        Args:
            follow_up_state: ('done', free_reminder_id) closes a one-off /nhac.
        """
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE reminders SET status = ?, last_error = ?,"
                " sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?",
                (status, error, status, to_db(now), reminder_id),
            )
            if follow_ups:
                await insert_rows(conn, follow_ups, now)
            if follow_up_state is not None:
                await conn.execute(
                    "UPDATE free_reminders SET status = ? WHERE id = ? AND status = 'active'",
                    follow_up_state,
                )

    async def retry_later(self, reminder_id: int, wake_at: datetime, error: str) -> None:
        """A transient failure: back to pending, to be looked at again at wake_at."""
        await self._db.execute(
            "UPDATE reminders SET status = 'pending', wake_at = ?, last_error = ?,"
            " claimed_at = NULL WHERE id = ?",
            (to_db(wake_at), error, reminder_id),
        )

    # -- sources a crash left unplanned --------------------------------------------------------

    async def tasks_without_rows(self, now: datetime) -> list[int]:
        """Open tasks with a recent or future deadline that have no reminder row at all.

        Tasks whose deadline passed more than two days ago are left alone (their reminders
        would all be in the past).
        """
        rows = await self._db.fetchall(
            "SELECT t.id FROM tasks t WHERE t.status = 'open' AND t.due_at IS NOT NULL"
            " AND t.overdue_at > ? AND NOT EXISTS (SELECT 1 FROM reminders r"
            " WHERE r.kind IN ('task_due', 'task_overdue') AND r.source_id = t.id)",
            (to_db(now - timedelta(days=2)),),
        )
        return [row["id"] for row in rows]

    async def events_without_rows(self, now: datetime) -> list[int]:
        """Active future events with no reminder row at all (see tasks_without_rows)."""
        rows = await self._db.fetchall(
            "SELECT e.id FROM events e WHERE e.status = 'active' AND e.starts_at > ?"
            " AND NOT EXISTS (SELECT 1 FROM reminders r"
            " WHERE r.kind = 'event' AND r.source_id = e.id)",
            (to_db(now),),
        )
        return [row["id"] for row in rows]

    # -- digests -----------------------------------------------------------------------------

    async def groups_without_digest(self) -> list[sqlite3.Row]:
        """Groups (id, chat_id, timezone, settings) with no pending digest row."""
        return await self._db.fetchall(
            "SELECT g.id, g.chat_id, g.timezone, g.settings FROM groups g WHERE NOT EXISTS"
            " (SELECT 1 FROM reminders r WHERE r.group_id = g.id AND r.kind = 'digest'"
            " AND r.status IN ('pending', 'claimed', 'sending'))"
        )

    async def replace_digest(self, group_id: int, row: NewReminder | None, now: datetime) -> None:
        """Cancel the group's pending digest and write the new one (None: digest off)."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE reminders SET status = 'cancelled', last_error = 'replanned'"
                " WHERE group_id = ? AND kind = 'digest' AND status = 'pending'",
                (group_id,),
            )
            if row is not None:
                await insert_rows(conn, [row], now)

    # -- free reminders (/nhac) --------------------------------------------------------------

    async def create_free(
        self,
        *,
        group_id: int,
        chat_id: str,
        text: str,
        repeat: dict[str, Any] | None,
        first_due: datetime,
        created_by: str,
        now: datetime,
    ) -> FreeReminder:
        """A new /nhac with its first reminder row, in one transaction."""
        async with self._db.transaction() as conn:
            async with conn.execute(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM free_reminders WHERE group_id = ?",
                (group_id,),
            ) as c:
                number = (await c.fetchone())[0]  # type: ignore[index]
            cursor = await conn.execute(
                "INSERT INTO free_reminders (group_id, number, text, repeat, created_by,"
                " created_at) VALUES (?,?,?,?,?,?)",
                (
                    group_id,
                    number,
                    text,
                    json.dumps(repeat) if repeat else None,
                    created_by,
                    to_db(now),
                ),
            )
            free_id = int(cursor.lastrowid or 0)
            await insert_rows(
                conn,
                [NewReminder(group_id, "free", free_id, first_due, chat_id, recurrence=repeat)],
                now,
            )
        found = await self.free_by_number(group_id, number)
        assert found is not None
        return found

    _FREE_SELECT = (
        "SELECT f.*, (SELECT MIN(r.due_at) FROM reminders r WHERE r.kind = 'free'"
        " AND r.source_id = f.id AND r.status IN ('pending', 'claimed', 'sending')) AS next_due"
        " FROM free_reminders f"
    )

    async def free_by_number(self, group_id: int, number: int) -> FreeReminder | None:
        """A /nhac of this group by its number."""
        row = await self._db.fetchone(
            self._FREE_SELECT + " WHERE f.group_id = ? AND f.number = ?", (group_id, number)
        )
        return _free(row) if row else None

    async def free_by_id(self, free_id: int) -> FreeReminder | None:
        """A /nhac by id."""
        row = await self._db.fetchone(self._FREE_SELECT + " WHERE f.id = ?", (free_id,))
        return _free(row) if row else None

    async def active_free(self, group_id: int) -> list[FreeReminder]:
        """The group's active /nhac, soonest first."""
        rows = await self._db.fetchall(
            self._FREE_SELECT + " WHERE f.group_id = ? AND f.status = 'active'"
            " ORDER BY next_due IS NULL, next_due, f.number",
            (group_id,),
        )
        return [_free(r) for r in rows]

    async def cancel_free(self, free_id: int) -> None:
        """Cancel a /nhac and its unsent rows (and their snoozes are refused at press time)."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE free_reminders SET status = 'cancelled' WHERE id = ?", (free_id,)
            )
            await cancel_source(conn, ("free",), free_id, "cancelled")

    # -- unreachable chats -------------------------------------------------------------------

    async def unreachable_chats(self, platform: str) -> dict[str, str]:
        """Group chats the platform refuses, with the reason."""
        rows = await self._db.fetchall(
            "SELECT chat_id, unreachable FROM chat_status WHERE platform = ?", (platform,)
        )
        return {r["chat_id"]: r["unreachable"] for r in rows}

    async def mark_unreachable(
        self, platform: str, chat_id: str, reason: str, now: datetime
    ) -> None:
        """Remember that a group chat refuses the bot."""
        await self._db.execute(
            "INSERT INTO chat_status (platform, chat_id, unreachable, since) VALUES (?,?,?,?)"
            " ON CONFLICT (platform, chat_id) DO UPDATE SET unreachable = excluded.unreachable",
            (platform, chat_id, reason, to_db(now)),
        )

    async def mark_reachable(self, platform: str, chat_id: str) -> None:
        """The chat is talking to the bot again."""
        await self._db.execute(
            "DELETE FROM chat_status WHERE platform = ? AND chat_id = ?", (platform, chat_id)
        )
