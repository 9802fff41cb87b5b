"""Migrations and the database handle: fresh, upgrade from every version, refusal, backup."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import aiosqlite
import pytest

from storage.db import Database
from storage.groups import GroupStore
from storage.migrate import Migration, SchemaTooNewError, available_migrations, migrate
from storage.models import Role

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
LATEST = len(available_migrations())


def _version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


async def test_fresh_database_reaches_latest_version_with_pragmas(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "sub" / "fresh.sqlite3")
    assert (await db.fetchone("PRAGMA journal_mode"))[0] == "wal"
    assert (await db.fetchone("PRAGMA foreign_keys"))[0] == 1
    await db.close()
    assert _version(tmp_path / "sub" / "fresh.sqlite3") == LATEST


@pytest.mark.parametrize("start", range(1, LATEST + 1))
async def test_upgrade_from_every_earlier_version_keeps_data(tmp_path: Path, start: int) -> None:
    path = tmp_path / "old.sqlite3"
    conn = await aiosqlite.connect(path, isolation_level=None)
    await migrate(conn, available_migrations()[:start])
    await conn.execute(
        "INSERT INTO groups (platform, chat_id, name, timezone, registered_by, created_at)"
        " VALUES ('telegram', '-100', 'Tổ 1', 'Asia/Ho_Chi_Minh', '1', '2026-11-23 02:00:00')"
    )
    await conn.close()
    assert _version(path) == start
    db = await Database.open(path)
    group = await GroupStore(db).by_chat("telegram", "-100")
    await db.close()
    assert group is not None
    assert group.name == "Tổ 1"
    assert _version(path) == LATEST


async def test_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    with pytest.raises(SchemaTooNewError):
        await Database.open(path)
    assert _version(path) == LATEST + 1


async def test_failing_migration_rolls_back_whole_step(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    steps = [
        *available_migrations()[:1],
        Migration(2, "0002_broken.sql", "CREATE TABLE half (x);\nINSERT INTO nowhere VALUES (1);"),
    ]
    conn = await aiosqlite.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        await migrate(conn, steps)
    async with conn.execute("SELECT name FROM sqlite_master WHERE name = 'half'") as cursor:
        assert await cursor.fetchone() is None
    await conn.close()
    assert _version(path) == 1


async def test_backup_of_live_database(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "live.sqlite3")
    groups = GroupStore(db)
    group = await groups.register(
        platform="telegram",
        chat_id="-5",
        name="Tổ 5",
        timezone=ZoneInfo("Asia/Ho_Chi_Minh"),
        registered_by="1",
        now=NOW,
    )
    await groups.record_member(
        group.id, user_id="1", display_name="Lan", username="lan", now=NOW, role=Role.CHUYEN_VIEN
    )
    await db.backup(tmp_path / "copy.sqlite3")
    await db.close()
    copy = await Database.open(tmp_path / "copy.sqlite3")
    members = await GroupStore(copy).members(group.id)
    await copy.close()
    assert [(m.display_name, m.role) for m in members] == [("Lan", Role.CHUYEN_VIEN)]


async def test_failed_transaction_changes_nothing(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "tx.sqlite3")

    async def insert_then_fail() -> None:
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO users (platform, user_id, display_name, updated_at)"
                " VALUES ('telegram', '9', 'X', '2026-11-23 02:00:00')"
            )
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await insert_then_fail()
    assert await db.fetchone("SELECT * FROM users") is None
    await db.close()
