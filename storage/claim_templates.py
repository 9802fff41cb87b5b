"""A group's own checklist templates, and the estimate quantities set by hand."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

import aiosqlite

from storage.db import Database
from storage.timefmt import to_db

# When a paper is made: before the activity, on the day, after it (to claim payment).
PHASES = ("before", "on_day", "after")


@dataclass(frozen=True)
class TemplateItem:
    """One paper of a checklist template."""

    phase: str
    name: str
    auto: str | None = None  # 'minutes': another feature produces it and the claim ticks it


class EmptyChecklistError(Exception):
    """The edit would leave the checklist without any item."""


class TemplateItemNotFoundError(Exception):
    """No item has that number in the checklist."""


def in_phase_order(items: Sequence[TemplateItem]) -> list[TemplateItem]:
    """Items grouped before / on the day / after, keeping their order inside a phase."""
    return sorted(items, key=lambda item: PHASES.index(item.phase))


class TemplateStore:
    """The checklist templates groups adapted; the defaults live in the shipped data file.

    Every edit takes `base`, the checklist as the group sees it now (the shipped default when
    the group has no copy yet), so the first edit writes the whole copy.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    async def copy_of(self, group_id: int, kind: str) -> list[TemplateItem] | None:
        """The group's own checklist of this kind, or None while it uses the default."""
        rows = await self._db.fetchall(
            "SELECT phase, name, auto FROM claim_template_items WHERE group_id = ? AND kind = ?"
            " ORDER BY position",
            (group_id, kind),
        )
        return [TemplateItem(r["phase"], r["name"], r["auto"]) for r in rows] or None

    async def add(
        self,
        group_id: int,
        kind: str,
        base: Sequence[TemplateItem],
        item: TemplateItem,
        *,
        by: str,
        now: datetime,
    ) -> list[TemplateItem]:
        """Append an item at the end of its phase; returns the new checklist."""
        if item.phase not in PHASES:
            raise ValueError(f"unknown phase {item.phase!r}")
        return await self._edit(group_id, kind, base, lambda items: [*items, item], by, now)

    async def rename(
        self,
        group_id: int,
        kind: str,
        base: Sequence[TemplateItem],
        position: int,
        name: str,
        *,
        by: str,
        now: datetime,
    ) -> list[TemplateItem]:
        """Give item number `position` (1-based) a new name; returns the new checklist."""

        def change(items: list[TemplateItem]) -> list[TemplateItem]:
            _check_position(items, position)
            items[position - 1] = replace(items[position - 1], name=name)
            return items

        return await self._edit(group_id, kind, base, change, by, now)

    async def remove(
        self,
        group_id: int,
        kind: str,
        base: Sequence[TemplateItem],
        position: int,
        *,
        by: str,
        now: datetime,
    ) -> list[TemplateItem]:
        """Delete item number `position`; refuses to remove the last item.

        Raises:
            EmptyChecklistError: the checklist would be empty; nothing is changed.
            TemplateItemNotFoundError: no such item; nothing is changed.
        """

        def change(items: list[TemplateItem]) -> list[TemplateItem]:
            _check_position(items, position)
            del items[position - 1]
            return items

        return await self._edit(group_id, kind, base, change, by, now)

    async def reset(self, group_id: int, kind: str) -> None:
        """Drop the group's copy so the shipped default applies again."""
        await self._db.execute(
            "DELETE FROM claim_template_items WHERE group_id = ? AND kind = ?", (group_id, kind)
        )

    async def _edit(
        self,
        group_id: int,
        kind: str,
        base: Sequence[TemplateItem],
        change: Callable[[list[TemplateItem]], list[TemplateItem]],
        by: str,
        now: datetime,
    ) -> list[TemplateItem]:
        async with self._db.transaction() as conn:
            current = await self.copy_of(group_id, kind) or list(base)
            items = in_phase_order(change(list(current)))
            if not items:
                raise EmptyChecklistError(kind)
            await _write(conn, group_id, kind, items, by, now)
        return items


def _check_position(items: Sequence[TemplateItem], position: int) -> None:
    if not 1 <= position <= len(items):
        raise TemplateItemNotFoundError(position)


async def _write(
    conn: aiosqlite.Connection,
    group_id: int,
    kind: str,
    items: Sequence[TemplateItem],
    by: str,
    now: datetime,
) -> None:
    await conn.execute(
        "DELETE FROM claim_template_items WHERE group_id = ? AND kind = ?", (group_id, kind)
    )
    await conn.executemany(
        "INSERT INTO claim_template_items (group_id, kind, position, phase, name, auto,"
        " updated_by, updated_at) VALUES (?,?,?,?,?,?,?,?)",
        [
            (group_id, kind, position, item.phase, item.name, item.auto, by, to_db(now))
            for position, item in enumerate(items, start=1)
        ],
    )


class EstimateQuantityStore:
    """Quantities of an event's estimate that the chuyên viên set by hand."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def of_event(self, event_id: int) -> dict[str, int]:
        """Every quantity set for the event, by key ('line:<code>' or 'factor:<name>')."""
        rows = await self._db.fetchall(
            "SELECT key, quantity FROM estimate_quantities WHERE event_id = ?", (event_id,)
        )
        return {r["key"]: int(r["quantity"]) for r in rows}

    async def set(self, event_id: int, key: str, quantity: int, *, by: str, now: datetime) -> None:
        """Set (or replace) one quantity; quantities are whole numbers, never negative."""
        if quantity < 0:
            raise ValueError("a quantity is never negative")
        await self._db.execute(
            "INSERT INTO estimate_quantities (event_id, key, quantity, set_by, set_at)"
            " VALUES (?,?,?,?,?) ON CONFLICT (event_id, key) DO UPDATE SET"
            " quantity = excluded.quantity, set_by = excluded.set_by, set_at = excluded.set_at",
            (event_id, key, quantity, by, to_db(now)),
        )

    async def clear(self, event_id: int, key: str | None = None) -> None:
        """Forget one quantity set by hand (or all of the event's): the computed one applies."""
        if key is None:
            await self._db.execute(
                "DELETE FROM estimate_quantities WHERE event_id = ?", (event_id,)
            )
        else:
            await self._db.execute(
                "DELETE FROM estimate_quantities WHERE event_id = ? AND key = ?", (event_id, key)
            )
