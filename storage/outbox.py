"""The outbox: replies, edits and button answers, written with the change they report.

    pending --just before the platform call--> sending --> sent
       ^                                          |  \\--> failed (refused for good)
       \\--a flood wait, an outage, a timeout----/
           (a timeout sets maybe_sent: the resend says it may be a repeat)

Rows of one chat are sent in id order (bot/delivery/outbox_worker.py). A crash between
`sending` and `sent` is the one window where a reply may arrive twice: start-up puts such rows
back to pending with maybe_sent, so the second copy carries the note. Finished rows are pruned
after KEEP.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from storage.db import Database
from storage.timefmt import to_db

KEEP = timedelta(days=2)


@dataclass(frozen=True)
class NewOutgoing:
    """A row to write: what to do in which chat."""

    platform: str
    chat_id: str
    action: str  # 'send', 'edit' or 'answer'
    body: dict[str, Any]
    reply_to: str | None = None
    press_id: str | None = None
    inbox_id: int | None = None


@dataclass(frozen=True)
class Outgoing:
    """A stored outbox row."""

    id: int
    platform: str
    chat_id: str
    action: str
    body: dict[str, Any]
    reply_to: str | None
    press_id: str | None
    inbox_id: int | None
    status: str
    maybe_sent: bool
    attempts: int


@dataclass(frozen=True)
class SentMark:
    """What to record of a row the platform took."""

    outgoing_id: int
    at: datetime
    message_id: str | None


def _outgoing(row: Any) -> Outgoing:
    return Outgoing(
        id=row["id"],
        platform=row["platform"],
        chat_id=row["chat_id"],
        action=row["action"],
        body=json.loads(row["body"]),
        reply_to=row["reply_to"],
        press_id=row["press_id"],
        inbox_id=row["inbox_id"],
        status=row["status"],
        maybe_sent=bool(row["maybe_sent"]),
        attempts=row["attempts"],
    )


class OutboxStore:
    """Reads and writes outbox rows."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, rows: list[NewOutgoing], now: datetime) -> list[int]:
        """Write rows (inside the caller's transaction, when there is one), in order."""
        ids = []
        async with self._db.transaction() as conn:
            for row in rows:
                cursor = await conn.execute(
                    "INSERT INTO outbox (platform, chat_id, action, body, reply_to, press_id,"
                    " inbox_id, created_at) VALUES (?,?,?,?,?,?,?,?)",
                    (
                        row.platform,
                        row.chat_id,
                        row.action,
                        json.dumps(row.body, ensure_ascii=False),
                        row.reply_to,
                        row.press_id,
                        row.inbox_id,
                        to_db(now),
                    ),
                )
                ids.append(int(cursor.lastrowid or 0))
        return ids

    async def next_unsent(self, platform: str, chat_id: str, *, answers: bool) -> Outgoing | None:
        """The oldest unsent row of a chat: its button answers, or its messages and edits."""
        row = await self._db.fetchone(
            "SELECT * FROM outbox WHERE platform = ? AND chat_id = ?"
            " AND status IN ('pending', 'sending')"
            + (" AND action = 'answer'" if answers else " AND action != 'answer'")
            + " ORDER BY id LIMIT 1",
            (platform, chat_id),
        )
        return _outgoing(row) if row else None

    async def advance(
        self,
        platform: str,
        chat_id: str,
        *,
        answers: bool,
        sent: SentMark | None = None,
        claim: bool = True,
    ) -> Outgoing | None:
        """Mark the row just sent (if any) and take the chat's next unsent row.

        With `claim`, the next row is marked sending too (its platform call starts now), and
        all of it is one statement: the outbox worker takes one turn of the database lock per
        message instead of three, so a chat's replies are not held behind every transaction
        the other chats' updates open in between. Without `claim` (the chat is held by a flood
        wait or an outage) the next row is only read: a crash during the wait must not make
        it look half-sent.
        """
        done_id = sent.outgoing_id if sent is not None else 0  # no row has id 0
        next_row = (
            "SELECT id FROM outbox WHERE platform = ? AND chat_id = ?"
            " AND status IN ('pending', 'sending') AND id != ?"
            + (" AND action = 'answer'" if answers else " AND action != 'answer'")
            + " ORDER BY id LIMIT 1"
        )
        if not claim:
            if sent is not None:
                await self.mark_sent(sent.outgoing_id, sent.at, sent.message_id)
            return await self.next_unsent(platform, chat_id, answers=answers)
        rows = await self._db.write_returning(
            "UPDATE outbox SET"
            " status = CASE WHEN id = ? THEN 'sent' ELSE 'sending' END,"
            " attempts = attempts + (id != ?),"
            " sent_at = CASE WHEN id = ? THEN ? ELSE sent_at END,"
            " sent_message_id = CASE WHEN id = ? THEN ? ELSE sent_message_id END"
            f" WHERE id = ? OR id = ({next_row}) RETURNING *",
            (
                done_id,
                done_id,
                done_id,
                to_db(sent.at) if sent else None,
                done_id,
                sent.message_id if sent else None,
                done_id,
                platform,
                chat_id,
                done_id,
            ),
        )
        claimed = [row for row in rows if row["id"] != done_id]
        return _outgoing(claimed[0]) if claimed else None

    async def get(self, outgoing_id: int) -> Outgoing | None:
        """One row."""
        row = await self._db.fetchone("SELECT * FROM outbox WHERE id = ?", (outgoing_id,))
        return _outgoing(row) if row else None

    async def mark_sending(self, outgoing_id: int) -> None:
        """The platform call is about to start: a crash from here may duplicate it."""
        await self._db.execute(
            "UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ?",
            (outgoing_id,),
        )

    async def mark_sent(
        self,
        outgoing_id: int,
        now: datetime,
        message_id: str | None,
        *,
        then: list[NewOutgoing] | None = None,
    ) -> None:
        """The platform took it; `then` (what its delivery hook queued to follow it) is written
        by the same commit, so a crash keeps neither or both."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE outbox SET status = 'sent', sent_at = ?, sent_message_id = ? WHERE id = ?",
                (to_db(now), message_id, outgoing_id),
            )
            if then:
                await self.add(then, now)

    async def retry(self, outgoing_id: int, error: str, *, maybe_sent: bool) -> None:
        """Back to pending after a transient failure (maybe_sent once a timeout hid the
        outcome: it stays set, so the resend carries the note)."""
        await self._db.execute(
            "UPDATE outbox SET status = 'pending', last_error = ?,"
            " maybe_sent = MAX(maybe_sent, ?) WHERE id = ?",
            (error[:500], int(maybe_sent), outgoing_id),
        )

    async def fail(self, outgoing_id: int, error: str) -> None:
        """The platform refuses it for good (the chat refuses the bot, a bad request)."""
        await self._db.execute(
            "UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ?",
            (error[:500], outgoing_id),
        )

    async def turn_into_send(self, outgoing_id: int, body: dict[str, Any]) -> None:
        """An edit or a button answer the platform refused goes out as a new message."""
        await self._db.execute(
            "UPDATE outbox SET action = 'send', body = ?, reply_to = NULL, press_id = NULL,"
            " status = 'pending' WHERE id = ?",
            (json.dumps(body, ensure_ascii=False), outgoing_id),
        )

    async def recover(self) -> int:
        """At start-up: rows a crash left mid-send go back to pending, marked maybe_sent."""
        return await self._db.execute(
            "UPDATE outbox SET status = 'pending', maybe_sent = 1 WHERE status = 'sending'"
        )

    async def chats_with_unsent(self) -> list[tuple[str, str, bool]]:
        """(platform, chat id, answers?) of every chat with something left to send."""
        rows = await self._db.fetchall(
            "SELECT DISTINCT platform, chat_id, action = 'answer' AS answers FROM outbox"
            " WHERE status IN ('pending', 'sending')"
        )
        return [(row["platform"], row["chat_id"], bool(row["answers"])) for row in rows]

    async def count_by_status(self) -> dict[str, int]:
        """How many rows are in each state (diagnostics, the crash test)."""
        rows = await self._db.fetchall("SELECT status, COUNT(*) AS n FROM outbox GROUP BY 1")
        return {row["status"]: row["n"] for row in rows}

    async def prune(self, now: datetime) -> int:
        """Forget rows finished more than KEEP ago; returns how many."""
        return await self._db.execute(
            "DELETE FROM outbox WHERE status IN ('sent', 'failed') AND created_at < ?",
            (to_db(now - KEEP),),
        )
