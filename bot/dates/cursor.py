"""Token helpers shared by every component reader of the grammar (see bot.dates)."""

from __future__ import annotations

from bot.dates.tokens import Tok
from bot.textnorm import fold

# A component is a list of (slot, value) pairs; filling a slot twice is a contradiction.
Component = list[tuple[str, object]]
# A component reader's answer: the component and the index of the token after it.
Got = tuple[Component, int] | None

# Words after which a quarter or "Tết" is a time: "trước Tết", "hạn quý IV", "vào quý 4",
# "đến hết quý IV", "chậm nhất là Tết", "dự kiến quý IV", "không muộn hơn quý IV".
_ANNOUNCING = frozenset(
    {"TRUOC", "CONN", "LUC", "TU_FROM", "DEN", "HET", "HAN", "CHOT", "NOP", "NHAT_MOST", "LA"}
    | {"KIEN", "HON"}
)
# A time of day: "8h sáng Tết", "8h quý IV" (then refused: which day of it?).
_TIME_OF_DAY = frozenset({"H", "GIO", "PHUT", "POD_SANG", "POD_TRUA", "POD_CHIEU", "POD_TOI"})


class Cursor:
    """Read-only access to a token list by index; out-of-range indexes read as nothing."""

    __slots__ = ("accented", "n", "toks")

    def __init__(self, toks: list[Tok]) -> None:
        self.toks = toks
        self.n = len(toks)
        # Whether the writer uses diacritics: then a plain "sang" is the word "sang" (over,
        # to: "dời sang thứ 6"), not an unaccented "sáng" (morning).
        self.accented = any(t.kind == "WORD" and not t.text.isascii() for t in toks)

    def plain_sang(self, i: int) -> bool:
        """Token i is "sang" (to), written without accents among accented words."""
        return self.accented and 0 <= i < self.n and self.toks[i].text == "sang"

    def announced(self, i: int) -> bool:
        """Tell whether a word at i that is a time only in some sentences ("quý IV", "Tết")
        stands where a time is announced: first in the text (after bullets or quotes), after a
        colon, after a word that announces a time ("trước", "hạn", "vào", "đến", "ngày" after
        one of them), or after a time of day ("8h sáng Tết").  In "quà Tết", "báo cáo quý 4"
        the word only names something."""
        if self.has_any(i - 1, _TIME_OF_DAY):
            return True
        while self.has(i - 1, "NGAY"):  # "trước ngày Tết", but not "trực ngày Tết"
            i -= 1
        if i <= 0:
            return i == 0
        prev = self.toks[i - 1]
        if prev.kind == "WORD":
            if "BUOI" in prev.tags:  # "buổi" connects parts of day only
                return False
            if "QUA" in prev.tags:  # "không quá"
                return self.has(i - 2, "KHONG")
            if "DAU" in prev.tags:  # "bắt đầu"
                return self.has(i - 2, "BAT")
            return not _ANNOUNCING.isdisjoint(prev.tags)
        if prev.kind == "PUNCT" and prev.text == ":":
            return True
        return all(t.kind in ("PUNCT", "OTHER") for t in self.toks[:i])

    def word(self, i: int, spelling: str) -> bool:
        """Token i is the word ``spelling`` (accented, lower case), typed with its accents or
        without any: "đán" or "dan", not "dàn"."""
        t = self.tok(i)
        if t is None or t.kind != "WORD":
            return False
        return t.text == spelling or (t.text.isascii() and t.text == fold(spelling))

    def tok(self, i: int) -> Tok | None:
        return self.toks[i] if 0 <= i < self.n else None

    def has(self, i: int, tag: str) -> bool:
        return 0 <= i < self.n and tag in self.toks[i].tags

    def has_any(self, i: int, tags: frozenset[str]) -> bool:
        return 0 <= i < self.n and not tags.isdisjoint(self.toks[i].tags)

    def num(self, i: int) -> int | None:
        if 0 <= i < self.n:
            t = self.toks[i]
            if t.kind == "NUM":
                return t.num
        return None

    def glued(self, i: int) -> bool:
        """Tell whether token i touches token i-1 (no space): "8h30", "26/11", "T5"."""
        return 0 < i < self.n and self.toks[i - 1].end == self.toks[i].start

    def punct(self, i: int, chars: str) -> bool:
        if 0 <= i < self.n:
            t = self.toks[i]
            return t.kind == "PUNCT" and t.text in chars
        return False

    def count(self, i: int) -> int | None:
        """A count for "N ngày nữa": digits or a number word ("ba", "năm", "một")."""
        if not 0 <= i < self.n:
            return None
        t = self.toks[i]
        if t.kind == "NUM":
            return t.num
        # "tư" is four only in "thứ tư"; a count of four is "bốn".
        for tag in ("NUMW", "NAM"):
            if tag in t.tags:
                return t.tags[tag]
        return None

    def words(self, i: int, j: int, shown: dict[str, str] | None = None) -> str:
        """Tokens i..j-1 as reasons quote them (lower case, spaced as typed: "quý iv/2026"),
        with the spellings in ``shown`` replaced ({"iv": "IV", "tết": "Tết"})."""
        out = ""
        for n in range(max(i, 0), min(j, self.n)):
            text = self.toks[n].text
            if shown is not None:
                text = shown.get(text, text)
            out += text if not out or self.glued(n) else " " + text
        return out

    def text(self, i: int, j: int, source: str) -> str:
        """The source text of tokens i..j-1, as typed."""
        if i >= j or i >= self.n:
            return ""
        return source[self.toks[i].start : self.toks[min(j, self.n) - 1].end]
