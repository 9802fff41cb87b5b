"""Component readers for quarters: "quý IV", "quý 4/2026", "quý I năm sau", "quý này",
"quý sau", and the quarter after "cuối", "đầu", "trong" ("cuối quý", "trong quý IV") (see
bot.dates).

"quý" is also an ordinary word ("quý khách", "quý cơ quan"; unaccented "quy" is "quy định"),
so a quarter is read only when "quý" is followed by its number or by "này", "sau", "tới"; a bare
"quý" only after "cuối", "đầu", "trong", "giữa", and not before an ordinary word.  A quarter
without an edge word ("quý IV") must stand where a time is announced (Cursor.announced): "báo
cáo quý IV" names a report, "hạn quý IV" a deadline.  Roman numerals are read only right after
"quý".
"""

from __future__ import annotations

from dataclasses import dataclass

import bot.dates.reasons as reasons
from bot.dates.calendar_math import Period, PeriodKind
from bot.dates.cursor import Cursor, Got
from bot.dates.days import period_year
from bot.dates.reasons import Invalid

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_SHOWN = {roman: roman.upper() for roman in _ROMAN}
_NEXT = frozenset({"SAU", "TOI_NEXT"})


@dataclass(frozen=True, slots=True)
class QuarterWords:
    """What "quý …" said: its number or its offset from this quarter, and its year."""

    quarter: int | None  # 1..4 when named ("quý IV")
    offset: int | None  # "này" 0, "sau"/"tới" 1, "sau nữa" 2
    year: int | None  # "quý IV/2026", "quý IV năm 2026"
    year_offset: int | None  # "quý 1 năm sau"
    end: int  # the token after the words


def quarter_at(c: Cursor, i: int, bare: bool) -> QuarterWords | None:
    """The quarter named at token i: "quý IV", "quý 4", "quý bốn", "quý IV/2026", "quý 1 năm
    2027", "quý 1 năm sau", "quý này", "quý sau (nữa)", "quý tới"; with ``bare``, also "quý"
    alone (this quarter) when no ordinary word follows it.

    Raises:
        Invalid: For a quarter that does not exist ("quý 5") and for "quý trước" (past).
    """
    if not c.has(i, "QUY"):
        return None
    if c.accented and c.toks[i].text.isascii():
        return None  # "quy định" among accented words: the word "quy", not "quý"
    j = i + 1
    nxt = c.tok(j)
    if nxt is None:
        return QuarterWords(None, None, None, None, j) if bare else None
    quarter: int | None = None
    if nxt.kind == "WORD" and nxt.text in _ROMAN:
        quarter = _ROMAN[nxt.text]
    elif nxt.kind == "NUM":
        if not 1 <= nxt.num <= 4:
            raise Invalid(reasons.no_quarter(nxt.text))
        quarter = nxt.num
    elif "NUMW" in nxt.tags and 1 <= nxt.tags["NUMW"] <= 4:
        quarter = nxt.tags["NUMW"]  # "quý hai"
    elif "TU" in nxt.tags:
        quarter = 4  # "quý tư"
    if quarter is not None:
        year, offset, k = period_year(c, j + 1)
        return QuarterWords(quarter, None, year, offset, k)
    if "NAY" in nxt.tags:
        return QuarterWords(None, 0, None, None, j + 1)
    if not _NEXT.isdisjoint(nxt.tags):
        if c.has(j + 1, "NUA_MORE"):
            return QuarterWords(None, 2, None, None, j + 2)
        return QuarterWords(None, 1, None, None, j + 1)
    if "TRUOC" in nxt.tags:
        raise Invalid(reasons.past_quarter())
    # "cuối quý", "cuối quý, …", "trong quý (hạn …)"; not "trong quý vị", "cuoi quy trinh".
    if bare and (nxt.kind != "WORD" or nxt.tags):
        return QuarterWords(None, None, None, None, j)
    return None


def quarter_follows(c: Cursor, i: int) -> bool:
    """Whether token i starts a quarter (an impossible one included): "cuối quý" is time
    words, "cuối quy trình" is not.  Never raises."""
    try:
        return quarter_at(c, i, bare=True) is not None
    except Invalid:
        return True


def is_roman(word: str) -> bool:
    """Whether a lower-case word is the Roman number of a quarter: "i" to "iv"."""
    return word in _ROMAN


def quarter_words(c: Cursor, i: int, k: int) -> str:
    """Tokens i..k-1 as the reasons quote them: "quý IV/2026", "cuối quý"."""
    return c.words(i, k, _SHOWN)


def quarter_period(c: Cursor, i: int, j: int, kind: PeriodKind) -> Got:
    """The quarter at j after the edge word at i ("cuối quý IV", "đầu quý sau", "trong quý
    này", "trong quý"), as a period; None when j is no quarter."""
    got = quarter_at(c, j, bare=True)
    if got is None:
        return None
    return _period(c, i, got, kind)


def read_quarter(c: Cursor, i: int) -> Got:
    """ "quý IV", "quý 4/2026", "quý I năm sau", "quý này", "quý sau": the whole quarter, as
    "trong quý IV" (a deadline is its last day).  "trước quý IV" is refused: before it starts,
    or before it ends?"""
    if not c.announced(i):
        return None
    got = quarter_at(c, i, bare=False)
    if got is None:
        return None
    if c.has(i - 1, "TRUOC"):
        raise Invalid(reasons.before_quarter(quarter_words(c, i, got.end)))
    return _period(c, i, got, "within_quarter")


def _period(c: Cursor, i: int, got: QuarterWords, kind: PeriodKind) -> Got:
    word = quarter_words(c, i, got.end)
    period = Period(
        kind,
        word,
        offset=got.offset,
        year=got.year,
        year_offset=got.year_offset,
        quarter=got.quarter,
    )
    return [("period", period)], got.end
