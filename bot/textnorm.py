"""Text folding shared by every parser: users type Vietnamese with or without diacritics."""

from __future__ import annotations

import unicodedata

_CONTROL_CATEGORIES = {"Cc", "Cf", "Co", "Cs"}


def fold(text: str) -> str:
    """Lower-case, strip diacritics and map đ to d: "Thứ Sáu" and "thu sau" fold alike."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def nfc(text: str) -> str:
    """Compose text to NFC: phones send both composed and decomposed Vietnamese."""
    return unicodedata.normalize("NFC", text)


def has_control_chars(text: str) -> bool:
    """Tell whether text holds control or format characters (newlines and tabs excepted)."""
    return any(
        unicodedata.category(ch) in _CONTROL_CATEGORIES and ch not in "\n\t" for ch in text
    )
