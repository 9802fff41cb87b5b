"""One-time codes: linking two accounts, binding a chat to a Tổ, the operator's invitations.

A code is used at most once. Used and expired codes are kept a day so that typing one again gets
"already used" or "expired" rather than "unknown". Wrong codes are counted per account: after
MAX_FAILURES in FAILURE_WINDOW the account is refused for a while, so six digits cannot be
guessed by trying.
"""

from __future__ import annotations

import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from storage.db import Database
from storage.timefmt import from_db, from_db_opt, to_db

LINK_CODE_TTL = timedelta(minutes=15)
INVITE_TTL = timedelta(days=7)
KEEP_SPENT = timedelta(days=1)
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
# Invitations are read aloud or copied by the operator: no 0/O, 1/I/L.
_INVITE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_INVITE_LENGTH = 8


class CodeKind(StrEnum):
    """What a code is for."""

    PERSON = "person"  # link this account with one on another platform
    GROUP = "group"  # bind a chat on another platform to this Tổ
    INVITE = "invite"  # register a new Tổ from a Zalo group (made by the operator)


class Redeemed(StrEnum):
    """The result of typing a code."""

    OK = "ok"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"
    SAME_PLATFORM = "same_platform"  # a link code must be typed on the other platform
    WRONG_KIND = "wrong_kind"  # e.g. a person's code typed in a group
    LOCKED_OUT = "locked_out"  # too many wrong codes lately


@dataclass(frozen=True)
class OneTimeCode:
    """A code as stored."""

    code: str
    kind: CodeKind
    platform: str | None
    user_id: str | None
    group_id: int | None
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None


@dataclass(frozen=True)
class Redemption:
    """What typing a code did; `code` is set when it exists (even if refused)."""

    outcome: Redeemed
    code: OneTimeCode | None = None


def normalize_code(text: str) -> str:
    """The code as stored: without spaces or dashes, upper case."""
    return "".join(ch for ch in text if ch.isalnum()).upper()


def looks_like_invite(text: str) -> bool:
    """Whether text could be an operator's invitation (8 of its letters and digits)."""
    code = normalize_code(text)
    return len(code) == _INVITE_LENGTH and all(ch in _INVITE_ALPHABET for ch in code)


def _code(row: sqlite3.Row) -> OneTimeCode:
    return OneTimeCode(
        code=row["code"],
        kind=CodeKind(row["kind"]),
        platform=row["platform"],
        user_id=row["user_id"],
        group_id=row["group_id"],
        created_at=from_db(row["created_at"]),
        expires_at=from_db(row["expires_at"]),
        used_at=from_db_opt(row["used_at"]),
    )


def _new_code(kind: CodeKind) -> str:
    if kind is CodeKind.INVITE:
        return "".join(secrets.choice(_INVITE_ALPHABET) for _ in range(_INVITE_LENGTH))
    return f"{secrets.randbelow(1_000_000):06d}"


class CodeStore:
    """Makes and redeems one-time codes."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def make_person_code(self, platform: str, user_id: str, now: datetime) -> OneTimeCode:
        """A code for linking this account; the account's earlier unused code expires now."""
        return await self._make(
            CodeKind.PERSON,
            now,
            LINK_CODE_TTL,
            platform=platform,
            user_id=user_id,
            replaces=("kind = 'person' AND platform = ? AND user_id = ?", (platform, user_id)),
        )

    async def make_group_code(
        self, group_id: int, platform: str, user_id: str, now: datetime
    ) -> OneTimeCode:
        """A code for binding a chat on another platform to this group (made in `platform`)."""
        return await self._make(
            CodeKind.GROUP,
            now,
            LINK_CODE_TTL,
            platform=platform,
            user_id=user_id,
            group_id=group_id,
            replaces=("kind = 'group' AND group_id = ?", (group_id,)),
        )

    async def make_invite(self, now: datetime, ttl: timedelta = INVITE_TTL) -> OneTimeCode:
        """An operator's invitation to register one new Tổ."""
        return await self._make(CodeKind.INVITE, now, ttl)

    async def _make(
        self,
        kind: CodeKind,
        now: datetime,
        ttl: timedelta,
        *,
        platform: str | None = None,
        user_id: str | None = None,
        group_id: int | None = None,
        replaces: tuple[str, tuple[object, ...]] | None = None,
    ) -> OneTimeCode:
        async with self._db.transaction() as conn:
            if replaces is not None:
                # Expired rather than deleted: typing the old one says so, not "unknown".
                await conn.execute(
                    "UPDATE one_time_codes SET expires_at = ? WHERE used_at IS NULL"
                    f" AND expires_at > ? AND {replaces[0]}",
                    (to_db(now), to_db(now), *replaces[1]),
                )
            while True:
                code = _new_code(kind)
                cursor = await conn.execute(
                    "INSERT OR IGNORE INTO one_time_codes (code, kind, platform, user_id,"
                    " group_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (code, kind.value, platform, user_id, group_id, to_db(now), to_db(now + ttl)),
                )
                if cursor.rowcount:
                    break
        return OneTimeCode(code, kind, platform, user_id, group_id, now, now + ttl)

    async def redeem(
        self, text: str, *, kind: CodeKind, platform: str, user_id: str, now: datetime
    ) -> Redemption:
        """Use a code typed by an account on a platform, if it is valid here.

        A refused code is left as it was (a code typed on the wrong platform still works on the
        right one); every refusal counts towards the account's lock-out.
        """
        code = normalize_code(text)
        async with self._db.transaction() as conn:
            async with conn.execute(
                "SELECT COUNT(*) FROM code_failures WHERE platform = ? AND user_id = ? AND at > ?",
                (platform, user_id, to_db(now - FAILURE_WINDOW)),
            ) as cursor:
                row = await cursor.fetchone()
            if row is not None and row[0] >= MAX_FAILURES:
                return Redemption(Redeemed.LOCKED_OUT)
            async with conn.execute(
                "SELECT * FROM one_time_codes WHERE code = ?", (code,)
            ) as cursor:
                found = await cursor.fetchone()
            stored = _code(found) if found else None
            outcome = _check(stored, kind, platform, now)
            if outcome is Redeemed.OK:
                await conn.execute(
                    "UPDATE one_time_codes SET used_at = ?, used_platform = ?, used_user_id = ?"
                    " WHERE code = ?",
                    (to_db(now), platform, user_id, code),
                )
            else:
                await conn.execute(
                    "INSERT INTO code_failures (platform, user_id, at) VALUES (?, ?, ?)",
                    (platform, user_id, to_db(now)),
                )
        return Redemption(outcome, stored)

    async def prune(self, now: datetime) -> None:
        """Forget codes spent or expired more than a day ago, and old wrong attempts."""
        async with self._db.transaction() as conn:
            cutoff = to_db(now - KEEP_SPENT)
            await conn.execute(
                "DELETE FROM one_time_codes WHERE expires_at < ? OR used_at < ?",
                (cutoff, cutoff),
            )
            await conn.execute(
                "DELETE FROM code_failures WHERE at < ?", (to_db(now - FAILURE_WINDOW),)
            )


def _check(code: OneTimeCode | None, kind: CodeKind, platform: str, now: datetime) -> Redeemed:
    if code is None:
        return Redeemed.UNKNOWN
    if code.kind is not kind:
        return Redeemed.WRONG_KIND
    if code.used_at is not None:
        return Redeemed.USED
    if code.expires_at <= now:
        return Redeemed.EXPIRED
    if code.platform is not None and code.platform == platform:
        return Redeemed.SAME_PLATFORM
    return Redeemed.OK
