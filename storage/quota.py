"""Messages sent per platform and month, for plans with a monthly quota (Zalo's free plan).

The month is the calendar month in the given zone (the bot's, Asia/Ho_Chi_Minh by default).
Crossing WARN_SHARE of the quota is reported exactly once per month, to the one call that crossed
it, even when several sends race.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from storage.db import Database
from storage.timefmt import to_db

WARN_SHARE = 0.8


@dataclass(frozen=True)
class QuotaState:
    """How much of a month's quota is used."""

    platform: str
    month: str
    sent: int
    quota: int
    warn_now: bool = False  # this call crossed the warning mark: tell the chuyên viên

    @property
    def warn_mark(self) -> int:
        """The count at which the warning is given."""
        return math.ceil(self.quota * WARN_SHARE)

    @property
    def exhausted(self) -> bool:
        """True once the month's quota is used up."""
        return self.sent >= self.quota

    @property
    def remaining(self) -> int:
        """Messages left this month (never negative)."""
        return max(0, self.quota - self.sent)


def month_of(now: datetime, zone: ZoneInfo) -> str:
    """'YYYY-MM' of the instant in the zone."""
    return now.astimezone(zone).strftime("%Y-%m")


class QuotaStore:
    """Counts sent messages."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def record_sent(
        self, platform: str, now: datetime, zone: ZoneInfo, quota: int, count: int = 1
    ) -> QuotaState:
        """Add sent messages to this month's count; warn_now is set once, at the mark."""
        month = month_of(now, zone)
        async with self._db.transaction() as conn:
            async with conn.execute(
                "INSERT INTO sent_counts (platform, month, sent) VALUES (?, ?, ?)"
                " ON CONFLICT (platform, month) DO UPDATE SET sent = sent + excluded.sent"
                " RETURNING sent",
                (platform, month, count),
            ) as cursor:
                row = await cursor.fetchone()
            sent = int(row[0]) if row else count
            state = QuotaState(platform, month, sent, quota)
            warn = False
            if sent >= state.warn_mark:
                cursor = await conn.execute(
                    "UPDATE sent_counts SET warned_at = ? WHERE platform = ? AND month = ?"
                    " AND warned_at IS NULL",
                    (to_db(now), platform, month),
                )
                warn = cursor.rowcount > 0
        return QuotaState(platform, month, sent, quota, warn)

    async def state(self, platform: str, now: datetime, zone: ZoneInfo, quota: int) -> QuotaState:
        """This month's count, without changing it."""
        month = month_of(now, zone)
        row = await self._db.fetchone(
            "SELECT sent FROM sent_counts WHERE platform = ? AND month = ?", (platform, month)
        )
        return QuotaState(platform, month, int(row["sent"]) if row else 0, quota)
