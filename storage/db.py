"""The database handle: one aiosqlite connection, WAL, and serialised transactions."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import aiosqlite

from storage.migrate import migrate

BUSY_TIMEOUT_MS = 5000

# The database whose transaction the current asyncio task is inside, if any.
_in_transaction: ContextVar[Database | None] = ContextVar("in_transaction", default=None)


class Database:
    """A single connection shared by the whole bot.

    aiosqlite runs one connection on one thread, but coroutines could still interleave their
    statements inside each other's transactions; the lock makes every transaction (and every
    read) run alone, which for an embedded database serving a few hundred groups is also the
    fastest arrangement.
    """

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self._conn = conn
        self._lock = asyncio.Lock()
        self.path = path
        self._rollback_hooks: list[Callable[[], None]] = []

    @classmethod
    async def open(cls, path: Path | str, *, run_migrations: bool = True) -> Database:
        """Open (creating the file and its folder if needed), set pragmas, and migrate."""
        path = Path(path)
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(str(path), isolation_level=None)
        conn.row_factory = sqlite3.Row
        try:
            await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            await conn.execute("PRAGMA journal_mode = WAL")
            await conn.execute("PRAGMA synchronous = NORMAL")
            await conn.execute("PRAGMA foreign_keys = ON")
            if run_migrations:
                await migrate(conn)
        except BaseException:
            await conn.close()
            raise
        return cls(conn, path)

    async def close(self) -> None:
        """Close the connection (a checkpoint folds the WAL back into the file)."""
        async with self._lock:
            await self._conn.close()

    def on_rollback(self, hook: Callable[[], None]) -> None:
        """Call `hook` after every rolled-back transaction.

        Repositories that keep what they read in memory forget it there: a change they cached
        inside a transaction that was then rolled back never happened.
        """
        self._rollback_hooks.append(hook)

    @property
    def in_transaction(self) -> bool:
        """Whether the current asyncio task is inside a transaction of this database."""
        return _in_transaction.get() is self

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """Run the block as one write transaction; roll back if it raises.

        A transaction opened inside another one (in the same asyncio task) joins it, and reads
        made inside it see its writes: so a change and what follows from it (a task and its
        reminder rows) can be committed together by code that does not know about each other.
        Do not hand the connection to other tasks (asyncio.gather) inside a transaction.
        """
        if _in_transaction.get() is self:
            yield self._conn
            return
        async with self._lock:
            token = _in_transaction.set(self)
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                await self._conn.rollback()
                for hook in self._rollback_hooks:
                    hook()
                raise
            else:
                await self._conn.commit()
            finally:
                _in_transaction.reset(token)

    def _serialised(self) -> AbstractAsyncContextManager[object]:
        # Inside our own transaction the lock is already held by this task.
        return nullcontext() if _in_transaction.get() is self else self._lock

    # Each call below is one hop to aiosqlite's thread: every hop costs about as much as the
    # query itself, and these run on every update.

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
        """Run a read and return its first row."""
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        """Run a read and return all rows."""
        async with self._serialised():
            return list(await self._conn.execute_fetchall(sql, tuple(params)))

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run one write statement (autocommitted, or part of the open transaction)."""
        async with self._serialised():
            cursor = await self._conn.execute(sql, tuple(params))
            return cursor.rowcount

    async def write_returning(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        """Run one write statement with RETURNING (autocommitted, or in the open transaction)."""
        async with self._serialised():
            return list(await self._conn.execute_fetchall(sql, tuple(params)))

    async def integrity_check(self) -> str:
        """SQLite's own check of the file ('ok' when sound)."""
        rows = await self.fetchall("PRAGMA integrity_check")
        return "; ".join(str(row[0]) for row in rows)

    async def backup(self, destination: Path | str) -> None:
        """Copy the live database to destination with SQLite's online backup API."""
        destination = Path(destination)
        destination.parent.mkdir(parents=True, exist_ok=True)
        async with self._lock:
            target = await aiosqlite.connect(str(destination))
            try:
                await self._conn.backup(target)
            finally:
                await target.close()
