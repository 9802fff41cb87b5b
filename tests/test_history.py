"""Bounded reminder history: what pruning keeps, what it removes and counts, and that the engine
runs it daily while reminders go on."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.config import Config, ConfigError
from storage.db import Database
from storage.groups import GroupStore
from storage.history import ArchivedCount
from storage.reminders import NewReminder, ReminderStore
from storage.timefmt import to_db
from tests.support.world import World, at, db_of, sched

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
CUT = NOW - timedelta(days=90)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "history.sqlite3")
    try:
        yield database
    finally:
        await database.close()


async def row(
    db: Database,
    group_id: int,
    *,
    created: datetime,
    due: datetime,
    status: str,
    sent: datetime | None = None,
    kind: str = "digest",
) -> int:
    """A reminder row as the dispatcher would have left it."""
    store = ReminderStore(db)
    [row_id] = await store.add([NewReminder(group_id, kind, group_id, due, "-1")], created)
    await db.execute(
        "UPDATE reminders SET status = ?, sent_at = ? WHERE id = ?",
        (status, to_db(sent) if sent else None, row_id),
    )
    return row_id


async def ids(db: Database) -> set[int]:
    return {r["id"] for r in await db.fetchall("SELECT id FROM reminders")}


async def test_prune_removes_old_rows_that_are_over_and_counts_them(db: Database) -> None:
    group = await GroupStore(db).register(
        platform="telegram", chat_id="-1", name="Tổ 3", timezone=VN, registered_by="1", now=NOW
    )
    g = group.id
    old = NOW - timedelta(days=200)
    gone = [
        await row(db, g, created=old, due=old, status="sent", sent=old),
        await row(db, g, created=old, due=old + timedelta(days=1), status="sent", sent=old),
        await row(db, g, created=old, due=old, status="skipped"),
        await row(db, g, created=old, due=old, status="failed", kind="event"),
        await row(db, g, created=old, due=CUT - timedelta(days=40), status="cancelled"),
    ]
    kept = [
        # Not over yet, however old: the dispatcher still owes them.
        await row(db, g, created=old, due=old, status="pending"),
        await row(db, g, created=old, due=old, status="claimed"),
        await row(db, g, created=old, due=old, status="sending"),
        # Over, but within the retention by one of its times.
        await row(db, g, created=old, due=NOW - timedelta(days=10), status="sent", sent=NOW),
        await row(db, g, created=old, due=NOW + timedelta(days=30), status="cancelled"),
        await row(db, g, created=old, due=old, status="sent", sent=CUT + timedelta(hours=1)),
        await row(db, g, created=NOW, due=NOW - timedelta(days=1), status="skipped"),
    ]
    history = ReminderStore(db).history
    assert await history.prune(CUT, batch=3) == len(gone)
    assert await ids(db) == set(kept)
    month = old.strftime("%Y-%m")
    cancelled_month = (CUT - timedelta(days=40)).strftime("%Y-%m")
    assert await history.archived(g) == sorted(
        [
            ArchivedCount(g, month, "digest", "sent", 2),
            ArchivedCount(g, month, "digest", "skipped", 1),
            ArchivedCount(g, month, "event", "failed", 1),
            ArchivedCount(g, cancelled_month, "digest", "cancelled", 1),
        ],
        key=lambda a: (a.month, a.kind, a.status),
    )
    # A second run finds nothing more and counts nothing twice.
    assert await history.prune(CUT, batch=3) == 0
    assert sum(a.count for a in await history.archived(g)) == len(gone)


async def test_counts_of_a_month_add_up_across_runs(db: Database) -> None:
    group = await GroupStore(db).register(
        platform="telegram", chat_id="-1", name="Tổ 3", timezone=VN, registered_by="1", now=NOW
    )
    day = datetime(2026, 5, 3, 0, 0, tzinfo=UTC)
    await row(db, group.id, created=day, due=day, status="sent", sent=day)
    history = ReminderStore(db).history
    assert await history.prune(day + timedelta(days=1)) == 1
    later = day + timedelta(days=10)
    await row(db, group.id, created=later, due=later, status="sent", sent=later)
    assert await history.prune(later + timedelta(days=1)) == 1
    assert await history.archived(group.id) == [
        ArchivedCount(group.id, "2026-05", "digest", "sent", 2)
    ]


async def test_a_year_of_digests_keeps_only_the_retention(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/viec Gửi báo cáo tổng hợp @hung hạn 17h hôm nay")
    morning = w.clock.now().replace(hour=7, minute=0) + timedelta(days=1)
    received = 0
    for day in range(120):
        await at(w, morning + timedelta(days=day))
        await sched(w).housekeeping.wait()
        received += sum(m.text.startswith("Tổng hợp") for m in w.fake.unread(w.group))
    db = db_of(w)
    oldest = await db.fetchone("SELECT MIN(due_at) AS d FROM reminders WHERE kind = 'digest'")
    assert oldest["d"] >= to_db(w.clock.now() - timedelta(days=91))
    digests = await db.fetchone(
        "SELECT COUNT(*) AS n FROM reminders WHERE kind = 'digest' AND status = 'sent'"
    )
    assert 88 <= digests["n"] <= 91
    group = await w.bot.assistant.services.groups.by_chat("telegram", str(w.group.id))
    archived = await w.bot.assistant.services.reminders.history.archived(group.id)
    # Every digest the group received is still a row, or counted in the archive.
    assert received >= 119
    assert sum(a.count for a in archived if a.kind == "digest") + digests["n"] == received
    # The digest goes on the next morning, and the overdue task is still in it.
    w.fake.unread(w.group)
    await at(w, morning + timedelta(days=120))
    [digest] = [m for m in w.fake.unread(w.group) if m.text.startswith("Tổng hợp")]
    assert "Gửi báo cáo tổng hợp" in digest.text


async def test_pruning_runs_once_a_day_and_not_when_kept_for_ever(registered: World) -> None:
    w = registered
    keeper = sched(w).housekeeping
    await at(w, w.clock.now() + timedelta(minutes=1))
    first = keeper.last_run
    assert first is not None
    await at(w, w.clock.now() + timedelta(hours=23))
    assert keeper.last_run == first
    await at(w, w.clock.now() + timedelta(hours=2))
    assert keeper.last_run == w.clock.now()
    keeper.retention = None
    await at(w, w.clock.now() + timedelta(days=2))
    assert keeper.last_run != w.clock.now()


def test_retention_setting() -> None:
    assert Config.from_env({}).history_retention == timedelta(days=90)
    assert Config.from_env({"TODAIBIEU_HISTORY_DAYS": "30"}).history_retention == timedelta(
        days=30
    )
    assert Config.from_env({"TODAIBIEU_HISTORY_DAYS": "0"}).history_retention is None
    for bad in ("-1", "ba tháng", "1e9"):
        with pytest.raises(ConfigError, match="TODAIBIEU_HISTORY_DAYS"):
            Config.from_env({"TODAIBIEU_HISTORY_DAYS": bad})
