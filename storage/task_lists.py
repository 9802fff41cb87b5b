"""Where a task list's rows are, in list order, and how many: ordered, indexed, limited queries.

A list (/ds, /ds toi, /ds @ai, /ds quahan, /viectoi) is a range of one index, read in its
order: the group's open tasks on `tasks_list` (group, status, overdue_at, number), one
person's on `task_owners_by_group` (group, user, overdue_at, number). Every list shows its
tasks with a deadline first (overdue_at ascending, so overdue ones lead, ties by number), then
those without one by number: two parts of the index, each read with LIMIT/OFFSET, so a page
never sorts the group's tasks. Totals come from the count tables the triggers of migration
0005_speed keep; only the overdue and due-soon parts, which move with the clock, are counted on
read (a range of the same index).

Who is on a person's list (open assignees, or the creator of a task given to nobody) is the
view `task_owner_rule` in storage/migrations/0005_speed.sql; `task_owners` holds its rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Database
from storage.timefmt import to_db


@dataclass(frozen=True)
class ListSource:
    """The index range of one list: the group's open tasks, or one person's in a group."""

    table: str
    id_column: str
    where: str
    params: tuple[object, ...]
    counts: str  # SELECT dated, undated of this list

    @classmethod
    def group(cls, group_id: int) -> ListSource:
        """The group's open tasks."""
        return cls(
            "tasks",
            "id",
            "group_id = ? AND status = 'open'",
            (group_id,),
            "SELECT dated, undated FROM task_group_counts WHERE group_id = ?",
        )

    @classmethod
    def person(cls, group_id: int, user_id: str) -> ListSource:
        """The open tasks on one person's list in a group."""
        return cls(
            "task_owners",
            "task_id",
            "group_id = ? AND user_id = ?",
            (group_id, user_id),
            "SELECT dated, undated FROM task_owner_counts WHERE group_id = ? AND user_id = ?",
        )


@dataclass(frozen=True)
class ListCounts:
    """How many tasks a list holds: overdue and due soon (now), with and without deadline."""

    overdue: int
    soon: int
    dated: int
    undated: int


async def count(
    db: Database, source: ListSource, now: datetime, soon_until: datetime
) -> ListCounts:
    """The list's counts, in one statement (so they agree with each other)."""
    rng = f"SELECT COUNT(*) FROM {source.table} WHERE {source.where} AND overdue_at"
    row = await db.fetchone(
        f"SELECT ({rng} <= ?) AS overdue, ({rng} > ? AND overdue_at <= ?) AS soon,"
        f" (SELECT dated FROM ({source.counts})) AS dated,"
        f" (SELECT undated FROM ({source.counts})) AS undated",
        [
            *source.params,
            to_db(now),
            *source.params,
            to_db(now),
            to_db(soon_until),
            *source.params,
            *source.params,
        ],
    )
    assert row is not None
    return ListCounts(row["overdue"], row["soon"], row["dated"] or 0, row["undated"] or 0)


async def sizes(db: Database, source: ListSource) -> ListCounts:
    """The list's parts with and without a deadline (overdue and soon left at 0)."""
    row = await db.fetchone(source.counts, source.params)
    return ListCounts(0, 0, row["dated"], row["undated"]) if row else ListCounts(0, 0, 0, 0)


async def page_ids(
    db: Database,
    source: ListSource,
    counts: ListCounts,
    *,
    offset: int,
    limit: int,
    overdue_before: datetime | None = None,
) -> list[int]:
    """Task ids of one page of the list, in list order.

    Args:
        counts: the list's counts, to know where its part with deadlines ends (and, with
            overdue_before, how many are overdue).
        overdue_before: only the overdue part (tasks overdue at this instant).
    """
    if overdue_before is not None:
        parts = [
            ("overdue_at <= ?", (to_db(overdue_before),), "overdue_at, number", counts.overdue)
        ]
    else:
        parts = [
            ("overdue_at IS NOT NULL", (), "overdue_at, number", counts.dated),
            ("overdue_at IS NULL", (), "number", counts.undated),
        ]
    ids: list[int] = []
    for condition, params, order, size in parts:
        if limit <= 0:
            break
        if offset >= size:
            offset -= size
            continue
        rows = await db.fetchall(
            f"SELECT {source.id_column} AS id FROM {source.table}"
            f" WHERE {source.where} AND {condition} ORDER BY {order} LIMIT ? OFFSET ?",
            [*source.params, *params, limit, offset],
        )
        ids += [row["id"] for row in rows]
        limit -= len(rows)
        offset = 0
    return ids


async def done_page_ids(
    db: Database, group_id: int, *, offset: int, limit: int
) -> tuple[int, list[int]]:
    """How many tasks of the group are done, and one page of them, most recent first."""
    total = await db.fetchone("SELECT done FROM task_group_counts WHERE group_id = ?", (group_id,))
    rows = await db.fetchall(
        "SELECT id FROM tasks WHERE group_id = ? AND status = 'done'"
        " ORDER BY done_at DESC, number DESC LIMIT ? OFFSET ?",
        (group_id, limit, offset),
    )
    return (total["done"] if total else 0), [row["id"] for row in rows]


async def person_groups(db: Database, user_id: str) -> list[tuple[int, int]]:
    """(group id, open tasks on the person's list) of every group where they are an active
    member and have some, in the order /viectoi shows groups (by name). The person key is the
    same on every platform (storage/people.py), so a Tổ on Telegram and Zalo is one group."""
    rows = await db.fetchall(
        "SELECT c.group_id, c.dated + c.undated AS n FROM task_owner_counts c"
        " JOIN groups g ON g.id = c.group_id"
        " JOIN members m ON m.group_id = c.group_id AND m.user_id = c.user_id AND m.active = 1"
        " WHERE c.user_id = ? AND c.dated + c.undated > 0"
        " ORDER BY g.name, g.id",
        (user_id,),
    )
    return [(row["group_id"], row["n"]) for row in rows]
