"""A whole phrase to a When: one side, or the two ends of a range sharing what only one of
them said ("từ 8h đến 11h ngày 3/12": the date is the start's too) (see bot.dates)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import bot.dates.reasons as reasons
from bot.dates.cursor import Component
from bot.dates.reasons import Invalid
from bot.dates.resolve import Point, apply_pod, resolve_side, time_of_day
from bot.dates.slots import DATE_SLOTS, Slots, fill
from bot.dates.values import When

# A range whose end is earlier in the day than its start ("từ 22h đến 2h") runs past
# midnight, but only this long; beyond it the end is more likely a typing slip.
_OVERNIGHT = timedelta(hours=12)


def resolve(comps: list[tuple[Component, int]], now: datetime) -> When:
    """Fill slots from (component, side) pairs and turn them into a When; Invalid (with the
    reason) on a contradiction."""
    start, end = fill(comps)
    if end is None:
        return _when(resolve_side(start, now), None, now)
    _bare_start(start, end)
    _share_pods(start, end)
    own_end_day = end.has_date()
    second: Point | None = None
    if not start.has_date() and own_end_day:
        for key in DATE_SLOTS:  # "từ 8h đến 11h ngày 3/12": the date belongs to both
            setattr(start, key, getattr(end, key))
            setattr(end, key, None)
        own_end_day = False
    elif start.date is not None and end.date is not None:
        solar = "lunar" not in (start.calendar, end.calendar)
        if solar and start.date[1] is None and end.date[1] is not None:
            # "từ ngày 8 đến ngày 10/12": the end says the month and its year is chosen as
            # for any date; the start is in that month, or the month before ("từ 28 đến 2/12").
            second = resolve_side(end, now)
            _month_from_end(start, second.day)
        else:
            _share_date_parts(start, end)
    if end.repeat is not None and start.repeat is None:
        start.repeat, end.repeat = end.repeat, None
    first = resolve_side(start, now)
    if first.last is not None or first.exact is not None:
        raise Invalid(reasons.unread("từ … đến …"))
    if second is not None:
        pass
    elif own_end_day:
        if end.calendar is None and start.calendar == "lunar" and end.date is not None:
            end.calendar = "lunar"
        second = resolve_side(end, now, base=first.day)
    else:
        tod, shift = _end_time(end)
        second = Point(first.day + timedelta(days=shift), tod)
    return _when(first, second, now, own_end_day)


def _bare_start(start: Slots, end: Slots) -> None:
    """ "từ 8 đến 11h": 8 is an hour; "từ 8 đến 10/12": 8 is a day."""
    if start.bare is None:
        return
    n, start.bare = start.bare, None
    if end.time is not None:
        if not 0 <= n <= 23:
            raise Invalid(reasons.no_hour(f"{n} giờ"))
        start.time = (n, 0)
    elif end.date is not None:
        if not 1 <= n <= 31:
            raise Invalid(reasons.bad_date(str(n)))
        start.date = (n, None, None)
    else:
        raise Invalid(reasons.unread(str(n)))


def _share_pods(start: Slots, end: Slots) -> None:
    """ "từ 2 đến 5 giờ chiều": both afternoon; "từ 8h sáng đến 11h": both morning — when
    the shared part of day fits the other hour and keeps the end after the start."""
    if start.time is None or end.time is None:
        return
    if end.pod is not None and start.pod is None:
        got, other = apply_pod(start.time[0], end.pod), apply_pod(end.time[0], end.pod)
        if got is not None and other is not None and got[0] <= other[0]:
            start.pod = end.pod
    elif start.pod is not None and end.pod is None:
        got, other = apply_pod(end.time[0], start.pod), apply_pod(start.time[0], start.pod)
        if got is not None and other is not None and got[0] >= other[0]:
            end.pod = start.pod


def _month_from_end(start: Slots, last: date) -> None:
    assert start.date is not None
    day = start.date[0]
    if day <= last.day:
        start.date = (day, last.month, last.year)
    else:
        before = last.replace(day=1) - timedelta(days=1)
        start.date = (day, before.month, before.year)


def _share_date_parts(start: Slots, end: Slots) -> None:
    """ "từ ngày 8 đến ngày 10/12": the start takes the end's month (the month before when
    its day is later: "từ 28 đến 2/12") and year."""
    assert start.date is not None
    assert end.date is not None
    d1, m1, y1 = start.date
    d2, m2, y2 = end.date
    if m1 is None and m2 is not None:
        m1 = m2 if d1 <= d2 else (m2 - 1 or 12)
        if y2 is not None and m1 > m2:
            y1 = y2 - 1
        elif y2 is not None:
            y1 = y2
    elif m1 is not None and y1 is None and y2 is not None and m2 is not None:
        y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
    elif m2 is None and m1 is not None:
        m2 = m1 if d2 >= d1 else m1 % 12 + 1
        if y1 is not None:
            y2 = y1 if m2 >= m1 else y1 + 1
    start.date, end.date = (d1, m1, y1), (d2, m2, y2)
    if start.calendar is None and end.calendar is not None:
        start.calendar = end.calendar


def _end_time(end: Slots) -> tuple[time | None, int]:
    if end.filled() - {"time", "pod", "ampm"}:
        raise Invalid(reasons.unread("từ … đến …"))
    return time_of_day(end)


def _when(first: Point, second: Point | None, now: datetime, own_day: bool = False) -> When:
    tz = now.tzinfo
    if first.exact is not None:
        return When(first.exact, True)
    at = datetime.combine(first.day, first.tod or time(0), tzinfo=tz)
    end: datetime | None = None
    end_has_time = False
    if first.last is not None:
        end = datetime.combine(first.last, time(0), tzinfo=tz)
    if second is not None:
        end_has_time = second.tod is not None
        end = datetime.combine(second.day, second.tod or time(0), tzinfo=tz)
        if end_has_time and first.tod is not None and end <= at and not own_day:
            end += timedelta(days=1)  # "từ 22h đến 2h": past midnight
            if end - at > _OVERNIGHT:
                raise Invalid(reasons.end_before_start(_clock(at), _clock(end)))
        backwards = end <= at if end_has_time else second.day < first.day
        if backwards:
            raise Invalid(reasons.end_before_start(_show(at, first), _show(end, second)))
        if not end_has_time and second.day == first.day:
            end = None
    implied = first.year_implied or (second is not None and second.year_implied)
    return When(at, first.tod is not None, first.repeat, end, end_has_time, implied)


def _clock(at: datetime) -> str:
    return f"{at.hour:02d}:{at.minute:02d}"


def _show(at: datetime, point: Point) -> str:
    day = _day_text(point.day)
    return f"{_clock(at)} {day}" if point.tod is not None else day


def _day_text(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"
