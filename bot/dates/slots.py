"""What the components of one side of a phrase said, each slot filled at most once."""

from __future__ import annotations

from dataclasses import dataclass, fields

import bot.dates.reasons as reasons
from bot.dates.calendar_math import Period
from bot.dates.cursor import Component
from bot.dates.reasons import Invalid

# What a slot is called when it is said twice ("có hai giờ khác nhau").
_NAMES = {
    "time": "giờ",
    "pod": "buổi",
    "day": "ngày",
    "date": "ngày",
    "weekdays": "thứ",
    "week": "tuần",
    "month": "tháng",
    "rel": "khoảng thời gian",
    "repeat": "cách lặp lại",
    "period": "khoảng thời gian",
    "calendar": "loại lịch",
}
# Slots that may be said twice when they say the same ("tháng Chạp (âm lịch)").
_IDEMPOTENT = frozenset({"calendar", "ampm", "note", "leap", "mot", "next_only"})
#: Slots that place a phrase on a day; a range shares them between its two sides.
DATE_SLOTS = (
    *("date", "year_rel", "day", "weekdays", "week", "month", "period", "calendar", "leap"),
    "mot",
)


@dataclass(slots=True)
class Slots:
    """One side of a phrase (the whole phrase, or the start or end of a range)."""

    time: tuple[int, int] | None = None  # hour 0..23, minute
    ampm: bool | None = None
    pod: str | None = None  # part of day: sang, trua, chieu, toi, dem
    day: tuple[int, str] | None = None  # days from today and the word: (1, "mai")
    weekdays: tuple[int, ...] | None = None
    week: int | None = None  # weeks from this one: này 0, sau 1, sau nữa 2
    month: int | None = None  # months from this one: này 0, sau 1
    date: tuple[int, int | None, int | None] | None = None  # day, month, year
    year_rel: int | None = None  # the date's year from this one: "năm nay" 0, "năm sau" 1
    next_only: bool | None = None  # "ngày 15 tới": strictly after today
    calendar: str | None = None  # "lunar" or "solar"
    leap: bool | None = None  # a leap lunar month ("tháng 6 nhuận")
    mot: bool | None = None  # the month was "tháng Một": January, or the 11th lunar month
    rel: tuple[str, int] | None = None  # ("sec" | "day" | "week" | "month" | "year", amount)
    repeat: str | None = None  # daily, weekly, workdays, monthly, every
    period: Period | None = None  # "cuối tuần", "trong tháng 12"
    bare: int | None = None  # a bare number starting a range: an hour or a day, as the end is
    note: bool | None = None  # a length before the time ("01 buổi,", "02 ngày,")

    def filled(self) -> set[str]:
        return {f.name for f in fields(self) if getattr(self, f.name) is not None}

    def has_date(self) -> bool:
        return any(getattr(self, k) is not None for k in DATE_SLOTS)

    def put(self, key: str, value: object) -> None:
        old = getattr(self, key)
        if old is not None and not (key in _IDEMPOTENT and old == value):
            raise Invalid(reasons.said_twice(_NAMES.get(key, "thời gian")))
        setattr(self, key, value)


def fill(comps: list[tuple[Component, int]]) -> tuple[Slots, Slots | None]:
    """Fill the start slots from side-0 components and the end slots from side-1 ones (and
    from the "end:…" pairs of a day range such as "8-10/12")."""
    start = Slots()
    end: Slots | None = None
    for comp, side in comps:
        for key, value in comp:
            if side == 1 or key.startswith("end:"):
                end = end or Slots()
                end.put(key.removeprefix("end:"), value)
            else:
                start.put(key, value)
    return start, end
