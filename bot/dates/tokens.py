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
# number words, month names).  Unaccented input is looked up by its folded form, which merges
# homographs: folded "toi" is both "tối" (evening) and "tới" (next); the grammar picks by
# context.
_LEXICON: tuple[tuple[str, str, int], ...] = (
    # days and weeks
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
    ("ngoái", "NGOAI", 0),  # "năm ngoái": last year
    ("nữa", "NUA_MORE", 0),
    ("nửa", "NUA_HALF", 0),
    ("cuối", "CUOI", 0),
    ("đầu", "DAU", 0),
    ("giữa", "GIUA", 0),
    ("quý", "QUY", 0),  # a quarter ("quý IV"), only with its number or "này/sau" (quarters.py)
    ("quí", "QUY", 0),  # the older spelling
    # hours
    ("tiếng", "TIENG", 0),
    ("giờ", "GIO", 0),
    ("h", "H", 0),
    ("g", "H", 0),
    ("phút", "PHUT", 0),
    ("p", "PHUT", 0),
    ("ph", "PHUT", 0),
    ("pút", "PHUT", 0),  # a slip seen in real notices: "17h00 pút"
    ("giây", "GIAY", 0),
    ("rưỡi", "RUOI", 0),
    ("kém", "KEM", 0),
    ("sáng", "POD_SANG", 0),
    ("trưa", "POD_TRUA", 0),
    ("chiều", "POD_CHIEU", 0),
    ("tối", "POD_TOI", 0),
    ("đêm", "POD_DEM", 0),
    ("khuya", "POD_DEM", 0),
    ("am", "AM", 0),
    ("pm", "PM", 0),
    # connectors, ranges, recurrences
    ("buổi", "BUOI", 0),
    ("lúc", "LUC", 0),
    ("hồi", "HOI", 0),  # "vào hồi 14 giờ 00" in invitations; alone it is not a connector
    ("at", "LUC", 0),
    ("vào", "CONN", 0),
    ("khoảng", "CONN", 0),
    ("tầm", "CONN", 0),
    ("on", "CONN", 0),
    ("là", "LA", 0),
    ("hàng", "EVERY", 0),
    ("hằng", "EVERY", 0),
    ("mỗi", "EVERY", 0),
    ("mọi", "EVERY", 0),
    ("các", "CAC", 0),
    ("trong", "TRONG", 0),
    ("vòng", "VONG", 0),
    ("và", "VA", 0),
    ("hoặc", "HOAC", 0),  # "10/12 hoặc 11/12": two times to choose from, asked about
    ("từ", "TU_FROM", 0),  # listed so that "thứ tự" (order) is not read as "thứ tư"
    ("đến", "DEN", 0),
    ("hết", "HET", 0),
    # labels officials put before a time
    ("thời", "THOI", 0),
    ("gian", "GIAN", 0),
    ("hạn", "HAN", 0),
    ("chót", "CHOT", 0),
    ("nộp", "NOP", 0),  # "Hạn nộp: 17h ngày 4/12"
    ("chậm", "CHAM", 0),
    ("muộn", "MUON", 0),
    ("trễ", "MUON", 0),
    ("nhất", "NHAT_MOST", 0),
    ("không", "KHONG", 0),  # "không muộn hơn ngày 30/11", "không quá 17h"
    ("hơn", "HON", 0),
    ("bắt", "BAT", 0),
    ("kể", "KE", 0),
    ("dự", "DU", 0),
    ("kiến", "KIEN", 0),
    ("deadline", "HAN", 0),
    ("due", "HAN", 0),  # "Gửi báo cáo due 25/11": English on a phone, a deadline as well
    # lunar calendar
    ("âm", "AM_LUNAR", 0),
    ("lịch", "LICH", 0),
    ("âl", "LUNAR_MARK", 0),
    ("dương", "DUONG", 0),
    ("dl", "SOLAR_MARK", 0),
    ("rằm", "RAM", 0),
    ("tết", "TET", 0),
    ("nhuận", "NHUAN", 0),
    ("giêng", "MONTHW", 1),
    ("chạp", "MONTHW", 12),
    # number words
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
    # Ordinary words that share a folded form with a time word: listed (with no meaning) so
    # that their accents are not "forgiven" into the time word ("hỏi" is not "hồi", "giấy"
    # is not "giây", "mới" is not "mỗi").
    ("hỏi", "PLAIN", 0),
    ("giấy", "PLAIN", 0),
    ("mới", "PLAIN", 0),
    ("cười", "PLAIN", 0),
    ("trống", "PLAIN", 0),
    ("hàn", "PLAIN", 0),
    ("quỹ", "PLAIN", 0),  # a fund, not a quarter
    ("quỳ", "PLAIN", 0),
    ("quĩ", "PLAIN", 0),
    ("quì", "PLAIN", 0),
    ("quỉ", "PLAIN", 0),
)

