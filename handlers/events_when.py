"""Reading the time, place and title of /lich, and the new time, place and content of /doilich
and /sualich.

The time may stand anywhere when it is clearly marked, so a sentence pasted from an invitation
works as it is: "/lich txct Tiếp xúc cử tri vào lúc 7 giờ 30 phút ngày 29/11/2026 tại Nhà văn
hóa tổ dân phố 5".  The old form "/lich txct 8h thứ 6 tại … : Nội dung" reads as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.chat.messages import Reply
from bot.core.context import Context, UserError
from bot.core.permissions import Action
from bot.dates import Refusal, When, find_when, format_when, read_when
from handlers import events_text as T
from handlers import timewords
from handlers.timewords import refused
from storage.timefmt import from_db

MAX_FIELD = 300
COLON_RE = re.compile(r"(?<!\d):|:(?!\d)")  # not the colon of 14:30
# "tại Nhà văn hóa", "địa điểm: Hội trường" (the label pasted from an invitation).
PLACE_RE = re.compile(r"(?:^|(?<=[\s,;.]))(?:tại|tai|địa điểm|dia diem)\b\s*:?\s*", re.I)


@dataclass(frozen=True)
class EventTime:
    """When an event starts (and ends, when the words gave an end time), as read."""

    when: When
    words: str  # the time words as typed, for questions back

    @property
    def ends_at(self) -> datetime | None:
        """The end time, when a range gave one ("từ 8h00 đến 11h00")."""
        return self.when.end if self.when.end_has_time else None


@dataclass(frozen=True)
class EventRequest:
    """What /lich <loại> … asked for."""

    time: EventTime
    place: str | None
    title: str


def read_event(text: str, local_now: datetime) -> EventRequest:
    """The time (at the start or marked anywhere), place ("tại …") and title of a new event;
    a clear refusal when any of them is missing or cannot be read."""
    got = find_when(text, local_now)
    if got is None:
        raise UserError(T.PLACE_NO_TIME if PLACE_RE.search(text) else T.NO_TIME)
    if isinstance(got, Refusal):
        raise refused(got)
    place, title = _place_and_title(got.rest)
    if len(title) > MAX_FIELD or (place and len(place) > MAX_FIELD):
        raise UserError(T.TOO_LONG.format(limit=MAX_FIELD))
    require_start(got.when, got.words, local_now)
    return EventRequest(EventTime(got.when, got.words), place, title)


def read_move(text: str, local_now: datetime) -> EventTime:
    """The new time of /doilich <số> <khi nào>: the whole text is the time."""
    got = read_when(text, local_now)
    if got is None:
        raise UserError(T.BAD_TIME.format(text=text))
    if isinstance(got, Refusal):
        raise refused(got)
    require_start(got, text, local_now)
    return EventTime(got, text)


def require_start(when: When, words: str, local_now: datetime) -> None:
    """An event starts once, at a given hour, in the future."""
    if when.repeat is not None:
        raise UserError(T.NO_REPEAT)
    if not when.has_time:
        raise UserError(T.NEED_HOUR.format(text=words.strip()))
    if when.at <= local_now:
        raise UserError(T.PAST.format(when=format_when(when.at, True, local_now)))


def split_place_and_title(text: str) -> tuple[str, str | None, str | None]:
    """/doilich and /sualich: '8h thứ 6 tại Nhà văn hóa : Nội dung' → ('8h thứ 6', 'Nhà văn
    hóa', 'Nội dung'); None for what was not given. The time itself is read by the caller."""
    colon = COLON_RE.search(text)
    head, title = (text[: colon.start()], text[colon.end() :]) if colon else (text, None)
    place = None
    place_match = PLACE_RE.search(head)
    if place_match:
        place = " ".join(head[place_match.end() :].split())
        head = head[: place_match.start()]
        if not place:
            raise UserError(T.PLACE_EMPTY)
    title = " ".join(title.split()) if title is not None else None
    if (title and len(title) > MAX_FIELD) or (place and len(place) > MAX_FIELD):
        raise UserError(T.TOO_LONG.format(limit=MAX_FIELD))
    return " ".join(head.split()), place, title


def _place_and_title(rest: str) -> tuple[str | None, str]:
    """ "tại Nhà văn hóa khu 3 : Nội dung", "Tiếp xúc cử tri tại Nhà văn hóa", "Hội nghị,
    địa điểm: Hội trường" → (place, title)."""
    match = PLACE_RE.search(rest)
    if match is None:
        return None, _tidy(rest)
    before, after = rest[: match.start()], rest[match.end() :]
    colon = COLON_RE.search(after)
    place, title_after = (after[: colon.start()], after[colon.end() :]) if colon else (after, "")
    place = _tidy(place)
    if not place:
        raise UserError(T.PLACE_EMPTY)
    title = " ".join(part for part in (_tidy(before), _tidy(title_after)) if part)
    return place, title


def _tidy(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:.-–")


@dataclass(frozen=True)
class ConfirmedTime:
    """An event time the author confirmed under the year question, with what was kept."""

    data: dict[str, Any]
    starts_at: datetime
    ends_at: datetime | None


async def confirmed_time(ctx: Context, kind: str) -> ConfirmedTime | Reply:
    """ "Đúng, 20/11/2027" under the year question of /lich ("event") or /doilich ("move"):
    the confirmed time, or the reply that ends the press (not the author's, expired, past)."""
    answer = await timewords.answer(ctx, (kind,))
    if answer.pending is None:
        assert answer.reply is not None
        return answer.reply
    await ctx.require(Action.MANAGE_EVENTS)
    data = answer.pending.payload
    starts_at = from_db(str(data["starts_at"]))
    ends_at = from_db(str(data["ends_at"])) if data.get("ends_at") else None
    if starts_at <= ctx.now():
        raise UserError(T.PAST.format(when=format_when(starts_at, True, ctx.local_now())))
    return ConfirmedTime(data, starts_at, ends_at)
