"""What task commands and buttons share: reading numbers, finding a task of this group, and
the operations that both a command and a button can start (finish, change deadline, create,
each with the confirmation of a past deadline or of a year left out).  Reading deadlines is in
tasks_deadline.py."""

from __future__ import annotations

import re
from enum import Enum

from bot.chat.messages import Button, Reply
from bot.core.context import Context, UserError
from bot.core.permissions import Action, refusal
from bot.dates import format_when
from handlers import tasks_text as T
from handlers.tasks_deadline import Deadline
from handlers.tasks_view import PENDING, card, when_text
from handlers.timewords import year_label, year_question
from storage.tasks import DueState, Task, TaskStatus, TaskStore, due_state, overdue_from
from storage.timefmt import from_db, to_db

MAX_TASK_TEXT = 1000

_NUMBER_RE = re.compile(r"#?(\d{1,9})")


def store(ctx: Context) -> TaskStore:
    """The task repository."""
    return ctx.services.tasks


def is_past(deadline: Deadline, ctx: Context) -> bool:
    """A deadline already over, by the one overdue rule of storage.tasks."""
    group = ctx.require_group()
    moment = overdue_from(deadline.at, deadline.has_time, group.timezone)
    return due_state(moment, ctx.now()) is DueState.OVERDUE


def take_number(args: str, usage: str) -> tuple[int, str]:
    """'3 @hung' -> (3, '@hung'); a missing or malformed number is refused with the usage."""
    word, _, rest = args.strip().partition(" ")
    if not word:
        raise UserError(T.NUMBER_MISSING.format(usage=usage))
    match = _NUMBER_RE.fullmatch(word)
    if match is None:
        raise UserError(T.NUMBER_BAD.format(word=word, usage=usage))
    return int(match.group(1)), rest.strip()


async def find_task(ctx: Context, number: int) -> Task:
    """The group's task #number (any status), or a clear refusal."""
    task = await store(ctx).get(ctx.require_group().id, number)
    if task is None:
        raise UserError(T.NOT_FOUND.format(number=number))
    return task


async def button_task(ctx: Context, raw_id: str) -> Task:
    """The task a button names, only if it belongs to the chat where it was pressed.

    Callback data can be forged: a task of another group is "not found", never revealed.
    """
    task = await store(ctx).by_id(int(raw_id)) if raw_id.isdigit() else None
    if task is None or task.group_id != ctx.require_group().id:
        raise UserError(T.NOT_FOUND_BUTTON)
    return task


def require_open(task: Task) -> None:
    """Refuse to act on a finished or deleted task."""
    if task.status is TaskStatus.DELETED:
        raise UserError(T.DELETED_ALREADY.format(number=task.number))
    if task.status is TaskStatus.DONE:
        raise UserError(T.DONE_ALREADY.format(number=task.number))


async def require_manage(ctx: Context, task: Task) -> None:
    """Assigning, changing the deadline, closing for all, deleting: creator or a leader."""
    await ctx.require(Action.MANAGE_TASK, owner_id=task.created_by)


# -- finishing ------------------------------------------------------------------------------------


class Finished(Enum):
    """What a ✅ did."""

    PART = "part"  # the sender's part; others still working
    TASK = "task"  # the task is now done


async def finish(ctx: Context, task: Task, *, whole: bool = False) -> tuple[Finished, Task]:
    """✅ by the sender: their own part if the task is given to them, else close it for all.

    Closing for all (or `whole`) needs the right to manage the task.
    """
    require_open(task)
    sender = ctx.msg.sender.user_id
    mine = task.assignee(sender)
    if not whole and mine is not None:
        if mine.done:
            waiting = ", ".join(a.name for a in task.assignees if not a.done)
            raise UserError(T.PART_ALREADY.format(number=task.number, waiting=waiting))
        await ctx.require(Action.FINISH_OWN_PART)
        all_done = await store(ctx).finish_part(task, sender, ctx.now())
    else:
        if not await ctx.allowed(Action.MANAGE_TASK, owner_id=task.created_by):
            if task.assignees and not whole:
                raise UserError(T.NOT_ASSIGNED.format(number=task.number))
            raise UserError(refusal(Action.MANAGE_TASK))
        await store(ctx).close(task, sender, ctx.now())
        all_done = True
    fresh = await store(ctx).by_id(task.id)
    assert fresh is not None
    return (Finished.TASK if all_done else Finished.PART), fresh


