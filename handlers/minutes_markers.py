"""Read the markers people type while a meeting is recorded (#chutri, #ykien, #giaoviec …).

Pure functions: text in, a ParsedMarker / Undo / MarkerProblem (or None for an ordinary
message) out. A marker starts the message; it is read with or without diacritics, in any case,
with or without spaces inside it ("#kết luận", "#Ket luan", "#KETLUAN"), optionally followed
by a colon. People are named by @username, or by the text of a platform mention that carries
no username (passed in as mention_texts); resolving them to members is the caller's job, as is
reading the deadline words of a #giaoviec (its text keeps "hạn …").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.textnorm import clean, fold


class MarkerKind(StrEnum):
    """What a marker records (the values are stored in minutes_markers.kind)."""

    CHUTRI = "chutri"  # chair (chủ trì, chủ tọa)
    THUKY = "thuky"  # secretary
    COMAT = "comat"  # present
    VANG = "vang"  # absent, with reason
    KHACH = "khach"  # invited guest
    NOIDUNG = "noidung"  # an agenda item; later lines belong to it
    YKIEN = "ykien"  # an opinion
    KETLUAN = "ketluan"  # a conclusion
    GIAOVIEC = "giaoviec"  # an assigned task
    BIEUQUYET = "bieuquyet"  # a vote result


class Problem(StrEnum):
    """Why a marker could not be read."""

    EMPTY = "empty"  # nothing after the marker
    VOTES = "votes"  # #bieuquyet without three counts


@dataclass(frozen=True)
class Absentee:
    """One person marked absent: a mention ("@mai") or a plain name, and the reason given."""

    who: str
    is_mention: bool
    reason: str


@dataclass(frozen=True)
class Votes:
    """A vote result: tán thành / không tán thành / không ý kiến (for / against / abstaining)."""

    yes: int
    no: int
    abstain: int


@dataclass(frozen=True)
class ParsedMarker:
    """A marker as read.

    Attributes:
        kind: what it records.
        text: the free text, people taken out (item title, opinion, conclusion, task with
            its deadline words, vote subject).
        people: mentions in the order written ("@hung", or a mention's text).
        names: people named without an account (#comat, #chutri, #thuky) or guests (#khach).
        absentees: for #vang, each absent person with their reason.
        votes: for #bieuquyet, the counts.
    """

    kind: MarkerKind
    text: str = ""
    people: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    absentees: tuple[Absentee, ...] = ()
    votes: Votes | None = None


@dataclass(frozen=True)
class Undo:
    """#bo / #undo: take back the sender's last marker."""


@dataclass(frozen=True)
class MarkerProblem:
    """A marker that was recognised but cannot be used as written."""

    kind: MarkerKind
    problem: Problem


Parsed = ParsedMarker | Undo | MarkerProblem

# Folded spellings of each marker, syllable by syllable (spaces between syllables optional).
# Longer spellings come first so "#vang mat" is not read as "#vang" + "mat".
_SPELLINGS: tuple[tuple[str, MarkerKind], ...] = (
    ("chu tri", MarkerKind.CHUTRI),
    ("chu toa", MarkerKind.CHUTRI),
    ("chair", MarkerKind.CHUTRI),
    ("thu ky", MarkerKind.THUKY),
    ("thu ki", MarkerKind.THUKY),
    ("co mat", MarkerKind.COMAT),
    ("tham du", MarkerKind.COMAT),
    ("vang mat", MarkerKind.VANG),
    ("vang", MarkerKind.VANG),
    ("khach moi", MarkerKind.KHACH),
    ("khach", MarkerKind.KHACH),
    ("noi dung", MarkerKind.NOIDUNG),
    ("topic", MarkerKind.NOIDUNG),
    ("y kien", MarkerKind.YKIEN),
    ("ket luan", MarkerKind.KETLUAN),
    ("agreed", MarkerKind.KETLUAN),
    ("giao viec", MarkerKind.GIAOVIEC),
    ("action", MarkerKind.GIAOVIEC),
    ("bieu quyet", MarkerKind.BIEUQUYET),
    ("vote", MarkerKind.BIEUQUYET),
)
_TAGS = tuple(
    (re.compile(r"\s*#\s*" + r"\s*".join(spelling.split()) + r"(?![a-z0-9])"), kind)
    for spelling, kind in _SPELLINGS
)
# "#bỏ" and "#bo" undo, "#bổ sung" does not: the undo tag is checked before folding.
_UNDO_RE = re.compile(r"\s*#\s*(?:bỏ|bo|undo)(?![\w])", re.IGNORECASE)
_AFTER_TAG_RE = re.compile(r"^\s*:?\s*")
_USERNAME_RE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{2,32}(?![\w])")
_SPACES_RE = re.compile(r"[ \t\u00a0]+")
_LIST_SPLIT_RE = re.compile(r"\s*[,;\n]+\s*")
_GUEST_SPLIT_RE = re.compile(r"\s*[;\n]+\s*")  # a comma separates a guest's name from the title
_EDGE_PUNCT = " \t\n,;:-–—."
_REASON_PREFIX_RE = re.compile(r"^(?:lý do|ly do|lí do|li do|vì|vi|do)\b\s*:?\s*", re.IGNORECASE)
_NAME_REASON_RE = re.compile(r"\s*(?:\(|:|\s[-–—]\s|,\s*(?:lý do|ly do)\b|\s(?:vì|lý do|ly do)\s)")
_VOTE_TAIL_RE = re.compile(r"(\d{1,4})\s*[/|]\s*(\d{1,4})\s*[/|]\s*(\d{1,4})\s*\.?\s*$")
_VOTE_WORDS = (
    ("yes", re.compile(r"(?<!khong )tan thanh\s*:?\s*(\d{1,4})")),
    ("no", re.compile(r"khong tan thanh\s*:?\s*(\d{1,4})")),
    ("abstain", re.compile(r"khong (?:co )?y kien\s*:?\s*(\d{1,4})")),
)
_VOTE_WORDS_START = re.compile(r"[,;:.\s]*(?:khong )?(?:tan thanh|y kien)")


def parse_marker(text: str, mention_texts: Sequence[str] = ()) -> Parsed | None:
    """Read a message as a marker, or return None if it does not start with one.

    Args:
        text: the message text or caption.
        mention_texts: texts of mentions that carry no @username (platform links to a user),
            as they appear in the message.
    """
    text = clean(text)
    if _UNDO_RE.match(text):
        return Undo()
    folded = _fold_aligned(text)
    for pattern, kind in _TAGS:
        match = pattern.match(folded)
        if match:
            rest = _AFTER_TAG_RE.sub("", text[match.end() :], count=1)
            return _READERS[kind](kind, rest, mention_texts)
    return None


def _fold_aligned(text: str) -> str:
    """fold() character by character, so positions in the result are positions in text."""
    out = []
    for ch in text:
        folded = fold(ch)
        out.append(folded if len(folded) == 1 else "?")
    return "".join(out)


def _tidy(text: str) -> str:
    lines = (_SPACES_RE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line).strip(_EDGE_PUNCT)


def _split_people(text: str, mention_texts: Sequence[str]) -> list[tuple[str, bool]]:
    """Cut text into pieces: (mention, True) and (the text between, False), in order.

    A mention as the platform or the member list gave it ("@Lan Nguyễn") wins over an
    @username that starts where it does ("@Lan").
    """
    spans: list[tuple[int, int]] = []
    for name in sorted(mention_texts, key=len, reverse=True):
        start = text.find(name) if name else -1
        if start >= 0 and not any(a <= start < b for a, b in spans):
            spans.append((start, start + len(name)))
    for m in _USERNAME_RE.finditer(text):
        if not any(a <= m.start() < b for a, b in spans):
            spans.append((m.start(), m.end()))
    pieces: list[tuple[str, bool]] = []
    last = 0
    for start, end in sorted(spans):
        pieces.append((text[last:start], False))
        pieces.append((text[start:end], True))
        last = end
    pieces.append((text[last:], False))
    return pieces


def _people_and_rest(text: str, mention_texts: Sequence[str]) -> tuple[tuple[str, ...], str]:
    pieces = _split_people(text, mention_texts)
    people = tuple(p for p, is_mention in pieces if is_mention)
    rest = " ".join(p for p, is_mention in pieces if not is_mention)
    return people, rest


def _read_people(kind: MarkerKind, text: str, mentions: Sequence[str]) -> Parsed:
    people, rest = _people_and_rest(text, mentions)
    names = tuple(n for n in (_tidy(x) for x in _LIST_SPLIT_RE.split(rest)) if n)
    if kind is MarkerKind.COMAT and not people and not names:
        return MarkerProblem(kind, Problem.EMPTY)
    # #chutri / #thuky alone: the sender names themself (the caller knows who that is).
    return ParsedMarker(kind, people=people, names=names)


def _read_absent(kind: MarkerKind, text: str, mentions: Sequence[str]) -> Parsed:
    pieces = _split_people(text, mentions)
    lead = _tidy(pieces[0][0])
    people = [(pieces[i][0], _reason(pieces[i + 1][0])) for i in range(1, len(pieces) - 1, 2)]
    if not people:
        if not lead:
            return MarkerProblem(kind, Problem.EMPTY)
        return ParsedMarker(kind, absentees=(_name_and_reason(lead),))
    # "@hung @mai đi công tác": a person with no reason of their own shares the next one;
    # "#vang ốm @hung": a reason before everyone applies to all.
    shared = ""
    filled: list[Absentee] = []
    for who, reason in reversed(people):
        shared = reason or shared
        filled.append(Absentee(who, True, reason or shared))
    absentees = tuple(reversed(filled))
    if lead and not any(a.reason for a in absentees):
        absentees = tuple(Absentee(a.who, True, _reason(lead)) for a in absentees)
    return ParsedMarker(kind, people=tuple(p for p, _ in people), absentees=absentees)


def _reason(text: str) -> str:
    reason = _REASON_PREFIX_RE.sub("", _tidy(text).strip("()"))
    return _tidy(reason).strip("()")


def _name_and_reason(text: str) -> Absentee:
    match = _NAME_REASON_RE.search(text)
    if match is None or match.start() == 0:
        return Absentee(_tidy(text), False, "")
    return Absentee(_tidy(text[: match.start()]), False, _reason(text[match.start() :]))


def _read_guests(kind: MarkerKind, text: str, mentions: Sequence[str]) -> Parsed:
    names = tuple(n for n in (_tidy(x) for x in _GUEST_SPLIT_RE.split(text)) if n)
    if not names:
        return MarkerProblem(kind, Problem.EMPTY)
    return ParsedMarker(kind, names=names)


def _read_text(kind: MarkerKind, text: str, mentions: Sequence[str]) -> Parsed:
    body = _tidy(text)
    if not body:
        return MarkerProblem(kind, Problem.EMPTY)
    if kind is MarkerKind.YKIEN:
        # "#ykien @hung: đề nghị …" notes someone else's opinion; a mention later in the
        # sentence is part of what was said.
        pieces = _split_people(body, mentions)
        if len(pieces) > 1 and not pieces[0][0].strip():
            said = _tidy(pieces[2][0]) if len(pieces) == 3 else ""
            if said:
                return ParsedMarker(kind, text=said, people=(pieces[1][0],))
    return ParsedMarker(kind, text=body)


def _read_task(kind: MarkerKind, text: str, mentions: Sequence[str]) -> Parsed:
    people, rest = _people_and_rest(text, mentions)
    body = _tidy(rest)
    if not body:
        return MarkerProblem(kind, Problem.EMPTY)
    return ParsedMarker(kind, text=body, people=people)


def _read_vote(kind: MarkerKind, text: str, mentions: Sequence[str]) -> Parsed:
    body = _tidy(text)
    tail = _VOTE_TAIL_RE.search(body)
    if tail:
        yes, no, abstain = (int(g) for g in tail.groups())
        return ParsedMarker(kind, text=_tidy(body[: tail.start()]), votes=Votes(yes, no, abstain))
    folded = _fold_aligned(body)
    counts = {}
    for name, pattern in _VOTE_WORDS:
        found = pattern.search(folded)
        if found:
            counts[name] = int(found.group(1))
    if len(counts) < 3:
        return MarkerProblem(kind, Problem.VOTES if body else Problem.EMPTY)
    start = _VOTE_WORDS_START.search(folded)
    subject = _tidy(body[: start.start()]) if start else ""
    return ParsedMarker(kind, text=subject, votes=Votes(**counts))


_READERS = {
    MarkerKind.CHUTRI: _read_people,
    MarkerKind.THUKY: _read_people,
    MarkerKind.COMAT: _read_people,
    MarkerKind.VANG: _read_absent,
    MarkerKind.KHACH: _read_guests,
    MarkerKind.NOIDUNG: _read_text,
    MarkerKind.YKIEN: _read_text,
    MarkerKind.KETLUAN: _read_text,
    MarkerKind.GIAOVIEC: _read_task,
    MarkerKind.BIEUQUYET: _read_vote,
}
