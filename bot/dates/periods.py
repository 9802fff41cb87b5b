"""Component readers for periods, recurrences, calendars and lengths: "cuối tuần",
"trong tuần này", "hằng tuần", "mỗi sáng thứ hai", "âm lịch", "01 buổi," (see bot.dates)."""

from __future__ import annotations

import bot.dates.reasons as reasons
from bot.dates.calendar_math import Period, PeriodKind
from bot.dates.cursor import Cursor, Got
from bot.dates.days import four_digit_year, period_year, year_offset
from bot.dates.quarters import quarter_follows, quarter_period
from bot.dates.reasons import Invalid
from bot.dates.weeks import week_offset

_WEEKDAY_START = frozenset({"THU", "T", "CN", "CHU"})
_POD = frozenset({"POD_SANG", "POD_TRUA", "POD_CHIEU", "POD_TOI", "POD_DEM"})
_DAY_OR_SESSION = frozenset({"NGAY", "BUOI"})
_AFTER_COUNT = frozenset({"TOI_NEXT", "NUA_MORE", "SAU"})
_DAY_WORDS = frozenset({"HOM", "MAI", "MOT", "KIA", "NAY", "THU", "CN", "CHU"})


def read_period(c: Cursor, i: int) -> Got:
    """ "cuối tuần (này|sau)", "đầu tuần sau", "cuối tháng (12)", "đầu tháng sau",
    "cuối năm", "trong tuần này", "trong tháng 12", "trong năm 2026", "cuối quý (IV)", "đầu
    quý sau", "trong quý IV/2026", "trong (vòng) 3 ngày", "trong 3 tháng (tới)", "trong ngày"."""
    t = c.tok(i)
    if t is None:
        return None
    if "GIUA" in t.tags and (
        c.has(i + 1, "TUAN") or c.has(i + 1, "THANG") or quarter_follows(c, i + 1)
    ):
        raise Invalid(reasons.vague(f"{t.text} {c.toks[i + 1].text}"))
    edge = "end" if "CUOI" in t.tags else "start" if "DAU" in t.tags else None
    within = "TRONG" in t.tags
    if edge is None and not within:
        return None
    j = i + 1
    if within and c.has(j, "VONG"):
        j += 1
    if c.has(j, "TUAN"):
        got = week_offset(c, j + 1)
        offset, k = got if got is not None else (None, j + 1)
        kind: PeriodKind = (
            "within_week" if within else "weekend" if edge == "end" else "week_start"
        )
        return _period(c, i, k, kind, offset=offset)
    if c.has(j, "THANG"):
        kind = "within_month" if within else "month_end" if edge == "end" else "month_start"
        return _month_period(c, i, j + 1, kind)
    if c.has(j, "NAM"):
        kind = "within_year" if within else "year_end" if edge == "end" else "year_start"
        return _year_period(c, i, j + 1, kind)
    if c.has(j, "QUY"):
        kind = "within_quarter" if within else "quarter_end" if edge == "end" else "quarter_start"
        got = quarter_period(c, i, j, kind)
        if got is not None:
            return got
    if not within:
        return None
    amount = c.count(j)
    if amount is not None and (c.has(j + 1, "TUAN") or c.has(j + 1, "NGAY")):
        if not 0 < amount <= 366:
            raise Invalid(reasons.too_far())
        days = amount * (7 if c.has(j + 1, "TUAN") else 1)
        k = j + 2
        if c.has_any(k, _AFTER_COUNT):
            k += 1
        return _period(c, i, k, "within_days", days=days)
    if amount is not None and c.has(j + 1, "THANG") and c.num(j + 2) is None:
        if not 0 < amount <= 120:
            raise Invalid(reasons.too_far())
        k = j + 2
        if c.has_any(k, _AFTER_COUNT):
            k += 1
        return _period(c, i, k, "within_months", offset=amount)
    if c.has(j, "NGAY") and c.num(j + 1) is None and not c.has_any(j + 1, _DAY_WORDS):
        return [("day", (0, "trong ngày"))], j + 1
    return None


def _month_period(c: Cursor, i: int, k: int, kind: PeriodKind) -> Got:
    """After "cuối/đầu/trong tháng": "này" / "sau", "12 (năm 2026)", "12/2026", "12 năm sau"."""
    got = week_offset(c, k)
    if got is not None:
        return _period(c, i, got[1], kind, offset=got[0])
    month = c.num(k)
    if month is None:
        return _period(c, i, k, kind)
    if not 1 <= month <= 12:
        raise Invalid(reasons.bad_date(f"tháng {month}"))
    year, offset, j = period_year(c, k + 1)
    return _period(c, i, j, kind, month=month, year=year, year_offset=offset)


