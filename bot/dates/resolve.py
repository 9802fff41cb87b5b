"""One side of a phrase (filled slots) resolved against now: the day, the time of day, the
recurrence (see bot.dates for the rules)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import bot.dates.reasons as reasons
from bot.dates.calendar_math import Period, add_months, monday_of, period_days
from bot.dates.explicit import explicit_date, weekday_refusal
from bot.dates.reasons import Invalid
from bot.dates.slots import Slots
from bot.dates.values import Repeat

# Hour of a part of day named without an hour.
_POD_DEFAULT = {"sang": 8, "trua": 12, "chieu": 14, "toi": 19, "dem": 22}
_POD_NAMES = {"sang": "sáng", "trua": "trưa", "chieu": "chiều", "toi": "tối", "dem": "đêm"}


def apply_pod(hour: int, pod: str | None) -> tuple[int, int] | None:
    """Combine an hour with a part of day; return (24h hour, days to add), None if they clash."""
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
    return None


@dataclass(slots=True)
class Point:
    """A resolved side: a day (and the last day of a period), a time of day or an exact
    moment, a recurrence."""

    day: date
    tod: time | None
    last: date | None = None
    exact: datetime | None = None
    repeat: Repeat | None = None
    year_implied: bool = False


def time_of_day(s: Slots) -> tuple[time | None, int]:
    """The time of day the slots name, and the days a "đêm" hour moves it by."""
    if s.ampm is not None and s.pod is not None:
        raise Invalid(reasons.said_twice("buổi"))
    if s.time is not None:
        hour, minute = s.time
        got = apply_pod(hour, s.pod)
        if got is None:
            raise Invalid(reasons.no_hour(f"{hour} giờ {_POD_NAMES[s.pod or 'sang']}"))
        return time(got[0], minute), got[1]
    if s.pod is not None:
        return time(_POD_DEFAULT[s.pod]), 0
    return None, 0


def resolve_side(s: Slots, now: datetime, base: date | None = None) -> Point:
    """Resolve one side.  ``base`` is set for the end of a range: forward-looking choices
    (a bare weekday, a year left out) count from the start's day instead of from today."""
    tod, shift = time_of_day(s)
    if s.bare is not None:
        raise Invalid(reasons.unread(str(s.bare)))
    if s.repeat is not None:
        return _repeat(s, now, tod, shift)
    if s.rel is not None:
        return _relative(s, now, tod, shift)
    if s.note and not s.has_date():
        raise Invalid(reasons.unread("thời lượng"))
    d, last, implied = _day(s, now, tod, shift, base)
    if last is not None and tod is not None:
        word = s.period.word if s.period is not None else "khoảng này"
        raise Invalid(reasons.period_needs_day(word, d, last))
    return Point(d + timedelta(days=shift), tod, last, None, None, implied)


def _first_after(
    candidates: Callable[[int], date | None], now: datetime, tod: time | None
) -> date:
    """The first candidate date (k = 0, 1, ...) whose moment is after now (or after today)."""
    today = now.date()
    for k in range(400):
        d = candidates(k)
        if d is None:
            continue
        if (tod is not None and datetime.combine(d, tod, tzinfo=now.tzinfo) > now) or (
            tod is None and d > today
        ):
            return d
    raise Invalid(reasons.too_far())


def _repeat(s: Slots, now: datetime, tod: time | None, shift: int) -> Point:
    today = now.date()
    kind = s.repeat
    weekdays = s.weekdays or ()
    if {"day", "rel", "week", "month", "period", "calendar"} & s.filled() or shift:
        raise Invalid(reasons.said_twice("cách lặp lại"))
    if kind == "every":
        if not weekdays and tod is None:
            raise Invalid(reasons.unread("mỗi"))
        kind = "weekly" if weekdays else "daily"
    if kind == "daily":
        if weekdays or s.date is not None:
            raise Invalid(reasons.said_twice("cách lặp lại"))
        rep = Repeat("daily")
        d = _first_after(lambda k: today + timedelta(days=k), now, tod)
    elif kind in ("weekly", "workdays"):
        if s.date is not None or (kind == "workdays") == bool(weekdays):
            raise Invalid(reasons.unread("hằng tuần"))
        days = tuple(sorted(set(weekdays))) if weekdays else (0, 1, 2, 3, 4)
        rep = Repeat("weekly", weekdays=days)
        d = _first_after(
            lambda k: (today + timedelta(days=k)) if (today.weekday() + k) % 7 in days else None,
            now,
            tod,
        )
    else:
        if weekdays or s.date is None or s.date[1] is not None:
            raise Invalid(reasons.unread("hằng tháng"))
        dom = s.date[0]
        rep = Repeat("monthly", day_of_month=dom)
        d = _first_after(
            lambda k: x if (x := today + timedelta(days=k)).day == dom else None, now, tod
        )
    return Point(d, tod, repeat=rep)


