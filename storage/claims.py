"""Payment claims (hồ sơ thanh toán) of events: their items, and ticks with their history."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from storage.claim_templates import TemplateItem
from storage.db import Database
from storage.timefmt import from_db, from_db_opt, to_db


class ClaimClosedError(Exception):
    """The claim was closed (handed to the kế toán); it changes no more until reopened."""


class ClaimItemNotFoundError(Exception):
    """The claim has no item with that number."""


class ClaimExistsError(Exception):
    """The event already has a claim."""


@dataclass(frozen=True)
class Claim:
    """The claim of one event."""

    id: int
    group_id: int
    event_id: int
    kind: str
    deadline: datetime
    status: str  # 'open' | 'closed'
    opened_by: str
    opened_at: datetime
    closed_by: str | None
    closed_at: datetime | None

    @property
    def is_open(self) -> bool:
        """True until the file is handed over."""
        return self.status == "open"


@dataclass(frozen=True)
class ClaimItem:
    """One paper of a claim and whether it is there."""

    id: int
    claim_id: int
    position: int
    phase: str
    name: str
    auto: str | None
    done: bool
    done_by: str | None
    done_at: datetime | None
    link: str | None


@dataclass(frozen=True)
class Mark:
    """One tick or untick, kept after later changes."""

    position: int
    done: bool
    user_id: str
    at: datetime


@dataclass(frozen=True)
class OpenClaim:
    """An open claim with what the /thanhtoan list shows."""

    claim: Claim
    event_number: int
    missing: int
    total: int


def claim_from_row(row: sqlite3.Row) -> Claim:
    return Claim(
        id=row["id"],
        group_id=row["group_id"],
        event_id=row["event_id"],
        kind=row["kind"],
        deadline=from_db(row["deadline"]),
        status=row["status"],
        opened_by=row["opened_by"],
        opened_at=from_db(row["opened_at"]),
        closed_by=row["closed_by"],
        closed_at=from_db_opt(row["closed_at"]),
    )


def _item(row: sqlite3.Row) -> ClaimItem:
    return ClaimItem(
        id=row["id"],
        claim_id=row["claim_id"],
        position=row["position"],
        phase=row["phase"],
        name=row["name"],
        auto=row["auto"],
        done=bool(row["done"]),
        done_by=row["done_by"],
        done_at=from_db_opt(row["done_at"]),
        link=row["link"],
    )


class ClaimStore:
    """Reads and writes claims, their items and the marks (ticks and unticks) on them."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def open(
        self,
        *,
        group_id: int,
        event_id: int,
        kind: str,
        items: Sequence[TemplateItem],
        deadline: datetime,
        by: str,
        now: datetime,
    ) -> Claim:
        """Open the claim of an event with a copy of the checklist.

        Raises:
            ClaimExistsError: the event has a claim already; nothing is changed.
        """
        if not items:
            raise ValueError("a claim needs at least one item")
        async with self._db.transaction() as conn:
            if await self.by_event(event_id) is not None:
                raise ClaimExistsError(event_id)
            cursor = await conn.execute(
                "INSERT INTO claims (group_id, event_id, kind, deadline, opened_by, opened_at)"
                " VALUES (?,?,?,?,?,?)",
                (group_id, event_id, kind, to_db(deadline), by, to_db(now)),
            )
            claim_id = int(cursor.lastrowid or 0)
            await conn.executemany(
                "INSERT INTO claim_items (claim_id, position, phase, name, auto)"
                " VALUES (?,?,?,?,?)",
                [
                    (claim_id, position, item.phase, item.name, item.auto)
                    for position, item in enumerate(items, start=1)
                ],
            )
        claim = await self.by_id(claim_id)
        assert claim is not None
        return claim

    async def by_id(self, claim_id: int) -> Claim | None:
        """A claim by id."""
        row = await self._db.fetchone("SELECT * FROM claims WHERE id = ?", (claim_id,))
        return claim_from_row(row) if row else None

    async def by_event(self, event_id: int) -> Claim | None:
        """The claim of an event, if opened."""
        row = await self._db.fetchone("SELECT * FROM claims WHERE event_id = ?", (event_id,))
        return claim_from_row(row) if row else None

    async def items(self, claim_id: int) -> list[ClaimItem]:
        """The items of a claim by number."""
        rows = await self._db.fetchall(
            "SELECT * FROM claim_items WHERE claim_id = ? ORDER BY position", (claim_id,)
        )
        return [_item(r) for r in rows]

    async def open_claims(self, group_id: int) -> list[OpenClaim]:
        """The group's open claims, earliest deadline first, with their missing counts."""
        rows = await self._db.fetchall(
            "SELECT c.*, e.number AS event_number, COUNT(i.id) AS total,"
            " COALESCE(SUM(1 - i.done), 0) AS missing FROM claims c"
            " JOIN events e ON e.id = c.event_id"
            " LEFT JOIN claim_items i ON i.claim_id = c.id"
            " WHERE c.group_id = ? AND c.status = 'open'"
            " GROUP BY c.id ORDER BY c.deadline, c.id",
            (group_id,),
        )
        return [
            OpenClaim(claim_from_row(r), r["event_number"], r["missing"], r["total"]) for r in rows
        ]

    async def set_done(
        self, claim_id: int, position: int, done: bool, *, by: str, now: datetime
    ) -> tuple[ClaimItem, bool]:
        """Tick (done=True) or untick an item; returns the item and whether it changed.

        Setting the state it already has changes nothing and records nothing, so two people
        pressing the same button at once do not undo each other.

        Raises:
            ClaimClosedError, ClaimItemNotFoundError: nothing is changed.
        """
        async with self._db.transaction() as conn:
            item = await self._item_of_open_claim(claim_id, position)
            if item.done == done:
                return item, False
            await conn.execute(
                "UPDATE claim_items SET done = ?, done_by = ?, done_at = ?, link = NULL"
                " WHERE id = ?",
                (int(done), by if done else None, to_db(now) if done else None, item.id),
            )
            await conn.execute(
                "INSERT INTO claim_item_marks (item_id, done, user_id, at) VALUES (?,?,?,?)",
                (item.id, int(done), by, to_db(now)),
            )
        changed = await self._item_of(claim_id, position)
        assert changed is not None
        return changed, True

    async def tick_produced(
        self, claim_id: int, source: str, link: str, *, now: datetime
    ) -> list[ClaimItem]:
        """Tick the open items another feature produces (auto = source) with a link to it."""
        async with self._db.transaction() as conn:
            claim = await self.by_id(claim_id)
            if claim is None or not claim.is_open:
                return []
            rows = await self._db.fetchall(
                "SELECT * FROM claim_items WHERE claim_id = ? AND auto = ? AND done = 0",
                (claim_id, source),
            )
            for row in rows:
                await conn.execute(
                    "UPDATE claim_items SET done = 1, done_by = ?, done_at = ?, link = ?"
                    " WHERE id = ?",
                    (source, to_db(now), link, row["id"]),
                )
                await conn.execute(
                    "INSERT INTO claim_item_marks (item_id, done, user_id, at) VALUES (?,1,?,?)",
                    (row["id"], source, to_db(now)),
                )
        return [item for item in await self.items(claim_id) if item.id in {r["id"] for r in rows}]

    async def marks(self, claim_id: int) -> list[Mark]:
        """Every tick and untick of the claim, oldest first."""
        rows = await self._db.fetchall(
            "SELECT i.position, m.done, m.user_id, m.at FROM claim_item_marks m"
            " JOIN claim_items i ON i.id = m.item_id WHERE i.claim_id = ? ORDER BY m.id",
            (claim_id,),
        )
        return [Mark(r["position"], bool(r["done"]), r["user_id"], from_db(r["at"])) for r in rows]

    async def close(self, claim_id: int, *, by: str, now: datetime) -> bool:
        """Close an open claim (handed to the kế toán); False if it was not open."""
        changed = await self._db.execute(
            "UPDATE claims SET status = 'closed', closed_by = ?, closed_at = ?"
            " WHERE id = ? AND status = 'open'",
            (by, to_db(now), claim_id),
        )
        return changed > 0

    async def reopen(self, claim_id: int) -> bool:
        """Open a closed claim again; False if it was not closed."""
        changed = await self._db.execute(
            "UPDATE claims SET status = 'open', closed_by = NULL, closed_at = NULL"
            " WHERE id = ? AND status = 'closed'",
            (claim_id,),
        )
        return changed > 0

    async def _item_of(self, claim_id: int, position: int) -> ClaimItem | None:
        return await item_of(self._db, claim_id, position)

    async def _item_of_open_claim(self, claim_id: int, position: int) -> ClaimItem:
        return await item_of_open_claim(self._db, claim_id, position)


async def item_of(db: Database, claim_id: int, position: int) -> ClaimItem | None:
    """Item number `position` of a claim."""
    row = await db.fetchone(
        "SELECT * FROM claim_items WHERE claim_id = ? AND position = ?", (claim_id, position)
    )
    return _item(row) if row else None


async def item_of_open_claim(db: Database, claim_id: int, position: int) -> ClaimItem:
    """Item number `position` of a claim that may still change.

    Raises:
        ClaimClosedError: the claim is closed.
        ClaimItemNotFoundError: no such claim or item.
    """
    row = await db.fetchone("SELECT * FROM claims WHERE id = ?", (claim_id,))
    if row is None:
        raise ClaimItemNotFoundError(position)
    if not claim_from_row(row).is_open:
        raise ClaimClosedError(claim_id)
    item = await item_of(db, claim_id, position)
    if item is None:
        raise ClaimItemNotFoundError(position)
    return item
