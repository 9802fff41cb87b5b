"""The group's shared task list: /viec, /xong, /giao, /han, /xoa (lists in tasks_list.py,
buttons in tasks_buttons.py, wording in tasks_text.py)."""

from __future__ import annotations

import re

from bot.chat.messages import Reply
from bot.core.context import Context, UserError
from bot.core.permissions import Action
from bot.core.router import Command, Router
from bot.textnorm import fold
from handlers import tasks_buttons, tasks_list, tasks_reminders
from handlers import tasks_text as T
from handlers.people import resolve_members
from handlers.tasks_core import (
    MAX_TASK_TEXT,
    Finished,
    change_due,
    create,
    find_task,
    finish,
    require_manage,
    require_open,
    store,
    take_number,
)
from handlers.tasks_deadline import _MARKER_RE, read_deadline, split_deadline
from handlers.tasks_view import detail, progress
from storage.models import Member
from storage.tasks import TaskStatus

_ONLY_NUMBER_RE = re.compile(r"#?\d{1,9}")


def register(router: Router) -> None:
    """Add the task commands and buttons to the router."""
    commands = (
        ("viec", new_or_show, T.SUMMARY_NEW, T.USAGE_NEW, ("task",), "Create a task; show one"),
        ("xong", done, T.SUMMARY_DONE, T.USAGE_DONE, ("done",), "Mark a task (your part) done"),
        ("giao", assign, T.SUMMARY_ASSIGN, T.USAGE_ASSIGN, ("assign",), "Assign a task"),
        ("han", due, T.SUMMARY_DUE, T.USAGE_DUE, ("due",), "Change a task's deadline"),
        ("xoa", delete, T.SUMMARY_DELETE, T.USAGE_DELETE, ("delete",), "Delete a task"),
    )
    for name, handler, summary, usage, aliases, summary_en in commands:
        router.command(
            Command(
                name, handler, summary, usage, T.SECTION, aliases=aliases, summary_en=summary_en
            )
        )
    tasks_list.register(router)
    tasks_buttons.register(router)
    tasks_reminders.register(router)


async def new_or_show(ctx: Context) -> Reply:
    """/viec <nội dung> [@ai …] [hạn <khi nào>]: the new task's card; /viec <số>: its history."""
    args = ctx.msg.args.strip()
    if _ONLY_NUMBER_RE.fullmatch(args) and ctx.msg.reply_to is None:
        return await show(ctx, int(args.lstrip("#")))
    await ctx.require(Action.CREATE_TASK)
    members, rest = await resolve_members(ctx, args)
    members = _in_text_order(ctx, members, args)
    text, deadline = split_deadline(rest, ctx)
    source = ctx.msg.message_id
    quoted = ctx.msg.reply_to
    if quoted is not None and quoted.text.strip():
        text = f"{text}: {quoted.text.strip()}" if text else quoted.text.strip()
        source = quoted.message_id
    if not text:
        raise UserError(T.TEXT_MISSING)
    if len(text) > MAX_TASK_TEXT:
        raise UserError(T.TEXT_TOO_LONG.format(length=len(text), limit=MAX_TASK_TEXT))
    names = {m.user_id: m.display_name for m in members}
    if ctx.member is not None:
        names[ctx.member.user_id] = ctx.member.display_name
    return await create(ctx, text, [m.user_id for m in members], deadline, source, names)


def _in_text_order(ctx: Context, members: list[Member], text: str) -> list[Member]:
    """Members in the order the text names them (resolve_members groups them by kind)."""
    folded = text.casefold()

    def position(member: Member) -> int:
        spots = [folded.find(f"@{member.username}".casefold())] if member.username else []
        spots += [
            text.find(m.text) for m in ctx.msg.mentions if m.user_id == member.user_id and m.text
        ]
        return min((s for s in spots if s >= 0), default=len(text))

    return sorted(members, key=position)


