"""/mo <số> (/reopen) and the Mở lại button: a done task open again, a deleted one back on the
lists, or one's own part not done after all."""

from __future__ import annotations

from bot.chat.messages import Reply
from bot.core.context import Context, UserError
from bot.core.permissions import Action, refusal
from handlers import tasks_text as T
from handlers.tasks_core import find_task, require_manage, store, take_number
from handlers.tasks_view import card
from storage.tasks import Task, TaskStatus


async def reopen_task(ctx: Context, task: Task) -> str:
    """Reopen or restore `task` as the sender may; journal it; return what happened in words."""
    sender, now = ctx.msg.sender.user_id, ctx.now()
    mine = task.assignee(sender)
    if task.status is TaskStatus.DELETED:
        await require_manage(ctx, task)
        await store(ctx).restore(task, sender, now)
        await ctx.remember("task_reopened", task_id=task.id, was="deleted")
        return T.RESTORED.format(number=task.number)
    if task.status is TaskStatus.OPEN:
        if mine is None or not mine.done:
            raise UserError(T.ALREADY_OPEN.format(number=task.number))
        await ctx.require(Action.FINISH_OWN_PART)
        await store(ctx).reopen_part(task, sender, sender, now)
        await ctx.remember("task_reopened", task_id=task.id, was="part", user_id=sender)
        return T.PART_REOPENED.format(number=task.number)
    if await ctx.allowed(Action.MANAGE_TASK, owner_id=task.created_by):
        parts = await store(ctx).reopen(task, sender, now)
        await ctx.remember("task_reopened", task_id=task.id, was="done", parts=parts)
        return T.REOPENED.format(number=task.number)
    if mine is not None and mine.done:
        await ctx.require(Action.FINISH_OWN_PART)
        await store(ctx).reopen_part(task, sender, sender, now)
        await ctx.remember("task_reopened", task_id=task.id, was="part", user_id=sender)
        return T.PART_REOPENED.format(number=task.number)
    raise UserError(refusal(Action.MANAGE_TASK))


async def reopen(ctx: Context) -> Reply:
    """/mo <số>: what was reopened, then the task's card with its buttons."""
    number, rest = take_number(ctx.msg.args, T.USAGE_REOPEN)
    if rest:
        raise UserError(T.NUMBER_BAD.format(word=rest, usage=T.USAGE_REOPEN))
    task = await find_task(ctx, number)
    said = await reopen_task(ctx, task)
    fresh = await store(ctx).by_id(task.id)
    assert fresh is not None
    shown = card(fresh, ctx.local_now())
    return Reply(text=f"{said}\n{shown.text}", buttons=shown.buttons)


async def press_reopen(ctx: Context, task: Task) -> Reply:
    """Mở lại under a done card: the card, open again, in place."""
    said = await reopen_task(ctx, task)
    fresh = await store(ctx).by_id(task.id)
    assert fresh is not None
    shown = card(fresh, ctx.local_now(), edit=True)
    return Reply(text=shown.text, buttons=shown.buttons, edit=True, notice=said)
