"""Result types of the time parser: When and Repeat (re-exported by bot.dates)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

#: Weekday names for display, Monday first (datetime.weekday() order).
WEEKDAY_NAMES = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")

# --------------------------------------------------------------------------------------------
# Public data types
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Repeat:
    """A recurrence for reminders.

    Attributes:
        kind: "daily", "weekly" or "monthly".
        weekdays: For weekly: 0=Monday .. 6=Sunday, sorted ("các ngày trong tuần" is 0..4).
        day_of_month: For monthly: the day (1..31).  Months without that day are skipped, so
            "ngày 31 hằng tháng" fires only in 31-day months; we never move it to the 30th
            because a reminder on a day the user did not name is a silent guess.
    """

    kind: Literal["daily", "weekly", "monthly"]
    weekdays: tuple[int, ...] = ()
    day_of_month: int | None = None

    def __post_init__(self) -> None:
        # Fail where a bad Repeat is built, not later when a reminder fires.
        if any(not 0 <= w <= 6 for w in self.weekdays):
            raise ValueError(f"weekdays must be 0..6, got {self.weekdays}")
        if self.day_of_month is not None and not 1 <= self.day_of_month <= 31:
            raise ValueError(f"day_of_month must be 1..31, got {self.day_of_month}")

    def next_after(self, previous: datetime) -> datetime:
        """Return the next occurrence strictly after ``previous``.

        The wall-clock time of day of ``previous`` is kept in its own zone, so a 08:00 reminder
        stays at 08:00 across month ends, year ends and DST changes.

        Args:
            previous: An aware datetime, usually the occurrence that just fired.

        Returns:
            An aware datetime in ``previous``'s zone.

        Raises:
            ValueError: If ``previous`` is naive.
        """
        if previous.tzinfo is None or previous.utcoffset() is None:
            raise ValueError("previous must be an aware datetime")
        day = previous.date()
        if self.kind == "daily":
            nxt = day + timedelta(days=1)
        elif self.kind == "weekly":
            wanted = self.weekdays or (day.weekday(),)
            nxt = next(
                day + timedelta(days=k)
                for k in range(1, 8)
                if (day + timedelta(days=k)).weekday() in wanted
            )
        else:
            dom = self.day_of_month or day.day
            nxt = next_day_of_month(day + timedelta(days=1), dom)
        return datetime.combine(nxt, previous.time(), tzinfo=previous.tzinfo)

    def describe(self) -> str:
        """Describe the recurrence in Vietnamese, e.g. "hằng tuần vào thứ Hai, thứ Năm"."""
        if self.kind == "daily":
            return "hằng ngày"
        if self.kind == "monthly":
            return f"ngày {self.day_of_month} hằng tháng" if self.day_of_month else "hằng tháng"
        if self.weekdays == (0, 1, 2, 3, 4):
            return "các ngày trong tuần"
        if not self.weekdays:
            return "hằng tuần"
        return "hằng tuần vào " + ", ".join(WEEKDAY_NAMES[w] for w in self.weekdays)


@dataclass(frozen=True)
class When:
    """A point in time read from text.

    Attributes:
        at: Aware datetime in ``now``'s zone.  Date-only results carry 00:00.
        has_time: Whether the text named a time of day (or an offset in hours/minutes).
        repeat: The recurrence, when the text asked for one; ``at`` is then its first occurrence.
    """

    at: datetime
    has_time: bool
    repeat: Repeat | None = None


def next_day_of_month(start: date, dom: int) -> date:
    """The first date >= start whose day is ``dom``, skipping months without it."""
    y, m = start.year, start.month
    for _ in range(49):  # every day 1..31 appears within a few months
        if dom <= calendar.monthrange(y, m)[1]:
            cand = date(y, m, dom)
            if cand >= start:
                return cand
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    raise ValueError(f"no day {dom} within four years")  # unreachable for 1..31
