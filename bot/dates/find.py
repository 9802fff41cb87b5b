"""Finding a time in a command: at its start, after a marker anywhere ("… vào lúc 7 giờ 30
ngày 29/11 tại …"), or in the whole text; every answer is a Found, a Refusal or None."""

from __future__ import annotations

import re
from datetime import datetime

import bot.dates.reasons as reasons
from bot.dates.fallback import EN_DATE_WORDS, english
from bot.dates.labels import looks_like_time, run_end, skip_label
from bot.dates.ranges import resolve
from bot.dates.reader import Piece, Reader
from bot.dates.reasons import Invalid
from bot.dates.slots import DATE_SLOTS
from bot.dates.tokens import Tok
from bot.dates.values import Found, Refusal, When

Reading = Found | Refusal | None
# English phrases handed to dateparser from a command are at most this many tokens.
_MAX_FALLBACK_TOKENS = 8
_TRAILING = ".!?,;'"
# What a pasted line may start with before its time: a bullet, a quote, a numbering ("2.").
_BULLETS = frozenset("-+•*·–—“”\"'>")
# Everything first_token() may skip, as typed (tokens show "’" and "–" as "'" and "-").
_ONLY_BULLETS = re.compile(r"(?:\s|\d{1,2}[.)]|[-+•*·–—−‑“”\"'‘’′`>.])*")
# Slots that place a phrase on a day (or say it is relative to now, or repeats).
_DAY_KEYS = frozenset(DATE_SLOTS) | {"rel", "repeat", "end:date"}
# Unknown words looked past, after a phrase without a day, for a date that was not read.
_LOOK_PAST = 1
# A day word left hanging right after a time ("trước 17h thứ", "hạn 8h ngày"): the day was
# cut off, so the hour alone must not be filed with the word left in the title.
_HANGING_DAY = frozenset({"THU", "NGAY", "MUNG"})
_PARTS_OF_DAY = frozenset({"BUOI", "POD_SANG", "POD_TRUA", "POD_CHIEU", "POD_TOI"})
_JOINERS = frozenset({"VA", "HOAC"})  # "và", "hoặc" before a second time


def take(r: Reader, i: int, text: str, now: datetime, label: bool = True) -> tuple[Reading, int]:
    """Read the time that starts at token i (after a label, when ``label``).

    Returns:
        (Found, Refusal or None, the token index after what was read).  A Refusal is given
        when the phrase names an impossible or contradictory time, and when time words follow
        it that could not be read: those are never left in the rest.
    """
    j = skip_label(r, i) if label else i
    phrase = r.phrase(j)
    start = r.toks[i].start if i < r.n else len(text)
    if phrase.error is not None:
        end = run_end(r, phrase.error_at)
        return _refusal(r, text, j, end, phrase.error.reason), end
    pieces = _without_names(r, phrase.pieces)
    if not pieces:
        if looks_like_time(r, j):
            end = run_end(r, j)
            return _refusal(r, text, j, end, reasons.unread(r.text(j, end, text))), end
        return None, i
    stop = phrase.stop if len(pieces) == len(phrase.pieces) else pieces[-1].end
    try:
        when = resolve([(p.comp, p.side) for p in pieces], now)
    except (Invalid, ValueError, OverflowError) as err:
        reason = err.reason if isinstance(err, Invalid) else reasons.too_far()
        return _refusal(r, text, j, stop, reason), stop
    # Time words right after the phrase that were not read ("8h ngày hai mươi", "17h00
    # ngàyy 29/10"): refuse rather than file "8h" and put the rest in the title.  A phrase
    # that named no day yet is looked past one unknown word for a date.
    k = stop
    unknown = 0 if _names_a_day(pieces) else _LOOK_PAST
    skipped: int | None = None  # the first unknown word looked past
    while k < r.n:
        if looks_like_time(r, k) or (k == stop and r.has_any(k, _HANGING_DAY)):
            end = run_end(r, k)
            words = r.text(k if skipped is None else skipped, end, text)
            return _refusal(r, text, j, end, reasons.unread(words)), end
        if r.has_any(k, _JOINERS) and _second_time(r, k + 1):
            # "7h–11h ngày 28 và 29/11", "… ngày 28/11 và chiều 29/11", "10/12 hoặc 11/12": a
            # second time joined by "và" or "hoặc" that the grammar did not take is never
            # dropped into the title, nor chosen for the user.
            end = run_end(r, k + 1)
            second = r.text(k + 1, end, text)
            why = reasons.two_joined(second) if r.has(k, "VA") else reasons.two_choices(second)
            return _refusal(r, text, j, end, why), end
        if r.is_connector(k, True) or r.punct(k, ":;-"):
            k += 1
        elif unknown > 0:
            skipped = k if skipped is None else skipped
            unknown, k = unknown - 1, k + 1
        else:
            break
    end_char = r.toks[stop - 1].end
    words = text[r.toks[pieces[0].start].start : end_char]
    return Found(when, rest_of(text, start, end_char), start, end_char, words), stop


def _second_time(r: Reader, i: int) -> bool:
    """Time words at token i, or a part of the day ("chiều", "buổi sáng") before them."""
    while r.has_any(i, _PARTS_OF_DAY):
        i += 1
    return looks_like_time(r, i)


