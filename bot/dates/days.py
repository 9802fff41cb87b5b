"""Component readers for dates and day words: "26/11", "ngày 26 tháng 11 năm 2026", "mùng 10
tháng Chạp", "8-10/12", "mai", "hôm qua" (see bot.dates)."""

from __future__ import annotations

import bot.dates.reasons as reasons
from bot.dates.cursor import Component, Cursor, Got
from bot.dates.reasons import Invalid

_LEADS = frozenset({"NGAY", "MUNG"})
_H_OR_COLON = frozenset({"H", "GIO"})
_NUM_WORDS = ("NUMW", "NAM", "TU")
_NEXT = frozenset({"SAU", "TOI_NEXT"})
_RELATIVE = frozenset({"SAU", "TOI_NEXT", "NAY", "TRUOC"})


def read_date(c: Cursor, i: int) -> Got:
    """ "26/11", "26-11-26", "2026-11-26", "12 – 12 – 2026", "ngày 26 tháng 11 năm 2026",
    "mùng 10 tháng Chạp", "rằm tháng Giêng", "mùng 2 Tết (Nguyên đán)", "ngày 15 tới",
    "8-10/12"."""
    if c.num(i) is not None:
        if c.has(i + 1, "THANG"):  # "30 tháng Chạp", "15 tháng 11 âm lịch"
            return _spelled_date(c, i + 1, c.toks[i].num, i + 1)
        return _numeric_date(c, i, lead=False)
    if c.has(i, "RAM"):
        got = _month_part(c, i + 1)
        if got is None:
            return [("date", (15, None, None)), ("calendar", "lunar")], i + 1
        comp, j = got
        return [("date", (15, *_month_year(comp))), ("calendar", "lunar"), *comp], j
    if not c.has_any(i, _LEADS):
        return None
    day = c.num(i + 1)
    if day is None and c.has(i, "MUNG"):
        day = number_word(c, i + 1)  # "mùng ba tháng ba"
    if day is None:
        return None
    if c.num(i + 1) is not None and c.punct(i + 2, "/-."):
        if c.glued(i + 2):
            return _numeric_date(c, i + 1, lead=True)
        spaced = _spaced_date(c, i + 1)  # "ngày 23 – 12 – 2026"
        if spaced is not None:
            return spaced
    if c.has(i + 2, "TET"):
        if not 1 <= day <= 10:
            raise Invalid(reasons.bad_date(f"mùng {day} Tết"))
        k = i + 5 if c.word(i + 3, "nguyên") and c.word(i + 4, "đán") else i + 3
        return [("date", (day, 1, None)), ("calendar", "lunar")], k
    got = _spelled_date(c, i + 1, day, i + 2)
    if got is not None:
        return got
    if not 1 <= day <= 31:
        raise Invalid(reasons.bad_date(c.toks[i + 1].text))
    j = i + 2
    if c.has(j, "TOI_NEXT"):
        if c.toks[j].text.isascii():
            # "ngay 15 toi": "tới" (the coming 15th) or "tối" (its evening)?  Both are read
            # often enough that a guess would file some meetings at the wrong hour.
            raise Invalid(reasons.toi_ambiguous(f"{c.toks[i].text} {day} {c.toks[j].text}"))
        return [("date", (day, None, None)), ("next_only", True)], j + 1  # "ngày 15 tới"
    return [("date", (day, None, None))], j


def _spelled_date(c: Cursor, day_at: int, day: int, j: int) -> Got:
    """The day at ``day_at`` followed by a month part at j: "26 tháng 11 năm 2026"."""
    got = _month_part(c, j)
    if got is None:
        return None
    extra, k = got
    month, year = _month_year(extra)
    if month is None:
        return None
    if not 1 <= day <= 31:
        raise Invalid(reasons.bad_date(c.toks[day_at].text))
    return [("date", (day, month, year)), *extra], k


