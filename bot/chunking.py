"""Splitting long replies for platforms with a message length limit (Telegram 4096, Zalo 2000)."""

from __future__ import annotations

import unicodedata

# Characters that belong to the one before them: a cut just before one would tear a letter
# (Vietnamese typed decomposed: "e" + U+0302 + U+0301) or an emoji sequence apart.
_ZWJ = "\u200d"
_JOINERS = {_ZWJ, "\ufe0e", "\ufe0f"}


def utf16_units(text: str) -> int:
    """Length in UTF-16 code units, as platforms count (an emoji outside the BMP counts 2)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def split_text(text: str, limit: int, *, utf16: bool = False) -> list[str]:
    """Split text into pieces of at most `limit` characters, never losing a visible character.

    Cuts at a blank line (paragraph) if one falls in the second half of the piece, else at a
    line break, else at a space, else hard (never inside a letter with its accents); the
    whitespace at a cut is dropped. So lists stay readable and nothing is silently truncated.

    Args:
        text: the message.
        limit: the platform's maximum length.
        utf16: count UTF-16 code units instead of characters (what Telegram and Zalo count;
            the safe choice when a text may hold emoji).
    """
    if limit <= 0:
        raise ValueError("limit must be positive")
    pieces: list[str] = []
    rest = text
    while _measure(rest, utf16) > limit:
        fits = _fitting(rest, limit, utf16)
        window = rest[:fits]
        cut = -1
        for separator in ("\n\n", "\n", " "):
            position = window.rfind(separator)
            if position >= fits // 2:
                cut = position
                break
        if cut <= 0:
            cut = _grapheme_boundary(rest, fits)
            pieces.append(rest[:cut])
            rest = rest[cut:]
        else:
            pieces.append(rest[:cut].rstrip())
            rest = rest[cut:].lstrip("\n ")
    if rest or not pieces:
        pieces.append(rest)
    return pieces


def _measure(text: str, utf16: bool) -> int:
    return utf16_units(text) if utf16 else len(text)


def _fitting(text: str, limit: int, utf16: bool) -> int:
    """How many characters from the start fit in `limit`."""
    if not utf16:
        return min(limit, len(text))
    units = 0
    for index, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


def _grapheme_boundary(text: str, cut: int) -> int:
    """Move a hard cut back so that it does not fall inside a letter or an emoji sequence."""
    position = cut
    while position > 0 and (
        unicodedata.combining(text[position])
        or text[position] in _JOINERS
        or text[position - 1] == _ZWJ  # a zero-width joiner binds the next character too
    ):
        position -= 1
    return position if position > 0 else cut
