"""/xoa: delete tasks (one or several numbers), after a question with buttons; /mo brings a
deleted task back."""

from __future__ import annotations

from bot.chat.messages import Reply
from bot.core import questions
from bot.core.context import Context, UserError
from handlers import tasks_text as T
from handlers.tasks_core import (
    button_task,
    find_tasks,
    require_manage,
    store,
    take_numbers,
)
from handlers.tasks_view import PENDING, short
from storage.pending import Pending
from storage.tasks import Task, TaskStatus


async def _check(ctx: Context, task: Task) -> None:
    if task.status is TaskStatus.DELETED:
        raise UserError(T.DELETED_ALREADY.format(number=task.number))
    await require_manage(ctx, task)


async def delete(ctx: Context) -> Reply:
    """/xoa <số> [<số> …]: asks first (Xóa / Không xóa); nothing changes before the answer."""
    numbers, rest = take_numbers(ctx.msg.args, T.USAGE_DELETE)
    if rest:
        raise UserError(T.NUMBER_BAD.format(word=rest, usage=T.USAGE_DELETE))
    tasks = await find_tasks(ctx, numbers)
    for task in tasks:
        await _check(ctx, task)
    question_id = await questions.ask(ctx, "delete", {"task_ids": [t.id for t in tasks]})
    buttons = questions.answer_buttons(PENDING, question_id, T.BTN_DELETE, T.BTN_KEEP)
    if len(tasks) == 1:
        (task,) = tasks
        return Reply(text=T.DELETE_ASK.format(number=task.number, text=task.text), buttons=buttons)
    lines = [T.DELETE_ASK_MANY.format(count=len(tasks))]
    lines += [T.DELETE_ASK_LINE.format(number=t.number, text=short(t.text)) for t in tasks]
    lines.append(T.DELETE_ASK_FOOTER)
    return Reply(text="\n".join(lines), buttons=buttons)


async def confirm_delete(ctx: Context, question: Pending) -> Reply:
    """'Xóa': take every task of the question off the lists (kept in history)."""
    ids = [str(task_id) for task_id in question.payload.get("task_ids", [])]
    tasks = [await button_task(ctx, task_id) for task_id in ids]
    for task in tasks:
        await _check(ctx, task)
    await questions.close(ctx, question)
    for task in tasks:
        await store(ctx).delete(task, ctx.msg.sender.user_id, ctx.now())
    await ctx.remember("task_deleted", task_ids=[t.id for t in tasks])
    lines = [T.DELETED.format(number=t.number, text=t.text) for t in tasks]
    return Reply(text="\n".join(lines), edit=True)