Tags = dict[str, int]  # tag -> number (0 when the tag carries none)

_EXACT: dict[str, Tags] = {}
_FOLDED: dict[str, Tags] = {}
_SPELLINGS: dict[str, set[str]] = {}
for _spelling, _tag, _value in _LEXICON:
    _EXACT.setdefault(_spelling, {})[_tag] = _value
    _FOLDED.setdefault(fold(_spelling), {})[_tag] = _value
    _SPELLINGS.setdefault(fold(_spelling), set()).add(_spelling)
for _tags in (*_EXACT.values(), *_FOLDED.values()):
    _tags.pop("PLAIN", None)
# "trước" both connects ("trước 16h") and marks the past ("tuần trước"); "buổi" connects
# ("buổi chiều") and counts ("01 buổi").
for _word in ("trước", "buổi"):
    _EXACT[_word]["CONN"] = 0
    _FOLDED[fold(_word)]["CONN"] = 0

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
# and any other single visible character (zero-width characters that phones insert count as
# spaces).  Every alternative is a plain class run over disjoint classes, so matching is linear
# in the input.
_TOKEN_RE = re.compile(r"[0-9]+|(?:[^\W\d_][\u0300-\u036f]*)+|[^\s\u200b\u200c\u200d\u2060\ufeff]")
# Punctuation the grammar reads, with the typographic variants documents carry: en and em
# dashes and a minus for "-", curly quotes and a prime for the minute mark "'", full-width
# brackets and colon.
_PUNCT = {c: c for c in "/:-.,()';"}
_PUNCT.update({"–": "-", "—": "-", "−": "-", "‑": "-", "’": "'", "‘": "'", "′": "'", "`": "'"})
_PUNCT.update({"（": "(", "）": ")", "：": ":", "～": "~", "~": "~"})


# Not frozen: a frozen dataclass builds itself through object.__setattr__, which made cutting a
# pasted sentence into tokens the slowest step.  Nothing writes to a token after tokenize().
@dataclass(slots=True)
class Tok:
    kind: Literal["NUM", "WORD", "PUNCT", "OTHER"]
    text: str  # lower-case NFC; punctuation in its plain form ("–" is "-")
    start: int  # offsets into the caller's original text
    end: int
    tags: Tags
    num: int  # value of a NUM token (huge sentinel when too long to matter)
    title: bool = False  # written "Mai": a capital then small letters, as names are


_HUGE = 10**9
# Words as typed -> (lower-case NFC form, tags, title case): most commands reuse a few hundred.
_words: dict[str, tuple[str, Tags, bool]] = {}
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
        elif len(raw) == 1 and ch in _PUNCT:
            out.append(Tok("PUNCT", _PUNCT[ch], m.start(), m.end(), _NO_TAGS, 0))
        elif len(raw) > _LONGEST_WORD:
            # No time word is this long; skipping the lookup keeps a megabyte of "xxx" cheap.
            out.append(Tok("WORD", "", m.start(), m.end(), _NO_TAGS, 0))
        elif raw.isalpha() or len(raw) > 1:
            known = _words.get(raw)
            if known is None:
                word = unicodedata.normalize("NFC", raw.lower())
                title = ch.isupper() and len(raw) > 1 and raw[1:].islower()
                known = (word, lookup(word), title)
                if len(_words) < 8192:  # bounded: user text is unbounded
                    _words[raw] = known
            out.append(Tok("WORD", known[0], m.start(), m.end(), known[1], 0, known[2]))
        else:
            out.append(Tok("OTHER", raw, m.start(), m.end(), _NO_TAGS, 0))
        if limit is not None and len(out) >= limit:
            break
    return out


def _num(digits: str) -> int:
    stripped = digits.lstrip("0") or "0"
    return int(stripped) if len(stripped) <= 6 else _HUGE
