"""Storage contract of the paged task lists: every page is a slice of the one list order, the
counts agree with the tasks, and the lists follow every kind of change (and the upgrade)."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import aiosqlite
import pytest

from storage.db import Database
from storage.groups import GroupStore
from storage.migrate import available_migrations, migrate
from storage.models import Group
from storage.tasks import DueState, ListFilter, Task, TaskStore, due_state

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
PEOPLE = ("lan", "hung", "mai")


@dataclass
class Store:
    db: Database
    tasks: TaskStore
    groups: GroupStore
    group: Group


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    db = await Database.open(tmp_path / "lists.sqlite3")
    groups = GroupStore(db)
    group = await groups.register(
        platform="telegram", chat_id="-1", name="Tổ 3", timezone=VN, registered_by="lan", now=NOW
    )
    for person in PEOPLE:
        await groups.record_member(
            group.id, user_id=person, display_name=person.title(), username=None, now=NOW
        )
    try:
        yield Store(db, TaskStore(db), groups, group)
    finally:
        await db.close()


async def fill(s: Store, count: int, seed: int = 1, group: Group | None = None) -> None:
    """Tasks with deadlines overdue, due soon, later and none, given to 0-3 people."""
    rnd = random.Random(seed)
    for index in range(count):
        due = NOW + timedelta(hours=rnd.randint(-72, 200)) if rnd.random() < 0.8 else None
        # Some share a deadline, so ties are broken by number.
        if due is not None and index % 7 == 0:
            due = NOW + timedelta(hours=5)
        await s.tasks.create(
            group_id=(group or s.group).id,
            text=f"Việc {index}",
            created_by=rnd.choice(PEOPLE),
            now=NOW,
            zone=VN,
            due_at=due,
            due_has_time=rnd.random() < 0.5,
            assignees=rnd.sample(PEOPLE, rnd.randint(0, 3)),
        )


async def every_task(s: Store, group: Group | None = None) -> list[Task]:
    found = []
    number = 1
    while (task := await s.tasks.get((group or s.group).id, number)) is not None:
        found.append(task)
        number += 1
    return found


def theirs(task: Task, person: str) -> bool:
    """The rule of ListFilter.person, written out plainly."""
    if not task.assignees:
        return task.created_by == person
    return any(a.user_id == person and not a.done for a in task.assignees)


def expected(tasks: list[Task], filt: ListFilter, now: datetime) -> list[int]:
    """Task numbers of a list, in the order the bot shows them."""
    if filt.done:
        done = [t for t in tasks if t.status == "done"]
        if filt.person is not None:  # whoever worked on it, their part done or not
            done = [t for t in done if t.assignee(filt.person) or theirs(t, filt.person)]
        done.sort(key=lambda t: (t.done_at, t.number), reverse=True)
        return [t.number for t in done]
    chosen = [t for t in tasks if t.is_open]
    if filt.person is not None:
        chosen = [t for t in chosen if theirs(t, filt.person)]
    if filt.overdue_only:
        chosen = [t for t in chosen if t.state(now) is DueState.OVERDUE]
    dated = sorted((t for t in chosen if t.overdue_at), key=lambda t: (t.overdue_at, t.number))
    undated = sorted((t for t in chosen if not t.overdue_at), key=lambda t: t.number)
    return [t.number for t in dated + undated]


async def check(
    s: Store, filt: ListFilter, now: datetime, size: int = 7, tasks: list[Task] | None = None
) -> list[int]:
    """Read the list page by page; assert it is the expected order and counts; return it."""
    tasks = tasks if tasks is not None else await every_task(s)
    want = expected(tasks, filt, now)
    seen: list[int] = []
    offset = 0
    while True:
        page = await s.tasks.page(s.group.id, now, filt, offset=offset, limit=size)
        assert page.total == len(want)
        assert len(page.tasks) == min(size, max(0, len(want) - offset))
        seen += [t.number for t in page.tasks]
        offset += size
        if offset >= len(want):
            break
    assert seen == want
    if not filt.done:
        states = [due_state(t.overdue_at, now) for t in tasks if t.number in set(want)]
        assert page.overdue == states.count(DueState.OVERDUE)
        assert page.soon == (0 if filt.overdue_only else states.count(DueState.SOON))
        assert page.dated == sum(1 for s_ in states if s_ is not DueState.NONE)
    return seen


FILTERS = [
    ListFilter(),
    ListFilter(person="hung"),
    ListFilter(person="lan"),
    ListFilter(overdue_only=True),
    ListFilter(done=True),
    ListFilter(person="mai", done=True),
]


@pytest.mark.parametrize("filt", FILTERS, ids=lambda f: repr(f))
async def test_pages_are_slices_of_one_order_with_right_counts(
    store: Store, filt: ListFilter
) -> None:
    await fill(store, 60)
    tasks = await every_task(store)
    for task in tasks[::5]:
        await store.tasks.close(task, "lan", NOW + timedelta(minutes=task.number))
    numbers = await check(store, filt, NOW)
    assert numbers, "the list under test is not empty"
    # Later, more of them are overdue: the same tasks move between the parts.
    await check(store, filt, NOW + timedelta(days=3), size=15)


async def test_overdue_come_first_then_soon_later_and_no_deadline(store: Store) -> None:
    await fill(store, 40, seed=3)
    page = await store.tasks.page(store.group.id, NOW, ListFilter(), offset=0, limit=40)
    states = [t.state(NOW) for t in page.tasks]
    order = [DueState.OVERDUE, DueState.SOON, DueState.LATER, DueState.NONE]
    assert states == sorted(states, key=order.index)
    assert set(states) == set(order)


async def test_a_page_past_the_end_is_empty_with_the_totals(store: Store) -> None:
    await fill(store, 10)
    page = await store.tasks.page(store.group.id, NOW, ListFilter(), offset=30, limit=15)
    assert page.tasks == []
    assert page.total == 10


async def test_lists_follow_every_kind_of_change(store: Store) -> None:
    await fill(store, 30, seed=7)
    rnd = random.Random(11)
    now = NOW
    for step in range(80):
        task = rnd.choice([t for t in await every_task(store) if t.is_open])
        person = rnd.choice(PEOPLE)
        action = rnd.choice(["assign", "unassign", "part", "close", "due", "nodue", "delete"])
        now += timedelta(minutes=7)
        if action == "assign":
            await store.tasks.assign(task, [person], "lan", now)
        elif action == "unassign":
            await store.tasks.unassign(task, person, "lan", now)
        elif action == "part" and task.assignee(person):
            await store.tasks.finish_part(task, person, now)
        elif action == "close":
            await store.tasks.close(task, "lan", now)
        elif action == "due":
            when = now + timedelta(hours=rnd.randint(-30, 90))
            await store.tasks.set_due(task, when, rnd.random() < 0.5, VN, "lan", now)
        elif action == "nodue":
            await store.tasks.set_due(task, None, False, VN, "lan", now)
        elif action == "delete":
            await store.tasks.delete(task, "lan", now)
        if step % 10 == 0:
            await store.tasks.create(
                group_id=store.group.id, text="Mới", created_by=person, now=now, zone=VN
            )
        tasks = await every_task(store)
        for filt in (ListFilter(), ListFilter(person=person), ListFilter(done=True)):
            await check(store, filt, now, size=9, tasks=tasks)


async def test_another_groups_tasks_never_appear(store: Store) -> None:
    other = await store.groups.register(
        platform="telegram", chat_id="-2", name="Tổ 5", timezone=VN, registered_by="lan", now=NOW
    )
    await fill(store, 8)
    await fill(store, 8, seed=2, group=other)
    page = await store.tasks.page(
        store.group.id, NOW, ListFilter(person="lan"), offset=0, limit=50
    )
    assert {t.group_id for t in page.tasks} == {store.group.id}
    await check(store, ListFilter(person="lan"), NOW)


async def test_mine_pages_across_groups_of_active_membership(store: Store) -> None:
    other = await store.groups.register(
        platform="telegram",
        chat_id="-2",
        name="A Tổ trước",
        timezone=VN,
        registered_by="x",
        now=NOW,
    )
    gone = await store.groups.register(
        platform="telegram",
        chat_id="-3",
        name="Tổ đã rời",
        timezone=VN,
        registered_by="x",
        now=NOW,
    )
    for group in (other, gone):
        await store.groups.record_member(
            group.id, user_id="hung", display_name="Hùng", username=None, now=NOW
        )
    await fill(store, 25, seed=4)
    await fill(store, 12, seed=5, group=other)
    await fill(store, 5, seed=6, group=gone)
    await store.groups.mark_left(gone.id, "hung")
    want = [
        (other.id, n)
        for n in expected(await every_task(store, other), ListFilter(person="hung"), NOW)
    ] + [
        (store.group.id, n)
        for n in expected(await every_task(store), ListFilter(person="hung"), NOW)
    ]
    seen: list[tuple[int, int]] = []
    for offset in range(0, len(want) + 4, 4):
        total, tasks = await store.tasks.mine_page("hung", offset=offset, limit=4)
        assert total == len(want)
        seen += [(t.group_id, t.number) for t in tasks]
    assert seen == want
    everything = await store.tasks.open_for_user("hung")
    assert [(t.group_id, t.number) for t in everything] == want


async def test_upgrade_fills_the_lists_of_existing_tasks(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = await aiosqlite.connect(path, isolation_level=None)
    speed = next(m.version for m in available_migrations() if m.name.endswith("_speed.sql"))
    await migrate(conn, [m for m in available_migrations() if m.version < speed])
    stamp = "2026-11-23 02:00:00"
    await conn.executescript(
        "INSERT INTO groups (id, platform, chat_id, name, timezone, registered_by, created_at)"
        f" VALUES (1, 'telegram', '-1', 'Tổ 3', 'Asia/Ho_Chi_Minh', 'lan', '{stamp}');"
        "INSERT INTO tasks (id, group_id, number, text, created_by, created_at, overdue_at,"
        f" due_at, status) VALUES (1, 1, 1, 'Giao', 'lan', '{stamp}', '{stamp}', '{stamp}',"
        f" 'open'), (2, 1, 2, 'Tự ghi', 'mai', '{stamp}', NULL, NULL, 'open'),"
        f" (3, 1, 3, 'Xong', 'lan', '{stamp}', NULL, NULL, 'done');"
        "INSERT INTO task_assignees (task_id, user_id, assigned_by, assigned_at, done_at)"
        f" VALUES (1, 'hung', 'lan', '{stamp}', NULL), (1, 'mai', 'lan', '{stamp}', '{stamp}');"
    )
    await conn.close()
    db = await Database.open(path)
    tasks = TaskStore(db)
    later = NOW + timedelta(hours=1)
    try:
        mine = await tasks.page(1, later, ListFilter(person="hung"), offset=0, limit=10)
        assert ([t.number for t in mine.tasks], mine.total, mine.overdue) == ([1], 1, 1)
        mai_list = await tasks.page(1, later, ListFilter(person="mai"), offset=0, limit=10)
        assert [t.number for t in mai_list.tasks] == [2]
        every = await tasks.page(1, later, ListFilter(), offset=0, limit=10)
        assert (every.total, every.dated, every.overdue) == (2, 1, 1)
        done = await tasks.page(1, later, ListFilter(done=True), offset=0, limit=10)
        assert (done.total, [t.number for t in done.tasks]) == (1, [3])
    finally:
        await db.close()
