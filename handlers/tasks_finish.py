"""Finishing tasks: /xong (one or several numbers; 'tatca' closes the whole task), ✅ Xong, and
the question a leader gets before closing a task that others are still working on."""

from __future__ import annotations

from enum import Enum

from bot.chat.messages import Reply
from bot.core import questions
from bot.core.context import Context, UserError
from bot.core.permissions import Action, refusal
from bot.textnorm import fold
from handlers import tasks_text as T
from handlers.tasks_core import (
    button_task,
    find_tasks,
    require_open,
    store,
    take_numbers,
)
from handlers.tasks_view import PENDING, card, progress, short
from storage.pending import Pending
from storage.tasks import Task


class Plan(Enum):
    """What a ✅ by the sender will do to a task."""

    PART = "part"  # the sender's own part
    CLOSE = "close"  # the whole task; nobody else's open part is overridden
    ASK = "ask"  # the whole task over other people's open parts: ask first


def _others_open(ctx: Context, task: Task) -> list[str]:
    return [a.name for a in task.assignees if not a.done and a.user_id != ctx.msg.sender.user_id]


async def plan_finish(ctx: Context, task: Task, *, whole: bool) -> Plan:
    """Check the sender may finish `task` and say how; refuse with the reason otherwise.

    Their own part if it is given to them (unless `whole`); else closing the whole task, for
    its creator and leaders, asked first when others have open parts and `whole` was not said.
    """
    require_open(task)
    mine = task.assignee(ctx.msg.sender.user_id)
    if not whole and mine is not None:
        if mine.done:
            waiting = ", ".join(a.name for a in task.assignees if not a.done)
            raise UserError(T.PART_ALREADY.format(number=task.number, waiting=waiting))
        await ctx.require(Action.FINISH_OWN_PART)
        return Plan.PART
    if not await ctx.allowed(Action.MANAGE_TASK, owner_id=task.created_by):
        if task.assignees and not whole:
            raise UserError(T.NOT_ASSIGNED.format(number=task.number))
        raise UserError(refusal(Action.MANAGE_TASK))
    return Plan.ASK if _others_open(ctx, task) and not whole else Plan.CLOSE


async def apply_finish(ctx: Context, task: Task, plan: Plan) -> tuple[Task, dict[str, object]]:
    """Finish as planned (ASK counts as confirmed); returns the task now and its journal item."""
    sender, now = ctx.msg.sender.user_id, ctx.now()
    if plan is Plan.PART:
        await store(ctx).finish_part(task, sender, now)
        item: dict[str, object] = {"task_id": task.id, "part": sender}
    else:
        await store(ctx).close(task, sender, now)
        item = {"task_id": task.id, "part": None}
    fresh = await store(ctx).by_id(task.id)
    assert fresh is not None
    return fresh, item


def outcome(ctx: Context, plan: Plan, fresh: Task) -> str:
    """'Đã ghi nhận … (2/3 xong).' or 'Việc #n đã hoàn thành: …'."""
    if plan is Plan.PART and fresh.is_open:
        return T.PART_DONE.format(
            name=ctx.msg.sender.name,
            number=fresh.number,
            text=fresh.text,
            progress=progress(fresh),
        )
    return T.TASK_DONE.format(number=fresh.number, text=fresh.text)


async def done(ctx: Context) -> Reply:
    """/xong <số> [<số> …] [tatca]: my part of each (or the whole task, for its creator and
    leaders: asked first when others are still working on it)."""
    numbers, rest = take_numbers(ctx.msg.args, T.USAGE_DONE)
    whole = fold(rest).replace(" ", "") in T.DONE_ALL_WORDS
    if rest and not whole:
        raise UserError(T.NUMBER_BAD.format(word=rest, usage=T.USAGE_DONE + " [tatca]"))
    tasks = await find_tasks(ctx, numbers)
    plans = [await plan_finish(ctx, task, whole=whole) for task in tasks]  # all, before acting
    if Plan.ASK in plans:
        return await _ask_close(ctx, tasks, plans)
    return Reply(text=await _finish_all(ctx, tasks, plans))


async def _finish_all(ctx: Context, tasks: list[Task], plans: list[Plan]) -> str:
    lines, items = [], []
    for task, plan in zip(tasks, plans, strict=True):
        fresh, item = await apply_finish(ctx, task, plan)
        lines.append(outcome(ctx, plan, fresh))
        items.append(item)
    await ctx.remember("task_done", items=items)
    return "\n".join(lines)


async def _ask_close(ctx: Context, tasks: list[Task], plans: list[Plan]) -> Reply:
    """Close for everyone? Nothing changes until the sender answers."""
    question_id = await questions.ask(ctx, "close", {"task_ids": [t.id for t in tasks]})
    buttons = questions.answer_buttons(PENDING, question_id, T.BTN_CLOSE_ALL, T.BTN_CANCEL)
    if len(tasks) == 1:
        (task,) = tasks
        names = ", ".join(_others_open(ctx, task))
        text = T.CLOSE_ASK.format(number=task.number, text=task.text, names=names)
        return Reply(text=text, buttons=buttons)
    lines = [T.CLOSE_ASK_MANY]
    for task, plan in zip(tasks, plans, strict=True):
        if plan is Plan.PART:
            lines.append(T.CLOSE_ASK_LINE_PART.format(number=task.number, text=short(task.text)))
        else:
            names = ", ".join(_others_open(ctx, task)) or T.CLOSE_ASK_NOBODY
            lines.append(
                T.CLOSE_ASK_LINE.format(number=task.number, text=short(task.text), names=names)
            )
    return Reply(text="\n".join(lines), buttons=buttons)


async def press_done(ctx: Context, task: Task) -> Reply:
    """✅ under a card: the presser's part (or the whole task for its creator and leaders,
    asked first over others' open parts); the card is updated in place."""
    plan = await plan_finish(ctx, task, whole=False)
    if plan is Plan.ASK:
        question = await _ask_close(ctx, [task], [plan])
        return Reply(text=question.text, buttons=question.buttons, notice=T.NOTICE_ASKED)
    fresh, item = await apply_finish(ctx, task, plan)
    await ctx.remember("task_done", items=[item])
    reply = card(fresh, ctx.local_now(), edit=True)
    if plan is Plan.PART and fresh.is_open:
        notice = T.NOTICE_PART_DONE.format(progress=progress(fresh))
    else:
        notice = T.NOTICE_TASK_DONE.format(number=fresh.number)
    return Reply(text=reply.text, buttons=reply.buttons, edit=True, notice=notice)


async def confirm_close(ctx: Context, question: Pending) -> Reply:
    """'Đóng cho tất cả': finish every task of the question as the sender asked."""
    ids = [str(task_id) for task_id in question.payload.get("task_ids", [])]
    tasks = [await button_task(ctx, task_id) for task_id in ids]
    plans = [await plan_finish(ctx, task, whole=False) for task in tasks]
    await questions.close(ctx, question)
    return Reply(text=await _finish_all(ctx, tasks, plans), edit=True)
