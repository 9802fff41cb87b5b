"""How commands read a time, so the same words mean the same in every command.

/viec … hạn, /han, /lich, /doilich and /nhac all read through bot.dates and answer its three
outcomes alike: no time (the command's own hint), a time, or a Refusal, which becomes the
question back "Trợ lý chưa đọc được thời gian …: <why>".  A date typed without its year that
lands more than two months away is not filed: the command keeps the request as a question
(bot.core.questions, like every question asked before acting) and asks "ý anh/chị là
20/11/2027?" with two buttons.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.chat.messages import Reply
from bot.core import questions
from bot.core.context import Context, UserError
from bot.dates import Refusal, When, format_span
from handlers import timewords_text as T
from storage.pending import Pending


def refused(refusal: Refusal) -> UserError:
    """The question back for time words that cannot be read (nothing is changed)."""
    return UserError(T.UNREADABLE.format(words=refusal.words, reason=refusal.reason))


def year_question(words: str, shown: str, detail: str = "") -> str:
    """ "Anh/chị ghi “20/11 14h” không kèm năm. Ý anh/chị là 14:00 thứ Bảy, 20/11/2027?"."""
    return T.YEAR_QUESTION.format(words=words.strip(), when=shown, detail=detail)


def year_label(at: datetime) -> str:
    """The confirm button of the year question: "Đúng, 20/11/2027"."""
    return T.BTN_YES.format(day=_day(at))


def typed_when(at: datetime, has_time: bool) -> str:
    """A moment as one would type it back to a command, year included: "20/11/2027",
    "14h 20/11/2027", "14h30 20/11/2027" (bot.dates reads these as the same moment)."""
    if not has_time:
        return _day(at)
    return f"{typed_clock(at)} {_day(at)}"


def typed_clock(at: datetime) -> str:
    """The time of day as one would type it to a command: "14h", "14h30"."""
    return f"{at.hour}h{at.minute:02d}" if at.minute else f"{at.hour}h"


def _day(at: datetime) -> str:
    return f"{at.day:02d}/{at.month:02d}/{at.year}"


async def ask_year(
    ctx: Context, prefix: str, kind: str, payload: dict[str, Any], when: When, words: str
) -> Reply:
    """Keep the request until its author answers (bot.core.questions), and ask about the year.

    Args:
        ctx: The request.
        prefix: The button prefix of the feature that will carry the request out.
        kind: The pending kind ("event", "move", "remind"; storage/pending.py).
        payload: What the feature needs to carry it out (JSON-able).
        when: The time as read.
        words: The time words as typed.
    """
    question_id = await questions.ask(ctx, kind, payload)
    buttons = questions.answer_buttons(prefix, question_id, year_label(when.at), T.BTN_CANCEL)
    return Reply(text=year_question(words, format_span(when)), buttons=buttons)


@dataclass(frozen=True)
class Answer:
    """A pressed year-question button: the request (already dropped) when confirmed."""

    pending: Pending | None
    reply: Reply | None = None  # what to show when the request was cancelled


async def answer(ctx: Context, kinds: tuple[str, ...]) -> Answer:
    """The request a year-question button names, taken out of storage.

    Only its author may answer, only for its group (from a private chat, the group it was
    asked for), within a day; "Hủy" drops it and says so.  A request pressed twice is gone the
    second time.
    """
    choice, raw_id = questions.parse_answer(ctx.msg.button_data)
    pending = await questions.answered(ctx, raw_id, frozenset(kinds))
    await questions.close(ctx, pending)
    if choice != "ok":
        return Answer(None, Reply(text=T.CANCELLED, edit=True, notice=T.CANCELLED_NOTICE))
    return Answer(pending)
