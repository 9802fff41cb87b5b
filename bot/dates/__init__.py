"""Vietnamese time expressions, typed on a phone or pasted from an official document.

"8h sáng mai", "thứ 6 tuần sau", "3 tiếng nữa", "Thời gian: 14 giờ 00, ngày 27/11/2026 (thứ
Sáu)", "từ 8h00 đến 11h00 ngày 3/12", "mùng 10 tháng Chạp", "hạn chót: 17h ngày 4/12", "hạn quý
IV", "trước Tết".

The parser is a small grammar over tokens (numbers, weekdays, parts of day, relative words,
connectors, labels), not a list of whole-string patterns.  Text is cut into tokens, each word is
looked up in a lexicon of meanings, and *components* (a time of day, a weekday, "tuần sau", a
date, "3 ngày nữa", "hằng tuần", "cuối tháng", "quý IV", "Tết" ...) are read in any order, on
one side or on the two sides of a range.  They fill slots, and the slots are resolved against
``now``.

Three answers, which a command must tell apart (see bot.dates.values):

* ``None``: no time words at all;
* a ``When`` (or a ``Found``: the When, the rest of the text, and where the time was);
* a ``Refusal``: time words that cannot be read completely, or that contradict each other
  ("thứ 5 ngày 27/11" when 27/11 is a Friday; "mai 25/11" typed on 23/11), with the reason in
  Vietnamese.  A phrase is never cut short to make it readable: "8h ngày hai mươi" is refused,
  not read as 8h with "ngày hai mươi" left in the title.

Decisions a caller must know:

* A date-only result (``has_time`` False) carries 00:00 in ``now``'s zone.
* A time of day with no date is today if still ahead of ``now``, otherwise tomorrow.  A time with
  an explicit day ("8h hôm nay", "tuần này", a dated "26/11") is returned as typed, even when it is
  already past: callers that need a future moment must compare ``at`` with ``now``.
* A bare weekday is its next occurrence: with a time, the first such moment strictly after
  ``now``; without a time, strictly after today.  The first occurrence of a recurrence follows the
  same rule.  "mỗi/mọi/hằng" + weekday or part of day is a recurrence ("7h30 mỗi sáng thứ hai").
* A day/month without a year is the next such date (today counts); ``year_implied`` is then set,
  and ``When.far_without_year(now)`` tells a command to ask "ý anh/chị là 20/11/2027?".  A date
  that does not exist in the year it falls in ("29/2" in November 2026) is refused.
* A weekday, "mai", "hôm nay" next to a date must agree with it; a range's two ends share what
  only one of them said, and ``end`` keeps the end ("từ 8h đến 11h" → 08:00 with end 11:00).
* Periods: "cuối tuần" is Saturday–Sunday of this week (``at`` Saturday, ``end`` Sunday),
  "trong tuần này" today–Sunday, "đầu tuần (sau)" a Monday, "cuối tháng" its last day, "đầu
  tháng sau" the 1st.  A period of several days with an hour ("8h cuối tuần") is refused with the
  question which day.  ``When.deadline`` is the end of a range or period.
* Quarters are periods read as months are: "quý IV", "quý 4", "quy iv" and "trong quý IV" run
  from the quarter's first day (today, when inside it) to its last, so "hạn quý IV" is due
  31/12; "cuối quý (IV)" is its last day, "đầu quý (sau)" its first; "quý này", "quý sau"/"quý
  tới" are the whole quarter (unlike "tháng sau", which is a day a month ahead).  A quarter
  without a year is this year's until it is over, then next year's, with ``year_implied`` set
  ("quý I" typed in December is next year's; "quý III" typed in November asks); "quý IV/2026",
  "quý I năm 2027", "quý 1 năm sau" carry their year.  "quý trước" is refused as "tuần trước"
  is; "giữa quý", "sau quý IV" as vague, "trước quý IV" as unclear (before it starts, or
  before it ends?), "quý 5" as impossible.  A numbered "quý" is read only where a time is
  announced ("hạn quý IV", "trước", "trong", "đến", at the start): in "báo cáo quý IV" it
  names the report; Roman numerals only right after "quý"; "quý khách", "quỹ", "quy định" are
  ordinary words.
* "Tết", "Tết Nguyên đán", "tết âm lịch", "Tết 2027" are mùng 1 tháng Giêng of the coming (or
  the named) lunar year, exactly as "mùng 1 Tết" (today counts; ``year_implied`` set without a
  year, so a command asks when Tết is more than two months away, as typed in November).
  "trước Tết" reads like "trước 15/12": the day named, mùng 1 Tết, not its eve.  "Tết Dương
  lịch"/"Tết Tây" is 1/1.  "sau Tết", "hết Tết", "trong Tết" are refused as vague, "Tết Trung
  thu" and the other feasts called "Tết" as not the New Year, "Tết năm sau" as unclear.  Like a
  quarter, "Tết" is a time only where one is announced, or after a time of day ("8h sáng
  Tết"): "quà Tết" is not.
* "N tiếng/phút/giây nữa" is exact elapsed time, seconds kept, and so is "trong (vòng) N
  giờ/tiếng/phút" (one moment; unaccented "trong 8 gio toi" is asked: evening or next).
  "trong (vòng) N ngày/tuần/tháng" is today to that day (months: the same day N months on).
* Lunar dates ("mùng 10 tháng Chạp", "15/11 âm lịch", "rằm tháng Giêng") are converted as
  Vietnam's calendar counts them (UTC+7, see bot.dates.lunar).
* Parts of day alone: sáng 08:00, trưa 12:00, chiều 14:00, tối 19:00, đêm 22:00.  An hour that
  does not fit its part of day ("14h sáng") is refused; "2 giờ đêm thứ 6" is 02:00 on Saturday.
* Unaccented input is accepted everywhere.  Accented input must carry the accents of the word it
  means, which is how "tối" (evening), "tới" (next) and "tôi" (I) are told apart.
* English and ISO 8601 go to dateparser, guarded so that it never sees Vietnamese.
* A naive ``now`` is a programming error and raises ``ValueError``; user text never raises.
"""

