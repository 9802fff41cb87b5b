"""Reminder rows that could not be delivered yet, and what becomes of them.

The states are those of storage/reminders.py; this module holds the transitions of rows the
platform did not take:

* the platform is down: a row handed to it is given back (`sending` → `claimed`, nothing was
  sent) while the dispatcher waits for the platform to answer again;
* a send got no answer (a timeout): back to pending with payload.resend, so the resend says it
  may be a repeat;
* the chat refuses the bot (removed from the group): the row is kept, `skipped` with
  last_error UNREACHABLE, and listed in one summary when the bot is back (then REPORTED).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from storage.db import Database
from storage.reminders import NewReminder, Reminder, _reminder, insert_rows
from storage.timefmt import to_db

UNREACHABLE = "chat unreachable"  # kept for the summary when the bot is back
REPORTED = "chat unreachable (listed when the bot was back)"


class UndeliveredStore:
    """Transitions of reminder rows the platform did not take."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def give_back(self, reminder_id: int) -> None:
        """The platform could not be reached: nothing was sent (`sending` → `claimed`)."""
        await self._db.execute(
            "UPDATE reminders SET status = 'claimed' WHERE id = ? AND status = 'sending'",
            (reminder_id,),
        )

    async def retry_maybe_sent(self, reminder_id: int, wake_at: datetime, error: str) -> None:
        """No answer came: retry at wake_at, and the resend carries the "may be a repeat" note."""
        await self._db.execute(
            "UPDATE reminders SET status = 'pending', wake_at = ?, last_error = ?,"
            " claimed_at = NULL, payload = json_set(payload, '$.resend', 1) WHERE id = ?",
            (to_db(wake_at), error[:500], reminder_id),
        )

    async def keep_for_summary(
        self,
        reminder_id: int,
        first_line: str,
        now: datetime,
        *,
        follow_ups: Sequence[NewReminder] = (),
        follow_up_state: tuple[str, int] | None = None,
    ) -> None:
        """The chat refuses the bot: keep the row (with what it would have said) for the summary
        the group gets when the bot is back, and write what follows it, in one transaction."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE reminders SET status = 'skipped', last_error = ?,"
                " payload = json_set(payload, '$.first_line', ?) WHERE id = ?",
                (UNREACHABLE, first_line[:300], reminder_id),
            )
            if follow_ups:
                await insert_rows(conn, follow_ups, now)
            if follow_up_state is not None:
                await conn.execute(
                    "UPDATE free_reminders SET status = ? WHERE id = ? AND status = 'active'",
                    follow_up_state,
                )

    async def unreported(self, group_id: int) -> list[Reminder]:
        """Rows that fell due while the group's chat refused the bot, earliest first."""
        # The literal (not a parameter) lets SQLite use the partial index of migration 0007.
        rows = await self._db.fetchall(
            "SELECT * FROM reminders WHERE group_id = ? AND status = 'skipped'"
            f" AND last_error = '{UNREACHABLE}' ORDER BY due_at, id",
            (group_id,),
        )
        return [_reminder(row) for row in rows]

    async def mark_reported(self, ids: list[int]) -> None:
        """These rows were listed to the group (once)."""
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            await self._db.execute(
                f"UPDATE reminders SET last_error = ? WHERE id IN ({','.join('?' * len(chunk))})",
                (REPORTED, *chunk),
            )
