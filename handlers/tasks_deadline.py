"""Reading a task's deadline: "/viec … hạn 17h thứ 6", "… chậm nhất ngày 10/12", "/han 3
trong tuần này" (through bot.dates, like every command that takes a time)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from bot.core.context import Context, UserError
from bot.dates import Refusal, When, examples, find_deadline, read_when
from bot.textnorm import fold
from handlers import tasks_text as T

# A standalone "hạn" / "han" / "hạn:" / "hạn chót" / "deadline" starts the deadline.
_MARKER_RE = re.compile(r"(?<!\S)(?:hạn|han|deadline)(?:\s+ch[oó]t)?(?::|(?=\s|$))", re.IGNORECASE)
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
    """A task's deadline from a time: the end of a range or period ("trong tuần này" is by
    Sunday); never a recurrence."""
    if when.repeat is not None:
        raise UserError(T.DUE_REPEATS.format(words=words.strip(), examples=examples_text()))
    at, has_time = when.deadline
    return Deadline(at, has_time, words.strip(), when.far_without_year(ctx.local_now()))


def _refused(refusal: Refusal, example_command: str) -> UserError:
    return UserError(
        T.DUE_REFUSED.format(
            words=refusal.words,
            reason=refusal.reason,
            examples=examples_text(),
            example_command=example_command,
        )
    )


def split_deadline(text: str, ctx: Context) -> tuple[str, Deadline | None]:
    """Cut the deadline off a task's text: after "hạn", "hạn chót", "chậm nhất", "trước" …
    (bot.dates.find_deadline), the rest being the task.  A standalone "hạn" followed by words
    that are not a time is refused rather than kept in the text."""
    found = find_deadline(text, ctx.local_now())
    if isinstance(found, Refusal):
        raise _refused(found, T.EXAMPLE_NEW)
    if found is not None:
        return found.rest, _deadline(found.when, found.words, ctx)
    for match in reversed(list(_MARKER_RE.finditer(text))):
        head, phrase = text[: match.start()], text[match.end() :].strip()
        if _in_a_word(match, head):
            continue
        return head.strip(), read_deadline(phrase, ctx, T.EXAMPLE_NEW)  # refuses with the words
    return text.strip(), None


def _in_a_word(match: re.Match[str], head: str) -> bool:
    """Whether this 'hạn' reads as part of an ordinary word rather than 'deadline:'."""
    marker = fold(match.group())
    if marker != "han":
        return False  # "hạn:", "hạn chót", "deadline" always announce a deadline
    before = fold(head).split()[-1:]
    after = fold(match.string[match.end() :]).split()[:1]
    return bool(set(before) & _COMPOUND_BEFORE or set(after) & _COMPOUND_AFTER)
