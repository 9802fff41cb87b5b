"""Component readers for times of day and durations: "8h30", "8 giờ 00’", "sáng",
"3 tiếng nữa" (see bot.dates)."""

from __future__ import annotations

import bot.dates.reasons as reasons
from bot.dates.cursor import Component, Cursor, Got
from bot.dates.reasons import Invalid
from bot.textnorm import fold

_POD_TAGS = {
    "POD_SANG": "sang",
    "POD_TRUA": "trua",
    "POD_CHIEU": "chieu",
    "POD_TOI": "toi",
    "POD_DEM": "dem",
}
# Words that make a part of day an ordinary word: "sáng kiến", "tối đa", "chiều cao".
_POD_COMPOUNDS = frozenset(
    {"kien", "tao", "lap", "suot", "uu", "da", "thieu", "cao", "dai", "rong", "mat", "sua"}
)
_HOUR_UNITS = frozenset({"TIENG", "GIO"})
_H_OR_GIO = frozenset({"H", "GIO"})
_AMPM = frozenset({"AM", "PM"})
_AGO = frozenset({"NUA_MORE", "SAU"})
_UNIT_SECONDS = {"GIAY": 1, "PHUT": 60, "TIENG": 3600, "GIO": 3600}
_UNIT_DAYS = {"NGAY": "day", "TUAN": "week", "THANG": "month", "NAM": "year"}
_MAX_SECONDS = 366 * 24 * 3600


def read_time(c: Cursor, i: int, after_luc: bool = False) -> Got:
    """ "8h", "8h30", "8g30’", "8:30", "8 giờ 30 phút", "8 rưỡi", "8h kém 15", "3pm", "8.30"."""
    hour = c.num(i)
    if hour is None:
        return None
    minute = 0
    j = i + 1
    if c.has_any(j, _H_OR_GIO) and (c.glued(j) or c.has(j, "GIO")):
        spoken = c.has(j, "GIO")
        j += 1
        m = c.num(j)
        # Minutes are "8h30" (glued), "8 giờ 30" (spoken) or "8h 30 phút"; a loose number
        # after "8h" is the start of the rest ("8h 5 người họp"), and "8 giờ 26/11" a date.
        if m is not None and (
            c.glued(j) or c.has(j + 1, "PHUT") or (spoken and not c.punct(j + 1, "/-."))
        ):
            minute, j = m, j + 1
            j = _minute_mark(c, j)
        elif c.has(j, "RUOI"):
            minute, j = 30, j + 1
        elif c.has(j, "KEM") and c.num(j + 1) is not None:
            before = c.num(j + 1)
            assert before is not None
            if not 1 <= before <= 59 or hour == 0:
                raise Invalid(reasons.no_hour(f"{hour} giờ kém {before}"))
            hour, minute, j = hour - 1, 60 - before, j + 2
            j = _minute_mark(c, j)
    elif c.punct(j, ":") and c.glued(j) and c.num(j + 1) is not None and c.glued(j + 1):
        mt = c.toks[j + 1]
        if len(mt.text) != 2:
            raise Invalid(reasons.no_hour(f"{c.toks[i].text}:{mt.text}"))
        minute, j = mt.num, _minute_mark(c, j + 2)
    elif c.punct(j, ".") and c.glued(j) and c.num(j + 1) is not None and c.glued(j + 1):
        got = _dotted(c, i, hour, after_luc)
        if got is None:
            return None
        minute, j = got
    elif c.has(j, "RUOI"):
        minute, j = 30, j + 1
    elif not c.has_any(j, _AMPM):
        return None
    comp: Component = []
    if c.has_any(j, _AMPM) and not c.has(j + 1, "LICH"):
        if not 1 <= hour <= 12:
            raise Invalid(reasons.no_hour(f"{hour}{c.toks[j].text}"))
        hour = hour % 12 + (12 if c.has(j, "PM") else 0)
        comp.append(("ampm", True))
        j += 1
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise Invalid(reasons.no_hour(f"{hour} giờ {minute:02d}"))
    comp.append(("time", (hour, minute)))
    return comp, j


def _minute_mark(c: Cursor, j: int) -> int:
    """Skip what may follow minutes: "phút" ("30 phút") or a minute mark ("00’")."""
    if c.has(j, "PHUT"):
        return j + 1
    while c.punct(j, "'") and c.glued(j):  # "00’", "30’’"
        j += 1
    return j


def _dotted(c: Cursor, i: int, hour: int, after_luc: bool) -> tuple[int, int] | None:
    """ "8.30" is 08:30; "8.12" could be 08:12 or 8 December, so it is refused unless "lúc"
    came before; "8.12.2026" and "25.12" are dates (the date reader's)."""
    mt = c.toks[i + 2]
    if c.punct(i + 3, ".") and c.glued(i + 3):
        return None  # a third part: a date with its year
    if len(mt.text) != 2 or hour > 23:
        return None
    minute = mt.num
    if minute > 59:
        return None
    if after_luc or minute == 0 or minute > 12:
        return minute, _minute_mark(c, i + 3)
    raise Invalid(reasons.dotted_ambiguous(f"{c.toks[i].text}.{mt.text}", hour, minute))


