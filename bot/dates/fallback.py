"""dateparser for English and ISO 8601 text the Vietnamese grammar does not read.

dateparser happily turns garbage like "thứ 9" into a date, so it is consulted only for text
made of English date words, numbers and punctuation.  It is imported lazily, which keeps it
out of the hot path for Vietnamese input.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.dates.values import When

# A word list reads best as words; ruff's SIM905 would make it a 70-item list literal.
EN_DATE_WORDS = frozenset(
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
_EN_ANCHORS = EN_DATE_WORDS - {"in", "after", "at", "on", "by", "from", "a", "an", "the", "of"}
_EN_ANCHORS -= {"and", "t", "z", "this", "next"}
_ISO_RE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_EN_TIME_RE = re.compile(
    r"\d:\d\d|\d\s*(?:am|pm)\b|\b(?:noon|midnight|now|hours?|hrs?|minutes?|mins?)\b|t\d\d"
)


def english(text: str, now: datetime) -> When | None:
    """Ask dateparser, but only for text made of English date words, numbers and punctuation."""
    lowered = text.lower()
    if not lowered.isascii():
        return None  # English and ISO are ASCII; Vietnamese is the grammar's job alone
    words = re.findall(r"[a-z]+", lowered)
    if not words and not _ISO_RE.search(lowered):
        return None
    if any(w not in EN_DATE_WORDS for w in words):
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
