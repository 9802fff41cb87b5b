"""Changing an event: /huylich (asked first), /doilich <số> <khi nào> [tại <nơi>] [: nội dung],
and /sualich <số> [tại <nơi>] [: nội dung]. Moving an event asks everyone to answer again:
the answers for the old time stay in its history and no longer count."""

from __future__ import annotations

import re
from datetime import datetime

from bot.chat.messages import Reply
from bot.core import questions
from bot.core.buttons import Id
from bot.core.context import Context, UserError
from bot.core.permissions import Action
from bot.core.router import ButtonRoute, Command, Router, Scope
from bot.dates import When, format_when, parse_when, read_when
from handlers import events_text as T
from handlers.events import RESTORE, event_times, find_event, same_time_lines
from handlers.events_rsvp import event_of_button, rsvp_buttons
from handlers.events_text import KIND_NAMES
from handlers.events_view import event_lines, reminders_line, span_text
from handlers.events_when import confirmed_time, read_move, split_place_and_title
from handlers.timewords import ask_year
from storage.events import Event
from storage.models import Group
from storage.pending import Pending
from storage.timefmt import to_db

ANSWER = "evp"  # evp:<ok|no>:<question id>   Hủy lịch / Không hủy
YEAR = "lmq"  # lmq:<ok|no>:<question id>   the year left out of /doilich's new time


def register(router: Router) -> None:
    """Add /huylich, /doilich, /sualich and the answers to the cancel question."""
    for name, handler, summary, usage, aliases, summary_en, examples in (
        (
            "huylich",
            cancel_event,
            "Hủy một lịch (hỏi lại trước; các nhắc lịch hủy theo)",
            "/huylich <số>",
            ("cancelevent",),
            "Cancel an event and its reminders (asks first)",
            ("/huylich 2",),
        ),
        (
            "doilich",
            move_event,
            "Dời lịch sang thời gian khác (nhắc lịch dời theo, mọi người xác nhận lại)",
            T.MOVE_USAGE,
            ("moveevent",),
            "Move an event; its reminders move too, everyone answers again",
            T.MOVE_EXAMPLES,
        ),
        (
            "sualich",
            edit_event,
            "Sửa địa điểm hoặc nội dung của lịch",
            T.EDIT_USAGE,
            ("editevent",),
            "Change an event's place or content",
            T.EDIT_EXAMPLES,
        ),
    ):
        router.command(
            Command(
                name,
                handler,
                summary,
                usage,
                T.SECTION,
                aliases=aliases,
                summary_en=summary_en,
                examples=examples,
            )
        )
    router.button(ButtonRoute(ANSWER, on_answer, scope=Scope.ANYWHERE))
    router.button(ButtonRoute(RESTORE, restore_pressed, scope=Scope.ANYWHERE, fields=(Id(),)))
    router.button(ButtonRoute(YEAR, year_confirmed, scope=Scope.ANYWHERE))


async def _event_to_manage(ctx: Context, usage: str) -> tuple[Group, Event, str]:
    """The event numbered first in the arguments (once the sender may manage events), and the
    rest of the arguments."""
    group = ctx.require_group()
    first, _, rest = ctx.msg.args.strip().partition(" ")
    if not re.fullmatch(r"#?\d{1,6}", first):
        raise UserError(T.NUMBER_MISSING.format(usage=usage))
    await ctx.require(Action.MANAGE_EVENTS)
    return group, await find_event(ctx, group, first), rest.strip()


# -- cancelling -----------------------------------------------------------------------------------


async def cancel_event(ctx: Context) -> Reply:
    """/huylich <số>: asks first (Hủy lịch / Không hủy); nothing changes before the answer."""
    _, event, _ = await _event_to_manage(ctx, "/huylich 2")
    if event.status == "cancelled":
        raise UserError(T.ALREADY_CANCELLED.format(number=event.number))
    question_id = await questions.ask(ctx, "cancel_event", {"event_id": event.id})
    when = format_when(event.starts_at, True, ctx.local_now())
    return Reply(
        text=T.CANCEL_ASK.format(number=event.number, kind=KIND_NAMES[event.kind], when=when),
        buttons=questions.answer_buttons(ANSWER, question_id, T.BTN_CANCEL_EVENT, T.BTN_KEEP),
    )


