"""Lunar dates as Vietnam counts them, converted to solar dates with lunar-vn.

Vietnam's lunar calendar is computed for UTC+7, China's for UTC+8; when a new moon falls
between 23:00 and 24:00 Vietnam time the two calendars start the month on different days
(Tết 1985 was 21/1 in Vietnam, 20/2 in China; Tết 2007 was 17/2 and 18/2).  lunar-vn implements
Hồ Ngọc Đức's algorithm at UTC+7, the one Vietnamese almanacs use, so a lunar date typed here
means what a Vietnamese calendar on the wall says.

lunar-vn does not check that a day exists in its month (it turns "30 tháng Chạp" of a 29-day
month into mùng 1 Tết) nor that a year has the leap month asked for; every conversion is
therefore checked by converting back.
"""

from __future__ import annotations

from datetime import date, timedelta

import lunar_vn

import bot.dates.reasons as reasons
from bot.dates.reasons import Invalid

_FIRST_YEAR, _LAST_YEAR = 1900, 2099


def to_solar(day: int, month: int, year: int, leap: bool) -> date:
    """The solar date of lunar day/month/year, or Invalid when it does not exist."""
    if not 1 <= day <= 30 or not 1 <= month <= 12:
        raise Invalid(reasons.no_lunar_day(day, month, year))
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        raise Invalid(reasons.lunar_out_of_range())
    try:
        solar = lunar_vn.convert_lunar_to_solar(day, month, year, 1 if leap else 0)
    except ValueError as err:
        if leap:
            raise Invalid(reasons.no_leap_month(month, year)) from err
        raise Invalid(reasons.no_lunar_day(day, month, year)) from err
    back = lunar_vn.solar_to_lunar(solar)
    if (back.day, back.month, back.year, back.leap) != (day, month, year, leap):
        if leap and back.day == day and not back.leap:
            raise Invalid(reasons.no_leap_month(month, year))
        raise Invalid(reasons.no_lunar_day(day, month, year))
    return solar


def lunar_year(d: date) -> int:
    """The lunar year that solar date d falls in."""
    if not _FIRST_YEAR <= d.year <= _LAST_YEAR:
        raise Invalid(reasons.lunar_out_of_range())
    return int(lunar_vn.solar_to_lunar(d).year)


def next_solar(day: int, month: int, leap: bool, today: date, strictly_after: bool) -> date:
    """The first solar date on or after today (after, when ``strictly_after``) that is lunar
    day/month.  A day missing from that month ("30 tháng Chạp" of a 29-day month) is refused,
    not moved to another year; a leap month is looked for in the next twenty years."""
    first = lunar_year(today)
    for year in range(first - 1, first + (20 if leap else 2)):
        try:
            month_start = to_solar(1, month, year, leap)
        except Invalid:
            continue  # no such leap month this year
        candidate = month_start + timedelta(days=day - 1)
        if candidate > today or (candidate == today and not strictly_after):
            return to_solar(day, month, year, leap)
    raise Invalid(reasons.no_leap_month(month, first))


def lunar_day(d: date) -> int:
    """The day of the lunar month that solar date d is."""
    if not _FIRST_YEAR <= d.year <= _LAST_YEAR:
        raise Invalid(reasons.lunar_out_of_range())
    return int(lunar_vn.solar_to_lunar(d).day)
