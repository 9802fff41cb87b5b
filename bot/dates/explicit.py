"""The day a date slot names, solar or lunar, and why a weekday does not fit it
(see bot.dates.resolve)."""

from __future__ import annotations

from datetime import date, timedelta

import bot.dates.lunar as lunar
import bot.dates.reasons as reasons
from bot.dates.calendar_math import add_months, month_length
from bot.dates.reasons import Invalid
from bot.dates.slots import Slots
from bot.dates.values import next_day_of_month


def weekday_refusal(s: Slots, d: date, wd: int, today: date) -> None:
    """Say why a weekday does not match the date.  "thứ Sáu 20/11" typed on 23/11/2026 was
    this year's Friday, already past: that is the reason given, not next year's weekday."""
    rolled = s.date is not None and s.date[2] is None and d.year > today.year
    if rolled and s.calendar != "lunar" and _exists(d.year - 1, d):
        before = d.replace(year=d.year - 1)
        if before < today and before.weekday() == wd:
            raise Invalid(reasons.weekday_past(before))
    raise Invalid(reasons.weekday_mismatch(d, wd))


def _exists(year: int, d: date) -> bool:
    return d.day <= month_length(year, d.month)


def explicit_date(s: Slots, today: date, fwd: date) -> tuple[date, bool]:
    """The date of the "date" slot (solar or lunar); whether its year was left out."""
    assert s.date is not None
    day, month, year = s.date
    after = bool(s.next_only)
    if s.calendar == "lunar":
        if month is None:
            return _next_lunar_day(day, fwd, after), True
        if s.mot and month == 1:
            month = 11  # "tháng Một" of the lunar calendar is its eleventh month
        if year is None and s.year_rel is not None:
            year = lunar.lunar_year(today) + s.year_rel
        if year is not None:
            return lunar.to_solar(day, month, year, bool(s.leap)), False
        return lunar.next_solar(day, month, bool(s.leap), fwd, after), True
    if s.leap:
        raise Invalid(reasons.no_leap_month(month or 0, today.year))
    if month is None:
        if s.month is not None:
            first = add_months(today.replace(day=1), s.month)
            if day > month_length(first.year, first.month):
                raise Invalid(reasons.no_day(day, first.month, first.year))
            return first.replace(day=day), False
        return next_day_of_month(fwd + timedelta(days=1 if after else 0), day), False
    if s.month is not None:
        raise Invalid(reasons.said_twice("tháng"))
    if year is None and s.year_rel is not None:
        year = today.year + s.year_rel  # "ngày 5 tháng 12 năm sau"
    implied = year is None
    if year is None:
        ahead = (month, day) > (fwd.month, fwd.day) or (
            (month, day) == (fwd.month, fwd.day) and not after
        )
        year = fwd.year if ahead else fwd.year + 1
    if not 1 <= year <= 9999:
        raise Invalid(reasons.too_far())
    if day > month_length(year, month):
        raise Invalid(reasons.no_day(day, month, None if implied else year))
    return date(year, month, day), implied


def _next_lunar_day(day: int, fwd: date, after: bool) -> date:
    """The next solar date whose lunar day is ``day`` ("rằm": the next full-moon day)."""
    if not 1 <= day <= 30:
        raise Invalid(reasons.bad_date(f"ngày {day} âm lịch"))
    for k in range(1 if after else 0, 62):
        d = fwd + timedelta(days=k)
        if lunar.lunar_day(d) == day:
            return d
    raise Invalid(reasons.no_lunar_day(day, 0, lunar.lunar_year(fwd)))