async def on_answer(ctx: Context) -> Reply:
    """Hủy lịch / Không hủy: only the person who asked decides."""
    answer, raw_id = questions.parse_answer(ctx.msg.button_data)
    question = await questions.answered(ctx, raw_id, frozenset({"cancel_event"}))
    if answer != "ok":
        await questions.close(ctx, question)
        return Reply(text=T.CANCEL_KEPT, edit=True, notice=T.CANCEL_KEPT)
    return await _confirm_cancel(ctx, question)


async def _confirm_cancel(ctx: Context, question: Pending) -> Reply:
    await ctx.require(Action.MANAGE_EVENTS)
    event = await ctx.services.events.by_id(int(question.payload["event_id"]))
    if event is None or event.group_id != ctx.require_group().id:
        raise UserError(T.CANCEL_GONE)
    if event.status == "cancelled":
        raise UserError(T.ALREADY_CANCELLED.format(number=event.number))
    await questions.close(ctx, question)
    services = ctx.services
    await services.events.cancel(event.id)
    await services.dispatcher.rearm()
    await ctx.remember("event_cancelled", event_id=event.id)
    when = format_when(event.starts_at, True, ctx.local_now())
    return Reply(
        text=T.CANCELLED.format(number=event.number, kind=KIND_NAMES[event.kind], when=when),
        edit=True,
    )


async def restore_pressed(ctx: Context) -> Reply:
    """Khôi phục lịch (under /lich <số> of a cancelled event still ahead): active again, with
    its reminders planned anew."""
    (event_id,) = ctx.button
    event = await event_of_button(ctx, event_id)
    await ctx.require(Action.MANAGE_EVENTS)
    if event.status != "cancelled":
        raise UserError(T.NOT_CANCELLED.format(number=event.number))
    if event.starts_at <= ctx.now():
        raise UserError(T.RESTORE_PAST.format(number=event.number))
    services = ctx.services
    rows = services.planner.event_rows(ctx.require_group(), event.kind, event.starts_at)
    await services.events.restore(event.id, rows, ctx.now())
    await services.dispatcher.rearm()
    await ctx.remember("event_restored", event_id=event.id)
    restored = await services.events.by_id(event.id)
    assert restored is not None
    lines = [T.RESTORED.format(number=event.number, kind=KIND_NAMES[event.kind])]
    lines += event_lines(restored, ctx.local_now())
    lines.append(reminders_line(rows, ctx.local_now()))
    return Reply(text="\n".join(lines), buttons=rsvp_buttons(restored), edit=True)


# -- moving and editing ---------------------------------------------------------------------------


async def move_event(ctx: Context) -> Reply:
    """/doilich <số> <khi nào> [tại <nơi>] [: nội dung]: the new time (and place, content),
    the reminders that moved with it, and Tham dự / Vắng to answer again. A day and month
    typed without the year that land months away are asked about first."""
    group, event, rest = await _event_to_manage(ctx, "/doilich 2 8h thứ 6")
    if event.status == "cancelled":
        raise UserError(T.IS_CANCELLED.format(number=event.number))
    local_now = ctx.local_now()
    if isinstance(read_when(rest, local_now), When):
        # The whole text is the time, labels and all ("Thời gian: 14h00 ngày 5/12").
        time_text, place, title = rest, None, None
    else:
        time_text, place, title = split_place_and_title(rest)
    if not time_text:
        raise UserError(T.NO_TIME if place is None else T.PLACE_NO_TIME)
    time = read_move(time_text, local_now)
    if time.when.far_without_year(local_now):
        payload = {"event_id": event.id, "place": place, "title": title, **event_times(time)}
        return await ask_year(ctx, YEAR, "move", payload, time.when, time.words)
    return await _move(ctx, group, event, time.when.at, time.ends_at, place, title)


