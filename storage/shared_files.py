"""Files offered by link where the platform cannot send documents (Zalo).

The bot's own HTTP server serves them; the link carries a random token and an expiry signed
with the server key kept here (so links survive a restart and cannot be forged or extended).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.db import Database
from storage.timefmt import from_db, to_db

FILE_TTL = timedelta(days=7)


@dataclass(frozen=True)
class SharedFile:
    """A stored file and when its link stops working."""

    token: str
    filename: str
    mime_type: str
    content: bytes
    expires_at: datetime


class SharedFileStore:
    """Keeps files for their links."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._key: bytes | None = None

    async def put(
        self,
        filename: str,
        mime_type: str,
        content: bytes,
        now: datetime,
        ttl: timedelta = FILE_TTL,
    ) -> SharedFile:
        """Keep a file; returns it with its new token."""
        token = secrets.token_urlsafe(16)
        await self._db.execute(
            "INSERT INTO shared_files (token, filename, mime_type, content, created_at,"
            " expires_at) VALUES (?, ?, ?, ?, ?, ?)",
            (token, filename, mime_type, content, to_db(now), to_db(now + ttl)),
        )
        return SharedFile(token, filename, mime_type, content, now + ttl)

    async def get(self, token: str, now: datetime) -> SharedFile | None:
        """The file behind a token, unless it has expired."""
        row = await self._db.fetchone(
            "SELECT * FROM shared_files WHERE token = ? AND expires_at > ?", (token, to_db(now))
        )
        if row is None:
            return None
        return SharedFile(
            row["token"],
            row["filename"],
            row["mime_type"],
            bytes(row["content"]),
            from_db(row["expires_at"]),
        )

    async def prune(self, now: datetime) -> int:
        """Delete expired files."""
        return await self._db.execute(
            "DELETE FROM shared_files WHERE expires_at <= ?", (to_db(now),)
        )

    async def signing_key(self) -> bytes:
        """The server's key for signing links, made once and kept."""
        if self._key is not None:
            return self._key
        await self._db.execute(
            "INSERT OR IGNORE INTO server_keys (name, value) VALUES ('file_links', ?)",
            (secrets.token_bytes(32),),
        )
        row = await self._db.fetchone("SELECT value FROM server_keys WHERE name = 'file_links'")
        assert row is not None
        self._key = bytes(row["value"])
        return self._key