def _relative(s: Slots, now: datetime, tod: time | None, shift: int) -> Point:
    assert s.rel is not None
    unit, amount = s.rel
    today = now.date()
    if unit == "sec":
        if len(s.filled()) > 1:
            raise Invalid(reasons.said_twice("thời gian"))
        # Exact elapsed time, seconds kept: "1 phút nữa" is 60 seconds from now.
        moment = (now.astimezone(UTC) + timedelta(seconds=amount)).astimezone(now.tzinfo)
        return Point(moment.date(), moment.timetz().replace(tzinfo=None), exact=moment)
    if s.has_date():
        raise Invalid(reasons.said_twice("ngày"))
    if unit == "day":
        d = today + timedelta(days=amount)
    elif unit == "week":
        d = today + timedelta(weeks=amount)
    elif unit == "month":
        d = add_months(today, amount)
    else:
        d = add_months(today, 12 * amount)
    return Point(d + timedelta(days=shift), tod)


def _day(
    s: Slots, now: datetime, tod: time | None, shift: int, base: date | None
) -> tuple[date, date | None, bool]:
    """The day the slots name (and the last day of a period), and whether the year was
    implied.  Every source of a day must agree with the others."""
    today = now.date()
    fwd = base or today
    found: list[tuple[date, str]] = []  # (day, what named it) for the agreement check
    implied = False
    if s.date is not None:
        d, implied = explicit_date(s, today, fwd)
        found.append((d, "date"))
    if s.day is not None:
        found.append((today + timedelta(days=s.day[0]), s.day[1]))
    weekdays = s.weekdays or ()
    if len(weekdays) > 1:
        raise Invalid(reasons.said_twice("thứ"))
    wd = weekdays[0] if weekdays else None
    if s.week is not None:
        if wd is not None:
            found.append((monday_of(today) + timedelta(weeks=s.week, days=wd), "weekday"))
        elif s.week == 0 and s.period is None:
            s.period = Period("within_week", "tuần này", offset=0)
        elif s.period is None and not found:
            if tod is not None:  # "8h tuần sau": which day of it?
                raise Invalid(reasons.vague("tuần sau" if s.week == 1 else "tuần sau nữa"))
            return today + timedelta(weeks=s.week), None, False
        else:
            raise Invalid(reasons.said_twice("ngày"))
    if s.month is not None and s.date is None:
        if s.month == 0 and not found and wd is None and s.period is None:
            s.period = Period("within_month", "tháng này", offset=0)
        elif not found and wd is None and s.period is None:
            if tod is not None:  # "8h tháng sau": which day of it?
                raise Invalid(reasons.vague("tháng sau"))
            return add_months(today, s.month), None, False
        elif s.period is None:
            raise Invalid(reasons.said_twice("tháng"))
    # Found in the order date, day word, weekday of a given week: "sáng mai 24/11" and
    # "mai thứ Ba" are read when they agree and refused, saying why, when they do not.
    for d, what in found[1:]:
        first = found[0][0]
        if d == first:
            continue
        if what == "weekday":
            if first.weekday() == d.weekday():  # "7/12 (thứ 2 tuần sau)" said on 23/11
                raise Invalid(reasons.outside_week(first, monday_of(d)))
            raise Invalid(reasons.weekday_mismatch(first, d.weekday()))
        raise Invalid(reasons.day_word_mismatch(what, d, first))
    period = period_days(s.period, today) if s.period is not None else None
    if found:
        d = found[0][0]
        if wd is not None and d.weekday() != wd:
            weekday_refusal(s, d, wd, today)
        if period is not None and not period[0] <= d <= period[1]:
            raise Invalid(reasons.outside_period(s.period.word, d))
        # "sáng mai 24/11": "mai" pins the year the date left out.
        return d, None, implied and not any(what != "date" for _, what in found)
    if period is not None:
        first, last, implied = period
        if wd is not None:
            days = [first + timedelta(days=k) for k in range((last - first).days + 1)]
            match = [x for x in days if x.weekday() == wd]
            if not match:
                raise Invalid(reasons.outside_period(s.period.word, days[0]))
            return match[0], None, implied
        return first, (last if last != first else None), implied
    if wd is not None:
        if base is not None:
            return base + timedelta(days=(wd - base.weekday()) % 7), None, False
        return (
            _first_after(
                lambda k: (
                    (today + timedelta(days=k)) if k % 7 == (wd - today.weekday()) % 7 else None
                ),
                now,
                tod,
            ),
            None,
            False,
        )
    if tod is not None:
        if base is not None:
            return base, None, False
        # A bare time: today if still ahead, else tomorrow.  The "đêm" day shift is ignored
        # here because "2 giờ đêm" alone already means the next 02:00.
        d = _first_after(lambda k: today + timedelta(days=k), now, tod)
        return d - timedelta(days=shift), None, False
    raise Invalid(reasons.unread("thời gian"))