def _month_part(c: Cursor, j: int) -> tuple[Component, int] | None:
    """ "tháng 11 (năm 2026)", "tháng Chạp", "tháng mười một", "tháng 6 nhuận"; the month and
    year travel as ("_m", …) and ("_y", …) pairs that read_date folds into the date."""
    if not c.has(j, "THANG"):
        return None
    comp: Component = []
    month = c.num(j + 1)
    k = j + 2
    if month is not None:
        if not 1 <= month <= 12:
            raise Invalid(reasons.bad_date(f"tháng {month}"))
    elif c.has(j + 1, "MONTHW"):
        month = c.toks[j + 1].tags["MONTHW"]
        comp.append(("calendar", "lunar"))  # Giêng and Chạp name lunar months only
    else:
        if c.has_any(j + 1, _RELATIVE):
            return None  # "tháng sau", "tháng này", "thang toi": a month from now (read_month)
        month = number_word(c, j + 1)
        if month is None:
            return None
        if month == 10 and c.has(k, "NUMW") and c.toks[k].tags["NUMW"] in (1, 2):
            month, k = 10 + c.toks[k].tags["NUMW"], k + 1  # "tháng mười một"
        elif month == 1:
            comp.append(("mot", True))
        if month == 5 and c.num(k) is not None:
            return None  # "tháng năm 2026" is "month, year 2026", not May
    if c.has(k, "NHUAN"):  # only lunar months are leap months
        comp += [("leap", True), ("calendar", "lunar")]
        k += 1
    year = None
    # "năm 2026", or "tháng 11/2026"
    marked = c.has(k, "NAM") or (c.punct(k, "/") and c.glued(k))
    if marked and c.num(k + 1) is not None:
        year, k = _year(c, k + 1), k + 2
    elif c.has(k, "NAM"):
        offset = year_offset(c, k + 1)  # "tháng 12 năm sau"
        if offset is not None:
            comp.append(("year_rel", offset))
            k += 2
    return [("_m", month), ("_y", year), *comp], k


def year_offset(c: Cursor, i: int) -> int | None:
    """After "năm": "nay"/"này" 0, "sau"/"tới" 1, "trước"/"ngoái" -1."""
    if c.has(i, "NAY"):
        return 0
    if c.has_any(i, _NEXT):
        return 1
    if c.has(i, "TRUOC") or c.has(i, "NGOAI"):
        return -1
    return None


def four_digit_year(c: Cursor, k: int) -> int:
    """The year a period names at token k ("tháng 12/2026", "quý IV năm 2026"): four digits."""
    year_tok = c.toks[k]
    if len(year_tok.text) != 4:
        raise Invalid(reasons.bad_date(f"năm {year_tok.text}"))
    return year_tok.num


def period_year(c: Cursor, j: int) -> tuple[int | None, int | None, int]:
    """The year after a period's month or quarter at token j: "/2026", "năm 2026" (four
    digits), "năm nay/sau/trước"; (year, year offset, the index after), (None, None, j) when
    none is written."""
    if (c.has(j, "NAM") or (c.punct(j, "/") and c.glued(j))) and c.num(j + 1) is not None:
        return four_digit_year(c, j + 1), None, j + 2
    if c.has(j, "NAM"):
        offset = year_offset(c, j + 1)
        if offset is not None:
            return None, offset, j + 2
    return None, None, j


def _month_year(comp: Component) -> tuple[int | None, int | None]:
    """Take the ("_m", …) and ("_y", …) pairs out of a month part (in place)."""
    month: int | None = None
    year: int | None = None
    for pair in list(comp):
        key, value = pair
        if key in ("_m", "_y"):
            comp.remove(pair)
            number = value if isinstance(value, int) else None
            if key == "_m":
                month = number
            else:
                year = number
    return month, year


def number_word(c: Cursor, i: int) -> int | None:
    t = c.tok(i)
    if t is None:
        return None
    for tag in _NUM_WORDS:
        if tag in t.tags:
            return t.tags[tag]
    return None


def _year(c: Cursor, i: int) -> int:
    t = c.toks[i]
    if len(t.text) == 2:
        return 2000 + t.num
    if len(t.text) == 4 and t.num >= 1000:
        return t.num
    raise Invalid(reasons.bad_date(f"năm {t.text}"))


