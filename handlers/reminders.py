"""/nhac free reminders, their reminder text, and the "Nhắc lại sau 1 giờ" button."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from bot.chat.messages import Reply
from bot.core import text as common_text
from bot.core.buttons import Id
from bot.core.context import Context, Services, UserError
from bot.core.permissions import NOT_A_MEMBER, Action
from bot.core.router import ButtonRoute, Command, Router, Scope
from bot.dates import Refusal, Repeat, find_when, format_when
from bot.reminders.planner import SNOOZE_DELAY, repeat_from, repeat_to
from bot.reminders.render import Outgoing
from handlers import reminders_text as T
from handlers import timewords
from handlers.timewords import ask_year, refused
from storage.models import Group
from storage.reminders import Reminder
from storage.timefmt import from_db, to_db

MAX_TEXT = 500
DATE_ONLY_TIME = time(8, 0)  # "/nhac mai Nộp báo cáo" reminds at 08:00
SNOOZE_MARGIN = timedelta(minutes=10)  # … or this long before the event starts, if sooner
SNOOZE_MIN_LEAD = timedelta(minutes=1)  # less than this ahead is no reminder at all
YEAR = "rnq"  # the buttons of the question about a year left out (timewords.ask_year)


def register(router: Router) -> None:
    """Add /nhac, /huynhac and the snooze button."""
    router.command(
        Command(
            "nhac",
            remind,
            "Đặt nhắc việc cho Tổ (một lần hoặc định kỳ); không ghi gì để xem danh sách",
            T.USAGE,
            T.SECTION,
            aliases=("remind",),
            summary_en="Set a reminder for the group (one-off or recurring); list them",
            examples=T.HELP_EXAMPLES,
        )
    )
    router.command(
        Command(
            "huynhac",
            cancel_reminder,
            "Hủy một nhắc việc",
            T.LIST_USAGE,
            T.SECTION,
            aliases=("unremind",),
            summary_en="Cancel a reminder",
        )
    )
    router.button(ButtonRoute("snz", snooze_pressed, scope=Scope.ANYWHERE, fields=(Id(),)))
    router.button(ButtonRoute(YEAR, year_confirmed, scope=Scope.ANYWHERE))
    router.reminder("free", render_free)


async def remind(ctx: Context) -> Reply:
    """/nhac <khi nào> <nội dung>: the confirmation with the first time; /nhac alone: the list."""
    group = ctx.require_group()
    await ctx.require(Action.VIEW)
    args = ctx.msg.args.strip()
    if not args:
        return await _list(ctx, group)
    local_now = ctx.local_now()
    # The time at the start, or marked anywhere ("Giao ban vào lúc 7h30 mỗi sáng thứ hai").
    found = find_when(args, local_now)
    if found is None:
        raise UserError(T.BAD_TIME)
    if isinstance(found, Refusal):
        raise refused(found)
    when, text = found.when, " ".join(found.rest.split())
    if not text:
        raise UserError(T.NO_TEXT)
    if len(text) > MAX_TEXT:
        raise UserError(T.TOO_LONG.format(limit=MAX_TEXT))
    at = (
        when.at
        if when.has_time
        else datetime.combine(when.at.date(), DATE_ONLY_TIME, when.at.tzinfo)
    )
    if when.repeat is None and at <= local_now:
        raise UserError(T.PAST.format(when=format_when(at, True, local_now)))
    while at <= local_now and when.repeat is not None:
        at = when.repeat.next_after(at)
    if when.far_without_year(local_now):
        payload = {"text": text, "first_due": to_db(at)}
        return await ask_year(ctx, YEAR, "remind", payload, when, found.words)
    return await _create(ctx, group, text, at, when.repeat)


async def _create(
    ctx: Context, group: Group, text: str, at: datetime, repeat: Repeat | None
) -> Reply:
    """File the reminder; the reply says when it first fires (and how it repeats)."""
    services = ctx.services
    free = await services.reminders.create_free(
        group_id=group.id,
        chat_id=group.chat_id,
        text=text,
        repeat=repeat_to(repeat) if repeat else None,
        first_due=at,
        created_by=ctx.msg.sender.user_id,
        now=ctx.now(),
    )
    await services.dispatcher.rearm()
    suffix = T.REPEAT_SUFFIX.format(repeat=repeat.describe()) if repeat else ""
    when = format_when(at, True, ctx.local_now())
    return Reply(
        text=T.CREATED.format(number=free.number, text=text, when=when, repeat=suffix),
        edit=ctx.msg.button_data is not None,
    )


async def year_confirmed(ctx: Context) -> Reply:
    """ "Đúng, 20/11/2027" under the year question: set the reminder as asked."""
    answer = await timewords.answer(ctx, ("remind",))
    if answer.pending is None:
        assert answer.reply is not None
        return answer.reply
    await ctx.require(Action.VIEW)
    at = from_db(str(answer.pending.payload["first_due"]))
    if at <= ctx.now():
        raise UserError(T.PAST.format(when=format_when(at, True, ctx.local_now())))
    return await _create(ctx, ctx.require_group(), str(answer.pending.payload["text"]), at, None)


async def _list(ctx: Context, group: Group) -> Reply:
    items = await ctx.services.reminders.active_free(group.id)
    if not items:
        return Reply(text=T.LIST_EMPTY)
    local_now = ctx.local_now()
    lines = [T.LIST_HEADER.format(count=len(items))]
    for item in items:
        when = format_when(item.next_due, True, local_now) if item.next_due else "—"
        repeat = f" ({_describe(item.repeat)})" if item.repeat else ""
        lines.append(
            T.LIST_LINE.format(number=item.number, when=when, text=item.text, repeat=repeat)
        )
    lines.append(T.LIST_FOOTER)
    return Reply(text="\n".join(lines))


def _describe(repeat: dict[str, object]) -> str:
    return repeat_from(repeat).describe()  # type: ignore[arg-type]


async def cancel_reminder(ctx: Context) -> Reply:
    """/huynhac <số>: cancels a free reminder (its author or a leader)."""
    group = ctx.require_group()
    match = re.fullmatch(r"#?(\d{1,6})", ctx.msg.args.strip())
    if match is None:
        raise UserError(T.NUMBER_MISSING)
    number = int(match.group(1))
    services = ctx.services
    item = await services.reminders.free_by_number(group.id, number)
    if item is None:
        await ctx.require(Action.VIEW)
        raise UserError(T.NOT_FOUND.format(number=number))
    if item.created_by != ctx.msg.sender.user_id and not await ctx.allowed(Action.MANAGE_EVENTS):
        await ctx.require(Action.VIEW)
        raise UserError(T.NOT_OWNER)
    if item.status == "cancelled":
        raise UserError(T.ALREADY_CANCELLED.format(number=number))
    if item.status == "done":
        raise UserError(T.ALREADY_DONE.format(number=number))
    await services.reminders.cancel_free(item.id)
    await services.dispatcher.rearm()
    return Reply(text=T.CANCELLED.format(number=number, text=item.text))


async def snooze_pressed(ctx: Context) -> Reply:
    """ "Nhắc lại sau 1 giờ": a notice with the new time. A personal reminder is snoozed by its
    person only; one to the whole group by its subject's creator or a leader. Refused when the
    subject is gone; never promised for after an event has begun (it comes back before)."""
    (reminder_id,) = ctx.button
    services = ctx.services
    row = await services.reminders.get(reminder_id)
    if row is None or row.kind == "digest":
        raise UserError(common_text.BUTTON_EXPIRED)
    group = await services.groups.by_id(row.group_id)
    # Forged data naming another group's reminder is refused like an unknown button.
    if group is None or (ctx.msg.in_group and (ctx.group is None or ctx.group.id != group.id)):
        raise UserError(common_text.BUTTON_EXPIRED)
    if not ctx.msg.in_group:
        try:
            await ctx.enter_group(group)
        except UserError:
            raise UserError(common_text.BUTTON_EXPIRED) from None
        if not await ctx.still_member(group):
            # A personal reminder's button, pressed privately by someone who left the group.
            raise UserError(NOT_A_MEMBER)
    if row.target_user_id is not None:
        await ctx.require(Action.SNOOZE_OWN, owner_id=row.target_user_id)
    else:
        await ctx.require(Action.SNOOZE_GROUP, owner_id=await _creator_of(services, row))
    now = ctx.now()
    out = await services.dispatcher.renderers.render(services, row, group, now)
    if not isinstance(out, Outgoing):
        raise UserError(T.SNOOZE_GONE)
    at, start = now + SNOOZE_DELAY, None
    if out.ends_at is not None:
        # Never promise a reminder for after the event has begun: come back before it.
        start = out.ends_at.astimezone(group.timezone)
        latest = out.ends_at - SNOOZE_MARGIN
        if latest - now < SNOOZE_MIN_LEAD:
            left = max(0, int((out.ends_at - now).total_seconds() // 60))
            raise UserError(T.SNOOZE_TOO_LATE.format(start=_hhmm(start), left=left))
        if latest >= at:
            start = None
        at = min(at, latest)
    copy, _ = await services.planner.snooze(
        row, now, at=at, asked_by=ctx.msg.sender.user_id, about=out.text.splitlines()[0]
    )
    local = copy.due_at.astimezone(group.timezone)
    if start is not None:
        margin = int(SNOOZE_MARGIN.total_seconds() // 60)
        return Reply(
            notice=T.SNOOZED_BEFORE_START.format(
                start=_hhmm(start), time=_hhmm(local), margin=margin
            )
        )
    return Reply(notice=T.SNOOZED.format(time=_hhmm(local)))


def _hhmm(moment: datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


async def _creator_of(services: Services, row: Reminder) -> str | None:
    """Who created what a reminder is about (a snooze row is about what it copies)."""
    kind, source = row.kind, row.source_id
    if kind == "snooze":
        kind, source = str(row.payload.get("of_kind")), row.payload.get("of_source")
    if source is None:
        return None
    if kind == "free":
        item = await services.reminders.free_by_id(int(source))
        return item.created_by if item else None
    if kind == "event":
        event = await services.events.by_id(int(source))
        return event.created_by if event else None
    if kind in ("task_due", "task_overdue"):
        task = await services.tasks.by_id(int(source))
        return task.created_by if task else None
    return None


# -- the reminder message -----------------------------------------------------------------------


async def render_free(
    services: Services, row: Reminder, group: Group, now: datetime
) -> Outgoing | None:
    """A /nhac reminder's text; None once cancelled."""
    assert row.source_id is not None
    item = await services.reminders.free_by_id(row.source_id)
    if item is None or item.status == "cancelled":
        return None
    text = T.FREE.format(text=item.text)
    if item.repeat:
        text += "\n" + T.FREE_REPEAT.format(repeat=_describe(item.repeat), number=item.number)
    return Outgoing(text)
