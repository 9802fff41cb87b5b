"""/viectoi (/mytasks): a person's open tasks, with ✅ Xong (and Đổi hạn where they may change
it) under each. Privately: every group's, paged in SQL like /ds; in a group: that group's, or
sent privately when the list is long."""

from __future__ import annotations

import math

from bot.chat.messages import Button, Reply
from bot.core.context import Context, UserError
from bot.core.dm import send_private
from bot.core.permissions import Action, may
from bot.core.router import ButtonRoute, Command, Router, Scope
from handlers import tasks_text as T
from handlers.tasks_core import button_task, store
from handlers.tasks_finish import Plan, apply_finish, outcome, plan_finish, press_done
from handlers.tasks_view import CARD, list_lines
from storage.tasks import Task

MINE = "tkm"  # tkm:d:<task id>:<page>  ✅ under a line of /viectoi (its page redrawn in place)
#               tkm:<page>              ◀ Trước / Sau ▶ of the private list
GROUP_LIST_LIMIT = 5  # longer lists asked for in a group go privately
# Tasks on one page of the private list: each gets its buttons (a keyboard of more rows is hard
# to use on a phone), so the page is no longer than that.
PAGE_SIZE = 10
MAX_PAGE_DIGITS = 6


def register(router: Router) -> None:
    """Add /viectoi and the ✅ under its lines."""
    router.command(
        Command(
            "viectoi",
            my_tasks,
            T.SUMMARY_MINE,
            T.USAGE_MINE,
            T.SECTION,
            scope=Scope.ANYWHERE,
            aliases=("mytasks",),
            summary_en="My open tasks, with ✅ buttons",
        )
    )
    router.button(ButtonRoute(MINE, on_mine, scope=Scope.ANYWHERE))


async def my_tasks(ctx: Context) -> Reply:
    """/viectoi: privately every group's; in a group, that group's (privately if long)."""
    if not ctx.msg.in_group:
        return await private_list(ctx)
    group = ctx.require_group()
    await ctx.require(Action.VIEW)
    sender = ctx.msg.sender
    tasks = [t for t in await store(ctx).open_for_user(sender.user_id) if t.group_id == group.id]
    if not tasks:
        return Reply(text=T.MINE_EMPTY_HERE.format(name=sender.name))
    if len(tasks) > GROUP_LIST_LIMIT and await send_private(
        ctx, sender.user_id, await private_list(ctx)
    ):
        return Reply(text=T.MINE_SENT_PRIVATELY.format(name=sender.name, count=len(tasks)))
    lines = [T.MINE_TITLE_HERE.format(name=sender.name, group=group.name, count=len(tasks))]
    for task in tasks:
        lines.extend(list_lines(task, ctx.local_now(), with_state=True))
    return Reply(text="\n".join(lines), buttons=await _buttons(ctx, tasks))


async def private_list(ctx: Context, page: int = 1, *, edit: bool = False) -> Reply:
    """One page of my open tasks in every group, each group's overdue first, with buttons; a
    page past the end (tasks finished meanwhile) shows the last one."""
    sender = ctx.msg.sender
    groups = await ctx.services.groups.groups_of_user(sender.user_id)
    if not groups:
        return Reply(text=T.MINE_NO_GROUPS, edit=edit)
    total, tasks = await _page(ctx, page)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    if page > pages:
        page = pages
        total, tasks = await _page(ctx, page)
    if not tasks:
        return Reply(text=T.MINE_EMPTY, edit=edit)
    by_id = {group.id: group for group in groups}
    lines = [T.MINE_TITLE.format(name=sender.name, count=total)]
    if pages > 1:
        lines.append(T.MINE_PAGE.format(page=page, pages=pages))
    current = None
    for task in tasks:
        group = by_id.get(task.group_id)
        if group is None:
            continue
        if task.group_id != current:
            current = task.group_id
            lines.append("")
            lines.append(T.MINE_GROUP.format(group=group.name))
        lines.extend(list_lines(task, ctx.now().astimezone(group.timezone), with_state=True))
    nav = []
    if page > 1:
        nav.append(Button(T.BTN_PREV, f"{MINE}:{page - 1}"))
    if page < pages:
        nav.append(Button(T.BTN_NEXT, f"{MINE}:{page + 1}"))
    rows = await _buttons(ctx, tasks, page)
    return Reply(text="\n".join(lines), buttons=(*rows, tuple(nav)) if nav else rows, edit=edit)


async def _page(ctx: Context, page: int) -> tuple[int, list[Task]]:
    return await store(ctx).mine_page(
        ctx.msg.sender.user_id,
        offset=(page - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
    )


async def _buttons(
    ctx: Context, tasks: list[Task], page: int = 1
) -> tuple[tuple[Button, ...], ...]:
    """✅ Xong #n for each task, and ✏️ Đổi hạn #n where the person may change the deadline."""
    rows = []
    for task in tasks[:PAGE_SIZE]:
        done = f"{MINE}:d:{task.id}:{page}"
        row = [Button(T.BTN_DONE_NUMBER.format(number=task.number), done)]
        member = await ctx.services.groups.member(task.group_id, ctx.msg.sender.user_id)
        if may(member, Action.MANAGE_TASK, owner_id=task.created_by):
            row.append(Button(T.BTN_DUE_NUMBER.format(number=task.number), f"{CARD}:h:{task.id}"))
        rows.append(tuple(row))
    return tuple(rows)


async def on_mine(ctx: Context) -> Reply:
    """✅ under /viectoi: finish it (the presser's part), then redraw its page in place;
    ◀ Trước / Sau ▶: another page of the presser's own private list, in place."""
    parts = (ctx.msg.button_data or "").split(":")
    if len(parts) == 2 and _is_page(parts[1]) and not ctx.msg.in_group:
        reply = await private_list(ctx, max(1, int(parts[1])))
        return Reply(text=reply.text, buttons=reply.buttons, edit=True)
    if len(parts) != 4 or parts[1] != "d" or not _is_page(parts[3]):
        raise UserError(T.NOT_FOUND_BUTTON)
    page = max(1, int(parts[3]))
    in_group = ctx.msg.in_group
    task = await button_task(ctx, parts[2])
    plan = await plan_finish(ctx, task, whole=False)
    if plan is Plan.ASK:
        return await press_done(ctx, task)  # the question, as a new message
    fresh, item = await apply_finish(ctx, task, plan)
    await ctx.remember("task_done", items=[item])
    notice = outcome(ctx, plan, fresh)
    if in_group:
        reply = await my_tasks(ctx)
    else:
        ctx.group = None  # the list is of every group, not only this task's
        reply = await private_list(ctx, page)
    return Reply(text=reply.text, buttons=reply.buttons, edit=True, notice=notice)


def _is_page(text: str) -> bool:
    return text.isdigit() and len(text) <= MAX_PAGE_DIGITS
