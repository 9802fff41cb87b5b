"""Text folding and cleaning shared by every parser (Vietnamese comes with or without accents)."""

from __future__ import annotations

import unicodedata

# Invisible characters phones and copy-paste leave in text; harmless, so they are dropped.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
# Direction overrides can disguise what a task or a name says; they are refused, not dropped.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def fold(text: str) -> str:
    """Lower-case, strip diacritics and map đ to d: "Thứ Sáu" and "thu sau" fold alike."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def clean(text: str) -> str:
    """NFC-compose (phones send both forms) and drop invisible characters."""
    return unicodedata.normalize("NFC", text).translate(_INVISIBLE)


def has_control_chars(text: str) -> bool:
    """Tell whether text holds control characters (other than line breaks and tabs)."""
    return any(
        (unicodedata.category(ch) == "Cc" and ch not in "\n\r\t") or ch in _BIDI_CONTROLS
        for ch in text
    )
