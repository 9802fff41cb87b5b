"""Turns filled grammar slots into a When, relative to now (see bot.dates)."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from bot.dates.grammar import Component, Invalid
from bot.dates.values import Repeat, When, next_day_of_month

# --------------------------------------------------------------------------------------------
# Resolution: slots -> When
# --------------------------------------------------------------------------------------------

# Hour of a part of day named without an hour.
_POD_DEFAULT = {"sang": 8, "trua": 12, "chieu": 14, "toi": 19, "dem": 22}


def _apply_pod(hour: int, pod: str | None) -> tuple[int, int]:
    """Combine an hour with a part of day; return (24h hour, days to add)."""
    if pod is None:
        return hour, 0
    if pod == "sang" and 0 <= hour <= 11:
        return hour, 0
    if pod == "trua" and 10 <= hour <= 13:
        return hour, 0
    if pod == "trua" and 1 <= hour <= 2:
        return hour + 12, 0
    if pod == "chieu" and 1 <= hour <= 7:
        return hour + 12, 0
    if pod == "chieu" and 12 <= hour <= 19:
        return hour, 0
    if pod == "toi" and 5 <= hour <= 11:
        return hour + 12, 0
    if pod in ("toi", "dem") and 17 <= hour <= 23:
        return hour, 0
    if pod == "dem" and 7 <= hour <= 11:
        return hour + 12, 0
    # "12 giờ đêm", "2 giờ đêm thứ 6": past midnight, so the next calendar day.
    if pod == "dem" and (hour == 12 or 0 <= hour <= 4):
        return hour % 12, 1
    raise Invalid


def _add_months(d: date, months: int) -> date:
    """Add months, clamping the day to the month's length (31/1 + 1 month = 28/2)."""
    idx = d.year * 12 + d.month - 1 + months
    y, m = divmod(idx, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


@dataclass
class _Slots:
    """What the components said; each slot may be filled once (see Component in the grammar)."""

    time: tuple[int, int] | None = None  # hour 0..23, minute
    ampm: bool | None = None
    pod: str | None = None  # part of day: sang, trua, chieu, toi, dem
    day: int | None = None  # days from today: nay 0, mai 1, mốt 2
    weekdays: tuple[int, ...] | None = None
    week: int | None = None  # weeks from this one: này 0, sau 1, sau nữa 2
    month: int | None = None  # months from this one: này 0, sau 1
    date: tuple[int, int | None, int | None] | None = None  # day, month, year
    rel: tuple[str, int] | None = None  # ("min" | "day" | "week" | "month" | "year", amount)
    repeat: str | None = None  # daily, weekly, workdays, monthly

    def filled(self) -> set[str]:
        return {k for k, v in vars(self).items() if v is not None}


def _fill(comps: list[Component]) -> _Slots:
    slots = _Slots()
    for comp in comps:
        for key, value in comp:
            if getattr(slots, key) is not None:
                raise Invalid  # said twice: "mai mai", "8h 9h"
            setattr(slots, key, value)
    return slots


def resolve(comps: list[Component], now: datetime) -> When:
    """Fill slots from components and turn them into a When; raise Invalid on contradiction."""
    s = _fill(comps)
    filled = s.filled()
    tz = now.tzinfo
    today = now.date()
    pod = s.pod
    if s.ampm is not None and pod is not None:
        raise Invalid

    tod: time | None = None
    extra_days = 0
    if s.time is not None:
        hour, minute = s.time
        hour, extra_days = _apply_pod(hour, pod)
        tod = time(hour, minute)
    elif pod is not None:
        tod = time(_POD_DEFAULT[pod])

    def at_(d: date) -> datetime:
        return datetime.combine(d, tod or time(0), tzinfo=tz)

    def first_after(candidates: Callable[[int], date | None]) -> date:
        """The first candidate date (k = 0, 1, ...) whose moment is after now (or today)."""
        for k in range(400):
            d = candidates(k)
            if d is None:
                continue
            if (tod is not None and at_(d) > now) or (tod is None and d > today):
                return d
        raise Invalid

    repeat_kind = s.repeat
    weekdays = s.weekdays or ()
    if repeat_kind is not None:
        if {"day", "rel", "week", "month"} & filled or extra_days:
            raise Invalid
        if repeat_kind == "daily":
            if weekdays or s.date is not None:
                raise Invalid
            rep = Repeat("daily")
            d = first_after(lambda k: today + timedelta(days=k))
        elif repeat_kind in ("weekly", "workdays"):
            if s.date is not None or (repeat_kind == "workdays") == bool(weekdays):
                raise Invalid
            days = tuple(sorted(set(weekdays))) if weekdays else (0, 1, 2, 3, 4)
            rep = Repeat("weekly", weekdays=days)
            d = first_after(
                lambda k: (
                    today + timedelta(days=k)
                    if (today + timedelta(days=k)).weekday() in days
                    else None
                )
            )
        else:
            if weekdays or s.date is None or s.date[1] is not None:
                raise Invalid
            dom = s.date[0]
            rep = Repeat("monthly", day_of_month=dom)
            d = first_after(
                lambda k: (
                    today + timedelta(days=k) if (today + timedelta(days=k)).day == dom else None
                )
            )
        return When(at_(d), tod is not None, rep)

    if len(weekdays) > 1:
        raise Invalid  # several weekdays only make sense for a recurrence

    if s.rel is not None:
        unit, amount = s.rel
        if unit == "min":
            if len(filled) > 1:
                raise Invalid
            moment = (now.astimezone(UTC) + timedelta(minutes=amount)).astimezone(tz)
            return When(moment.replace(second=0, microsecond=0), True)
        if {"date", "day", "week", "month"} & filled or weekdays:
            raise Invalid
        if unit == "day":
            d = today + timedelta(days=amount)
        elif unit == "week":
            d = today + timedelta(weeks=amount)
        elif unit == "month":
            d = _add_months(today, amount)
        else:
            d = _add_months(today, 12 * amount)
        return When(at_(d + timedelta(days=extra_days)), tod is not None)

    if s.date is not None:
        if s.day is not None or s.week is not None:
            raise Invalid
        day, month, year = s.date
        if month is None:
            if year is not None:
                raise Invalid
            if s.month is not None:
                base = _add_months(today.replace(day=1), s.month)
                if day > calendar.monthrange(base.year, base.month)[1]:
                    raise Invalid
                d = base.replace(day=day)
            else:
                d = next_day_of_month(today, day)
        else:
            if s.month is not None:
                raise Invalid
            if year is None:
                year = today.year if (month, day) >= (today.month, today.day) else today.year + 1
            if not 1 <= year <= 9999 or day > calendar.monthrange(year, month)[1]:
                raise Invalid
            d = date(year, month, day)
        if weekdays and d.weekday() != weekdays[0]:
            raise Invalid  # "thứ 6 ngày 26/11" but 26/11 is a Thursday: ask, do not guess
        return When(at_(d + timedelta(days=extra_days)), tod is not None)

    if s.month is not None:
        if s.day is not None or s.week is not None or weekdays:
            raise Invalid
        if s.month == 0:
            raise Invalid  # "tháng này" alone is no point in time
        d = _add_months(today, s.month)
        return When(at_(d + timedelta(days=extra_days)), tod is not None)

    if weekdays:
        if s.day is not None:
            raise Invalid
        wd = weekdays[0]
        if s.week is not None:
            # "tuần này" with a weekday already gone is returned as typed (in the past).
            monday = today - timedelta(days=today.weekday())
            d = monday + timedelta(weeks=s.week, days=wd)
        else:
            d = first_after(
                lambda k: (
                    today + timedelta(days=k) if k % 7 == (wd - today.weekday()) % 7 else None
                )
            )
        return When(at_(d + timedelta(days=extra_days)), tod is not None)

    if s.day is not None:
        if s.week is not None:
            raise Invalid
        d = today + timedelta(days=s.day)
        return When(at_(d + timedelta(days=extra_days)), tod is not None)

    if s.week is not None:
        if s.week == 0:
            raise Invalid  # "tuần này" alone is no point in time
        d = today + timedelta(weeks=s.week)
        return When(at_(d), tod is not None)

    if tod is not None:
        # A bare time: today if still ahead, else tomorrow.  The "đêm" day shift is ignored
        # here because "2 giờ đêm" alone already means the next 02:00.
        d = first_after(lambda k: today + timedelta(days=k))
        return When(at_(d), True)
    raise Invalid
