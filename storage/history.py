"""Bounded reminder history: rows that are over are pruned after the retention period.

Every reminder the bot ever sent is a row of `reminders`; the morning digest alone adds one a
day per group (about 73 MB a year at 1,000 groups). Once a row is over (sent, skipped,
cancelled, failed) and nothing about it happened for the retention period, nothing reads it
any more:

* the dispatcher, the planner, start-up recovery and the missed-list read only rows not yet
  over (pending, claimed, sending) or over in the current run;
* a snooze copies what it needs of its row into its own payload;
* "does this task or event have reminder rows" (the start-up safety net) asks only about
  tasks and events whose rows are recent: a row still ahead is never over, and a cancelled
  row's due time is in its age;
* the "Nhắc lại" button of a message older than the retention answers that it has expired.

What reports need is kept: before a row is deleted it is counted in `reminder_archive` (per
group, month of its due time, kind and outcome), in the same transaction.

A row's age is measured from the latest of its creation, due, wake and sent times, so a
reminder planned long ahead and cancelled is kept until its due time has passed too.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from storage.db import Database
from storage.timefmt import to_db

OVER = ("sent", "skipped", "cancelled", "failed")
BATCH = 500  # rows looked at per transaction: each holds the database for about a millisecond


@dataclass(frozen=True)
class ArchivedCount:
    """How many reminder rows of a kind ended a way, for a group and month, once pruned."""

    group_id: int
    month: str  # YYYY-MM (UTC) of the due time
    kind: str
    status: str
    count: int


class ReminderHistory:
    """Prunes old reminder rows into monthly counts."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def prune(self, before: datetime, *, batch: int = BATCH) -> int:
        """Delete rows over and untouched since before `before`, counting them first.

        Walks the table in id order (ids follow creation, and only rows created before the
        cut-off can be old) a batch at a time, each batch its own short transaction, and
        yields between batches so sends and commands go on while it runs. Returns how many
        rows were deleted.
        """
        cut = to_db(before)
        marks = ",".join("?" * len(OVER))
        last_id, deleted = 0, 0
        while True:
            async with self._db.transaction() as conn:
                rows = await conn.execute_fetchall(
                    "SELECT id, created_at < ? AS early, status IN (" + marks + ")"
                    " AND MAX(created_at, due_at, wake_at, COALESCE(sent_at, due_at)) < ? AS old"
                    " FROM reminders WHERE id > ? ORDER BY id LIMIT ?",
                    (cut, *OVER, cut, last_id, batch),
                )
                rows = list(rows)
                old = [row[0] for row in rows if row[2]]
                if old:
                    ids = ",".join("?" * len(old))
                    await conn.execute(
                        "INSERT INTO reminder_archive (group_id, month, kind, status, count)"
                        " SELECT group_id, substr(due_at, 1, 7), kind, status, COUNT(*)"
                        f" FROM reminders WHERE id IN ({ids}) GROUP BY 1, 2, 3, 4"
                        " ON CONFLICT (group_id, month, kind, status)"
                        " DO UPDATE SET count = count + excluded.count",
                        old,
                    )
                    await conn.execute(f"DELETE FROM reminders WHERE id IN ({ids})", old)
                    deleted += len(old)
            # Rows created after the cut-off are all younger than the retention: stop there.
            if len(rows) < batch or not all(row[1] for row in rows):
                return deleted
            last_id = rows[-1][0]
            await asyncio.sleep(0)

    async def archived(self, group_id: int) -> list[ArchivedCount]:
        """The monthly counts of a group's pruned rows, oldest month first."""
        rows = await self._db.fetchall(
            "SELECT * FROM reminder_archive WHERE group_id = ? ORDER BY month, kind, status",
            (group_id,),
        )
        return [
            ArchivedCount(r["group_id"], r["month"], r["kind"], r["status"], r["count"])
            for r in rows
        ]
