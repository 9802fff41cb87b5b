"""Numbered SQL migrations (storage/migrations/NNNN_name.sql), each in its own transaction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import aiosqlite

_NAME_RE = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class SchemaTooNewError(Exception):
    """The database was written by a newer version of the bot; opening it could corrupt it."""


@dataclass(frozen=True)
class Migration:
    """One numbered schema step."""

    version: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    """The migrations shipped with the code, in order; numbers must run 1, 2, 3 … without gaps."""
    folder = resources.files("storage") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _NAME_RE.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise RuntimeError(f"migration {migration.name} breaks the sequence at {expected}")
    return found


async def schema_version(conn: aiosqlite.Connection) -> int:
    """The PRAGMA user_version of the open database."""
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def migrate(conn: aiosqlite.Connection, migrations: list[Migration] | None = None) -> int:
    """Bring the schema up to date; return the version reached.

    Each step runs in its own transaction that also sets user_version, so a failure leaves the
    database at the previous version, never half-way. The connection must be in autocommit mode
    (isolation_level=None) so that BEGIN/COMMIT here are the only transaction boundaries.
    """
    steps = available_migrations() if migrations is None else migrations
    latest = steps[-1].version if steps else 0
    current = await schema_version(conn)
    if current > latest:
        raise SchemaTooNewError(
            f"the database is at schema version {current}, newer than this code ({latest}); "
            "upgrade todaibieu instead of opening it with an older version"
        )
    for step in steps:
        if step.version <= current:
            continue
        try:
            # executescript runs the whole file; the explicit BEGIN keeps it one transaction.
            await conn.executescript(
                f"BEGIN IMMEDIATE;\n{step.sql}\nPRAGMA user_version = {step.version};\nCOMMIT;"
            )
        except Exception:
            if conn.in_transaction:
                await conn.rollback()
            raise
        current = step.version
    return current
