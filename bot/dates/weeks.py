"""Component readers for weekdays, weeks and months: "thứ 6", "T6", "CN", "thứ 2, 4 và 6",
"tuần sau", "tháng này" (see bot.dates)."""

from __future__ import annotations

import bot.dates.reasons as reasons
from bot.dates.cursor import Component, Cursor, Got
from bot.dates.days import number_word
from bot.dates.reasons import Invalid

_H_OR_COLON = frozenset({"H", "GIO"})
_NEXT = frozenset({"SAU", "TOI_NEXT"})


def weekday_at(c: Cursor, i: int) -> tuple[int, int] | None:
    """Read one weekday name at i: "thứ 6", "thứ sáu", "T6", "CN", "chủ nhật"."""
    if c.has(i, "THU"):
        n = c.num(i + 1)
        if n is None:
            n = number_word(c, i + 1)
            if n is None:
                return None
        if not 2 <= n <= 7:
            raise Invalid(reasons.no_weekday(n))
        return n - 2, i + 2
    if c.has(i, "T") and c.num(i + 1) is not None and c.glued(i + 1):
        n = c.num(i + 1)
        assert n is not None
        if not 2 <= n <= 7:
            return None  # "T10:00" in ISO text, not a weekday
        return n - 2, i + 2
    if c.has(i, "CN"):
        return 6, i + 1
    if c.has(i, "CHU") and c.has(i + 1, "NHAT"):
        return 6, i + 2
    return None


def read_weekday(c: Cursor, i: int) -> Got:
    first = weekday_at(c, i)
    if first is None:
        return None
    days, j = [first[0]], first[1]
    # A list for "thứ 2 và thứ 5 hằng tuần", "thứ 2, 4, 6" — but in "thứ Tư, 2/12/2026" the
    # number after the comma starts a date.
    while c.has(j, "VA") or c.punct(j, ","):
        nxt = weekday_at(c, j + 1)
        if nxt is None:
            n = c.num(j + 1)
            if n is None or not 2 <= n <= 7 or (c.punct(j + 2, "/-.:") and c.glued(j + 2)):
                break
            if c.has_any(j + 2, _H_OR_COLON):
                break  # "thứ 2, 8h": an hour
            nxt = (n - 2, j + 2)
        days.append(nxt[0])
        j = nxt[1]
    comp: Component = [("weekdays", tuple(days))]
    # "thứ 6 này" / "thứ 6 tới" is the coming Friday.  Unaccented "toi" here stays evening.
    t = c.tok(j)
    if t is not None and (
        ("NAY" in t.tags and not c.has(j + 1, "TUAN"))
        or ("TOI_NEXT" in t.tags and not t.text.isascii())
    ):
        j += 1
    return comp, j


def week_offset(c: Cursor, i: int) -> tuple[int, int] | None:
    """After "tuần"/"tháng": "này" 0, "sau"/"tới" 1, "sau nữa" 2; (offset, next index)."""
    if c.has(i, "NAY"):
        return 0, i + 1
    if c.has_any(i, _NEXT):
        if c.has(i + 1, "NUA_MORE"):
            return 2, i + 2
        return 1, i + 1
    if c.has(i, "TRUOC"):
        raise Invalid(reasons.past_month() if c.has(i - 1, "THANG") else reasons.past_week())
    return None


def read_week(c: Cursor, i: int) -> Got:
    if not c.has(i, "TUAN"):
        return None
    got = week_offset(c, i + 1)
    if got is None:
        return None
    return [("week", got[0])], got[1]


def read_month(c: Cursor, i: int) -> Got:
    if not c.has(i, "THANG"):
        return None
    got = week_offset(c, i + 1)
    if got is None:
        return None
    return [("month", got[0])], got[1]
