"""/nhac free reminders, the "Nhắc lại sau 1 giờ" button, and the text of every reminder the
dispatcher sends (render)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time
from typing import TYPE_CHECKING

from bot.context import Context, UserError
from bot.dates import format_when, split_when
from bot.messages import Button, InboundKind, Reply
from bot.router import ButtonRoute, Command, Router, Scope
from handlers import common_text
from handlers import reminders_text as T
from handlers.permissions import Action
from storage.models import Group
from storage.reminders import Reminder

if TYPE_CHECKING:
    from bot.scheduler import Scheduler

MAX_TEXT = 500
DATE_ONLY_TIME = time(8, 0)  # "/nhac mai Nộp báo cáo" reminds at 08:00


@dataclass(frozen=True)
class Outgoing:
    """A rendered reminder: its text and buttons (the dispatcher adds the snooze button)."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()


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
    router.button(ButtonRoute("snz", snooze_pressed, scope=Scope.ANYWHERE))
    router.on(InboundKind.BOT_ADDED, bot_back)


def scheduler_of(ctx: Context) -> Scheduler:
    """The reminder scheduler (the composition root always builds one)."""
    scheduler = ctx.services.scheduler
    assert scheduler is not None
    return scheduler


async def bot_back(ctx: Context) -> None:
    """The bot was added (back) to a group: reminders may be sent there again."""
    if ctx.msg.in_group:
        await scheduler_of(ctx).sender.chat_back(ctx.msg.platform, ctx.msg.chat_id)


async def remind(ctx: Context) -> Reply:
    """/nhac <khi nào> <nội dung>: the confirmation with the first time; /nhac alone: the list."""
    group = ctx.require_group()
    await ctx.require(Action.VIEW)
    args = ctx.msg.args.strip()
    if not args:
        return await _list(ctx, group)
    local_now = ctx.local_now()
    found = split_when(args, local_now)
    if found is None:
        raise UserError(T.BAD_TIME)
    when, text = found
    text = " ".join(text.split())
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
    from bot.planner import repeat_to

    scheduler = scheduler_of(ctx)
    free = await scheduler.reminders.create_free(
        group_id=group.id,
        chat_id=group.chat_id,
        text=text,
        repeat=repeat_to(when.repeat) if when.repeat else None,
        first_due=at,
        created_by=ctx.msg.sender.user_id,
        now=ctx.now(),
    )
    await scheduler.rearm()
    repeat = T.REPEAT_SUFFIX.format(repeat=when.repeat.describe()) if when.repeat else ""
    return Reply(
        text=T.CREATED.format(
            number=free.number, text=text, when=format_when(at, True, local_now), repeat=repeat
        )
    )


async def _list(ctx: Context, group: Group) -> Reply:
    items = await scheduler_of(ctx).reminders.active_free(group.id)
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
    from bot.planner import repeat_from

    return repeat_from(repeat).describe()  # type: ignore[arg-type]


async def cancel_reminder(ctx: Context) -> Reply:
    """/huynhac <số>: cancels a free reminder (its author or a leader)."""
    group = ctx.require_group()
    match = re.fullmatch(r"#?(\d{1,6})", ctx.msg.args.strip())
    if match is None:
        raise UserError(T.NUMBER_MISSING)
    number = int(match.group(1))
    scheduler = scheduler_of(ctx)
    item = await scheduler.reminders.free_by_number(group.id, number)
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
    await scheduler.reminders.cancel_free(item.id)
    await scheduler.rearm()
    return Reply(text=T.CANCELLED.format(number=number, text=item.text))


