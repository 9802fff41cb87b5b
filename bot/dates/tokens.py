"""Tokens and lexicon of the Vietnamese time grammar (see bot.dates)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from bot.textnorm import fold

# --------------------------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------------------------

# Each accented spelling with its meanings (tags).  A tag may carry a number (weekday names,
# number words).  Unaccented input is looked up by its folded form, which merges homographs:
# folded "toi" is both "tối" (evening) and "tới" (next); the grammar picks by context.
_LEXICON: tuple[tuple[str, str, int], ...] = (
    ("thứ", "THU", 0),
    ("chủ", "CHU", 0),
    ("nhật", "NHAT", 0),
    ("cn", "CN", 0),
    ("t", "T", 0),
    ("hôm", "HOM", 0),
    ("nay", "NAY", 0),
    ("này", "NAY", 0),
    ("mai", "MAI", 0),
    ("mốt", "MOT", 0),
    ("kia", "KIA", 0),
    ("qua", "QUA", 0),
    ("ngày", "NGAY", 0),
    ("mùng", "MUNG", 0),
    ("mồng", "MUNG", 0),
    ("tháng", "THANG", 0),
    ("năm", "NAM", 5),
    ("tuần", "TUAN", 0),
    ("sau", "SAU", 0),
    ("tới", "TOI_NEXT", 0),
    ("trước", "TRUOC", 0),
    ("nữa", "NUA_MORE", 0),
    ("nửa", "NUA_HALF", 0),
    ("tiếng", "TIENG", 0),
    ("giờ", "GIO", 0),
    ("h", "H", 0),
    ("g", "H", 0),
    ("phút", "PHUT", 0),
    ("p", "PHUT", 0),
    ("rưỡi", "RUOI", 0),
    ("kém", "KEM", 0),
    ("sáng", "POD_SANG", 0),
    ("trưa", "POD_TRUA", 0),
    ("chiều", "POD_CHIEU", 0),
    ("tối", "POD_TOI", 0),
    ("đêm", "POD_DEM", 0),
    ("khuya", "POD_DEM", 0),
    ("buổi", "CONN", 0),
    ("lúc", "LUC", 0),
    ("at", "LUC", 0),
    ("vào", "CONN", 0),
    ("khoảng", "CONN", 0),
    ("tầm", "CONN", 0),
    ("on", "CONN", 0),
    ("hàng", "EVERY", 0),
    ("hằng", "EVERY", 0),
    ("mỗi", "EVERY", 0),
    ("các", "CAC", 0),
    ("trong", "TRONG", 0),
    ("và", "VA", 0),
    ("từ", "TU_FROM", 0),  # listed so that "thứ tự" (order) is not read as "thứ tư"
    ("am", "AM", 0),
    ("pm", "PM", 0),
    ("một", "NUMW", 1),
    ("hai", "NUMW", 2),
    ("ba", "NUMW", 3),
    ("bốn", "NUMW", 4),
    ("tư", "TU", 4),
    ("sáu", "NUMW", 6),
    ("bảy", "NUMW", 7),
    ("bẩy", "NUMW", 7),
    ("tám", "NUMW", 8),
    ("chín", "NUMW", 9),
    ("mười", "NUMW", 10),
)

Tags = dict[str, int]  # tag -> number (0 when the tag carries none)

_EXACT: dict[str, Tags] = {}
_FOLDED: dict[str, Tags] = {}
_SPELLINGS: dict[str, set[str]] = {}
for _spelling, _tag, _value in _LEXICON:
    _EXACT.setdefault(_spelling, {})[_tag] = _value
    _FOLDED.setdefault(fold(_spelling), {})[_tag] = _value
    _SPELLINGS.setdefault(fold(_spelling), set()).add(_spelling)
# "trước" both connects ("trước 16h") and marks the past ("tuần trước").
_EXACT["trước"]["CONN"] = 0
_FOLDED["truoc"]["CONN"] = 0

_NO_TAGS: Tags = {}
_lookup_cache: dict[str, Tags] = {}


def lookup(word: str) -> Tags:
    """Return the meanings of a lower-case NFC word.

    ASCII words are read by their folded form.  Accented words must match an accented spelling;
    a misspelt accent is forgiven only when the folded form has a single spelling, because
    "tôi" (I) must not be read as "tối" (evening).
    """
    cached = _lookup_cache.get(word)
    if cached is not None:
        return cached
    if word.isascii():
        tags = _FOLDED.get(word, _NO_TAGS)
    elif word in _EXACT:
        tags = _EXACT[word]
    else:
        key = fold(word)
        tags = _FOLDED.get(key, _NO_TAGS) if len(_SPELLINGS.get(key, ())) == 1 else _NO_TAGS
    if len(_lookup_cache) < 4096:  # bounded: user text is unbounded
        _lookup_cache[word] = tags
    return tags


# --------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------

# Numbers, words (letters plus any combining marks, so decomposed Vietnamese stays one word),
# date/time punctuation, and any other single visible character (zero-width characters that
# phones insert count as spaces).  Every alternative is a plain class run over disjoint classes,
# so matching is linear in the input.
_TOKEN_RE = re.compile(
    r"[0-9]+|(?:[^\W\d_][\u0300-\u036f]*)+|[/:\-.,]|[^\s\u200b\u200c\u200d\u2060\ufeff]"
)


@dataclass(frozen=True, slots=True)
class Tok:
    kind: Literal["NUM", "WORD", "PUNCT", "OTHER"]
    text: str  # lower-case NFC
    start: int  # offsets into the caller's original text
    end: int
    tags: Tags
    num: int  # value of a NUM token (huge sentinel when too long to matter)


_HUGE = 10**9
# Longer than any lexicon word, with room for decomposed accents.
_LONGEST_WORD = 16


def tokenize(text: str, limit: int | None = None) -> list[Tok]:
    """Cut text into tokens, at most ``limit`` of them."""
    out: list[Tok] = []
    for m in _TOKEN_RE.finditer(text):
        raw = m.group()
        ch = raw[0]
        if "0" <= ch <= "9":
            # int() of thousands of digits is slow and may raise: cap it.
            out.append(Tok("NUM", raw, m.start(), m.end(), _NO_TAGS, _num(raw)))
        elif len(raw) == 1 and raw in "/:-.,":
            out.append(Tok("PUNCT", raw, m.start(), m.end(), _NO_TAGS, 0))
        elif len(raw) > _LONGEST_WORD:
            # No time word is this long; skipping the lookup keeps a megabyte of "xxx" cheap.
            out.append(Tok("WORD", "", m.start(), m.end(), _NO_TAGS, 0))
        elif raw.isalpha() or len(raw) > 1:
            word = unicodedata.normalize("NFC", raw.lower())
            out.append(Tok("WORD", word, m.start(), m.end(), lookup(word), 0))
        else:
            out.append(Tok("OTHER", raw, m.start(), m.end(), _NO_TAGS, 0))
        if limit is not None and len(out) >= limit:
            break
    return out


def _num(digits: str) -> int:
    stripped = digits.lstrip("0") or "0"
    return int(stripped) if len(stripped) <= 6 else _HUGE
