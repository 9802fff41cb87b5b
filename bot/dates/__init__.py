"""Vietnamese time expressions typed on a phone: "8h sáng mai", "thứ 6 tuần sau", "3 tiếng nữa".

The parser is a small grammar over tokens (numbers, weekdays, parts of day, relative words,
connectors), not a list of whole-string patterns.  Text is cut into tokens, each word token is
looked up in a lexicon of meanings, and a sequence of *components* (a time of day, a weekday,
"tuần sau", a date, "3 ngày nữa", "hằng tuần" ...) is read in any order.  The components fill
slots, and the slots are resolved against ``now``.  A slot filled twice, or a value out of range
("thứ 9", "25h", "31/11"), make the whole phrase invalid: we answer ``None`` rather than guess.

dateparser stays underneath for what it already reads well (English, ISO 8601), but only as a
guarded fallback: it happily turns garbage like "thứ 9" into a date, so it is consulted only when
the Vietnamese grammar did not recognise the text at all and the text looks like an English or ISO
date.  It is imported lazily, which keeps it out of the hot path for Vietnamese input.

Decisions a caller must know:

* A date-only result (``has_time`` is False) carries 00:00 in ``now``'s zone.
* A time of day with no date is today if still ahead of ``now``, otherwise tomorrow.  A time with
  an explicit day ("8h hôm nay", "tuần này", a dated "26/11") is returned as typed, even when it is
  already past: callers that need a future moment must compare ``at`` with ``now``.
* A bare weekday is its next occurrence: with a time, the first such moment strictly after
  ``now`` (so "14h thứ 2" typed on Monday at 09:00 is today); without a time, strictly after
  today (so "thứ 2" typed on a Monday is next Monday).  The first occurrence of a recurrence
  follows the same rule.
* A day/month without a year is the next such date (today counts); if that date does not exist
  in the year it falls in ("29/2" typed in November 2026 means February 2027), the answer is
  ``None``.
* "N tiếng/phút nữa" is exact elapsed time, rounded down to the minute.
* Unaccented input is accepted everywhere.  Accented input must carry the accents of the word it
  means, which is how "tối" (evening), "tới" (next) and "tôi" (I) are told apart; unaccented
  "toi" right after a weekday is read as evening ("thu 6 toi" = Friday evening).
* "ngày D" alone is the next day D (today counts), skipping months without it; "tuần sau" and
  "tháng sau" alone are today plus a week or a month (date only); "N tháng nữa" clamps the day
  to the month's length (31/1 + 1 month = 28/2).
* Parts of day alone: sáng 08:00, trưa 12:00, chiều 14:00, tối 19:00, đêm 22:00.  An hour that
  does not fit its part of day ("14h sáng", "8h chiều") is ``None``; "2 giờ đêm thứ 6" is the
  night of Friday, so 02:00 on Saturday.
* A weekday next to a date must agree with it ("thứ 6 ngày 26/11" is ``None`` in 2026).
* Input longer than ``MAX_PHRASE_CHARS`` is not a time phrase and gives ``None`` at once;
  ``split_when`` looks only at the first 24 tokens of a command.
* A naive ``now`` is a programming error and raises ``ValueError``; user text never raises.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.dates.grammar import Component, Invalid, Reader
from bot.dates.resolve import resolve
from bot.dates.tokens import tokenize
from bot.dates.values import WEEKDAY_NAMES, Repeat, When

__all__ = [
    "MAX_PHRASE_CHARS",
    "WEEKDAY_NAMES",
    "Repeat",
    "When",
    "examples",
    "format_when",
    "parse_when",
    "split_when",
]

#: Longer text is never a time phrase; refusing it early keeps every call fast.
MAX_PHRASE_CHARS = 200
# split_when only looks this far into a command: a time phrase is a handful of tokens.
_MAX_PREFIX_TOKENS = 24
_PREFIX_WINDOW = 1000
# English phrases handed to dateparser from a command are at most this many tokens.
_MAX_FALLBACK_TOKENS = 8


# --------------------------------------------------------------------------------------------
# dateparser fallback (English, ISO 8601)
# --------------------------------------------------------------------------------------------

# A word list reads best as words; ruff's SIM905 would make it a 70-item list literal.
_EN_DATE_WORDS = frozenset(
    """today tomorrow tonight noon midnight now next this in after at on by from
    day days week weeks month months year years hour hours hr hrs minute minutes min mins
    am pm a an the of and
    monday tuesday wednesday thursday friday saturday sunday
    mon tue tues wed thu thur thurs fri sat sun
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec t z utc gmt""".split()  # noqa: SIM905
)
# Words that alone make dateparser say something: without one, a text of English filler words
# ("at the", "a") must not reach it.
_EN_ANCHORS = _EN_DATE_WORDS - {"in", "after", "at", "on", "by", "from", "a", "an", "the", "of"}
_EN_ANCHORS -= {"and", "t", "z", "this", "next"}
_ISO_RE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_EN_TIME_RE = re.compile(
    r"\d:\d\d|\d\s*(?:am|pm)\b|\b(?:noon|midnight|now|hours?|hrs?|minutes?|mins?)\b|t\d\d"
)


def _fallback(text: str, now: datetime) -> When | None:
    """Ask dateparser, but only for text made of English date words, numbers and punctuation."""
    lowered = text.lower()
    if not lowered.isascii():
        return None  # English and ISO are ASCII; Vietnamese is the grammar's job alone
    words = re.findall(r"[a-z]+", lowered)
    if not words and not _ISO_RE.search(lowered):
        return None
    if any(w not in _EN_DATE_WORDS for w in words):
        return None
    if not (set(words) & _EN_ANCHORS or _ISO_RE.search(lowered)):
        return None
    tz = now.tzinfo
    # dateparser wants RELATIVE_BASE naive, in the zone named by TIMEZONE.  It reads zone names
    # reliably but mis-reads offsets such as "UTC-05:30", so a fixed-offset zone is walked in
    # wall-clock time as "UTC" and labelled with the real offset afterwards.
    zone = tz.key if isinstance(tz, ZoneInfo) else "UTC"
    base = now.replace(tzinfo=None)
    try:
        import dateparser

        found = dateparser.parse(
            text,
            languages=["vi", "en"],
            settings={
                "DATE_ORDER": "DMY",
                "PREFER_DATES_FROM": "future",
                "RETURN_AS_TIMEZONE_AWARE": True,
                "RELATIVE_BASE": base,
                "TIMEZONE": zone,
                "TO_TIMEZONE": zone,
            },
        )
    except Exception:  # dateparser raises assorted errors on odd input; not a time then
        return None
    if found is None:
        return None
    if isinstance(tz, ZoneInfo):
        at = found.astimezone(tz) if found.tzinfo is not None else found.replace(tzinfo=tz)
    else:
        at = found.replace(tzinfo=tz)
    has_time = bool(_EN_TIME_RE.search(lowered))
    if not has_time:
        at = datetime.combine(at.date(), time(0), tzinfo=at.tzinfo)
    return When(at, has_time)


# --------------------------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------------------------


def _check_now(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")


def parse_when(text: str, now: datetime) -> When | None:
    """Read a whole text as a time expression.

    Args:
        text: What the user typed, e.g. "8h sáng mai", "thu 5 tuan sau 9h", "tomorrow 3pm".
        now: The current moment, aware; the result is in its zone.

    Returns:
        The moment, or None when the text is not a time expression or names an impossible one.

    Raises:
        ValueError: If ``now`` is naive (a programming error, not a user error).
    """
    _check_now(now)
    text = text.strip().rstrip(".!?,;").strip()
    if not text or len(text) > MAX_PHRASE_CHARS:
        return None
    toks = tokenize(text)
    reader = Reader(toks)
    comps: list[Component] = []
    end = 0
    try:
        for comp, nxt in reader.read():
            comps.append(comp)
            end = nxt
        if end == len(toks):
            return resolve(comps, now)
    except (Invalid, ValueError, OverflowError):
        return None
    # Not Vietnamese grammar from end to end; dateparser may know it if it is English or ISO
    # (the guard refuses any other word, so "hello" and "thứ 9" never reach it).
    return _fallback(text, now)


def split_when(text: str, now: datetime) -> tuple[When, str] | None:
    """Find the time phrase at the start of a command and return it with the rest of the text.

    The longest prefix that reads as a time wins; the rest keeps the user's spelling.

    Args:
        text: The command arguments, e.g. "8h thứ 2 hàng tuần Giao ban tổ".
        now: The current moment, aware.

    Returns:
        (When, rest) with ``rest`` stripped, or None when the text does not start with a time.

    Raises:
        ValueError: If ``now`` is naive.
    """
    _check_now(now)
    # A time phrase sits in the first few hundred characters; scanning a megabyte of rest would
    # only cost time.  A token touching the window's edge may be cut short, so it is dropped.
    window = text[:_PREFIX_WINDOW]
    toks = tokenize(window, limit=_MAX_PREFIX_TOKENS)
    if len(window) < len(text):
        toks = [t for t in toks if t.end < len(window)]
    reader = Reader(toks)
    comps: list[Component] = []
    ends: list[int] = []
    try:
        for comp, nxt in reader.read():
            comps.append(comp)
            ends.append(nxt)
    except (Invalid, ValueError, OverflowError):
        return None  # an impossible time up front ("31/11 họp") is an error, not a rest
    best: tuple[When, int] | None = None  # the When and how many tokens it used
    for k in range(len(comps), 0, -1):
        try:
            best = resolve(comps[:k], now), ends[k - 1]
        except (Invalid, ValueError, OverflowError):
            continue
        break
    used = best[1] if best is not None else 0
    # English or ISO that the grammar did not finish ("3pm tomorrow call Bob"): let dateparser
    # try the first few tokens, longest first, but only if that reads further than the grammar.
    nxt = toks[used] if used < len(toks) else None
    if nxt is not None and (used == 0 or nxt.text in _EN_DATE_WORDS):
        for n in range(min(len(toks), _MAX_FALLBACK_TOKENS), used, -1):
            if toks[n - 1].kind == "PUNCT":
                continue  # a prefix never ends on punctuation: it belongs to the rest
            cut = toks[n - 1].end
            found = _fallback(text[:cut], now)
            if found is not None:
                return found, text[cut:].strip()
    if best is None:
        return None
    cut = toks[used - 1].end
    return best[0], text[cut:].strip()


def format_when(at: datetime, has_time: bool, now: datetime | None = None) -> str:
    """Show a moment the way the bot writes it everywhere.

    Args:
        at: The moment, aware.
        has_time: Whether to show the time of day.
        now: When given, ``at`` is shown in its zone and the year only if it differs.

    Returns:
        "17:00 thứ Sáu, 27/11", "thứ Sáu, 27/11", or with a year "thứ Sáu, 27/11/2027".
    """
    if now is not None:
        at = at.astimezone(now.tzinfo)
    day = f"{at.day:02d}/{at.month:02d}"
    if now is None or at.year != now.year:
        day += f"/{at.year}"
    shown = f"{WEEKDAY_NAMES[at.weekday()]}, {day}"
    return f"{at.hour:02d}:{at.minute:02d} {shown}" if has_time else shown


def examples() -> tuple[str, ...]:
    """Three short phrases the bot shows when it could not read a time."""
    return ("17h thứ 6", "8h sáng mai", "14h30 ngày 26/11")