# -- deadlines ------------------------------------------------------------------------------------


def _confirm_buttons(pending_id: int, confirm_label: str) -> tuple[tuple[Button, ...], ...]:
    return (
        (
            Button(confirm_label, f"{PENDING}:ok:{pending_id}"),
            Button(T.BTN_CANCEL, f"{PENDING}:no:{pending_id}"),
        ),
    )


async def change_due(
    ctx: Context, task: Task, deadline: Deadline | None, *, edit: bool = False
) -> Reply:
    """Set or remove a deadline (the right is checked by the caller); past ones are confirmed."""
    require_open(task)
    group = ctx.require_group()
    now, local_now = ctx.now(), ctx.local_now()
    if deadline is not None and (deadline.far or is_past(deadline, ctx)):
        pending_id = await store(ctx).pending.add(
            group.id,
            ctx.msg.sender.user_id,
            "due",
            {"task_id": task.id, "due_at": to_db(deadline.at), "has_time": deadline.has_time},
            now,
        )
        if deadline.far:
            question = _year_question(deadline, T.FAR_DUE.format(number=task.number))
            label = year_label(deadline.at)
        else:
            when = when_text(deadline.at, deadline.has_time, local_now)
            question, label = T.PAST_DUE.format(when=when, number=task.number), T.BTN_CONFIRM_DUE
        return Reply(text=question, buttons=_confirm_buttons(pending_id, label), edit=edit)
    await apply_due(ctx, task, deadline)
    if deadline is None:
        return Reply(text=T.DUE_REMOVED.format(number=task.number, text=task.text), edit=edit)
    return Reply(
        text=T.DUE_CHANGED.format(
            number=task.number,
            text=task.text,
            when=when_text(deadline.at, deadline.has_time, local_now),
        ),
        edit=edit,
        notice=T.NOTICE_DUE_CHANGED if edit else None,
    )


async def apply_due(ctx: Context, task: Task, deadline: Deadline | None) -> None:
    """Store the new deadline."""
    group = ctx.require_group()
    await store(ctx).set_due(
        task,
        deadline.at if deadline else None,
        deadline.has_time if deadline else False,
        group.timezone,
        ctx.msg.sender.user_id,
        ctx.now(),
    )


# -- creating -------------------------------------------------------------------------------------


async def create(
    ctx: Context,
    text: str,
    assignees: list[str],
    deadline: Deadline | None,
    source_message_id: str | None,
    names: dict[str, str] | None = None,
) -> Reply:
    """Create the task, or, for a deadline already past, ask first and store nothing yet.

    `names` are display names already at hand (sender, assignees), to save reading them back.
    """
    group = ctx.require_group()
    if deadline is not None and (deadline.far or is_past(deadline, ctx)):
        pending_id = await store(ctx).pending.add(
            group.id,
            ctx.msg.sender.user_id,
            "create",
            {
                "text": text,
                "assignees": assignees,
                "due_at": to_db(deadline.at),
                "has_time": deadline.has_time,
                "source_message_id": source_message_id,
            },
            ctx.now(),
        )
        if deadline.far:
            question = _year_question(deadline, T.FAR_CREATE.format(text=text))
            label = year_label(deadline.at)
        else:
            when = when_text(deadline.at, deadline.has_time, ctx.local_now())
            question, label = T.PAST_CREATE.format(when=when, text=text), T.BTN_CONFIRM
        return Reply(text=question, buttons=_confirm_buttons(pending_id, label))
    task = await store(ctx).create(
        group_id=group.id,
        text=text,
        created_by=ctx.msg.sender.user_id,
        now=ctx.now(),
        zone=group.timezone,
        due_at=deadline.at if deadline else None,
        due_has_time=deadline.has_time if deadline else False,
        assignees=assignees,
        source_message_id=source_message_id,
        names=names,
    )
    return card(task, ctx.local_now(), created=True)


def _year_question(deadline: Deadline, detail: str) -> str:
    """The shared question about a year left out (handlers/timewords.py)."""
    return year_question(deadline.words, format_when(deadline.at, deadline.has_time), detail)


def deadline_from_payload(payload: dict[str, object]) -> Deadline:
    """The deadline kept in a pending request."""
    return Deadline(from_db(str(payload["due_at"])), bool(payload["has_time"]))
