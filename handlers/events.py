"""/lich (create, list, show) and the text of an event reminder.

/huylich, /doilich and /sualich are in handlers/events_edit.py, the Tham dự / Vắng buttons and
the Vắng reason in handlers/events_rsvp.py, the .ics file in handlers/events_ics.py.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from bot.chat.messages import Button, Reply
from bot.core.context import Context, Services, UserError
from bot.core.permissions import Action
from bot.core.router import Command, Router
from bot.dates import When, format_when, parse_when, split_when
from bot.reminders.planner import SNOOZE_DELAY
from bot.reminders.render import Outgoing, Withdrawn
from bot.textnorm import fold
from handlers import events_rsvp
from handlers import events_text as T
from handlers.event_kinds import read_kind
from handlers.events_ics import EVENT_LENGTH, ics_reply
from handlers.events_rsvp import rsvp_buttons
from handlers.events_text import KIND_NAMES
from handlers.settings import describe_offset
from storage.events import Event
from storage.models import Group
from storage.reminders import Reminder

MAX_FIELD = 300
RESTORE = "evr"  # evr:<event id>   Khôi phục lịch, under a cancelled event that is still ahead
_COLON_RE = re.compile(r"(?<!\d):|:(?!\d)")  # not the colon of 14:30
_PLACE_RE = re.compile(r"(?:^|\s)(?:tại|tai)\s*", re.IGNORECASE)


def register(router: Router) -> None:
    """Add /lich, then the RSVP buttons and the reason listener (/huylich, /doilich and
    /sualich are the events_edit feature)."""
    router.command(
        Command(
            "lich",
            events_command,
            "Tạo lịch (TXCT, giám sát, khảo sát, họp Tổ); xem lịch; /lich ics để tải về",
            T.USAGE,
            T.SECTION,
            aliases=("event",),
            summary_en="Schedule an event; list events; /event ics for a calendar file",
            examples=T.EXAMPLES,
        )
    )
    events_rsvp.register(router)
    router.reminder("event", event_reminder)


async def events_command(ctx: Context) -> Reply:
    """/lich: list; /lich <số>: one event with attendance; /lich ics: a calendar file;
    /lich <loại> <khi nào> …: create."""
    group = ctx.require_group()
    args = ctx.msg.args.strip()
    first, _, rest = args.partition(" ")
    if not args:
        await ctx.require(Action.VIEW)
        return await _list(ctx, group)
    if re.fullmatch(r"#?\d{1,6}", first) and not rest.strip():
        await ctx.require(Action.VIEW)
        return await _show(ctx, group, await find_event(ctx, group, first))
    if fold(first) in ("ics", "ical", "tai", "xuat"):
        await ctx.require(Action.VIEW)
        events = await ctx.services.events.upcoming(group.id, ctx.now(), limit=500)
        return ics_reply(group, events, ctx.now())
    kind, rest = read_kind(args)
    if kind is None:
        raise UserError(T.UNKNOWN_KIND.format(word=first))
    await ctx.require(Action.MANAGE_EVENTS)
    when, place, title = _parse_event(rest, ctx.local_now())
    services = ctx.services
    rows = services.planner.event_rows(group, kind, when.at)
    event = await services.events.create(
        group_id=group.id,
        kind=kind,
        starts_at=when.at,
        place=place,
        title=title or KIND_NAMES[kind],
        created_by=ctx.msg.sender.user_id,
        now=ctx.now(),
        reminders=rows,
    )
    await services.dispatcher.rearm()
    await ctx.remember("event_created", event_id=event.id)
    lines = [T.CREATED.format(number=event.number, kind=KIND_NAMES[kind])]
    lines += event_lines(event, ctx.local_now())
    lines.append(reminders_line(rows, ctx.local_now()))
    lines += await same_time_lines(ctx, event)
    lines.append(T.RSVP_ASK)
    return Reply(text="\n".join(lines), buttons=rsvp_buttons(event))


async def same_time_lines(ctx: Context, event: Event) -> list[str]:
    """One warning line when another of the group's events overlaps this one."""
    others = await ctx.services.events.at_same_time(
        event.group_id, event.starts_at, EVENT_LENGTH, event.id
    )
    if not others:
        return []
    local_now = ctx.local_now()
    items = [
        T.SAME_TIME_ITEM.format(
            number=other.number,
            kind=KIND_NAMES[other.kind],
            when=format_when(other.starts_at, True, local_now),
        )
        for other in others
    ]
    return [T.SAME_TIME.format(items="; ".join(items))]


