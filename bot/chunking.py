"""Splitting long replies for platforms with a message length limit."""

from __future__ import annotations


def split_text(text: str, limit: int) -> list[str]:
    """Split text into pieces of at most `limit` characters, never losing a character.

    Cuts at a blank line if one falls in the second half of the piece, else at a line break,
    else at a space, else hard; so lists stay readable and nothing is silently truncated.
    """
    if limit <= 0:
        raise ValueError("limit must be positive")
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        cut = -1
        for separator in ("\n\n", "\n", " "):
            position = window.rfind(separator)
            if position >= limit // 2:
                cut = position
                break
        if cut <= 0:
            pieces.append(window)
            rest = rest[limit:]
        else:
            pieces.append(rest[:cut].rstrip())
            rest = rest[cut:].lstrip("\n ")
    if rest or not pieces:
        pieces.append(rest)
    return pieces
