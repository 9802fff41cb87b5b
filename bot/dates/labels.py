"""What surrounds a time in a command: the labels and markers that announce it ("Thời gian:",
"hạn chót", "vào lúc"), and words that look like time words the grammar could not read."""

from __future__ import annotations

from bot.dates.cursor import Cursor
from bot.dates.quarters import is_roman, quarter_follows

_UNITS = frozenset({"H", "GIO", "PHUT", "TIENG", "AM", "PM"})
_AFTER_LEAD = frozenset({"MAI", "MOT", "KIA", "HOM", "NAY", "QUA", "THU", "CN", "CHU", "RAM"})
_NUMBERS = frozenset({"NUMW", "NAM", "TU"})
_WEEK_MONTH_NEXT = frozenset({"NAY", "SAU", "TOI_NEXT", "TRUOC"})
_DAYISH = frozenset({"MAI", "NAY", "THU", "CN", "CHU", "NGAY", "HOM", "TUAN", "THANG"})
_LEADS = frozenset({"LUC", "CONN", "TU_FROM", "DEN", "TRUOC"})
_EDGES = frozenset({"CUOI", "DAU", "GIUA", "TRONG"})
_SPANS = frozenset({"TUAN", "THANG", "NAM"})
_LABEL_WORDS = frozenset({"HAN", "THOI", "CHAM", "MUON", "BAT", "DU", "KE"})

#: Words after which a time is "clearly marked" anywhere in a command (tags of the token).
ANY_MARKERS = frozenset(
    {"LUC", "TU_FROM", "DEN", "TRUOC", "THOI", "HAN", "CHAM", "MUON", "BAT", "KE", "DU", "KHONG"}
    | {"EVERY", "TRONG"}
)
#: The subset that announces a deadline inside a task's text.
DEADLINE_MARKERS = frozenset({"HAN", "CHAM", "MUON", "TRUOC", "DEN", "THOI", "KHONG"})


def is_marker(c: Cursor, i: int, markers: frozenset[str]) -> bool:
    """Whether token i announces a time ("vào" counts only as "vào", not "khoảng" or "tầm")."""
    t = c.tok(i)
    if t is None or t.kind != "WORD":
        return False
    if "CONN" in t.tags and t.text in ("vào", "vao") and "LUC" in markers:
        return True
    if "THOI" in t.tags:
        return c.has(i + 1, "GIAN") or c.has(i + 1, "HAN")
    if "KHONG" in t.tags:
        return _not_later(c, i) and "CHAM" in markers
    if "CHAM" in t.tags or "MUON" in t.tags:
        return c.has(i + 1, "NHAT_MOST") and not markers.isdisjoint(t.tags)
    if "BAT" in t.tags:
        return c.has(i + 1, "DAU") and "BAT" in markers
    if "KE" in t.tags:
        return c.has(i + 1, "TU_FROM") and "KE" in markers
    if "DU" in t.tags:
        return c.has(i + 1, "KIEN") and "DU" in markers
    return not markers.isdisjoint(t.tags)


def skip_label(c: Cursor, i: int) -> int:
    """The index after the labels at i ("Thời gian:", "Thời gian thực hiện:", "Hạn chót nộp
    hồ sơ:", "Chậm nhất là", "Bắt đầu", "Kể từ", "Dự kiến:", and chains of them: "Thời gian:
    dự kiến …"), or i when there is none."""
    j = _one_label(c, i)
    # A label repeated is not a chain: in "quá hạn hạn: 17h" the first "hạn" is a word.
    while j != i and not (c.has(j, "HAN") and c.has(i, "HAN")):
        i, j = j, _one_label(c, j)
    return j


def _one_label(c: Cursor, i: int) -> int:
    if c.has(i, "THOI") and (c.has(i + 1, "GIAN") or c.has(i + 1, "HAN")):
        return _words_then_colon(c, i + 2)
    if c.has(i, "HAN"):
        j = i + 1
        if (
            c.has(j, "CHOT")
            or c.has(j, "NOP")
            or (c.has(j, "CUOI") and not (c.has_any(j + 1, _SPANS) or quarter_follows(c, j + 1)))
        ):
            j += 1
        return _words_then_colon(c, j)
    if (c.has(i, "CHAM") or c.has(i, "MUON")) and c.has(i + 1, "NHAT_MOST"):
        return _colon(c, i + 2)
    if _not_later(c, i):
        return _colon(c, i + (3 if c.has(i + 2, "HON") else 2))
    if c.has(i, "BAT") and c.has(i + 1, "DAU"):
        return _colon(c, i + 2)
    if c.has(i, "KE") and c.has(i + 1, "TU_FROM"):
        return i + 2
    if c.has(i, "DU") and c.has(i + 1, "KIEN"):
        return _words_then_colon(c, i + 2)
    return i