async def snooze_pressed(ctx: Context) -> Reply:
    """ "Nhắc lại sau 1 giờ": a notice with the new time; refused if the subject is gone."""
    data = ctx.msg.button_data or ""
    match = re.fullmatch(r"snz:(\d{1,12})", data)
    if match is None:
        raise UserError(common_text.BUTTON_EXPIRED)
    scheduler = scheduler_of(ctx)
    row = await scheduler.reminders.get(int(match.group(1)))
    if row is None or row.kind == "digest":
        raise UserError(common_text.BUTTON_EXPIRED)
    if ctx.group is not None:
        # Forged data naming another group's reminder is refused like an unknown button.
        if row.group_id != ctx.group.id:
            raise UserError(common_text.BUTTON_EXPIRED)
        await ctx.require(Action.VIEW)
    elif row.target_user_id != ctx.msg.sender.user_id:
        raise UserError(common_text.BUTTON_EXPIRED)
    group = await scheduler.groups.by_id(row.group_id)
    if group is None or await render(scheduler, row, group, ctx.now()) is None:
        raise UserError(T.SNOOZE_GONE)
    copy, _ = await scheduler.planner.snooze(row, ctx.now())
    local = copy.due_at.astimezone(group.timezone)
    return Reply(notice=T.SNOOZED.format(time=f"{local.hour:02d}:{local.minute:02d}"))


# -- what the dispatcher sends ------------------------------------------------------------------


async def render(
    scheduler: Scheduler, row: Reminder, group: Group, now: datetime
) -> Outgoing | None:
    """The message for a due row, from the current state of its source.

    Returns None when the source is gone (event cancelled, task done or deleted, /nhac
    cancelled, the assignee's part done): the row is then cancelled, not sent. A digest with
    nothing to report renders as empty text and is skipped.
    """
    kind, source, prefix = row.kind, row.source_id, ""
    if kind == "snooze":
        kind, source, prefix = (
            str(row.payload.get("of_kind")),
            row.payload.get("of_source"),
            T.AGAIN,
        )
    if source is None:
        return None
    out: Outgoing | None
    if kind == "event":
        from handlers.events import event_reminder

        out = await event_reminder(scheduler, group, int(source), row.payload, now)
    elif kind == "free":
        out = await _free(scheduler, int(source))
    elif kind in ("task_due", "task_overdue"):
        out = await _task(scheduler, group, row, int(source), now)
    elif kind == "digest":
        from handlers.digest import digest_text

        out = Outgoing(await digest_text(scheduler, group, now))
    else:
        return None
    if out is None or not prefix:
        return out
    return Outgoing(prefix + out.text, out.buttons)


async def _free(scheduler: Scheduler, free_id: int) -> Outgoing | None:
    item = await scheduler.reminders.free_by_id(free_id)
    if item is None or item.status == "cancelled":
        return None
    text = T.FREE.format(text=item.text)
    if item.repeat:
        text += "\n" + T.FREE_REPEAT.format(repeat=_describe(item.repeat), number=item.number)
    return Outgoing(text)


async def _task(
    scheduler: Scheduler, group: Group, row: Reminder, task_id: int, now: datetime
) -> Outgoing | None:
    task = await scheduler.tasks.by_id(task_id)
    if task is None or task.status != "open" or task.due_at is None:
        return None
    payload = row.payload
    as_creator = bool(payload.get("as_creator"))
    personal = row.target_user_id is not None and not as_creator
    if personal and task.open_assignees and row.target_user_id not in task.open_assignees:
        return None  # this person's part is done
    when = format_when(task.due_at, task.due_has_time, now.astimezone(group.timezone))
    stage = payload.get("stage")
    fields = {"number": task.number, "text": task.text, "when": when}
    if stage == "overdue" and as_creator:
        people = [await scheduler.groups.mention(group, uid) for uid in task.open_assignees]
        return Outgoing(T.TASK_OVERDUE_CREATOR.format(people=", ".join(people) or "—", **fields))
    if stage == "overdue":
        return Outgoing(T.TASK_OVERDUE.format(**fields))
    if stage == "at":
        return Outgoing(T.TASK_AT.format(**fields))
    return Outgoing(T.TASK_BEFORE.format(**fields))
