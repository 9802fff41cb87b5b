"""The group's shared task list: tasks, their assignees, their history.

Requests waiting for confirmation are in storage/pending.py (TaskStore.pending).

Every change to a task goes through a TaskStore method (one transaction each, with its history
event), so the reminder engine can later be hooked in one place.

Deadlines (the one rule, used by /ds, the task card and the reminder engine):

* ``due_at`` is what bot.dates returned, stored as UTC. A date-only deadline
  (``due_has_time`` = 0) is 00:00 local time of that day.
* A task is **overdue** from ``overdue_at`` on: ``due_at`` itself when a time of day was given,
  otherwise the start of the *next* local day (a task due "thứ Sáu" is overdue on Saturday
  00:00, not on Friday morning). ``overdue_at`` is stored beside ``due_at`` so SQL can sort and
  filter with the same rule; ``overdue_from`` computes it and ``due_state`` reads it.
* A task is **due soon** when it is not overdue and ``overdue_at`` is less than ``DUE_SOON``
  (48 hours) away.

Event details (task_events.detail, JSON): assigned/unassigned {"user_id"}; due_changed
{"from", "from_has_time", "to", "to_has_time"} (UTC text or null); part_done {"user_id"};
done {"by_assignees": bool}; reopened {"parts": [user ids whose parts reopened]}; part_reopened
{"user_id"}; edited {"from", "to"} (texts); created/deleted/restored {}.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

import aiosqlite

from storage import task_lists as lists
from storage.db import Database
from storage.pending import PendingRequests
from storage.task_edits import TaskEdits, add_event
from storage.timefmt import from_db, from_db_opt, to_db

DUE_SOON = timedelta(hours=48)


class TaskStatus(StrEnum):
    """A task's lifecycle."""

    OPEN = "open"
    DONE = "done"
    DELETED = "deleted"


class DueState(StrEnum):
    """Where a task stands against its deadline."""

    OVERDUE = "overdue"
    SOON = "soon"
    LATER = "later"
    NONE = "none"


def overdue_from(due_at: datetime, has_time: bool, zone: ZoneInfo) -> datetime:
    """The instant from which a task with this deadline is overdue (see the module docstring)."""
    if has_time:
        return due_at
    next_day = due_at.astimezone(zone).date() + timedelta(days=1)
    return datetime.combine(next_day, time(0), tzinfo=zone)


def due_state(overdue_at: datetime | None, now: datetime) -> DueState:
    """Overdue, due soon, later, or no deadline, for a task whose overdue_at is given."""
    if overdue_at is None:
        return DueState.NONE
    if now >= overdue_at:
        return DueState.OVERDUE
    if overdue_at - now <= DUE_SOON:
        return DueState.SOON
    return DueState.LATER


@dataclass(frozen=True)
class Assignee:
    """One person a task is given to, with their own status."""

    user_id: str
    name: str
    assigned_by: str
    assigned_at: datetime
    done_at: datetime | None

    @property
    def done(self) -> bool:
        """Whether this person finished their part."""
        return self.done_at is not None


@dataclass(frozen=True)
class Task:
    """A task of a group, with its assignees (in the order they were given it)."""

    id: int
    group_id: int
    number: int
    text: str
    created_by: str
    creator_name: str
    created_at: datetime
    due_at: datetime | None
    due_has_time: bool
    overdue_at: datetime | None
    status: TaskStatus
    done_at: datetime | None
    done_by: str | None
    source_message_id: str | None
    assignees: tuple[Assignee, ...] = field(default=())

    @property
    def is_open(self) -> bool:
        """Still to do."""
        return self.status is TaskStatus.OPEN

    @property
    def done_count(self) -> int:
        """How many assignees finished their part."""
        return sum(1 for a in self.assignees if a.done)

    @property
    def open_assignees(self) -> tuple[str, ...]:
        """User ids of the assignees whose part is not done yet (who reminders go to)."""
        return tuple(a.user_id for a in self.assignees if not a.done)

    def assignee(self, user_id: str) -> Assignee | None:
        """This person's assignment, if the task is given to them."""
        return next((a for a in self.assignees if a.user_id == user_id), None)

    def state(self, now: datetime) -> DueState:
        """Overdue / due soon / later / no deadline (only meaningful while open)."""
        return due_state(self.overdue_at, now)


