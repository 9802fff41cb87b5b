"""The phrase driver: reads components in any order, with connectors, brackets, labels and
ranges ("từ 8h đến 11h", "8-11h", "từ ngày 8 đến ngày 10/12") (see bot.dates)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.dates.clock import read_bare_hour, read_pod, read_relative, read_time, read_within
from bot.dates.cursor import Component, Cursor, Got
from bot.dates.days import read_date, read_day_word
from bot.dates.periods import read_calendar, read_note, read_period, read_repeat
from bot.dates.quarters import read_quarter
from bot.dates.reasons import Invalid
from bot.dates.tet import read_after, read_tet
from bot.dates.tokens import Tok
from bot.dates.weeks import read_month, read_week, read_weekday

ReaderFn = Callable[[Cursor, int], Got]

# Which readers may start at a token, by the token's kind or tags: trying only these keeps a
# phrase to a few dozen checks.  Order matters where two could read the same tokens.
_NUM_READERS: tuple[ReaderFn, ...] = (read_relative, read_note, read_date)
_BY_TAG: dict[str, tuple[ReaderFn, ...]] = {
    "NGAY": (read_date, read_day_word),
    "MUNG": (read_date,),
    "RAM": (read_date,),
    "HOM": (read_day_word,),
    "NAY": (read_day_word,),
    "MAI": (read_day_word,),
    "MOT": (read_day_word,),
    "THU": (read_weekday,),
    "T": (read_weekday,),
    "CN": (read_weekday,),
    "CHU": (read_weekday,),
    "TUAN": (read_week,),
    "THANG": (read_month,),
    "EVERY": (read_repeat,),
    "CAC": (read_repeat,),
    "SAU": (read_relative, read_after),
    "NUA_HALF": (read_relative,),
    "NUMW": (read_relative,),
    "NAM": (read_relative,),
    "CUOI": (read_period,),
    "DAU": (read_period,),
    "GIUA": (read_period,),
    "TRONG": (read_period, read_within),
    "QUY": (read_quarter,),
    "TET": (read_tet,),
    "AM_LUNAR": (read_calendar,),
    "DUONG": (read_calendar,),
    "LUNAR_MARK": (read_calendar,),
    "SOLAR_MARK": (read_calendar,),
    **dict.fromkeys(("POD_SANG", "POD_TRUA", "POD_CHIEU", "POD_TOI", "POD_DEM"), (read_pod,)),
}
_CONNECTOR_TAGS = frozenset({"CONN", "LUC", "NGAY", "HOM", "TU_FROM", "LA", "TRONG", "HET"})
_RANGE_WORDS = frozenset({"DEN", "TOI_NEXT"})
_BEFORE_COLON = frozenset({"LUC", "CONN", "TU_FROM", "DEN", "LA"})


@dataclass(slots=True)
class Piece:
    """A component and where it was read: tokens start..end-1, on side 0 (start or only) or 1
    (the end of a range)."""

    comp: Component
    start: int
    end: int
    side: int


@dataclass(slots=True)
class Phrase:
    """What the driver read from a start token on.

    Attributes:
        first: Index of the first token of the phrase (a label or connector included).
        pieces: The components read, in order.
        stop: Index of the token after the last one read (closing brackets included).
        error: Set when a component said an impossible time ("thứ 9", "31/11").
        error_at: The token where that component started.
    """

    first: int
    pieces: list[Piece]
    stop: int
    error: Invalid | None = None
    error_at: int = 0


def _is_date(piece: Piece) -> bool:
    return any(key == "date" for key, _ in piece.comp)


class Reader(Cursor):
    """Reads phrases from a token list."""

    __slots__ = ()

    def __init__(self, toks: list[Tok]) -> None:
        super().__init__(toks)

    def component(self, i: int, after_luc: bool) -> Got:
        """The component starting at token i, if any."""
        t = self.tok(i)
        if t is None:
            return None
        if t.kind == "NUM":
            for fn in _NUM_READERS[:2]:
                got = fn(self, i)
                if got is not None:
                    return got
            got = read_time(self, i, after_luc)
            if got is not None:
                return got
            got = read_date(self, i)
            if got is not None:
                return got
            return read_bare_hour(self, i) if after_luc else None
        if not t.tags:
            return None
        for tag in t.tags:
            for fn in _BY_TAG.get(tag, ()):
                got = fn(self, i)
                if got is not None:
                    return got
        return None

    def is_connector(self, i: int, has_pieces: bool) -> bool:
        """Words and marks that join components: ",", "(", "lúc", "vào", "ngày", "từ" …."""
        t = self.tok(i)
        if t is None:
            return False
        if t.kind == "PUNCT":
            # "Vào lúc: 14 giờ 00": a colon right after a connecting word.
            return t.text in ",(" or (t.text == ":" and self.has_any(i - 1, _BEFORE_COLON))
        if not _CONNECTOR_TAGS.isdisjoint(t.tags) or self.plain_sang(i):
            return True  # "dời sang 14h thứ 6": "sang" (to) connects
        if "HOI" in t.tags:  # "vào hồi 14 giờ"
            return self.has(i - 1, "CONN")
        # "(bắt đầu từ 14 giờ 00)", "kể từ ngày 1/12": labels inside a phrase only connect.
        if "BAT" in t.tags:
            return self.has(i + 1, "DAU")
        if "DAU" in t.tags and self.has(i - 1, "BAT"):
            return True
        if "KE" in t.tags:
            return self.has(i + 1, "TU_FROM")
        if not has_pieces and not _RANGE_WORDS.isdisjoint(t.tags):
            return True  # "đến 17h ngày 5/12": until, before anything else is said
        # The "T" of ISO 8601 "2026-12-01T10:00" joins a date to its time.
        return "T" in t.tags and self.glued(i) and self.glued(i + 1) and self.punct(i + 2, ":")

    def range_marker(self, i: int, after_date: bool = False) -> int | None:
        """ "đến", "đến hết", "tới", "-", "–", "~" between the two ends of a range ("và"
        between two days: "ngày 12 và 13/12"): the index after it."""
        t = self.tok(i)
        if t is None:
            return None
        if after_date and "VA" in t.tags:
            return i + 1
        if t.kind == "PUNCT" and t.text in "-~":
            return i + 1
        if not _RANGE_WORDS.isdisjoint(t.tags):
            return i + 2 if self.has(i + 1, "HET") else i + 1
        return None

    def phrase(self, i: int) -> Phrase:
        """Read components from token i on, as far as they go."""
        pieces: list[Piece] = []
        phrase = Phrase(i, pieces, i)
        side = 0
        depth = 0
        try:
            while i < self.n:
                got, at = self._next(i, pieces, side)
                if got is None and side == 0 and pieces:
                    k = self.range_marker(i, _is_date(pieces[-1]))
                    if k is not None:
                        got, at = self._next(k, pieces, 1)
                        if got is not None:
                            side = 1
                if got is None:
                    break
                comp, nxt, opened = got
                depth += opened
                pieces.append(Piece(comp, at, nxt, side))
                i = nxt
                while depth > 0 and self.punct(i, ")"):
                    depth, i = depth - 1, i + 1
                phrase.stop = i
        except Invalid as err:
            phrase.error, phrase.error_at = err, i
        return phrase

    def _next(
        self, i: int, pieces: list[Piece], side: int
    ) -> tuple[tuple[Component, int, int] | None, int]:
        """The next component from i, past any connectors: ((component, next, brackets
        opened), where it started), or (None, i)."""
        after_luc = False
        opened = 0
        j = i
        while j < self.n:
            got = self.component(j, after_luc)
            if got is None and side == 0:
                got = self._bare_range_start(j)
            if got is not None:
                return (got[0], got[1], opened), j
            if not self.is_connector(j, bool(pieces)):
                break
            t = self.toks[j]
            after_luc = after_luc or "LUC" in t.tags or "HOI" in t.tags
            if t.kind == "PUNCT" and t.text == "(":
                opened += 1
            j += 1
        return None, i

    def _bare_range_start(self, i: int) -> Got:
        """A bare number that starts a range: "từ 8 đến 11h", "8-11h", "từ 8 đến 10/12".  What
        it is (an hour or a day) is decided with the end."""
        n = self.num(i)
        if n is None:
            return None
        k = self.range_marker(i + 1)
        if k is None:
            return None
        j = k
        while self.is_connector(j, True) and not self.punct(j, ","):
            j += 1
        end = self.num(j)
        if end is None and not self.has(j, "NGAY"):
            return None
        got = self.component(j, False)
        if got is None:
            return None
        return [("bare", n)], i + 1