async def show(ctx: Context, number: int) -> Reply:
    """/viec <số>: the task, each assignee's status, and who did what when."""
    await ctx.require(Action.VIEW)
    task = await find_task(ctx, number)
    events = await store(ctx).events(task.id)
    user_ids = [str(e.detail["user_id"]) for e in events if "user_id" in e.detail]
    names = await store(ctx).names(task.group_id, user_ids)
    return detail(task, events, names, ctx.local_now())


async def done(ctx: Context) -> Reply:
    """/xong <số> [tatca]: my part done (or the whole task, for its creator and leaders)."""
    number, rest = take_number(ctx.msg.args, T.USAGE_DONE)
    whole = fold(rest).replace(" ", "") in T.DONE_ALL_WORDS
    if rest and not whole:
        raise UserError(T.NUMBER_BAD.format(word=rest, usage=T.USAGE_DONE + " [tatca]"))
    task = await find_task(ctx, number)
    outcome, fresh = await finish(ctx, task, whole=whole)
    if outcome is Finished.PART:
        return Reply(
            text=T.PART_DONE.format(
                name=ctx.msg.sender.name,
                number=fresh.number,
                text=fresh.text,
                progress=progress(fresh),
            )
        )
    return Reply(text=T.TASK_DONE.format(number=fresh.number, text=fresh.text))


async def assign(ctx: Context) -> Reply:
    """/giao <số> @ai …: give the task to more members (creator and leaders; anyone to self)."""
    number, rest = take_number(ctx.msg.args, T.USAGE_ASSIGN)
    task = await find_task(ctx, number)
    require_open(task)
    members, _ = await resolve_members(ctx, rest)
    members = _in_text_order(ctx, members, rest)
    if not members:
        raise UserError(T.ASSIGN_WHO_MISSING)
    if [m.user_id for m in members] == [ctx.msg.sender.user_id]:
        await ctx.require(Action.CREATE_TASK)  # taking a task on oneself: any member
    else:
        await require_manage(ctx, task)
    added = await store(ctx).assign(
        task, [m.user_id for m in members], ctx.msg.sender.user_id, ctx.now()
    )
    fresh = await store(ctx).by_id(task.id)
    assert fresh is not None
    everyone = ", ".join(a.name for a in fresh.assignees)
    if not added:
        names = ", ".join(m.display_name for m in members)
        return Reply(text=T.ASSIGNED_NOTHING.format(number=task.number, names=names, all=everyone))
    names = ", ".join(a.name for a in fresh.assignees if a.user_id in added)
    return Reply(text=T.ASSIGNED.format(number=task.number, names=names, all=everyone))


async def due(ctx: Context) -> Reply:
    """/han <số> <khi nào> (or 'bo' to remove): the new deadline, confirmed first if past."""
    number, rest = take_number(ctx.msg.args, T.USAGE_DUE)
    task = await find_task(ctx, number)
    require_open(task)
    await require_manage(ctx, task)
    marker = _MARKER_RE.match(rest)
    if marker is not None:
        rest = rest[marker.end() :].strip()
    if not rest:
        raise UserError(T.DUE_WHEN_MISSING)
    if fold(rest).replace(" ", "") in T.DUE_REMOVE_WORDS:
        return await change_due(ctx, task, None)
    deadline = read_deadline(rest, ctx, T.EXAMPLE_DUE.format(number=number))
    return await change_due(ctx, task, deadline)


async def delete(ctx: Context) -> Reply:
    """/xoa <số>: off the lists, kept in history."""
    number, _ = take_number(ctx.msg.args, T.USAGE_DELETE)
    task = await find_task(ctx, number)
    if task.status is TaskStatus.DELETED:
        raise UserError(T.DELETED_ALREADY.format(number=number))
    await require_manage(ctx, task)
    await store(ctx).delete(task, ctx.msg.sender.user_id, ctx.now())
    return Reply(text=T.DELETED.format(number=number, text=task.text))