@dataclass(frozen=True)
class TaskEvent:
    """One line of a task's history."""

    at: datetime
    actor_id: str
    actor_name: str
    action: str
    detail: dict[str, Any]


@dataclass(frozen=True)
class ListFilter:
    """Which tasks a list shows.

    Attributes:
        person: only tasks given to this user (their part still open), or created by them and
            given to nobody.
        overdue_only: only overdue tasks.
        done: recently finished tasks (most recent first) instead of open ones.
    """

    person: str | None = None
    overdue_only: bool = False
    done: bool = False


@dataclass(frozen=True)
class TaskPage:
    """One page of a list, with the totals the header shows."""

    tasks: list[Task]
    total: int
    overdue: int
    soon: int
    dated: int  # with a deadline (so later = dated - overdue - soon, none = total - dated)


# Display name of a user in a group: the member row (even after they left), else the user row.
_NAME_SQL = (
    "COALESCE((SELECT m.display_name FROM members m WHERE m.group_id = {g} AND m.user_id = {u}),"
    " (SELECT u.display_name FROM users u WHERE u.user_id = {u} LIMIT 1), {u})"
)
_TASK_SELECT = (
    "SELECT t.*, " + _NAME_SQL.format(g="t.group_id", u="t.created_by") + " AS creator_name"
    " FROM tasks t"
)


def _task(row: sqlite3.Row, assignees: Iterable[Assignee] = ()) -> Task:
    return Task(
        id=row["id"],
        group_id=row["group_id"],
        number=row["number"],
        text=row["text"],
        created_by=row["created_by"],
        creator_name=row["creator_name"],
        created_at=from_db(row["created_at"]),
        due_at=from_db_opt(row["due_at"]),
        due_has_time=bool(row["due_has_time"]),
        overdue_at=from_db_opt(row["overdue_at"]),
        status=TaskStatus(row["status"]),
        done_at=from_db_opt(row["done_at"]),
        done_by=row["done_by"],
        source_message_id=row["source_message_id"],
        assignees=tuple(assignees),
    )


def _assignee(row: sqlite3.Row) -> Assignee:
    return Assignee(
        user_id=row["user_id"],
        name=row["name"],
        assigned_by=row["assigned_by"],
        assigned_at=from_db(row["assigned_at"]),
        done_at=from_db_opt(row["done_at"]),
    )


