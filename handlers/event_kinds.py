"""Reading an event's kind as people type it: a code (txct, gs) or in words, one or several
("giám sát", "tiếp xúc cử tri", "họp tổ"), with or without accents."""

from __future__ import annotations

from bot.textnorm import fold
from handlers.events_text import KIND_WORDS

_MAX_WORDS = 4  # "tiếp xúc cử tri"


def read_kind(text: str) -> tuple[str | None, str]:
    """The kind the text starts with and the rest: the longest run of words that names one.

    'giám sát 8h thứ 6 …' -> ('giamsat', '8h thứ 6 …'); (None, text) when none does.
    """
    words = text.split()
    for size in range(min(_MAX_WORDS, len(words)), 0, -1):
        kind = KIND_WORDS.get(fold("".join(words[:size])))
        if kind is not None:
            return kind, " ".join(words[size:])
    return None, text
