"""What task commands and buttons share: reading numbers, finding a task of this group, and
changing a deadline (with the confirmation of a past one or of a year left out), which both a
command and a button can start. Reading deadlines is in tasks_deadline.py, creating in
tasks_create.py, finishing in tasks_finish.py."""

from __future__ import annotations

import re

from bot.chat.messages import Button, Reply
from bot.core.context import Context, UserError
from bot.core.permissions import Action
from bot.dates import format_when
from handlers import tasks_text as T
from handlers.tasks_deadline import Deadline, week_ahead_note
from handlers.tasks_view import PENDING, when_text
from handlers.timewords import year_label, year_question
from storage.tasks import Task, TaskStatus, TaskStore
from storage.timefmt import from_db, to_db

MAX_TASK_TEXT = 1000

_NUMBER_RE = re.compile(r"#?(\d{1,9})")


def store(ctx: Context) -> TaskStore:
    """The task repository."""
    return ctx.services.tasks


def is_past(deadline: Deadline, ctx: Context) -> bool:
    """A deadline already over now (Deadline.passed, in the group's zone)."""
    return deadline.passed(ctx.now(), ctx.require_group().timezone)


def take_numbers(args: str, usage: str) -> tuple[list[int], str]:
    """'13 14 tatca' -> ([13, 14], 'tatca'): every leading number ("13, 14" and "#13" too)."""
    words = args.replace(",", " ").split()
    numbers: list[int] = []
    while words:
        match = _NUMBER_RE.fullmatch(words[0])
        if match is None:
            break
        numbers.append(int(match.group(1)))
        words.pop(0)
    if not numbers:
        take_number(args, usage)  # refuses with the right message
    return list(dict.fromkeys(numbers)), " ".join(words)


async def find_tasks(ctx: Context, numbers: list[int]) -> list[Task]:
    """Every task named, or a refusal naming the first missing one (so nothing half-applies)."""
    return [await find_task(ctx, number) for number in numbers]


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


async def button_task(ctx: Context, task_id: int | str) -> Task:
    """The task a button names, only if it belongs to the chat where it was pressed; in a
    private chat (a reminder, /viectoi, a note about a new task), only if the presser is a
    member of the task's group, which the request then acts for.

    Callback data can be forged: a task of another group is "not found", never revealed (the
    router has already checked that the id is a number in range).
    """
    if isinstance(task_id, str):
        # Ids read from stored questions or from routes that declare no fields.
        task_id = int(task_id) if task_id.isdigit() and len(task_id) <= 12 else 0
    task = await store(ctx).by_id(task_id) if task_id > 0 else None
    if task is None:
        raise UserError(T.NOT_FOUND_BUTTON)
    if not ctx.msg.in_group and ctx.group is None:
        group = await ctx.services.groups.by_id(task.group_id)
        if group is None:
            raise UserError(T.NOT_FOUND_BUTTON)
        try:
            await ctx.enter_group(group)
        except UserError:
            raise UserError(T.NOT_FOUND_BUTTON) from None
    if task.group_id != ctx.require_group().id:
        raise UserError(T.NOT_FOUND_BUTTON)
    return task


def require_open(task: Task) -> None:
    """Refuse to act on a finished or deleted task (saying how to bring it back)."""
    if task.status is TaskStatus.DELETED:
        raise UserError(T.DELETED_ALREADY.format(number=task.number))
    if task.status is TaskStatus.DONE:
        raise UserError(T.DONE_ALREADY.format(number=task.number))


async def require_manage(ctx: Context, task: Task) -> None:
    """Assigning, changing the deadline, closing for all, deleting: creator or a leader."""
    await ctx.require(Action.MANAGE_TASK, owner_id=task.created_by)


# -- deadlines ------------------------------------------------------------------------------------


def confirm_buttons(pending_id: int, confirm_label: str) -> tuple[tuple[Button, ...], ...]:
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
            question = year_question_for(deadline, T.FAR_DUE.format(number=task.number))
            label = year_label(deadline.at)
        else:
            when = when_text(deadline.at, deadline.has_time, local_now)
            question, label = T.PAST_DUE.format(when=when, number=task.number), T.BTN_CONFIRM_DUE
        return Reply(text=question, buttons=confirm_buttons(pending_id, label), edit=edit)
    await apply_due(ctx, task, deadline)
    if deadline is None:
        return Reply(text=T.DUE_REMOVED.format(number=task.number, text=task.text), edit=edit)
    text = T.DUE_CHANGED.format(
        number=task.number,
        text=task.text,
        when=when_text(deadline.at, deadline.has_time, local_now),
    )
    note = week_ahead_note(deadline, local_now, task.number)
    return Reply(
        text=f"{text}\n{note}" if note else text,
        edit=edit,
        notice=T.NOTICE_DUE_CHANGED if edit else None,
    )


async def apply_due(ctx: Context, task: Task, deadline: Deadline | None) -> None:
    """Store the new deadline (and journal the old one, for /hoantac)."""
    group = ctx.require_group()
    await store(ctx).set_due(
        task,
        deadline.at if deadline else None,
        deadline.has_time if deadline else False,
        group.timezone,
        ctx.msg.sender.user_id,
        ctx.now(),
    )
    await ctx.remember(
        "task_due",
        task_id=task.id,
        **{"from": to_db(task.due_at) if task.due_at else None},
        from_has_time=task.due_has_time,
        to=to_db(deadline.at) if deadline else None,
        to_has_time=deadline.has_time if deadline else False,
    )


def year_question_for(deadline: Deadline, detail: str) -> str:
    """The shared question about a year left out (handlers/timewords.py)."""
    return year_question(deadline.words, format_when(deadline.at, deadline.has_time), detail)


def deadline_from_payload(payload: dict[str, object]) -> Deadline:
    """The deadline kept in a pending request."""
    return Deadline(from_db(str(payload["due_at"])), bool(payload["has_time"]))
