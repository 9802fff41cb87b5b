"""The group's shared task list: /viec, /giao, /nhan, /han, /sua (finishing in tasks_finish.py,
deleting in tasks_delete.py, reopening in tasks_reopen.py, lists in tasks_list.py and
tasks_mine.py, buttons in tasks_buttons.py, wording in tasks_text.py)."""

from __future__ import annotations

import re

from bot.chat.messages import Reply
from bot.core.context import Context, UserError
from bot.core.permissions import Action
from bot.core.router import Command, Router
from bot.textnorm import fold
from handlers import tasks_buttons, tasks_list, tasks_mine, tasks_reminders
from handlers import tasks_text as T
from handlers.minutes_view import task_origin_lines
from handlers.people import resolve_members, resolve_names
from handlers.tasks_core import (
    MAX_TASK_TEXT,
    change_due,
    find_task,
    require_manage,
    require_open,
    store,
    take_number,
)
from handlers.tasks_create import create
from handlers.tasks_deadline import MARKER_RE, read_deadline, split_deadline
from handlers.tasks_delete import delete
from handlers.tasks_finish import done
from handlers.tasks_notify import tell_assignees
from handlers.tasks_reopen import reopen
from handlers.tasks_view import detail
from storage.models import Member
from storage.tasks import Task, TaskStatus

_ONLY_NUMBER_RE = re.compile(r"#?\d{1,9}")
# Also usable in a private chat, for the person's Tổ (asked which when they have several).
_IN_PRIVATE = frozenset({"xong"})


def register(router: Router) -> None:
    """Add the task commands and buttons to the router."""
    commands = (
        ("viec", new_or_show, T.SUMMARY_NEW, T.USAGE_NEW, ("task",), T.EXAMPLES_NEW),
        ("xong", done, T.SUMMARY_DONE, T.USAGE_DONE, ("done",), T.EXAMPLES_DONE),
        ("mo", reopen, T.SUMMARY_REOPEN, T.USAGE_REOPEN, ("reopen",), T.EXAMPLES_REOPEN),
        ("giao", assign, T.SUMMARY_ASSIGN, T.USAGE_ASSIGN, ("assign",), T.EXAMPLES_ASSIGN),
        ("nhan", take, T.SUMMARY_TAKE, T.USAGE_TAKE, ("take",), T.EXAMPLES_TAKE),
        ("han", due, T.SUMMARY_DUE, T.USAGE_DUE, ("due",), T.EXAMPLES_DUE),
        ("sua", edit, T.SUMMARY_EDIT, T.USAGE_EDIT, ("edit",), T.EXAMPLES_EDIT),
        ("xoa", delete, T.SUMMARY_DELETE, T.USAGE_DELETE, ("delete",), T.EXAMPLES_DELETE),
    )
    for name, handler, summary, usage, aliases, examples in commands:
        router.command(
            Command(
                name,
                handler,
                summary,
                usage,
                T.SECTION,
                aliases=aliases,
                summary_en=T.SUMMARIES_EN[name],
                examples=examples,
            )
        )
    tasks_list.register(router)
    tasks_mine.register(router)
    tasks_buttons.register(router)
    tasks_reminders.register(router)


async def new_or_show(ctx: Context) -> Reply:
    """/viec <nội dung> [@ai …] [hạn <khi nào>]: the new task's card; /viec <số>: its history."""
    args = ctx.msg.args.strip()
    if _ONLY_NUMBER_RE.fullmatch(args) and ctx.msg.reply_to is None:
        return await show(ctx, int(args.lstrip("#")))
    try:
        return await _new(ctx, args)
    except UserError as refusal:
        # Whatever went wrong, say plainly that no task was created.
        said = str(refusal)
        raise UserError(
            said if T.NOT_CREATED_MARK in said.lower() else f"{T.NOT_CREATED} {said}"
        ) from None


async def _new(ctx: Context, args: str) -> Reply:
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
    origin = await ctx.services.minutes.origin_of_task(task.id)
    lines = task_origin_lines(origin, task, ctx.require_group(), ctx.now())
    return detail(task, events, names, ctx.local_now(), origin=lines)


