"""The private note a person gets when a task is given to them, with ✅ Xong under it."""

from __future__ import annotations

from collections.abc import Iterable

from bot.chat.messages import Button, Reply
from bot.core.context import Context
from bot.core.dm import send_private
from handlers import tasks_text as T
from handlers.tasks_view import CARD, due_line
from storage.tasks import Task


async def tell_assignees(ctx: Context, task: Task, user_ids: Iterable[str]) -> None:
    """Tell each new assignee privately (not the person who gave it: they know)."""
    group = ctx.require_group()
    actor = ctx.msg.sender
    text = T.NOTE_ASSIGNED.format(
        group=group.name,
        number=task.number,
        text=task.text,
        due=due_line(task, ctx.local_now()),
        by=actor.name,
    )
    buttons = ((Button(T.BTN_DONE, f"{CARD}:d:{task.id}"),),)
    for user_id in dict.fromkeys(user_ids):
        if user_id != actor.user_id:
            await send_private(ctx, user_id, Reply(text=text, buttons=buttons))
