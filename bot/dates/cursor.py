"""Token helpers shared by every component reader of the grammar (see bot.dates)."""

from __future__ import annotations

from bot.dates.tokens import Tok

# A component is a list of (slot, value) pairs; filling a slot twice is a contradiction.
Component = list[tuple[str, object]]
# A component reader's answer: the component and the index of the token after it.
Got = tuple[Component, int] | None


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

    def text(self, i: int, j: int, source: str) -> str:
        """The source text of tokens i..j-1, as typed."""
        if i >= j or i >= self.n:
            return ""
        return source[self.toks[i].start : self.toks[min(j, self.n) - 1].end]
