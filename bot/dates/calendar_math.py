"""Date arithmetic for the resolver: months, weeks and the days of periods (see bot.dates)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

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


def _month_of(spec: tuple[object, ...], today: date, by_end: bool) -> tuple[int, int, bool]:
    """(year, month, year_implied) named by ("rel", k) or ("abs", month, year)."""
    if spec[0] == "rel":
        first = add_months(today.replace(day=1), int(spec[1] or 0))  # type: ignore[call-overload]
        return first.year, first.month, False
    month, year = int(spec[1]), spec[2]  # type: ignore[call-overload]
    if isinstance(year, tuple):  # ("rel", k): "tháng 12 năm nay"
        return today.year + int(year[1]), month, False
    if year is not None:
        return int(year), month, False  # type: ignore[call-overload]
    # The next such month: this year's while it has not ended (or started, for "đầu tháng").
    y = today.year
    if by_end:
        if date(y, month, month_length(y, month)) < today:
            y += 1
    elif date(y, month, 1) < today:
        y += 1
    return y, month, True


def period_days(kind: str, value: object, today: date) -> tuple[date, date, bool]:
    """First and last day of a period, and whether its year was implied.

    "cuối tuần" is Saturday and Sunday of this week (from today if it is already the weekend),
    "đầu tuần" the Monday (a bare "đầu tuần" after Monday is next week's), "trong tuần này"
    today to Sunday, "cuối tháng" the last day, "đầu tháng" the first, "trong tháng này" today
    to the last day, "cuối năm" 31/12, "đầu năm sau" 1/1, "trong 3 ngày" today to today + 3.
    """
    monday = monday_of(today)
    if kind in ("weekend", "week_start", "within_week"):
        k = value if isinstance(value, int) else None
        week = monday + timedelta(weeks=k or 0)
        if kind == "weekend":
            return max(week + timedelta(days=5), today), week + timedelta(days=6), False
        if kind == "week_start":
            if k is None and today.weekday() != 0:
                week += timedelta(weeks=1)
            return week, week, False
        return max(week, today), week + timedelta(days=6), False
    if kind == "within_days":
        return today, today + timedelta(days=int(value)), False  # type: ignore[call-overload]
    if kind.startswith("month_") or kind == "within_month":
        spec = value if isinstance(value, tuple) else ("rel", None)
        if kind == "month_start" and spec == ("rel", None):
            first = today if today.day == 1 else add_months(today.replace(day=1), 1)
            return first, first, False
        y, m, implied = _month_of(spec, today, by_end=kind != "month_start")
        first, last = date(y, m, 1), date(y, m, month_length(y, m))
        if kind == "month_end":
            return last, last, implied
        if kind == "month_start":
            return first, first, implied
        return max(first, today), last, implied
    if kind == "within_year":
        year = today.year + int(value[1]) if isinstance(value, tuple) else int(value)  # type: ignore[call-overload]
        if not 1 <= year <= 9999:
            raise Invalid(reasons.too_far())
        return max(date(year, 1, 1), today), date(year, 12, 31), False
    spec = value if isinstance(value, tuple) else ("rel", None)
    if spec[0] == "abs":
        year = int(spec[1])  # type: ignore[call-overload]
    elif kind == "year_start" and spec[1] is None:
        year = today.year if (today.month, today.day) == (1, 1) else today.year + 1
    else:
        year = today.year + int(spec[1] or 0)  # type: ignore[call-overload]
    if not 1 <= year <= 9999:
        raise Invalid(reasons.too_far())
    d = date(year, 12, 31) if kind == "year_end" else date(year, 1, 1)
    return d, d, False
