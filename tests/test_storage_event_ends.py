"""Migration 0009_event_ends: an event's end time; confirmations kept for events and reminders."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import aiosqlite

from storage.db import Database
from storage.events import EventStore
from storage.migrate import available_migrations, migrate
from storage.pending import PendingRequests

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
START = datetime(2026, 12, 3, 1, 0, tzinfo=UTC)  # 08:00 in Hà Nội
END = datetime(2026, 12, 3, 4, 0, tzinfo=UTC)  # 11:00


async def _group(db: Database) -> int:
    cursor = await db.execute(
        "INSERT INTO groups (platform, chat_id, name, timezone, registered_by, created_at)"
        " VALUES ('telegram', '-100', 'Tổ 1', 'Asia/Ho_Chi_Minh', '1', '2026-11-23 02:00:00')"
    )
    assert cursor == 1
    row = await db.fetchone("SELECT id FROM groups")
    assert row is not None
    return int(row["id"])


async def test_event_keeps_its_end_and_a_move_replaces_it(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "db.sqlite3")
    events = EventStore(db)
    group_id = await _group(db)
    common = {"group_id": group_id, "kind": "txct", "place": None, "created_by": "1"}
    ranged = await events.create(
        **common, starts_at=START, title="TXCT", now=NOW, reminders=[], ends_at=END
    )
    plain = await events.create(**common, starts_at=START, title="Họp", now=NOW, reminders=[])
    assert (ranged.starts_at, ranged.ends_at) == (START, END)
    assert plain.ends_at is None
    await events.move(ranged.id, END, [], NOW)  # the new time gave no end: none is kept
    moved = await events.by_id(ranged.id)
    assert moved is not None
    assert (moved.starts_at, moved.ends_at) == (END, None)
    row = await db.fetchone("SELECT ends_at FROM events WHERE id = ?", (plain.id,))
    assert row is not None
    assert row["ends_at"] is None
    await db.close()


async def test_pending_accepts_event_and_reminder_kinds(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "db.sqlite3")
    pending = PendingRequests(db)
    group_id = await _group(db)
    for kind in ("create", "due", "event", "move", "remind"):
        pending_id = await pending.add(group_id, "1", kind, {"k": kind}, NOW)
        got = await pending.get(pending_id)
        assert got is not None
        assert (got.kind, got.payload) == (kind, {"k": kind})
    await db.close()


async def test_waiting_confirmations_and_events_survive_the_migration(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    steps = available_migrations()
    before = next(i for i, m in enumerate(steps) if m.name.endswith("_event_ends.sql"))
    conn = await aiosqlite.connect(path, isolation_level=None)
    await migrate(conn, steps[:before])
    await conn.execute(
        "INSERT INTO groups (id, platform, chat_id, name, timezone, registered_by, created_at)"
        " VALUES (1, 'telegram', '-100', 'Tổ 1', 'Asia/Ho_Chi_Minh', '1', '2026-11-23 02:00:00')"
    )
    await conn.execute(
        "INSERT INTO task_pending (id, group_id, user_id, kind, payload, created_at)"
        " VALUES (7, 1, '1', 'due', ?, '2026-11-23 02:00:00')",
        ('{"task_id": 3}',),
    )
    await conn.execute(
        "INSERT INTO events (id, group_id, number, kind, title, starts_at, created_by, created_at)"
        " VALUES (5, 1, 1, 'txct', 'TXCT', '2026-12-03 01:00:00', '1', '2026-11-23 02:00:00')"
    )
    await conn.close()
    db = await Database.open(path)
    got = await PendingRequests(db).get(7)
    old = await EventStore(db).by_id(5)
    await db.close()
    assert got is not None
    assert (got.kind, got.payload) == ("due", {"task_id": 3})
    assert old is not None
    assert (old.starts_at, old.ends_at) == (START, None)