async def assign(ctx: Context) -> Reply:
    """/giao <số> @ai … (or their names): give the task to more members (its creator and
    leaders; anyone may take a task nobody has, as with /nhan)."""
    number, rest = take_number(ctx.msg.args, T.USAGE_ASSIGN)
    task = await find_task(ctx, number)
    require_open(task)
    members, leftover = await resolve_members(ctx, rest)
    if leftover:
        members += await resolve_names(ctx, leftover)
    members = _in_text_order(ctx, list({m.user_id: m for m in members}.values()), rest)
    if not members:
        raise UserError(T.ASSIGN_WHO_MISSING)
    sender = ctx.msg.sender.user_id
    if not await ctx.allowed(Action.MANAGE_TASK, owner_id=task.created_by):
        if [m.user_id for m in members] == [sender] and not task.assignees:
            return await _take(ctx, task)
        if [m.user_id for m in members] == [sender]:
            raise UserError(T.TAKE_HAS_PEOPLE.format(number=task.number, names=_names(task)))
        await require_manage(ctx, task)  # refuses with who may assign
    added = await store(ctx).assign(task, [m.user_id for m in members], sender, ctx.now())
    fresh = await store(ctx).by_id(task.id)
    assert fresh is not None
    if not added:
        names = ", ".join(m.display_name for m in members)
        return Reply(
            text=T.ASSIGNED_NOTHING.format(number=task.number, names=names, all=_names(fresh))
        )
    await ctx.remember("task_assigned", task_id=task.id, user_ids=added)
    await tell_assignees(ctx, fresh, added)
    names = ", ".join(a.name for a in fresh.assignees if a.user_id in added)
    return Reply(text=T.ASSIGNED.format(number=task.number, names=names, all=_names(fresh)))


def _names(task: Task) -> str:
    return ", ".join(a.name for a in task.assignees) or T.ASSIGN_NOBODY


async def take(ctx: Context) -> Reply:
    """/nhan <số>: take a task nobody has been given yet."""
    number, rest = take_number(ctx.msg.args, T.USAGE_TAKE)
    if rest:
        raise UserError(T.NUMBER_BAD.format(word=rest, usage=T.USAGE_TAKE))
    task = await find_task(ctx, number)
    require_open(task)
    if task.assignee(ctx.msg.sender.user_id) is not None:
        raise UserError(T.TAKE_ALREADY_YOURS.format(number=task.number))
    if task.assignees:
        raise UserError(T.TAKE_HAS_PEOPLE.format(number=task.number, names=_names(task)))
    return await _take(ctx, task)


async def _take(ctx: Context, task: Task) -> Reply:
    await ctx.require(Action.TAKE_TASK)
    sender = ctx.msg.sender
    await store(ctx).assign(task, [sender.user_id], sender.user_id, ctx.now())
    await ctx.remember("task_assigned", task_id=task.id, user_ids=[sender.user_id])
    return Reply(text=T.TAKEN.format(name=sender.name, number=task.number, text=task.text))


async def due(ctx: Context) -> Reply:
    """/han <số> <khi nào> (or 'bo' to remove): the new deadline, confirmed first if past."""
    number, rest = take_number(ctx.msg.args, T.USAGE_DUE)
    task = await find_task(ctx, number)
    require_open(task)
    await require_manage(ctx, task)
    marker = MARKER_RE.match(rest)
    if marker is not None:
        rest = rest[marker.end() :].strip()
    if not rest:
        raise UserError(T.DUE_WHEN_MISSING)
    if fold(rest).replace(" ", "") in T.DUE_REMOVE_WORDS:
        return await change_due(ctx, task, None)
    deadline = read_deadline(rest, ctx, T.EXAMPLE_DUE.format(number=number))
    return await change_due(ctx, task, deadline)


async def edit(ctx: Context) -> Reply:
    """/sua <số> <nội dung mới>: the task's new text (the old one stays in its history)."""
    number, text = take_number(ctx.msg.args, T.USAGE_EDIT)
    task = await find_task(ctx, number)
    if task.status is TaskStatus.DELETED:
        raise UserError(T.DELETED_ALREADY.format(number=task.number))
    await require_manage(ctx, task)
    text = " ".join(text.split())
    if not text:
        raise UserError(T.EDIT_TEXT_MISSING.format(number=number))
    if len(text) > MAX_TASK_TEXT:
        raise UserError(T.TEXT_TOO_LONG.format(length=len(text), limit=MAX_TASK_TEXT))
    if text == task.text:
        raise UserError(T.EDIT_SAME.format(number=number))
    await store(ctx).edit_text(task, text, ctx.msg.sender.user_id, ctx.now())
    await ctx.remember("task_edited", task_id=task.id, to=text, **{"from": task.text})
    return Reply(text=T.EDITED.format(number=number, text=text, old=task.text))