def _year_period(c: Cursor, i: int, k: int, kind: PeriodKind) -> Got:
    """After "cuối/đầu/trong năm": "2026", "nay", "sau"; "trong năm" alone is no period."""
    if c.num(k) is not None:
        return _period(c, i, k + 1, kind, year=four_digit_year(c, k))
    offset = year_offset(c, k)
    if offset is not None and offset >= 0:
        return _period(c, i, k + 1, kind, offset=offset)
    if kind == "within_year":
        return None
    return _period(c, i, k, kind)


def _period(
    c: Cursor,
    i: int,
    k: int,
    kind: PeriodKind,
    *,
    offset: int | None = None,
    month: int | None = None,
    year: int | None = None,
    year_offset: int | None = None,
    days: int = 0,
) -> Got:
    word = " ".join(t.text for t in c.toks[i:k])
    period = Period(kind, word, offset, month, year, year_offset, days)
    return [("period", period)], k


def read_repeat(c: Cursor, i: int) -> Got:
    """ "hằng ngày/tuần/tháng", "mỗi sáng", "mọi thứ 2", "các ngày trong tuần",
    "các ngày thứ 2, thứ 4"."""
    if c.has(i, "EVERY"):
        for tag, kind in (("NGAY", "daily"), ("TUAN", "weekly"), ("THANG", "monthly")):
            if c.has(i + 1, tag):
                return [("repeat", kind)], i + 2
        if c.has(i + 1, "NAM"):
            raise Invalid(reasons.no_yearly())
        if c.count(i + 1) is not None and (
            c.has(i + 2, "NGAY") or c.has(i + 2, "TUAN") or c.has(i + 2, "THANG")
        ):
            raise Invalid(reasons.no_every_n())
        if c.has(i + 1, "BUOI") and c.has_any(i + 2, _POD):
            return [("repeat", "every")], i + 2
        if c.has_any(i + 1, _POD) or c.has_any(i + 1, _WEEKDAY_START):
            return [("repeat", "every")], i + 1
        return None
    if not c.has(i, "CAC"):
        return None
    # "các ngày trong tuần": Monday to Friday.
    if c.has(i + 1, "NGAY") and c.has(i + 2, "TRONG") and c.has(i + 3, "TUAN"):
        return [("repeat", "workdays")], i + 4
    if c.has(i + 1, "NGAY") and c.has_any(i + 2, _WEEKDAY_START):
        return [("repeat", "every")], i + 2
    return None


def read_calendar(c: Cursor, i: int) -> Got:
    """ "âm lịch", "ÂL", "dương lịch", "DL"."""
    if c.has(i, "AM_LUNAR") and c.has(i + 1, "LICH"):
        return [("calendar", "lunar")], i + 2
    if c.has(i, "DUONG") and c.has(i + 1, "LICH"):
        return [("calendar", "solar")], i + 2
    if c.has(i, "LUNAR_MARK"):
        return [("calendar", "lunar")], i + 1
    # "15/8 âm" — but "âm nhạc" (music) is no calendar: only when nothing but punctuation
    # follows.
    if c.has(i, "AM_LUNAR") and c.num(i - 1) is not None:
        nxt = c.tok(i + 1)
        if nxt is None or nxt.kind == "PUNCT":
            return [("calendar", "lunar")], i + 1
    if c.has(i, "SOLAR_MARK"):
        return [("calendar", "solar")], i + 1
    return None


def read_note(c: Cursor, i: int) -> Got:
    """A length that invitations put before the time: "01 buổi, chiều ngày 9/12",
    "02 ngày (từ ngày 10-11/12)", "1/2 ngày, sáng 5/12".  It says nothing of when, so the
    phrase must still name a day (checked when resolving)."""
    j = i + 1
    if c.punct(j, "/") and c.glued(j) and c.num(i) == 1 and c.num(j + 1) == 2:
        j += 2  # "1/2 ngày": half a day
    if not c.has_any(j, _DAY_OR_SESSION):
        return None
    if c.punct(j + 1, ",(") or (c.has(j, "BUOI") and c.has_any(j + 1, _POD)):
        return [("note", True)], j + 1
    if c.has(j, "NGAY") and c.num(j + 1) is None and c.count(j + 1) is None:
        return ([("note", True)], j + 1) if c.has_any(j + 1, _POD) else None
    return None