def _not_later(c: Cursor, i: int) -> bool:
    """ "không muộn hơn", "không chậm hơn", "không quá": a deadline."""
    if not c.has(i, "KHONG"):
        return False
    if c.has(i + 1, "CHAM") or c.has(i + 1, "MUON"):
        return c.has(i + 2, "HON")
    return c.has(i + 1, "QUA")


def _words_then_colon(c: Cursor, j: int) -> int:
    """After a label, a few words may name what the time is for, then a colon: "Thời gian
    họp:", "Hạn chót nộp hồ sơ:", "Dự kiến tổ chức:"."""
    for k in range(j, min(j + 5, c.n)):
        if c.punct(k, ":"):
            return k + 1
        if looks_like_time(c, k) or c.toks[k].kind != "WORD" or c.has_any(k, _LABEL_WORDS):
            break  # "quá hạn hạn: 17h": the second "hạn" starts its own label
    return _colon(c, j)


def _colon(c: Cursor, j: int) -> int:
    return j + 1 if c.punct(j, ":") else j


def looks_like_time(c: Cursor, i: int, depth: int = 0) -> bool:
    """Whether token i starts what a reader would take for time words: "8h", "5/12", "thứ 6",
    "mai", "ngày hai mươi", "tuần sau", "cuối tháng" — so that a phrase the grammar could not
    read is refused, never silently left in a title."""
    t = c.tok(i)
    if t is None:
        return False
    if t.kind == "NUM":
        nxt = c.tok(i + 1)
        if nxt is None:
            return False
        if nxt.kind == "PUNCT":
            return c.glued(i + 1) and nxt.text in "/-.:'" and c.num(i + 2) is not None
        # "30 Tết" (the last day of the lunar year, as people say it): a day, not a number.
        return not _UNITS.isdisjoint(nxt.tags) or "TET" in nxt.tags
    tags = t.tags
    if not tags:
        return False
    if "NGAY" in tags or "MUNG" in tags:
        return c.num(i + 1) is not None or c.has_any(i + 1, _AFTER_LEAD | _NUMBERS)
    if "THU" in tags:
        return c.num(i + 1) is not None or c.has_any(i + 1, _NUMBERS)
    if "T" in tags:
        return c.num(i + 1) is not None and c.glued(i + 1)
    if "MAI" in tags:
        return not t.title  # "Mai" is a name
    if "CN" in tags or "MOT" in tags or "RAM" in tags:
        return True
    if "CHU" in tags:
        return c.has(i + 1, "NHAT")
    if "HOM" in tags:
        return c.has_any(i + 1, _AFTER_LEAD)
    if "TUAN" in tags or "THANG" in tags:
        return c.has_any(i + 1, _WEEK_MONTH_NEXT) or c.num(i + 1) is not None
    if not _EDGES.isdisjoint(tags):
        return c.has_any(i + 1, _SPANS) or quarter_follows(c, i + 1)
    if "EVERY" in tags:
        return c.has_any(i + 1, _DAYISH) or c.num(i + 1) is not None
    if "AM_LUNAR" in tags:
        return c.has(i + 1, "LICH")
    if "NUA_HALF" in tags:
        return c.has(i + 1, "TIENG") or c.has(i + 1, "GIO")
    if depth == 0 and not _LEADS.isdisjoint(tags):
        return looks_like_time(c, i + 1, 1)
    return False


def run_end(c: Cursor, i: int) -> int:
    """The end of a run of time-ish tokens from i (numbers, date marks, time words), at most
    a few: the words to quote back to the user."""
    j = i
    while j < min(c.n, i + 8):
        t = c.toks[j]
        if t.kind == "NUM" or (t.kind == "PUNCT" and t.text in "/-.:'()") or t.tags:
            j += 1
            continue
        if c.has(j - 1, "QUY") and is_roman(t.text):  # "quý IV"
            j += 1
            continue
        break
    return max(j, i + 1)
