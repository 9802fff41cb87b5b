"""/lich (create, list, show).

/huylich, /doilich and /sualich are in handlers/events_edit.py, the Tham dự / Vắng buttons and
the Vắng reason in handlers/events_rsvp.py, the .ics file in handlers/events_ics.py, reading the
time in events_when.py, showing an event in events_view.py, the reminder message in
events_reminders.py.
"""

from __future__ import annotations

import re
from datetime import datetime

from bot.chat.messages import Button, Reply
from bot.core.context import Context, UserError
from bot.core.permissions import Action
from bot.core.router import ButtonRoute, Command, Router, Scope
from bot.dates import format_when
from bot.textnorm import fold
from handlers import events_rsvp
from handlers import events_text as T
from handlers.event_kinds import read_kind
from handlers.events_ics import EVENT_LENGTH, ics_reply
from handlers.events_reminders import event_reminder
from handlers.events_rsvp import rsvp_buttons
from handlers.events_text import KIND_NAMES
from handlers.events_view import event_lines, own_title, reminders_line, span_text
from handlers.events_when import EventTime, confirmed_time, read_event
from handlers.timewords import ask_year
from storage.events import Event
from storage.models import Group
from storage.timefmt import to_db

RESTORE = "evr"  # evr:<event id>   Khôi phục lịch, under a cancelled event that is still ahead
YEAR = "lnq"  # lnq:<ok|no>:<question id>   the year left out of a new event (timewords.ask_year)


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
    router.button(ButtonRoute(YEAR, year_confirmed, scope=Scope.ANYWHERE))
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
    request = read_event(rest, ctx.local_now())
    title = request.title or KIND_NAMES[kind]
    time = request.time
    if time.when.far_without_year(ctx.local_now()):
        payload = {"kind": kind, "place": request.place, "title": title, **event_times(time)}
        return await ask_year(ctx, YEAR, "event", payload, time.when, time.words)
    return await _create(ctx, group, kind, time.when.at, time.ends_at, request.place, title)


def event_times(time: EventTime) -> dict[str, str | None]:
    """The start and end of a read time, kept in a waiting question."""
    return {
        "starts_at": to_db(time.when.at),
        "ends_at": to_db(time.ends_at) if time.ends_at else None,
    }


async def _create(
    ctx: Context,
    group: Group,
    kind: str,
    starts_at: datetime,
    ends_at: datetime | None,
    place: str | None,
    title: str,
) -> Reply:
    """File the event with its reminders; the reply asks for attendance."""
    services = ctx.services
    rows = services.planner.event_rows(group, kind, starts_at)
    event = await services.events.create(
        group_id=group.id,
        kind=kind,
        starts_at=starts_at,
        place=place,
        title=title,
        created_by=ctx.msg.sender.user_id,
        now=ctx.now(),
        reminders=rows,
        ends_at=ends_at,
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
            when=span_text(other.starts_at, other.ends_at, local_now),
        )
        for other in others
    ]
    return [T.SAME_TIME.format(items="; ".join(items))]


async def find_event(ctx: Context, group: Group, word: str) -> Event:
    """The group's event numbered `word` ("3" or "#3"), or a clear message."""
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
                when=span_text(event.starts_at, event.ends_at, local_now),
                kind=KIND_NAMES[event.kind],
                place=f" tại {event.place}" if event.place else "",
                title=f": {title}" if (title := own_title(event)) else "",
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


async def year_confirmed(ctx: Context) -> Reply:
    """ "Đúng, 20/11/2027" under the year question of /lich: file the event as asked."""
    confirmed = await confirmed_time(ctx, "event")
    if isinstance(confirmed, Reply):
        return confirmed
    data = confirmed.data
    place = str(data["place"]) if data.get("place") else None
    reply = await _create(
        ctx,
        ctx.require_group(),
        str(data["kind"]),
        confirmed.starts_at,
        confirmed.ends_at,
        place,
        str(data["title"]),
    )
    return Reply(text=reply.text, buttons=reply.buttons, edit=True)