def _names_a_day(pieces: list[Piece]) -> bool:
    return any(key in _DAY_KEYS for piece in pieces for key, _ in piece.comp)


def _without_names(r: Reader, pieces: list[Piece]) -> list[Piece]:
    """Stop before "Mai" written as a name after the time ("8h mai Mai gửi báo cáo"), and
    read no time from "Mai" followed by words ("Mai gửi báo cáo lúc 8h": Mai sends it at
    8h).  "Mai" alone, as in "/han 3 Mai", is tomorrow."""
    lone = len(pieces) == 1 and pieces[0].end == pieces[0].start + 1
    after = r.tok(pieces[0].end) if pieces else None
    if lone and _name(r, pieces[0].start) and after is not None and after.kind == "WORD":
        return []
    for n, piece in enumerate(pieces[1:], start=1):
        if _name(r, piece.start) and not r.toks[piece.start - 1].title:
            return pieces[:n]
    return pieces


def _name(r: Reader, i: int) -> bool:
    t = r.toks[i]
    return t.title and ("MAI" in t.tags or "MOT" in t.tags)


def _refusal(r: Reader, text: str, i: int, end: int, reason: str) -> Refusal:
    end = max(end, i + 1)
    first = r.toks[i] if i < r.n else None
    last = r.toks[min(end, r.n) - 1] if r.n else None
    if first is None or last is None:
        return Refusal(reason, text.strip(), 0, len(text))
    return Refusal(reason, text[first.start : last.end], first.start, last.end)


def rest_of(text: str, start: int, end: int) -> str:
    """The text without [start, end), the join tidied: "Họp (8h mai) tại …" → "Họp tại …"."""
    head = text[:start].strip()
    tail = text[end:].strip()
    # A bullet, numbering or quote left alone around the time goes with it: "2. Thời gian: …".
    if _ONLY_BULLETS.fullmatch(head):
        head = ""
    if _ONLY_BULLETS.fullmatch(tail):
        tail = ""
    if head.endswith("(") and tail.startswith(")"):
        head, tail = head[:-1].rstrip(), tail[1:].lstrip()
    comma = head.endswith(",") or tail.startswith(",")
    head = head.rstrip(",;:–—-").rstrip()
    tail = tail.lstrip(",;.").lstrip()
    if head and tail:
        return f"{head}{',' if comma else ''} {tail}"
    return head or tail


def english_prefix(r: Reader, text: str, used: int, now: datetime) -> tuple[When, int] | None:
    """English or ISO that the grammar did not finish ("3pm tomorrow call Bob"): let
    dateparser try the first few tokens, longest first, if that reads further."""
    nxt = r.tok(used)
    if nxt is None or not (used == 0 or nxt.text in EN_DATE_WORDS):
        return None
    first = r.toks[0]
    if first.kind == "WORD" and first.text not in EN_DATE_WORDS:
        return None  # every word must be an English date word: this prefix cannot be one
    for n in range(min(r.n, _MAX_FALLBACK_TOKENS), used, -1):
        if r.toks[n - 1].kind == "PUNCT":
            continue  # a prefix never ends on punctuation: it belongs to the rest
        found = english(text[: r.toks[n - 1].end], now)
        if found is not None:
            return found, n
    return None


def _ignorable(t: Tok) -> bool:
    """Punctuation and quotes that may end a pasted time: "(thứ Sáu).", "8h00’’", "…”"."""
    return (t.kind == "PUNCT" and t.text in _TRAILING) or (t.kind == "OTHER" and t.text in '“”"')


def first_token(r: Reader) -> int:
    """Where a pasted line's words start: past a bullet, quote or numbering ("- ", "2. ")."""
    i = 0
    while i < r.n and i < 3:
        t = r.toks[i]
        if t.text in _BULLETS and t.kind in ("PUNCT", "OTHER"):
            i += 1
        elif (
            t.kind == "NUM"
            and r.punct(i + 1, ".)")
            and r.glued(i + 1)
            and r.tok(i + 2) is not None
        ):
            if r.toks[i + 2].kind != "WORD" or r.glued(i + 2):
                break  # "8.30", "2.12": a time or a date, not a numbering
            i += 2
        else:
            break
    return i


def at_start(r: Reader, text: str, now: datetime) -> Reading:
    """The time at the start of a command, English included."""
    got, stop = take(r, first_token(r), text, now)
    if isinstance(got, Refusal):
        return got
    eng = english_prefix(r, text, stop if got is not None else 0, now)
    if eng is not None:
        when, n = eng
        end = r.toks[n - 1].end
        return Found(when, rest_of(text, 0, end), 0, end, text[:end])
    return got


def whole(r: Reader, text: str, now: datetime) -> When | Refusal | None:
    """The whole text as one time: anything left over that is not punctuation is refused."""
    got, stop = take(r, first_token(r), text, now)
    if isinstance(got, Refusal):
        return got  # Vietnamese time words: never dateparser's to guess ("thu 9")
    if got is None:
        return english(text, now)
    left = [t for t in r.toks[stop:] if not _ignorable(t)]
    if not left:
        return got.when
    eng = english(text, now)
    if eng is not None:
        return eng
    words = text[left[0].start : left[-1].end]
    return Refusal(reasons.unread(words), text[: left[-1].end].strip(), 0, left[-1].end)