class TaskStore(TaskEdits):
    """Reads and writes tasks; each write is one transaction with its history event.

    `on_change` is given the task as it now stands, inside the same transaction, after every
    change of its deadline, assignees or status: the composition root points it at the
    reminder planner, so a task's reminders follow it whichever command or button changed it,
    and a task and its reminder rows are committed together or not at all. `new` says the
    task was just created (it has no reminder rows yet to replace).
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self.on_change: Callable[[Task, bool], Awaitable[object]] | None = None
        self.pending = PendingRequests(db)  # requests waiting for their author's confirmation

    async def _changed(self, task_id: int, task: Task | None = None, new: bool = False) -> None:
        if self.on_change is None:
            return
        current = task or await self.by_id(task_id)
        if current is not None:
            await self.on_change(current, new)

    # -- reading -----------------------------------------------------------------------------

    async def get(self, group_id: int, number: int) -> Task | None:
        """A group's task by its number (any status)."""
        row = await self._db.fetchone(
            _TASK_SELECT + " WHERE t.group_id = ? AND t.number = ?", (group_id, number)
        )
        return await self._with_assignees(row)

    async def by_id(self, task_id: int) -> Task | None:
        """A task by its id (any status). Callers must check it belongs to their group."""
        row = await self._db.fetchone(_TASK_SELECT + " WHERE t.id = ?", (task_id,))
        return await self._with_assignees(row)

    async def _with_assignees(self, row: sqlite3.Row | None) -> Task | None:
        if row is None:
            return None
        found = await self._assignees([row["id"]])
        return _task(row, found.get(row["id"], ()))

    async def _assignees(self, task_ids: Sequence[int]) -> dict[int, list[Assignee]]:
        if not task_ids:
            return {}
        marks = ",".join("?" * len(task_ids))
        rows = await self._db.fetchall(
            "SELECT a.*, "
            + _NAME_SQL.format(g="t.group_id", u="a.user_id")
            + " AS name FROM task_assignees a JOIN tasks t ON t.id = a.task_id"
            f" WHERE a.task_id IN ({marks}) ORDER BY a.assigned_at, a.rowid",
            task_ids,
        )
        found: dict[int, list[Assignee]] = {}
        for row in rows:
            found.setdefault(row["task_id"], []).append(_assignee(row))
        return found

    async def _tasks(self, rows: list[sqlite3.Row]) -> list[Task]:
        found = await self._assignees([row["id"] for row in rows])
        return [_task(row, found.get(row["id"], ())) for row in rows]

    async def open_with_deadline(self, group_id: int) -> list[int]:
        """Ids of the group's open tasks that have a deadline (to re-plan their reminders)."""
        rows = await self._db.fetchall(
            "SELECT id FROM tasks WHERE group_id = ? AND status = 'open' AND due_at IS NOT NULL",
            (group_id,),
        )
        return [row["id"] for row in rows]

    async def due_between(self, group_id: int, start: datetime, end: datetime) -> list[Task]:
        """Open tasks whose deadline falls in [start, end), by deadline (for the digest)."""
        rows = await self._db.fetchall(
            _TASK_SELECT + " WHERE t.group_id = ? AND t.status = 'open'"
            " AND t.due_at >= ? AND t.due_at < ? ORDER BY t.due_at, t.number",
            (group_id, to_db(start), to_db(end)),
        )
        return await self._tasks(rows)

    async def overdue(self, group_id: int, now: datetime) -> list[Task]:
        """Open tasks past their deadline by the one overdue rule (tasks.overdue_at)."""
        rows = await self._db.fetchall(
            _TASK_SELECT + " WHERE t.group_id = ? AND t.status = 'open'"
            " AND t.overdue_at <= ? ORDER BY t.due_at, t.number",
            (group_id, to_db(now)),
        )
        return await self._tasks(rows)

    async def events(self, task_id: int) -> list[TaskEvent]:
        """A task's history, oldest first."""
        rows = await self._db.fetchall(
            "SELECT e.*, "
            + _NAME_SQL.format(g="t.group_id", u="e.actor_id")
            + " AS actor_name FROM task_events e JOIN tasks t ON t.id = e.task_id"
            " WHERE e.task_id = ? ORDER BY e.id",
            (task_id,),
        )
        return [
            TaskEvent(
                at=from_db(row["at"]),
                actor_id=row["actor_id"],
                actor_name=row["actor_name"],
                action=row["action"],
                detail=json.loads(row["detail"]),
            )
            for row in rows
        ]

    async def _by_ids(self, ids: Sequence[int]) -> list[Task]:
        """Tasks by id, in the order of `ids`."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = await self._db.fetchall(_TASK_SELECT + f" WHERE t.id IN ({marks})", ids)
        by_id = {row["id"]: row for row in rows}
        return await self._tasks([by_id[i] for i in ids if i in by_id])

    async def page(
        self, group_id: int, now: datetime, filt: ListFilter, *, offset: int, limit: int
    ) -> TaskPage:
        """One page of a group's list: open tasks in deadline order (overdue first, oldest
        first; tasks without a deadline last), or recently done ones (most recent first).

        Read from indexes page by page (storage/task_lists.py), whatever the list's length.
        """
        if filt.done:
            if filt.person is not None:
                return await self._done_of_person(group_id, filt.person, offset, limit)
            total, ids = await lists.done_page_ids(self._db, group_id, offset=offset, limit=limit)
            return TaskPage(await self._by_ids(ids), total, 0, 0, 0)
        source = (
            lists.ListSource.group(group_id)
            if filt.person is None
            else lists.ListSource.person(group_id, filt.person)
        )
        counts = await lists.count(self._db, source, now, now + DUE_SOON)
        ids = await lists.page_ids(
            self._db,
            source,
            counts,
            offset=offset,
            limit=limit,
            overdue_before=now if filt.overdue_only else None,
        )
        tasks = await self._by_ids(ids)
        if filt.overdue_only:
            return TaskPage(tasks, counts.overdue, counts.overdue, 0, counts.overdue)
        total = counts.dated + counts.undated
        return TaskPage(tasks, total, counts.overdue, counts.soon, counts.dated)

    async def _done_of_person(
        self, group_id: int, person: str, offset: int, limit: int
    ) -> TaskPage:
        # Done tasks someone worked on (assignee, or creator of a task given to nobody). No
        # command lists these today, so this one is not read from a dedicated index.
        where = (
            "t.group_id = ? AND t.status = 'done' AND (EXISTS (SELECT 1 FROM task_assignees a"
            " WHERE a.task_id = t.id AND a.user_id = ?) OR (t.created_by = ? AND NOT EXISTS"
            " (SELECT 1 FROM task_assignees a WHERE a.task_id = t.id)))"
        )
        params = [group_id, person, person]
        total = await self._db.fetchone(f"SELECT COUNT(*) AS n FROM tasks t WHERE {where}", params)
        rows = await self._db.fetchall(
            f"{_TASK_SELECT} WHERE {where}"
            " ORDER BY t.done_at DESC, t.number DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return TaskPage(await self._tasks(rows), total["n"] if total else 0, 0, 0, 0)

    async def mine_page(self, user_id: str, *, offset: int, limit: int) -> tuple[int, list[Task]]:
        """A person's open tasks in every group where they are an active member, paged.

        "Theirs" is the same rule as ListFilter.person. Ordered by group (by name), then as
        in /ds. Returns the total and the page. The person key is the same on every platform
        (storage/people.py), and so are their groups.
        """
        groups = await lists.person_groups(self._db, user_id)
        total = sum(n for _, n in groups)
        ids: list[int] = []
        start = 0
        for group_id, size in groups:
            if len(ids) >= limit:
                break
            if offset < start + size:
                source = lists.ListSource.person(group_id, user_id)
                counts = await lists.sizes(self._db, source)
                ids += await lists.page_ids(
                    self._db,
                    source,
                    counts,
                    offset=max(0, offset - start),
                    limit=limit - len(ids),
                )
            start += size
        return total, await self._by_ids(ids)

    async def open_for_user(self, user_id: str) -> list[Task]:
        """All of a person's open tasks in every group where they are an active member (the
        order of mine_page)."""
        _, tasks = await self.mine_page(user_id, offset=0, limit=2**62)
        return tasks

    async def for_export(self, group_id: int) -> tuple[list[Task], dict[int, dict[str, int]]]:
        """A group's open and done tasks by number, and per task how often each history
        action happened (for the spreadsheet of /ds xuat)."""
        rows = await self._db.fetchall(
            _TASK_SELECT + " WHERE t.group_id = ? AND t.status != 'deleted' ORDER BY t.number",
            (group_id,),
        )
        counted = await self._db.fetchall(
            "SELECT e.task_id, e.action, COUNT(*) AS n FROM task_events e"
            " JOIN tasks t ON t.id = e.task_id WHERE t.group_id = ? AND t.status != 'deleted'"
            " GROUP BY e.task_id, e.action",
            (group_id,),
        )
        counts: dict[int, dict[str, int]] = {}
        for row in counted:
            counts.setdefault(row["task_id"], {})[row["action"]] = row["n"]
        return await self._tasks(rows), counts

    # -- writing -----------------------------------------------------------------------------

    async def create(
        self,
        *,
        group_id: int,
        text: str,
        created_by: str,
        now: datetime,
        zone: ZoneInfo,
        due_at: datetime | None = None,
        due_has_time: bool = False,
        assignees: Sequence[str] = (),
        source_message_id: str | None = None,
        names: Mapping[str, str] | None = None,
    ) -> Task:
        """Create a task with the group's next number; assignees get it at once.

        Args:
            names: display names the caller already knows (creator, assignees), which saves
                reading them back; anyone missing is looked up.

        This is the hot path of /viec, so it costs five statements: the row (numbered in the
        same statement), all assignees, all history events, and the transaction bounds.
        """
        overdue = overdue_from(due_at, due_has_time, zone) if due_at else None
        people = list(dict.fromkeys(assignees))
        at = to_db(now)
        async with self._db.transaction() as conn:
            (row,) = await conn.execute_fetchall(
                "INSERT INTO tasks (group_id, number, text, created_by, created_at, due_at,"
                " due_has_time, overdue_at, status, source_message_id)"
                " SELECT ?, COALESCE(MAX(number), 0) + 1, ?, ?, ?, ?, ?, ?, 'open', ?"
                " FROM tasks WHERE group_id = ? RETURNING id, number",
                (
                    group_id,
                    text,
                    created_by,
                    at,
                    to_db(due_at) if due_at else None,
                    int(due_has_time),
                    to_db(overdue) if overdue else None,
                    source_message_id,
                    group_id,
                ),
            )
            task_id, number = int(row[0]), int(row[1])
            if people:
                await conn.execute_fetchall(
                    "INSERT INTO task_assignees (task_id, user_id, assigned_by, assigned_at)"
                    " VALUES " + ", ".join(["(?, ?, ?, ?)"] * len(people)),
                    [v for user_id in people for v in (task_id, user_id, created_by, at)],
                )
            events = [(task_id, at, created_by, "created", "{}")] + [
                (task_id, at, created_by, "assigned", json.dumps({"user_id": user_id}))
                for user_id in people
            ]
            await conn.execute_fetchall(
                "INSERT INTO task_events (task_id, at, actor_id, action, detail) VALUES "
                + ", ".join(["(?, ?, ?, ?, ?)"] * len(events)),
                [v for event in events for v in event],
            )
            known = dict(names or {})
            missing = [u for u in [created_by, *people] if u not in known]
            if missing:
                known.update(await self.names(group_id, missing))
            stored = from_db(at)
            created = Task(
                id=task_id,
                group_id=group_id,
                number=number,
                text=text,
                created_by=created_by,
                creator_name=known[created_by],
                created_at=stored,
                due_at=from_db(to_db(due_at)) if due_at else None,
                due_has_time=due_has_time,
                overdue_at=from_db(to_db(overdue)) if overdue else None,
                status=TaskStatus.OPEN,
                done_at=None,
                done_by=None,
                source_message_id=source_message_id,
                assignees=tuple(Assignee(u, known[u], created_by, stored, None) for u in people),
            )
            await self._changed(task_id, created, new=True)
        return created

    async def _assign(
        self, conn: aiosqlite.Connection, task_id: int, user_id: str, actor: str, now: datetime
    ) -> None:
        await conn.execute(
            "INSERT INTO task_assignees (task_id, user_id, assigned_by, assigned_at)"
            " VALUES (?, ?, ?, ?)",
            (task_id, user_id, actor, to_db(now)),
        )
        await add_event(conn, task_id, now, actor, "assigned", user_id=user_id)

    async def assign(
        self, task: Task, user_ids: Sequence[str], actor: str, now: datetime
    ) -> list[str]:
        """Give an open task to more people; returns those newly added (others had it)."""
        added = [u for u in dict.fromkeys(user_ids) if task.assignee(u) is None]
        if added:
            async with self._db.transaction() as conn:
                for user_id in added:
                    await self._assign(conn, task.id, user_id, actor, now)
                await self._changed(task.id)
        return added

    async def unassign(self, task: Task, user_id: str, actor: str, now: datetime) -> bool:
        """Take an open task away from someone; if everyone left has finished, it is done."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "DELETE FROM task_assignees WHERE task_id = ? AND user_id = ?",
                (task.id, user_id),
            )
            if cursor.rowcount == 0:
                return False
            await add_event(conn, task.id, now, actor, "unassigned", user_id=user_id)
            await self._close_if_all_done(conn, task.id, actor, now)
            await self._changed(task.id)
        return True

    async def _close_if_all_done(
        self, conn: aiosqlite.Connection, task_id: int, actor: str, now: datetime
    ) -> bool:
        async with conn.execute(
            "SELECT COUNT(*) AS n, COUNT(done_at) AS done FROM task_assignees WHERE task_id = ?",
            (task_id,),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None or row["n"] == 0 or row["done"] < row["n"]:
            return False
        cursor = await conn.execute(
            "UPDATE tasks SET status = 'done', done_at = ?, done_by = ?"
            " WHERE id = ? AND status = 'open'",
            (to_db(now), actor, task_id),
        )
        if cursor.rowcount:
            await add_event(conn, task_id, now, actor, "done", by_assignees=True)
        return bool(cursor.rowcount)

    async def finish_part(self, task: Task, user_id: str, now: datetime) -> bool:
        """An assignee finished their part; the task is done when everyone has.

        Returns whether the task is now done.
        """
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE task_assignees SET done_at = ?"
                " WHERE task_id = ? AND user_id = ? AND done_at IS NULL",
                (to_db(now), task.id, user_id),
            )
            if cursor.rowcount:
                await add_event(conn, task.id, now, user_id, "part_done", user_id=user_id)
            done = await self._close_if_all_done(conn, task.id, user_id, now)
            await self._changed(task.id)
        return done

    async def close(self, task: Task, actor: str, now: datetime) -> None:
        """Mark the whole task done (its creator or a leader closes it)."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE tasks SET status = 'done', done_at = ?, done_by = ?"
                " WHERE id = ? AND status = 'open'",
                (to_db(now), actor, task.id),
            )
            if cursor.rowcount:
                await add_event(conn, task.id, now, actor, "done", by_assignees=False)
            await self._changed(task.id)

    async def set_due(
        self,
        task: Task,
        due_at: datetime | None,
        has_time: bool,
        zone: ZoneInfo,
        actor: str,
        now: datetime,
    ) -> None:
        """Change (or with None remove) a task's deadline."""
        overdue = overdue_from(due_at, has_time, zone) if due_at else None
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE tasks SET due_at = ?, due_has_time = ?, overdue_at = ? WHERE id = ?",
                (
                    to_db(due_at) if due_at else None,
                    int(has_time and due_at is not None),
                    to_db(overdue) if overdue else None,
                    task.id,
                ),
            )
            await add_event(
                conn,
                task.id,
                now,
                actor,
                "due_changed",
                **{
                    "from": to_db(task.due_at) if task.due_at else None,
                    "from_has_time": task.due_has_time,
                    "to": to_db(due_at) if due_at else None,
                    "to_has_time": has_time,
                },
            )
            await self._changed(task.id)

    async def delete(self, task: Task, actor: str, now: datetime) -> None:
        """Take a task off the lists; the row and its history stay."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE tasks SET status = 'deleted' WHERE id = ? AND status != 'deleted'",
                (task.id,),
            )
            if cursor.rowcount:
                await add_event(conn, task.id, now, actor, "deleted")
            await self._changed(task.id)

    async def names(self, group_id: int, user_ids: Iterable[str]) -> dict[str, str]:
        """Display names of people as the group knows them (also those who have left)."""
        wanted = list(dict.fromkeys(user_ids))
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        rows = await self._db.fetchall(
            "SELECT user_id, display_name FROM members"
            f" WHERE group_id = ? AND user_id IN ({marks}) UNION ALL"
            f" SELECT user_id, display_name FROM users WHERE user_id IN ({marks})",
            [group_id, *wanted, *wanted],
        )
        found: dict[str, str] = {}
        for row in rows:  # member names first, so they win over the user's global name
            found.setdefault(row["user_id"], row["display_name"])
        return {user_id: found.get(user_id, user_id) for user_id in wanted}
