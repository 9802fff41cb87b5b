"""Reading a task's deadline: "/viec … hạn 17h thứ 6", "… chậm nhất ngày 10/12", "/han 3
trong tuần này", a #giaoviec in the minutes (through bot.dates, like every command that takes a
time)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.context import Context, UserError
from bot.dates import WEEKDAY_NAMES, Refusal, When, examples, find_deadline, read_when
from bot.textnorm import fold
from handlers import tasks_text as T
from handlers.timewords import typed_clock
from storage.tasks import DueState, due_state, overdue_from

# "5 ngày", "2 tuần", "1 thang": a length alone, folded.
_LENGTH_RE = re.compile(r"\d{1,3}\s*(?:ngay|tuan|thang)")
# A standalone "hạn" / "han" / "hạn:" / "hạn chót" / "deadline" starts the deadline.
MARKER_RE = re.compile(r"(?<!\S)(?:hạn|han|deadline)(?:\s+ch[oó]t)?(?::|(?=\s|$))", re.IGNORECASE)
# "hạn" inside ordinary words ("gia hạn", "quá hạn", "hạn chế", "hạn mặn"): when the phrase
# after such a "hạn" is not a time, it is part of the task's text, not a deadline.
_COMPOUND_BEFORE = frozenset(
    {"gia", "thoi", "ky", "ki", "qua", "dung", "het", "tre", "co", "vo", "gioi", "nien"}
    | {"den", "toi", "trong", "tam", "ngan", "dai", "thua", "khong", "chua"}
)
_COMPOUND_AFTER = frozenset({"che", "muc", "ngach", "han", "man", "hep"})


@dataclass(frozen=True)
class Deadline:
    """A deadline as read from the user: the moment (group zone) and whether a time was given.

    ``far`` is set when the user left the year out and the date lands months away ("20/11"
    typed on 23/11): the command asks "ý anh/chị là 20/11/2027?" before filing it; ``words``
    are the time words as typed, for that question.
    """

    at: datetime
    has_time: bool
    words: str = ""
    far: bool = False

    def passed(self, now: datetime, zone: ZoneInfo) -> bool:
        """Whether it is already over at ``now``, by the one overdue rule of storage.tasks (a
        day without time lasts until midnight in the group's zone)."""
        return due_state(overdue_from(self.at, self.has_time, zone), now) is DueState.OVERDUE


_WEEKDAY_WORDS = re.compile(r"\b(?:thu|t[2-7]|cn|chu nhat)\b")
_NAMES_THE_WEEK_OR_DAY = re.compile(r"tuan|ngay|\d\s*[/.-]\s*\d")


def week_ahead_note(deadline: Deadline, local_now: datetime, number: int) -> str | None:
    """ "hạn thứ 6" typed on a Friday is next Friday (a bare weekday is its next occurrence,
    bot.dates): say so, and how to make it today, since "thứ 6" may have meant today."""
    words = fold(deadline.words)
    if (deadline.at.date() - local_now.date()).days != 7 or not _WEEKDAY_WORDS.search(words):
        return None
    if _NAMES_THE_WEEK_OR_DAY.search(words):
        return None  # "thứ 6 tuần sau", "thứ 6 ngày 4/12": the week was said
    today = "hôm nay" if not deadline.has_time else f"{typed_clock(deadline.at)} hôm nay"
    return T.WEEK_AHEAD.format(
        weekday=WEEKDAY_NAMES[local_now.weekday()],
        words=deadline.words,
        day=f"{deadline.at.day:02d}/{deadline.at.month:02d}",
        number=number,
        today=today,
    )


def examples_text() -> str:
    """'17h thứ 6; 8h sáng mai; 14h30 ngày 26/11'."""
    return "; ".join(examples())


def read_deadline(phrase: str, ctx: Context, example_command: str) -> Deadline:
    """Parse a deadline phrase; refuse with the words (and why) and three examples if
    unreadable."""
    if not phrase.strip():
        raise UserError(
            T.DUE_EMPTY.format(examples=examples_text(), example_command=example_command)
        )
    when = read_when(phrase, ctx.local_now())
    if isinstance(when, Refusal):
        raise _refused(when, example_command)
    if when is None:
        raise UserError(
            T.DUE_UNREADABLE.format(
                words=phrase.strip(), examples=examples_text(), example_command=example_command
            )
        )
    return _deadline(when, phrase, ctx)


def _deadline(when: When, words: str, ctx: Context) -> Deadline:
    """A task's deadline from a time; never a recurrence, nor two moments."""
    if when.repeat is not None:
        raise UserError(T.DUE_REPEATS.format(words=words.strip(), examples=examples_text()))
    two = _two_moments(when, words)
    if two is not None:
        raise _refused(two, T.EXAMPLE_NEW)
    return _deadline_of(when, words, ctx.local_now())


def _two_moments(when: When, words: str, start: int = 0) -> Refusal | None:
    """ "8h ngày 10/12 và 14h ngày 11/12": bot.dates reads two days joined by "và" as one
    span (an event on both days), but a deadline is one moment, and which one was meant is
    asked, not picked ("đến", "trong tuần" do give the end)."""
    if when.end is None or "va" not in fold(words).split():
        return None
    return Refusal(T.DUE_TWO_MOMENTS, words.strip(), start, start + len(words))


def _deadline_of(when: When, words: str, local_now: datetime) -> Deadline:
    """The end of a range or period ("trong tuần này" is by Sunday), and whether its year was
    left out and it lands months away."""
    at, has_time = when.deadline
    return Deadline(at, has_time, words.strip(), when.far_without_year(local_now))


def _refused(refusal: Refusal, example_command: str) -> UserError:
    return UserError(
        T.DUE_REFUSED.format(
            words=refusal.words,
            reason=refusal.reason,
            examples=examples_text(),
            example_command=example_command,
        )
    )


@dataclass(frozen=True)
class DeadlineWords:
    """What a task's text says about its deadline.

    Attributes:
        head: the task's text without the deadline and its marker (all of it if there is none).
        deadline: the deadline, when the words after the marker read as one moment.
        unreadable: the deadline words when they do not ('' when nothing follows "hạn");
            None when there is no deadline marker at all.
        refusal: why bot.dates could not read them, when it said.
        said: the deadline as typed, marker included ("hạn 20/11"); '' without a marker.
    """

    head: str
    deadline: Deadline | None
    unreadable: str | None
    refusal: Refusal | None = None
    said: str = ""


def deadline_words(text: str, local_now: datetime) -> DeadlineWords:
    """Find the deadline in a task's text: after "hạn", "hạn chót", "chậm nhất", "trước" …
    (bot.dates.find_deadline), the rest being the task.  A standalone "hạn" followed by words
    that are not a time gives them as unreadable rather than leaving them in the text.

    Pure: /viec refuses what it cannot read (split_deadline); a #giaoviec in the minutes, read
    relative to when it was said, keeps its task and asks for the deadline later.
    """
    found = find_deadline(text, local_now)
    if isinstance(found, Refusal):
        return DeadlineWords(text.strip(), None, found.words, found)
    if found is not None:
        said = text[found.start : found.end].strip()
        if found.when.repeat is not None:
            return DeadlineWords(found.rest, None, found.words, said=said)
        two = _two_moments(found.when, found.words, text.find(found.words, found.start))
        if two is not None:
            return DeadlineWords(text.strip(), None, found.words, two, said)
        deadline = _deadline_of(found.when, found.words, local_now)
        return DeadlineWords(found.rest, deadline, None, said=said)
    for match in reversed(list(MARKER_RE.finditer(text))):
        head, phrase = text[: match.start()], text[match.end() :].strip()
        if _in_a_word(match, head):
            continue
        said = text[match.start() :].strip()
        when = read_when(phrase, local_now) if phrase else None
        if when is None and _LENGTH_RE.fullmatch(fold(phrase)):
            # "hạn 5 ngày", "hạn 2 tuần": a deadline that long from today ("trong 5 ngày").
            when = read_when(f"trong {phrase}", local_now)
        if isinstance(when, When):
            when = _two_moments(when, phrase) or when
        if isinstance(when, When) and when.repeat is None:
            deadline = _deadline_of(when, phrase, local_now)
            return DeadlineWords(head.strip(), deadline, None, said=said)
        refusal = when if isinstance(when, Refusal) else None
        return DeadlineWords(head.strip(), None, phrase, refusal, said)
    return DeadlineWords(text.strip(), None, None)


def split_deadline(text: str, ctx: Context) -> tuple[str, Deadline | None]:
    """Cut the deadline off a task's text (deadline_words); deadline words that are not one
    moment are refused with the reason rather than kept in the text."""
    found = deadline_words(text, ctx.local_now())
    if found.refusal is not None:
        raise _refused(found.refusal, T.EXAMPLE_NEW)
    if found.unreadable is not None:
        return found.head, read_deadline(found.unreadable, ctx, T.EXAMPLE_NEW)  # refuses
    return found.head, found.deadline


def _in_a_word(match: re.Match[str], head: str) -> bool:
    """Whether this 'hạn' reads as part of an ordinary word rather than 'deadline:'."""
    marker = fold(match.group())
    if marker != "han":
        return False  # "hạn:", "hạn chót", "deadline" always announce a deadline
    before = fold(head).split()[-1:]
    after = fold(match.string[match.end() :]).split()[:1]
    return bool(set(before) & _COMPOUND_BEFORE or set(after) & _COMPOUND_AFTER)
