"""The storage contract suite: every test here runs once per database backend.

Today both backends are SQLite (a file, as deployed, and an in-memory database); a PostgreSQL
backend joins the list and must pass the same tests (architecture.md, "Later").
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from storage.db import Database

Reopen = Callable[[], Awaitable[Database]]


@pytest.fixture(params=["sqlite-file", "sqlite-memory"])
def backend(request: pytest.FixtureRequest) -> str:
    """The backend under test."""
    return str(request.param)


@pytest.fixture
async def db(backend: str, tmp_path: Path) -> AsyncIterator[Database]:
    """A fresh, migrated database of the backend."""
    path = tmp_path / "store.sqlite3" if backend == "sqlite-file" else ":memory:"
    database = await Database.open(path)
    yield database
    await database.close()


@pytest.fixture
async def reopen(tmp_path: Path) -> AsyncIterator[Reopen]:
    """Open the same database file again, as after a restart (file backend only)."""
    opened: list[Database] = []

    async def again() -> Database:
        database = await Database.open(tmp_path / "restart.sqlite3")
        opened.append(database)
        return database

    yield again
    for database in opened:
        await database.close()