def read_bare_hour(c: Cursor, i: int) -> Got:
    """ "lúc 8": a bare number after "lúc" is an hour."""
    n = c.num(i)
    if n is None or (c.punct(i + 1, "/-.:") and c.glued(i + 1)):
        return None
    if not 0 <= n <= 23:
        raise Invalid(reasons.no_hour(f"{n} giờ"))
    return [("time", (n, 0))], i + 1


def read_pod(c: Cursor, i: int) -> Got:
    """A part of day: "sáng", "chiều", "tối" ("sáng kiến" and "tối đa" are not)."""
    t = c.tok(i)
    if t is None or c.plain_sang(i):
        return None
    nxt = c.tok(i + 1)
    if nxt is not None and nxt.kind == "WORD" and fold(nxt.text) in _POD_COMPOUNDS:
        return None
    for tag, pod in _POD_TAGS.items():
        if tag in t.tags:
            return [("pod", pod)], i + 1
    return None


def read_relative(c: Cursor, i: int) -> Got:
    """ "3 ngày nữa", "sau 3 ngày", "3 ngày sau", "1 tiếng rưỡi nữa", "nửa tiếng nữa",
    "1 tiếng 30 phút nữa", "30 giây nữa"."""
    j = i
    lead_sau = c.has(j, "SAU") and c.tok(j + 1) is not None
    if lead_sau:
        j += 1
    half = c.has(j, "NUA_HALF")  # "nửa tiếng" is half of one hour
    amount = 0 if half else c.count(j)
    if amount is None:
        return None
    unit = c.tok(j + 1)
    if unit is None:
        return None
    k = j + 2
    seconds = None
    if half:
        if _HOUR_UNITS.isdisjoint(unit.tags):
            return None
        seconds = 1800
    else:
        for tag, size in _UNIT_SECONDS.items():
            if tag in unit.tags:
                seconds = amount * size
                break
        if seconds is not None and not _HOUR_UNITS.isdisjoint(unit.tags):
            if c.has(k, "RUOI"):
                seconds, k = seconds + 1800, k + 1
            elif c.num(k) is not None and c.has(k + 1, "PHUT"):
                seconds, k = seconds + 60 * (c.num(k) or 0), k + 2
    # The phrase needs its "nữa"/"sau", or "3 giờ" would be read as an offset, not 03:00.
    if lead_sau:
        if c.has(k, "NUA_MORE"):
            return None
    elif c.has_any(k, _AGO):
        k += 1
    else:
        return None
    if seconds is not None:
        if not 0 < seconds <= _MAX_SECONDS:
            raise Invalid(reasons.too_far())
        return [("rel", ("sec", seconds))], k
    for tag, name in _UNIT_DAYS.items():
        if tag in unit.tags:
            if not 0 < amount <= 1000:
                raise Invalid(reasons.too_far())
            return [("rel", (name, amount))], k
    return None


_AFTER_LENGTH_CLOCK = frozenset({"POD_SANG", "POD_TRUA", "POD_CHIEU", "POD_TOI", "POD_DEM"})


def read_within(c: Cursor, i: int) -> Got:
    """ "trong (vòng) 24 giờ (tới)", "trong 2 tiếng", "trong 30 phút": that long from now, one
    moment, as "24 giờ nữa" (a deadline "trong vòng 24 giờ" is then). "trong 8 giờ sáng" and
    "trong 8 giờ 30" are clock times, not lengths: left to the other readers."""
    if not c.has(i, "TRONG"):
        return None
    j = i + 2 if c.has(i + 1, "VONG") else i + 1
    amount = c.count(j)
    unit = c.tok(j + 1)
    if amount is None or unit is None:
        return None
    size = next((_UNIT_SECONDS[tag] for tag in ("TIENG", "GIO", "PHUT") if tag in unit.tags), None)
    k = j + 2
    if size is None or c.num(k) is not None:
        return None
    # Unaccented "toi" is "tối" (evening) or "tới" (next): a length if no clock has such an
    # hour ("trong 48 gio toi"); "trong 8 gio toi" is 20:00 or 17:00, so it is asked.
    evening_or_next = c.has(k, "TOI_NEXT") and c.has(k, "POD_TOI")
    if evening_or_next and amount <= 23:
        raise Invalid(reasons.toi_ambiguous(" ".join(t.text for t in c.toks[i : k + 1])))
    if c.has_any(k, _AFTER_LENGTH_CLOCK) and not evening_or_next:
        return None
    if c.has(k, "TOI_NEXT"):
        k += 1
    seconds = amount * size
    if not 0 < seconds <= _MAX_SECONDS:
        raise Invalid(reasons.too_far())
    return [("rel", ("sec", seconds))], k
