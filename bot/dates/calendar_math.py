"""Date arithmetic for the resolver: months, weeks and the days of periods (see bot.dates)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import bot.dates.reasons as reasons
from bot.dates.reasons import Invalid


def add_months(d: date, months: int) -> date:
    """Add months, clamping the day to the month's length (31/1 + 1 month = 28/2)."""
    idx = d.year * 12 + d.month - 1 + months
    y, m = divmod(idx, 12)
    if not 1 <= y <= 9999:
        raise Invalid(reasons.too_far())
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def month_length(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def monday_of(d: date) -> date:
    return d - timedelta(days=d.weekday())


PeriodKind = Literal[
    "weekend",
    "week_start",
    "within_week",
    "month_end",
    "month_start",
    "within_month",
    "quarter_end",
    "quarter_start",
    "within_quarter",
    "year_end",
    "year_start",
    "within_year",
    "within_days",
    "within_months",
]


@dataclass(frozen=True)
class Period:
    """A span of days named by words: "cuối tuần sau", "trong tháng 12/2026", "đầu năm sau",
    "quý IV".

    Attributes:
        kind: Which span: the weekend, the start (Monday) or the whole of a week; the last
            day, first day or the whole of a month; the same for a quarter and for a year; or
            the next N days.
        word: The words as typed, for reasons ("“cuối tuần” là từ thứ Bảy …").
        offset: Weeks, months, quarters or years from this one ("này" 0, "sau" 1); None when
            bare.
        month: A month named by its number ("cuối tháng 12").
        year: A year named by its number ("tháng 12/2026", "trong năm 2026", "quý IV/2026").
        year_offset: A year named from this one ("tháng 12 năm sau": 1).
        days: For "trong 3 ngày tới": 3 (for "trong 3 tháng", ``offset`` is the 3 months).
        quarter: A quarter named by its number, 1..4 ("quý IV", "cuối quý 1").
    """

    kind: PeriodKind
    word: str
    offset: int | None = None
    month: int | None = None
    year: int | None = None
    year_offset: int | None = None
    days: int = 0
    quarter: int | None = None


def _named_year(p: Period, today: date) -> int | None:
    if p.year is not None:
        return p.year
    if p.year_offset is not None:
        return today.year + p.year_offset
    return None


def _month_of(p: Period, today: date, by_end: bool) -> tuple[int, int, bool]:
    """(year, month, year_implied) of a month period."""
    if p.month is None:
        first = add_months(today.replace(day=1), p.offset or 0)
        return first.year, first.month, False
    year = _named_year(p, today)
    if year is not None:
        return year, p.month, False
    # The next such month: this year's while it has not ended (or started, for "đầu tháng").
    y, month = today.year, p.month
    if by_end:
        if date(y, month, month_length(y, month)) < today:
            y += 1
    elif date(y, month, 1) < today:
        y += 1
    return y, month, True


def quarter_days(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a quarter: quarter 4 of 2026 is 01/10/2026 to 31/12/2026."""
    if not 1 <= year <= 9999:
        raise Invalid(reasons.too_far())
    last_month = 3 * quarter
    return date(year, last_month - 2, 1), date(year, last_month, month_length(year, last_month))


def _quarter_of(p: Period, today: date, by_end: bool) -> tuple[int, int, bool]:
    """(year, quarter, year_implied) of a quarter period, as _month_of does for a month."""
    if p.quarter is None:
        idx = today.year * 4 + (today.month - 1) // 3 + (p.offset or 0)
        year, q = divmod(idx, 4)
        return year, q + 1, False
    year = _named_year(p, today)
    if year is not None:
        return year, p.quarter, False
    # The next such quarter: this year's while it has not ended (or started, for "đầu quý").
    y = today.year
    first, last = quarter_days(y, p.quarter)
    if (last if by_end else first) < today:
        y += 1
    return y, p.quarter, True


def _quarter_period(p: Period, today: date) -> tuple[date, date, bool]:
    if p.kind == "quarter_start" and p.quarter is None and p.offset is None:
        # "đầu quý" alone: this quarter's first day only on that day, else the next one's.
        this, _ = quarter_days(today.year, (today.month - 1) // 3 + 1)
        first = today if today == this else add_months(this, 3)
        return first, first, False
    y, q, implied = _quarter_of(p, today, by_end=p.kind != "quarter_start")
    first, last = quarter_days(y, q)
    if p.kind == "quarter_end":
        return last, last, implied
    if p.kind == "quarter_start":
        return first, first, implied
    # A quarter already over ("quý I/2026" typed in November) is returned as typed.
    return from_today(first, last, today), last, implied


def from_today(first: date, last: date, today: date) -> date:
    """Where "trong <period>" starts: today if the period is under way, else its first day
    (a period already over, "trong tháng 10/2026" typed in November, keeps its own days, as
    every time with an explicit day is returned as typed)."""
    return max(first, today) if today <= last else first


def period_days(p: Period, today: date) -> tuple[date, date, bool]:
    """First and last day of a period, and whether its year was implied.

    "cuối tuần" is Saturday and Sunday of this week (from today if it is already the weekend),
    "đầu tuần" the Monday (a bare "đầu tuần" after Monday is next week's), "trong tuần này"
    today to Sunday, "cuối tháng" the last day, "đầu tháng" the first, "trong tháng này" today
    to the last day, "cuối năm" 31/12, "đầu năm sau" 1/1, "trong 3 ngày" today to today + 3.
    """
    if p.kind in ("weekend", "week_start", "within_week"):
        week = monday_of(today) + timedelta(weeks=p.offset or 0)
        if p.kind == "weekend":
            return max(week + timedelta(days=5), today), week + timedelta(days=6), False
        if p.kind == "week_start":
            if p.offset is None and today.weekday() != 0:
                week += timedelta(weeks=1)
            return week, week, False
        return max(week, today), week + timedelta(days=6), False
    if p.kind == "within_days":
        return today, today + timedelta(days=p.days), False
    if p.kind == "within_months":  # "trong 3 tháng": to the same day 3 months on
        return today, add_months(today, p.offset or 0), False
    if p.kind in ("month_end", "month_start", "within_month"):
        if p.kind == "month_start" and p.month is None and p.offset is None:
            first = today if today.day == 1 else add_months(today.replace(day=1), 1)
            return first, first, False
        y, m, implied = _month_of(p, today, by_end=p.kind != "month_start")
        first, last = date(y, m, 1), date(y, m, month_length(y, m))
        if p.kind == "month_end":
            return last, last, implied
        if p.kind == "month_start":
            return first, first, implied
        return from_today(first, last, today), last, implied
    if p.kind in ("quarter_end", "quarter_start", "within_quarter"):
        return _quarter_period(p, today)
    year = _named_year(p, today)
    if year is None:
        if p.kind == "year_start" and p.offset is None:
            year = today.year if (today.month, today.day) == (1, 1) else today.year + 1
        else:
            year = today.year + (p.offset or 0)
    if not 1 <= year <= 9999:
        raise Invalid(reasons.too_far())
    if p.kind == "within_year":
        first, last = date(year, 1, 1), date(year, 12, 31)
        return from_today(first, last, today), last, False
    d = date(year, 12, 31) if p.kind == "year_end" else date(year, 1, 1)
    return d, d, False