def _parse_event(text: str, local_now: datetime) -> tuple[When, str | None, str]:
    """'8h thứ 6 tuần sau tại Nhà văn hóa : Nội dung' → (When, place, title)."""
    colon = _COLON_RE.search(text)
    head, title = (text[: colon.start()], text[colon.end() :]) if colon else (text, "")
    title = " ".join(title.split())
    place_match = _PLACE_RE.search(head)
    place: str | None = None
    if place_match:
        time_text = head[: place_match.start()].strip()
        place = " ".join(head[place_match.end() :].split())
        if not time_text:
            raise UserError(T.PLACE_NO_TIME)
        if not place:
            raise UserError(T.PLACE_EMPTY)
        when = parse_when(time_text, local_now)
        if when is None:
            raise UserError(T.BAD_TIME.format(text=time_text))
    else:
        if not head.strip():
            raise UserError(T.NO_TIME)
        found = split_when(head, local_now)
        if found is None:
            raise UserError(T.BAD_TIME.format(text=head.strip()))
        when, rest = found
        title = title or " ".join(rest.split())
        time_text = head
    if len(title) > MAX_FIELD or (place and len(place) > MAX_FIELD):
        raise UserError(T.TOO_LONG.format(limit=MAX_FIELD))
    require_start(when, time_text.strip(), local_now)
    return when, place, title


def require_start(when: When, text: str, local_now: datetime) -> None:
    """An event starts once, at a given hour, in the future."""
    if when.repeat is not None:
        raise UserError(T.NO_REPEAT)
    if not when.has_time:
        raise UserError(T.NEED_HOUR.format(text=text))
    if when.at <= local_now:
        raise UserError(T.PAST.format(when=format_when(when.at, True, local_now)))


def event_lines(event: Event, local_now: datetime) -> list[str]:
    lines = [T.TIME_LINE.format(when=format_when(event.starts_at, True, local_now))]
    if event.place:
        lines.append(T.PLACE_LINE.format(place=event.place))
    if event.title and event.title != KIND_NAMES[event.kind]:
        lines.append(T.TITLE_LINE.format(title=event.title))
    return lines


def reminders_line(rows: list[Any], local_now: datetime) -> str:
    if not rows:
        return T.NO_REMINDERS
    items = [
        T.REMINDER_ITEM.format(
            when=format_when(r.due_at, True, local_now),
            offset=describe_offset(int(r.payload["offset"])),
        )
        for r in rows
    ]
    return T.REMINDERS_LINE.format(items="; ".join(items))


async def find_event(ctx: Context, group: Group, word: str) -> Event:
    number = int(word.lstrip("#"))
    event = await ctx.services.events.by_number(group.id, number)
    if event is None:
        raise UserError(T.NOT_FOUND.format(number=number))
    return event


async def _list(ctx: Context, group: Group) -> Reply:
    local_now = ctx.local_now()
    events = await ctx.services.events.upcoming(group.id, ctx.now())
    if not events:
        return Reply(text=T.LIST_EMPTY)
    lines = [T.LIST_HEADER.format(count=len(events))]
    for event in events:
        lines.append(
            T.LIST_LINE.format(
                number=event.number,
                when=format_when(event.starts_at, True, local_now),
                kind=KIND_NAMES[event.kind],
                place=f" tại {event.place}" if event.place else "",
                title=event.title,
            )
        )
    lines.append(T.LIST_FOOTER)
    return Reply(text="\n".join(lines))


