"""Creating a task: asked first when its deadline is already past (or its year was left out
and it lands months away); once stored, journaled for /hoantac and told privately to its
assignees."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.chat.messages import Reply
from bot.core.context import Context
from bot.dates import Found, find_when
from handlers import tasks_text as T
from handlers.tasks_core import confirm_buttons, is_past, store, year_question_for
from handlers.tasks_deadline import Deadline, week_ahead_note
from handlers.tasks_notify import tell_assignees
from handlers.tasks_view import card, when_text
from handlers.timewords import year_label
from storage.tasks import Task
from storage.timefmt import to_db


async def create(
    ctx: Context,
    text: str,
    assignees: list[str],
    deadline: Deadline | None,
    source_message_id: str | None,
    names: dict[str, str] | None = None,
) -> Reply:
    """Create the task, or, for a deadline already past or a year left out that lands months
    away, ask first and store nothing yet.

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
            question = year_question_for(deadline, T.FAR_CREATE.format(text=text))
            label = year_label(deadline.at)
        else:
            when = when_text(deadline.at, deadline.has_time, ctx.local_now())
            question, label = T.PAST_CREATE.format(when=when, text=text), T.BTN_CONFIRM
        return Reply(text=question, buttons=confirm_buttons(pending_id, label))
    task = await store_new_task(ctx, text, assignees, deadline, source_message_id, names)
    reply = card(task, ctx.local_now(), created=True)
    if deadline is None:
        hint = time_in_text_hint(task, ctx.local_now())
    else:
        hint = week_ahead_note(deadline, ctx.local_now(), task.number)
    if hint:
        reply = replace(reply, text=f"{reply.text}\n{hint}")
    return reply


def time_in_text_hint(task: Task, local_now: datetime) -> str | None:
    """ "Họp lúc 8h mai …" without "hạn": the time may be when the work happens, not its
    deadline, so it is not filed; the card says so and how to make it the deadline."""
    found = find_when(task.text, local_now)
    if not isinstance(found, Found) or found.when.repeat is not None:
        return None
    return T.TIME_IN_TEXT.format(words=found.words, number=task.number)


async def store_new_task(
    ctx: Context,
    text: str,
    assignees: list[str],
    deadline: Deadline | None,
    source_message_id: str | None,
    names: dict[str, str] | None = None,
) -> Task:
    """Store a task of the sender's, journal it for /hoantac, and tell its assignees privately."""
    group = ctx.require_group()
    # One commit for the task, its reminder rows and its journal line (this is /viec's hot path).
    async with ctx.services.db.transaction():
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
        await ctx.remember("task_created", task_id=task.id)
    await tell_assignees(ctx, task, assignees)
    return task
