"""Result types of the time parser (re-exported by bot.dates).

A reading of a command's text is one of three things, and a command must tell them apart:

* ``None``: no time words here at all (the command may ask for one, or go on without it);
* a ``When`` (inside a ``Found`` when it was cut out of a longer text): the time was read;
* a ``Refusal``: time words are there but cannot be read completely, or say two things that
  contradict each other; its ``reason`` says why, in Vietnamese, to show to the user.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

#: Weekday names for display, Monday first (datetime.weekday() order).
WEEKDAY_NAMES = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")

#: A date typed without its year and landing further away than this is worth a question
#: ("ý anh/chị là 20/11/2027?"): it most likely meant a day that has just passed.
FAR_WITHOUT_YEAR = timedelta(days=62)


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
    """A point in time read from text, with the end of a range when the text gave one.

    Attributes:
        at: Aware datetime in ``now``'s zone; the start of a range or of a period.  Date-only
            results carry 00:00.
        has_time: Whether the text named a time of day (or an offset in hours/minutes).
        repeat: The recurrence, when the text asked for one; ``at`` is then its first occurrence.
        end: The end of a range ("từ 8h đến 11h" → 11:00 the same day; "từ ngày 8 đến ngày
            10/12" → 10/12) or the last day of a period ("cuối tuần" → Sunday), else None.
            Always later than ``at`` (a later day when date-only).
        end_has_time: Whether ``end`` carries a time of day.
        year_implied: The text named a day (and month) without a year, so the year is the
            parser's choice: see ``far_without_year``.
    """

    at: datetime
    has_time: bool
    repeat: Repeat | None = None
    end: datetime | None = None
    end_has_time: bool = False
    year_implied: bool = False

    @property
    def deadline(self) -> tuple[datetime, bool]:
        """The moment a deadline means: the end of a range or period ("by"), else ``at``."""
        if self.end is not None:
            return self.end, self.end_has_time
        return self.at, self.has_time

    def far_without_year(self, now: datetime) -> bool:
        """Tell whether the year was not written and the result is more than ~2 months away.

        "20/11" typed on 23/11 is read as 20/11 next year; a command should ask before
        filing it ("ý anh/chị là 20/11/2027?") rather than move a meeting a year on.
        """
        return self.year_implied and self.at - now > FAR_WITHOUT_YEAR


@dataclass(frozen=True)
class Refusal:
    """Time words that could not be read completely, or that contradict each other.

    Attributes:
        reason: Why, in Vietnamese, ready to show: "ngày 27/11/2026 là thứ Sáu, không phải
            thứ Năm".
        words: The time words as the user typed them, for the question back.
        start: Offset of ``words`` in the text that was read.
        end: Offset just after ``words``.
    """

    reason: str
    words: str
    start: int
    end: int


@dataclass(frozen=True)
class Found:
    """A time read out of a longer text.

    Attributes:
        when: The time.
        rest: The text without the time words (and without the marker that announced them,
            "vào lúc", "thời gian:", "hạn"), spaces tidied; the user's spelling is kept.
        start: Offset of the removed words (marker included) in the text.
        end: Offset just after them.
        words: The time words as typed, without their marker ("20/11 14h" of "hạn 20/11
            14h"), to quote in a question back.
    """

    when: When
    rest: str
    start: int
    end: int
    words: str


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