async def _show(ctx: Context, group: Group, event: Event) -> Reply:
    local_now = ctx.local_now()
    status = T.CANCELLED_MARK if event.status == "cancelled" else ""
    lines = [
        T.DETAIL_HEADER.format(number=event.number, kind=KIND_NAMES[event.kind], status=status)
    ]
    lines += event_lines(event, local_now)
    services = ctx.services
    answers = await services.events.attendance(event.id)
    members = {m.user_id: m for m in await ctx.services.groups.members(group.id)}

    async def name(user_id: str) -> str:
        member = members.get(user_id)
        return member.display_name if member else await services.groups.mention(group, user_id)

    yes = [await name(a.user_id) for a in answers if a.answer == "yes"]
    no = [
        T.REASON.format(name=await name(a.user_id), reason=a.reason)
        if a.reason
        else T.REASON_MISSING.format(name=await name(a.user_id))
        for a in answers
        if a.answer == "no"
    ]
    answered = {a.user_id for a in answers}
    silent = [m.display_name for uid, m in members.items() if uid not in answered]
    lines.append(T.ATTEND_YES.format(count=len(yes), names=", ".join(yes) or "—"))
    lines.append(T.ATTEND_NO.format(count=len(no), names="; ".join(no) or "—"))
    lines.append(T.ATTEND_NONE.format(count=len(silent), names=", ".join(silent) or "—"))
    old = await services.events.old_answers(event.id)
    if old:
        shown = [
            T.OLD_ANSWER.format(
                name=await name(a.user_id),
                answer=T.RSVP_YES if a.answer == "yes" else T.RSVP_NO,
                when=format_when(a.starts_at, True, local_now),
            )
            for a in old
        ]
        lines.append(T.OLD_ANSWERS.format(items="; ".join(shown)))
    if event.status == "active" and event.starts_at > ctx.now():
        return Reply(text="\n".join(lines), buttons=rsvp_buttons(event))
    if event.status == "cancelled" and event.starts_at > ctx.now():
        restore = Button(T.BTN_RESTORE, f"{RESTORE}:{event.id}")  # see events_edit.py
        return Reply(text="\n".join(lines), buttons=((restore,),))
    return Reply(text="\n".join(lines))


# -- the reminder message -----------------------------------------------------------------------


async def event_reminder(
    services: Services, row: Reminder, group: Group, now: datetime
) -> Outgoing | Withdrawn | None:
    """The text and RSVP buttons of an event reminder; withdrawn once it has begun or was
    cancelled (the event's creator is told when the group's reminder is the one withdrawn).

    The group's copy says who confirmed attending (named, so Telegram notifies them) and how
    many have not answered; a personal copy (payload "personal") reminds a confirmed attendee.
    """
    assert row.source_id is not None
    event = await services.events.by_id(row.source_id)
    if event is None or event.group_id != group.id:
        return None
    if event.status != "active" or event.starts_at <= now:
        start = event.starts_at.astimezone(group.timezone)
        why = (
            T.WITHDRAWN_CANCELLED
            if event.status != "active"
            else T.WITHDRAWN_STARTED.format(time=f"{start.hour:02d}:{start.minute:02d}")
        )
        # The group's copy was promised to the event's creator when they scheduled it.
        tell = None if row.payload.get("personal") else event.created_by
        what = T.WITHDRAWN_WHAT.format(number=event.number, kind=KIND_NAMES[event.kind])
        return Withdrawn(what, why, tell)
    left = int((event.starts_at - now).total_seconds() // 60)
    if left >= 1440:
        left -= left % 60  # "còn 2 ngày 23 giờ", not the minutes
    local_now = now.astimezone(group.timezone)
    lines = [
        T.REMINDER.format(
            kind=KIND_NAMES[event.kind], number=event.number, left=describe_offset(left)
        )
    ]
    lines += event_lines(event, local_now)
    # "Nhắc lại sau 1 giờ" only while the event is more than an hour away.
    snooze = event.starts_at - now > SNOOZE_DELAY
    if row.payload.get("personal"):
        lines.append(T.REMINDER_PERSONAL)
        return Outgoing("\n".join(lines), ends_at=event.starts_at, snooze=snooze)
    answers = await services.events.attendance(event.id)
    coming = [a.user_id for a in answers if a.answer == "yes"]
    if coming:
        names = [await services.groups.mention(group, user_id) for user_id in coming]
        lines.append(T.REMINDER_COMING.format(names=", ".join(names)))
    answered = {a.user_id for a in answers}
    silent = [m for m in await services.groups.members(group.id) if m.user_id not in answered]
    if silent:
        lines.append(T.REMINDER_SILENT.format(count=len(silent)))
    lines.append(T.RSVP_ASK)
    return Outgoing("\n".join(lines), rsvp_buttons(event), ends_at=event.starts_at, snooze=snooze)
