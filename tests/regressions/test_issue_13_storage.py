"""Issue 13, storage: migration 0007_everyday keeps waiting questions and task histories, and the
journal /hoantac reads finds each person's newest change within the window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite

from storage.db import Database
from storage.migrate import available_migrations, migrate
from storage.undo import UndoLog

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


async def test_everyday_migration_keeps_questions_and_history_and_widens_them(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    steps = available_migrations()
    before = next(i for i, m in enumerate(steps) if m.name.endswith("_everyday.sql"))
    conn = await aiosqlite.connect(path, isolation_level=None)
    await migrate(conn, steps[:before])
    await conn.executescript(
        "INSERT INTO groups (id, platform, chat_id, name, timezone, registered_by, created_at)"
        " VALUES (1, 'telegram', '-100', 'Tổ 1', 'Asia/Ho_Chi_Minh', '1', '2026-11-23');"
        "INSERT INTO tasks (id, group_id, number, text, created_by, created_at)"
        " VALUES (1, 1, 1, 'Việc', '1', '2026-11-23');"
        "INSERT INTO task_events (task_id, at, actor_id, action) VALUES (1, '2026-11-23', '1',"
        " 'created');"
        "INSERT INTO task_pending (group_id, user_id, kind, payload, created_at)"
        " VALUES (1, '1', 'due', '{}', '2026-11-23');"
    )
    await conn.close()
    db = await Database.open(path)
    try:
        assert [tuple(r) for r in await db.fetchall("SELECT action FROM task_events")] == [
            ("created",)
        ]
        assert [tuple(r) for r in await db.fetchall("SELECT kind FROM task_pending")] == [("due",)]
        # New kinds of question (one with no group yet) and new history lines are accepted.
        await db.execute(
            "INSERT INTO task_pending (group_id, user_id, kind, payload, created_at)"
            " VALUES (NULL, '1', 'pick_group', '{}', '2026-11-23')"
        )
        await db.execute(
            "INSERT INTO task_events (task_id, at, actor_id, action) VALUES (1, '2026-11-23',"
            " '1', 'edited')"
        )
    finally:
        await db.close()


async def test_undo_log_finds_the_newest_change_not_undone(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "u.sqlite3")
    try:
        await db.execute(
            "INSERT INTO groups (id, platform, chat_id, name, timezone, registered_by,"
            " created_at) VALUES (1, 'telegram', '-100', 'Tổ 1', 'Asia/Ho_Chi_Minh', '1', 'x')"
        )
        log = UndoLog(db)
        first = await log.record(1, "lan", "task_created", {"task_id": 1}, NOW)
        second = await log.record(1, "lan", "task_due", {"task_id": 1}, NOW + timedelta(minutes=1))
        await log.record(1, "hung", "task_created", {"task_id": 2}, NOW + timedelta(minutes=2))
        latest = await log.latest(1, "lan", NOW - timedelta(minutes=10))
        assert latest is not None
        assert (latest.id, latest.kind) == (second, "task_due")
        assert await log.mark_undone(second, NOW)
        assert not await log.mark_undone(second, NOW)  # a second press changes nothing
        latest = await log.latest(1, "lan", NOW - timedelta(minutes=10))
        assert latest is not None
        assert latest.id == first
        assert await log.latest(1, "lan", NOW + timedelta(seconds=30)) is None  # too old
    finally:
        await db.close()
