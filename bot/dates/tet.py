"""Component readers for Tết: "Tết", "Tết Nguyên đán", "Tết âm lịch", "Tết 2027" (mùng 1 tháng
Giêng, converted by bot.dates.lunar), "Tết Dương lịch" (1/1); and the refusals of what only
sounds like a day: "sau Tết", "hết Tết", "trong Tết", "Tết Trung thu" (see bot.dates).

"Tết" is also a word in "quà Tết", "chúc Tết", "ăn Tết": it is read as a time only where a time
is announced (Cursor.announced: "trước Tết", "hạn Tết", "đến Tết", "8h sáng Tết", at the
start).
"""

from __future__ import annotations

import bot.dates.reasons as reasons
from bot.dates.cursor import Component, Cursor, Got
from bot.dates.days import four_digit_year, year_offset
from bot.dates.quarters import quarter_at, quarter_words
from bot.dates.reasons import Invalid
from bot.textnorm import fold

# Words before "Tết" that make it a span of days, not a day: "sau Tết", "hết Tết", "trong Tết".
_VAGUE_BEFORE = frozenset({"SAU", "HET", "TRONG"})
# Other feasts called "Tết" (folded words): never read as the New Year.
_OTHER_FEASTS = frozenset(
    {
        ("trung", "thu"),
        ("doan", "ngo"),
        ("han", "thuc"),
        ("thanh", "minh"),
        ("thieu", "nhi"),
        ("doc", "lap"),
        ("trung", "cuu"),
        ("trung", "thap"),
        ("nguyen", "tieu"),
        ("thuong", "nguyen"),
        ("ha", "nguyen"),
        ("ong", "cong"),
        ("ong", "tao"),
        ("tao", "quan"),
    }
)
_DAYS_OR_WEEKS = frozenset({"NGAY", "TUAN"})
_SHOWN = {"tết": "Tết"}


def read_tet(c: Cursor, i: int) -> Got:
    """ "Tết", "Tết Nguyên đán", "Tết cổ truyền", "Tết âm lịch" (with read_calendar), "Tết
    này", "Tết tới", "Tết 2027", "Tết năm 2027": mùng 1 tháng Giêng, the coming one when no year
    is written (as "mùng 1 Tết"); "Tết Dương lịch", "Tết Tây": 1 January."""
    if not c.has(i, "TET"):
        return None
    prev = c.tok(i - 1)
    if prev is not None and prev.kind == "WORD" and not _VAGUE_BEFORE.isdisjoint(prev.tags):
        raise Invalid(reasons.vague(_words(c, i - 1, i + 1)))
    if not c.announced(i):
        return None
    k = i + 1
    calendar = "lunar"
    if (c.word(k, "nguyên") and c.word(k + 1, "đán")) or (
        c.word(k, "cổ") and c.word(k + 1, "truyền")
    ):
        k += 2  # "Tết Nguyên đán", "Tết cổ truyền"
    elif c.has(k, "DUONG") and c.has(k + 1, "LICH"):
        calendar, k = "solar", k + 2
    elif c.has(k, "SOLAR_MARK") or c.word(k, "tây"):
        calendar, k = "solar", k + 1
    elif _other_feast(c, k):
        raise Invalid(reasons.other_tet(_words(c, i, k + 2)))
    year = None
    if c.has(k, "NAM") and c.num(k + 1) is not None:
        year, k = four_digit_year(c, k + 1), k + 2
    elif c.num(k) is not None and len(c.toks[k].text) == 4:
        year, k = c.toks[k].num, k + 1
    elif c.has(k, "NAM") and year_offset(c, k + 1) is not None:
        raise Invalid(reasons.which_tet(_words(c, i, k + 2)))
    elif c.num(k) is not None and c.has_any(k + 1, _DAYS_OR_WEEKS):
        start = i - 1 if c.has(i - 1, "TRUOC") else i  # "trước Tết 10 ngày"
        raise Invalid(reasons.tet_offset(_words(c, start, k + 2)))
    elif c.has(k, "NAY") or c.has(k, "TOI_NEXT"):
        k += 1  # "Tết này", "Tết tới": the coming one
    comp: Component = [("date", (1, 1, year)), ("calendar", calendar)]
    return comp, k


def _other_feast(c: Cursor, k: int) -> bool:
    first, second = c.tok(k), c.tok(k + 1)
    if first is None or second is None or first.kind != "WORD" or second.kind != "WORD":
        return False
    return (fold(first.text), fold(second.text)) in _OTHER_FEASTS


def _words(c: Cursor, i: int, k: int) -> str:
    return c.words(i, k, _SHOWN)


def read_after(c: Cursor, i: int) -> Got:
    """ "sau Tết", "sau quý IV": after, but how long after?  Refused as vague."""
    if not c.has(i, "SAU"):
        return None
    if c.has(i + 1, "TET"):
        raise Invalid(reasons.vague(_words(c, i, i + 2)))
    got = quarter_at(c, i + 1, bare=False)
    if got is not None:
        raise Invalid(reasons.vague(f"{c.toks[i].text} {quarter_words(c, i + 1, got.end)}"))
    return None
