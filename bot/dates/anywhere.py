"""A time clearly marked anywhere in a command: "Tiếp xúc cử tri vào lúc 7 giờ 30 phút ngày
29/11/2026 tại Nhà văn hóa", "Gửi báo cáo chậm nhất ngày 10/12" (see bot.dates)."""

from __future__ import annotations

from datetime import datetime

import bot.dates.reasons as reasons
from bot.dates.find import Reading, at_start, rest_of, take
from bot.dates.labels import is_marker, looks_like_time, run_end
from bot.dates.reader import Reader
from bot.dates.values import Found, Refusal

# How far back from a marker a time may already have started: "Họp sáng nay lúc 8h".
_LOOK_BACK = 12


def find(r: Reader, text: str, now: datetime, markers: frozenset[str], start: bool) -> Reading:
    """The time at the start (when ``start``) or after one of ``markers``.

    Two different marked times are refused (which one is meant?); with ``start``, time words
    found only in the middle, unmarked, are refused with a hint rather than ignored.
    """
    if start:
        got = at_start(r, text, now)
        if got is not None:
            return got
    found: list[Found] = []
    p = 0
    while p < r.n:
        if not is_marker(r, p, markers):
            p += 1
            continue
        got, stop = take(r, p, text, now)
        if got is None:
            p += 1
            continue
        # Words just before the marker may complete the time ("ngày 25 hằng tháng").
        got = _reach_back(r, p, got, stop, text, now)
        if isinstance(got, Refusal):
            return got
        found.append(got)
        p = max(stop, p + 1)
    if found:
        return _one(found, text)
    if start:
        for q in range(r.n):
            if looks_like_time(r, q):
                end = run_end(r, q)
                words = r.text(q, end, text)
                first, last = r.toks[q].start, r.toks[end - 1].end
                return Refusal(reasons.unmarked(), words, first, last)
    return None


def _reach_back(
    r: Reader, p: int, got: Found | Refusal, stop: int, text: str, now: datetime
) -> Found | Refusal:
    """Time words just before the marker belong to the same time: "Họp ngày 29/11 lúc 8h"
    is 8h on 29/11, not 8h today with "ngày 29/11" in the title.  When they only make it
    contradictory ("Kỷ niệm ngày 20/11 lúc 8h ngày 19/11"), they are the title's words and
    the marked time stands; a marked time that was refused alone stays refused."""
    q = p - 1
    if r.punct(q, ","):
        q -= 1
    before = r.tok(q)
    if before is None or not (before.kind == "NUM" or before.tags or r.punct(q, ")")):
        return got
    refusal: Refusal | None = None
    for s in range(max(0, p - _LOOK_BACK), p):
        t = r.toks[s]
        if t.kind != "NUM" and not t.tags and not r.punct(s, "("):
            continue  # a time starts with a number, a time word or a bracket
        earlier, earlier_stop = take(r, s, text, now, label=False)
        if earlier_stop < stop:
            continue
        if isinstance(earlier, Found):
            return earlier
        if isinstance(earlier, Refusal) and refusal is None:
            refusal = earlier
    return got if isinstance(got, Found) else (refusal or got)


def _one(found: list[Found], text: str) -> Reading:
    """The marked time, when all marked times agree; else a question."""
    first = found[0]
    for other in found[1:]:
        if (other.when.at, other.when.end) != (first.when.at, first.when.end):
            return Refusal(
                reasons.two_times(text[first.start : first.end], text[other.start : other.end]),
                text[first.start : other.end],
                first.start,
                other.end,
            )
    if len(found) == 1:
        return first
    # The same time said twice: take both out of the rest.
    rest = text
    for f in reversed(found):
        rest = rest_of(rest, f.start, f.end)
    return Found(first.when, rest, first.start, first.end, first.words)