def _numeric_date(c: Cursor, i: int, lead: bool) -> Got:
    a = c.toks[i]
    j = i + 1
    spaced = not (c.punct(j, "/-.") and c.glued(j))
    if spaced:
        return _spaced_date(c, i)
    sep = c.toks[j].text
    if c.num(j + 1) is None or not c.glued(j + 1):
        return None
    b = c.toks[j + 1]
    if c.has_any(j + 2, _H_OR_COLON) and c.glued(j + 2):
        return None  # "8-11h": a range of hours, read by the driver
    if c.punct(j + 2, ":") and c.glued(j + 2):
        return None  # "8-10:30"
    third = None
    k = j + 2
    if c.punct(k, sep) and c.glued(k) and c.num(k + 1) is not None and c.glued(k + 1):
        third, k = c.toks[k + 1], k + 2
    elif sep == "-" and c.punct(k, "/.") and c.glued(k) and c.num(k + 1) is not None:
        return _day_range(c, i, k)
    text = c.toks[i].text + sep + b.text + (sep + third.text if third is not None else "")
    if third is None and sep == "." and not lead and a.num <= 23:
        raise Invalid(reasons.unread(text))  # "8.5": neither clearly a date nor a time
    if len(a.text) == 4 and third is not None:  # year first: ISO "2026-11-26", "2026/11/26"
        day, month, year = third.num, b.num, a.num
    else:
        if third is not None and len(third.text) not in (2, 4):
            raise Invalid(reasons.bad_date(text))
        day, month = a.num, b.num
        year = _year(c, k - 1) if third is not None else None
    if not (1 <= day <= 31 and 1 <= month <= 12):
        raise Invalid(reasons.bad_date(text))
    return [("date", (day, month, year))], k


def _spaced_date(c: Cursor, i: int) -> Got:
    """ "12 – 12 – 2026", "12 / 12 / 2026": only with a four-digit year, so that "5 - 6 người"
    stays text."""
    sep = c.tok(i + 1)
    if sep is None or sep.kind != "PUNCT" or sep.text not in "/-.":
        return None
    if c.num(i + 2) is None or not c.punct(i + 3, sep.text) or c.num(i + 4) is None:
        return None
    year_tok = c.toks[i + 4]
    if len(year_tok.text) != 4:
        return None
    day, month, year = c.toks[i].num, c.toks[i + 2].num, year_tok.num
    if not (1 <= day <= 31 and 1 <= month <= 12):
        raise Invalid(reasons.bad_date(f"{day}/{month}/{year}"))
    return [("date", (day, month, year))], i + 5


def _day_range(c: Cursor, i: int, k: int) -> Got:
    """ "8-10/12" and "08-10/12/2026": from the 8th to the 10th of December."""
    first, last = c.toks[i].num, c.toks[i + 2].num
    month = c.num(k + 1)
    assert month is not None
    j = k + 2
    year = None
    if c.punct(j, c.toks[k].text) and c.glued(j) and c.num(j + 1) is not None:
        year, j = _year(c, j + 1), j + 2
    if not (1 <= first <= 31 and 1 <= last <= 31 and 1 <= month <= 12):
        raise Invalid(reasons.bad_date(f"{first}-{last}/{month}"))
    return [("date", (first, month, year)), ("end:date", (last, month, year))], j


def read_day_word(c: Cursor, i: int) -> Got:
    """ "nay", "hôm nay", "mai", "ngày mai", "mốt", "ngày kia", "hôm qua", "hôm kia"."""
    # "hôm qua" is read (not refused as unknown) so that a past deadline typed that way
    # reaches the caller's "this is in the past" check instead of "cannot read".
    k = i + 1 if c.has(i, "NGAY") else i
    if c.has(k, "HOM") and c.has(k + 1, "QUA"):
        return [("day", (-1, "hôm qua"))], k + 2
    if c.has(k, "HOM") and c.has(k + 1, "KIA"):
        return [("day", (-2, "hôm kia"))], k + 2
    j = i
    lead = c.has(j, "NGAY") or c.has(j, "HOM")
    if lead:
        j += 1
    if c.has(j, "NAY") and (lead or j == i):
        return [("day", (0, "hôm nay"))], j + 1
    if c.has(j, "MAI"):
        return [("day", (1, "mai"))], j + 1
    if c.has(j, "MOT"):
        return [("day", (2, "ngày mốt"))], j + 1
    if c.has(j, "KIA") and c.has(i, "NGAY"):
        return [("day", (2, "ngày kia"))], j + 1
    return None
