"""The inbox: every update a platform delivered, kept before the platform is told it arrived.

    received --handled, in the transaction of its effects--> done
        \\--the handler failed (the user was told, in that transaction)--> failed

A transport calls `accept` and acknowledges the update to its platform only once that has
committed (Telegram: the next getUpdates offset). A crash before the acknowledgement makes the
platform deliver the update again: `accept` recognises it by (platform, update_key) and it is
not handled twice. A crash after it leaves the row `received`, and start-up handles it first.
Because an update's effects, its replies (storage/outbox.py) and its `done` mark are one
transaction, handling it again after a crash cannot apply anything twice.

The key is the platform's own id of the update: Telegram's update_id, Zalo's
"<event_name>:<message_id>" (Zalo has no offsets and replays what it delivered). Finished rows
are kept KEEP (7 days) so that a late replay is still recognised, then pruned; an update sent
before that window is refused outright.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from storage.db import Database
from storage.timefmt import from_db, to_db

KEEP = timedelta(days=7)
BATCH = 200  # updates per INSERT (5 parameters each, far under SQLite's limit)


@dataclass(frozen=True)
class NewUpdate:
    """An update to accept: the platform's own key for it, its chat and its body."""

    update_key: str
    chat_id: str
    body: dict[str, Any]
    sent_at: datetime | None = None  # when the platform says it was sent, if it does


@dataclass(frozen=True)
class InboxEntry:
    """An accepted update."""

    id: int
    platform: str
    update_key: str
    chat_id: str
    body: dict[str, Any]
    status: str
    received_at: datetime


def _entry(row: Any) -> InboxEntry:
    return InboxEntry(
        id=row["id"],
        platform=row["platform"],
        update_key=row["update_key"],
        chat_id=row["chat_id"],
        body=json.loads(row["body"]),
        status=row["status"],
        received_at=from_db(row["received_at"]),
    )


class InboxStore:
    """Accepts updates once and records that they were handled."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def accept(
        self,
        platform: str,
        update_key: str,
        chat_id: str,
        body: dict[str, Any],
        now: datetime,
        *,
        sent_at: datetime | None = None,
    ) -> int | None:
        """Keep a new update (committed when this returns); None if it was accepted before,
        or was sent more than KEEP ago: past the window a replay cannot be told from a new
        update (its key is forgotten), so it is refused rather than run again."""
        update = NewUpdate(update_key, chat_id, body, sent_at)
        return (await self.accept_many(platform, [update], now))[0]

    async def accept_many(
        self, platform: str, updates: list[NewUpdate], now: datetime
    ) -> list[int | None]:
        """`accept` for a batch a platform delivered together, in one statement (one commit,
        one turn of the database lock for the whole batch); the id or None of each, in order."""
        fresh = [u for u in updates if u.sent_at is None or u.sent_at >= now - KEEP]
        ids: dict[str, int] = {}
        for start in range(0, len(fresh), BATCH):
            part = fresh[start : start + BATCH]
            params: list[Any] = []
            for update in part:
                body = json.dumps(update.body, ensure_ascii=False)
                params += [platform, update.update_key, update.chat_id, body, to_db(now)]
            rows = await self._db.write_returning(
                "INSERT INTO inbox (platform, update_key, chat_id, body, received_at) VALUES "
                + ", ".join(["(?, ?, ?, ?, ?)"] * len(part))
                + " ON CONFLICT (platform, update_key) DO NOTHING RETURNING id, update_key",
                params,
            )
            ids.update({row["update_key"]: int(row["id"]) for row in rows})
        # A key twice in one batch is one update: the first takes it.
        return [ids.pop(u.update_key, None) for u in updates]

    async def get(self, entry_id: int) -> InboxEntry | None:
        """One accepted update."""
        row = await self._db.fetchone("SELECT * FROM inbox WHERE id = ?", (entry_id,))
        return _entry(row) if row else None

    async def unfinished(self) -> list[InboxEntry]:
        """Updates accepted but not yet handled, oldest first (start-up handles these first)."""
        rows = await self._db.fetchall("SELECT * FROM inbox WHERE status = 'received' ORDER BY id")
        return [_entry(row) for row in rows]

    async def finish(self, entry_id: int, now: datetime) -> bool:
        """Mark handled (inside the transaction of the update's effects); False if it was
        handled already, and then the caller's transaction must not commit its effects."""
        changed = await self._db.execute(
            "UPDATE inbox SET status = 'done', done_at = ? WHERE id = ? AND status = 'received'",
            (to_db(now), entry_id),
        )
        return changed > 0

    async def fail(self, entry_id: int, error: str, now: datetime) -> bool:
        """The handler raised: mark failed (with the message telling the user, in one
        transaction), so a bug cannot stop the chat's later updates."""
        changed = await self._db.execute(
            "UPDATE inbox SET status = 'failed', done_at = ?, error = ?"
            " WHERE id = ? AND status = 'received'",
            (to_db(now), error[:1000], entry_id),
        )
        return changed > 0

    async def count_by_status(self) -> dict[str, int]:
        """How many updates are in each state (diagnostics, the crash test)."""
        rows = await self._db.fetchall("SELECT status, COUNT(*) AS n FROM inbox GROUP BY 1")
        return {row["status"]: row["n"] for row in rows}

    async def prune(self, now: datetime) -> int:
        """Forget handled updates received more than KEEP ago; returns how many."""
        return await self._db.execute(
            "DELETE FROM inbox WHERE status != 'received' AND received_at < ?",
            (to_db(now - KEEP),),
        )