from __future__ import annotations

from datetime import datetime

from bot.dates.anywhere import find
from bot.dates.find import at_start, whole
from bot.dates.labels import ANY_MARKERS, DEADLINE_MARKERS
from bot.dates.reader import Reader
from bot.dates.tokens import tokenize
from bot.dates.values import FAR_WITHOUT_YEAR, WEEKDAY_NAMES, Found, Refusal, Repeat, When

__all__ = [
    "FAR_WITHOUT_YEAR",
    "MAX_PHRASE_CHARS",
    "WEEKDAY_NAMES",
    "Found",
    "Refusal",
    "Repeat",
    "When",
    "examples",
    "find_deadline",
    "find_when",
    "format_span",
    "format_when",
    "parse_when",
    "read_when",
    "split_when",
]

#: Longer text is never a time phrase; refusing it early keeps every call fast.
MAX_PHRASE_CHARS = 200
# A command's time sits in its first few hundred characters; scanning a megabyte of rest would
# only cost time.
_WINDOW_CHARS = 2000
_WINDOW_TOKENS = 300
# A time at the start of a command, with the words looked at after it, is far shorter.
_START_TOKENS = 40


def _check_now(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")


def _reader(text: str, tokens: int = _WINDOW_TOKENS) -> Reader:
    window = text[:_WINDOW_CHARS]
    toks = tokenize(window, limit=tokens)
    if len(window) < len(text):
        toks = [t for t in toks if t.end < len(window)]  # a token at the edge may be cut
    return Reader(toks)


def read_when(text: str, now: datetime) -> When | Refusal | None:
    """Read a whole text as one time expression ("8h sáng mai", "Chậm nhất ngày 10/12").

    Args:
        text: What the user typed, e.g. the words after "/han 3".
        now: The current moment, aware; the result is in its zone.

    Returns:
        The When; a Refusal when time words are there but cannot all be read (or contradict
        each other, or words other than time words are left); None when there is no time.

    Raises:
        ValueError: If ``now`` is naive (a programming error, not a user error).
    """
    _check_now(now)
    if not text.strip() or len(text) > MAX_PHRASE_CHARS:
        return None
    return whole(Reader(tokenize(text)), text, now)


def find_when(text: str, now: datetime) -> Found | Refusal | None:
    """Find the time of a command: at its start, or clearly marked anywhere in it ("vào lúc
    …", "lúc …", "thời gian: …", "hạn …", "chậm nhất …", "từ …"), so that a sentence pasted
    from an invitation works as it is.

    Args:
        text: The command's arguments, e.g. "Tiếp xúc cử tri vào lúc 7 giờ 30 phút ngày
            29/11/2026 tại Nhà văn hóa tổ dân phố 5".
        now: The current moment, aware.

    Returns:
        Found (the When, the text without the time and its marker, where the time was); a
        Refusal when the time cannot be read, when two marked times differ, or when time words
        stand unmarked in the middle; None when there are no time words.

    Raises:
        ValueError: If ``now`` is naive.
    """
    _check_now(now)
    return find(_reader(text), text, now, ANY_MARKERS, start=True)


def find_deadline(text: str, now: datetime) -> Found | Refusal | None:
    """Find a deadline inside a task's text: after "hạn", "hạn chót", "chậm nhất", "trước",
    "đến", "thời hạn" only; other times in the text are the task's own words.

    Args:
        text: The task's text, e.g. "Gửi báo cáo chậm nhất ngày 10/12".
        now: The current moment, aware.

    Returns:
        Found, Refusal or None as for ``find_when``.

    Raises:
        ValueError: If ``now`` is naive.
    """
    _check_now(now)
    return find(_reader(text), text, now, DEADLINE_MARKERS, start=False)


def parse_when(text: str, now: datetime) -> When | None:
    """``read_when`` for callers that do not say why: a Refusal is None.

    Raises:
        ValueError: If ``now`` is naive.
    """
    got = read_when(text, now)
    return got if isinstance(got, When) else None


def split_when(text: str, now: datetime) -> tuple[When, str] | None:
    """The time at the start of a command and the rest of it; None when there is none or it
    cannot be read (``find_when`` says why).

    Raises:
        ValueError: If ``now`` is naive.
    """
    _check_now(now)
    got = at_start(_reader(text, _START_TOKENS), text, now)
    return (got.when, got.rest) if isinstance(got, Found) else None


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


def format_span(when: When, now: datetime | None = None) -> str:
    """Show a When with its end: "08:00–11:00 thứ Năm, 03/12", "thứ Hai, 07/12 – thứ Năm,
    10/12", or as ``format_when`` when it has no end."""
    start = format_when(when.at, when.has_time, now)
    if when.end is None:
        return start
    end = when.end if now is None else when.end.astimezone(now.tzinfo)
    at = when.at if now is None else when.at.astimezone(now.tzinfo)
    if when.has_time and when.end_has_time and end.date() == at.date():
        return f"{at.hour:02d}:{at.minute:02d}–{end.hour:02d}:{end.minute:02d} " + start[6:]
    return f"{start} – {format_when(end, when.end_has_time, now)}"


def examples() -> tuple[str, ...]:
    """Three short phrases the bot shows when it could not read a time."""
    return ("17h thứ 6", "8h sáng mai", "14h30 ngày 26/11")