async def year_confirmed(ctx: Context) -> Reply:
    """ "Đúng, 20/11/2027" under the year question of /doilich: move the event as asked."""
    confirmed = await confirmed_time(ctx, "move")
    if isinstance(confirmed, Reply):
        return confirmed
    group, data = ctx.require_group(), confirmed.data
    event = await ctx.services.events.by_id(int(data["event_id"]))
    if event is None or event.group_id != group.id:
        raise UserError(T.CANCEL_GONE)
    if event.status == "cancelled":
        raise UserError(T.IS_CANCELLED.format(number=event.number))
    place = str(data["place"]) if data.get("place") is not None else None
    title = str(data["title"]) if data.get("title") is not None else None
    reply = await _move(ctx, group, event, confirmed.starts_at, confirmed.ends_at, place, title)
    return Reply(text=reply.text, buttons=reply.buttons, edit=True)


async def _move(
    ctx: Context,
    group: Group,
    event: Event,
    starts_at: datetime,
    ends_at: datetime | None,
    place: str | None,
    title: str | None,
) -> Reply:
    """Move the event (its end replaced by the new one, or none), change its place and content
    when given, journal it for /hoantac; the reply asks everyone to answer again."""
    local_now = ctx.local_now()
    services = ctx.services
    rows = services.planner.event_rows(group, event.kind, starts_at)
    set_aside = await services.events.move(event.id, starts_at, rows, ctx.now(), ends_at)
    new_place = event.place if place is None else place
    new_title = event.title if title is None else (title or KIND_NAMES[event.kind])
    if (new_place, new_title) != (event.place, event.title):
        await services.events.edit(event.id, new_place, new_title)
    await services.dispatcher.rearm()
    await ctx.remember(
        "event_moved",
        event_id=event.id,
        to=to_db(starts_at),
        ends_from=to_db(event.ends_at) if event.ends_at else None,
        ends_to=to_db(ends_at) if ends_at else None,
        place_from=event.place,
        place_to=new_place,
        title_from=event.title,
        title_to=new_title,
        **{"from": to_db(event.starts_at)},
    )
    moved = await services.events.by_id(event.id)
    assert moved is not None
    lines = [
        T.MOVED.format(
            number=event.number,
            kind=KIND_NAMES[event.kind],
            when=span_text(starts_at, ends_at, local_now),
        ),
        *event_lines(moved, local_now)[1:],
        reminders_line(rows, local_now),
        *await same_time_lines(ctx, moved),
    ]
    coming = [user_id for user_id, answer in set_aside if answer == "yes"]
    if set_aside:
        names = [await services.groups.mention(group, user_id) for user_id in coming]
        lines.append(T.ASK_AGAIN_NAMED.format(names=", ".join(names)) if names else T.ASK_AGAIN)
    else:
        lines.append(T.RSVP_ASK)
    return Reply(text="\n".join(lines), buttons=rsvp_buttons(moved))


async def edit_event(ctx: Context) -> Reply:
    """/sualich <số> [tại <nơi>] [: nội dung] (or just the new content): what changed."""
    _, event, rest = await _event_to_manage(ctx, "/sualich 2 tại Hội trường UBND xã")
    if event.status == "cancelled":
        raise UserError(T.IS_CANCELLED.format(number=event.number))
    head, place, title = split_place_and_title(rest)
    if head and title is None:
        title = head  # no "tại" and no colon: the whole text is the new content
    elif head:
        raise UserError(T.EDIT_UNCLEAR.format(number=event.number))
    if place is None and title is None:
        raise UserError(T.EDIT_NOTHING.format(number=event.number))
    if title and place is None and parse_when(title, ctx.local_now()) is not None:
        raise UserError(T.EDIT_LOOKS_LIKE_TIME.format(number=event.number, text=title))
    new_place = event.place if place is None else place
    new_title = event.title if title is None else (title or KIND_NAMES[event.kind])
    if (new_place, new_title) == (event.place, event.title):
        raise UserError(T.EDIT_SAME.format(number=event.number))
    await ctx.services.events.edit(event.id, new_place, new_title)
    await ctx.remember(
        "event_edited",
        event_id=event.id,
        place_from=event.place,
        place_to=new_place,
        title_from=event.title,
        title_to=new_title,
    )
    edited = await ctx.services.events.by_id(event.id)
    assert edited is not None
    lines = [T.EDITED.format(number=event.number, kind=KIND_NAMES[event.kind])]
    lines += event_lines(edited, ctx.local_now())
    return Reply(text="\n".join(lines))
