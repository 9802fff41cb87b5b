"""Task lists: /ds (the group's open tasks, paged, with filters) and /viectoi (mine, in a DM,
paged the same way)."""

from __future__ import annotations

import math

from bot.chat.messages import Button, Reply
from bot.core.context import Context, UserError
from bot.core.permissions import Action
from bot.core.router import ButtonRoute, Command, Router, Scope
from bot.textnorm import fold
from handlers import tasks_text as T
from handlers.people import resolve_members
from handlers.tasks_core import store
from handlers.tasks_view import MINE_PAGE, PAGE, list_lines
from storage.tasks import DueState, ListFilter, Task, TaskPage

PAGE_SIZE = 15

_MINE = frozenset({"toi", "cuatoi", "mine", "me"})
_OVERDUE = frozenset({"quahan", "overdue"})
_DONE = frozenset({"xong", "daxong", "done"})


def register(router: Router) -> None:
    """Add /ds, /viectoi and the page buttons."""
    router.command(
        Command(
            "ds",
            show_list,
            T.SUMMARY_LIST,
            T.USAGE_LIST,
            T.SECTION,
            aliases=("tasks",),
            summary_en="Open tasks of the group",
            in_private=True,
        )
    )
    router.command(
        Command(
            "viectoi",
            my_tasks,
            T.SUMMARY_MINE,
            T.USAGE_MINE,
            T.SECTION,
            scope=Scope.PRIVATE,
            aliases=("mytasks",),
            summary_en="My open tasks in all my groups (in a DM)",
        )
    )
    router.button(ButtonRoute(PAGE, turn_page, group_of=_page_group))
    router.button(ButtonRoute(MINE_PAGE, turn_mine_page, scope=Scope.PRIVATE))


async def show_list(ctx: Context) -> Reply:
    """/ds [toi | quahan | @ai | xong]: page 1 of the list, grouped by deadline state."""
    await ctx.require(Action.VIEW)
    args = ctx.msg.args.strip()
    word = fold(args).replace(" ", "")
    if not word:
        return await render(ctx, "a", 1)
    if word in _MINE:
        return await render(ctx, "u" + ctx.msg.sender.user_id, 1)
    if word in _OVERDUE:
        return await render(ctx, "q", 1)
    if word in _DONE:
        return await render(ctx, "x", 1)
    members, rest = await resolve_members(ctx, args)
    if len(members) != 1 or rest:
        raise UserError(T.LIST_FILTER_UNKNOWN.format(word=args))
    return await render(ctx, "u" + members[0].user_id, 1)


async def _page_group(ctx: Context) -> int | None:
    parts = (ctx.msg.button_data or "").split(":")
    return int(parts[3]) if len(parts) == 4 and parts[3].isdigit() else None


async def turn_page(ctx: Context) -> Reply:
    """◀ Trước / Sau ▶: the same list at another page, in place."""
    await ctx.require(Action.VIEW)
    parts = (ctx.msg.button_data or "").split(":")
    # tkl:<filter>:<page>[:<group id>] (the group is named so a private chat can turn pages).
    code, raw_page = (parts[1], parts[2]) if len(parts) in (3, 4) else ("", "")
    valid_code = code in ("a", "q", "x") or (code[:1] == "u" and len(code) > 1)
    if not (valid_code and raw_page.isdigit()):
        raise UserError(T.NOT_FOUND_BUTTON)
    if code.startswith("u"):
        member = await ctx.services.groups.member(ctx.require_group().id, code[1:])
        if member is None:
            raise UserError(T.NOTICE_NOT_MEMBER)
    reply = await render(ctx, code, max(1, int(raw_page)))
    return Reply(text=reply.text, buttons=reply.buttons, edit=True)


def _filter(code: str) -> ListFilter:
    if code == "q":
        return ListFilter(overdue_only=True)
    if code == "x":
        return ListFilter(done=True)
    if code.startswith("u"):
        return ListFilter(person=code[1:])
    return ListFilter()


async def render(ctx: Context, code: str, page: int) -> Reply:
    """One page of a list; a page past the end (tasks finished meanwhile) shows the last one."""
    group = ctx.require_group()
    filt = _filter(code)
    result = await store(ctx).page(
        group.id, ctx.now(), filt, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
    )
    pages = max(1, math.ceil(result.total / PAGE_SIZE))
    if page > pages:
        page = pages
        result = await store(ctx).page(
            group.id, ctx.now(), filt, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
        )
    person = None
    if filt.person is not None:
        person = (await store(ctx).names(group.id, [filt.person]))[filt.person]
    title = _title(code, group.name, person)
    if result.total == 0:
        return Reply(text=_empty(code, person))
    lines = [title]
    if pages > 1:
        lines.append(T.LIST_PAGE.format(page=page, pages=pages, total=result.total))
    else:
        lines.append(T.LIST_COUNT.format(total=result.total))
    if not filt.done and (result.overdue or result.soon) and not filt.overdue_only:
        lines.append(T.LIST_SUMMARY.format(overdue=result.overdue, soon=result.soon))
    now = ctx.local_now()
    counts = _section_counts(result)
    section: DueState | None = None
    if filt.done:
        lines.append("")
    for task in result.tasks:
        if not filt.done and task.state(now) is not section:
            section = task.state(now)
            lines.append("")
            lines.append(
                T.LIST_SECTION.format(name=T.STATE_NAMES[section].upper(), count=counts[section])
            )
        lines.extend(list_lines(task, now))
    lines.append("")
    lines.append(T.LIST_FOOTER)
    nav = []
    if page > 1:
        nav.append(Button(T.BTN_PREV, f"{PAGE}:{code}:{page - 1}:{group.id}"))
    if page < pages:
        nav.append(Button(T.BTN_NEXT, f"{PAGE}:{code}:{page + 1}:{group.id}"))
    return Reply(text="\n".join(lines), buttons=(tuple(nav),) if nav else ())


def _section_counts(result: TaskPage) -> dict[DueState, int]:
    return {
        DueState.OVERDUE: result.overdue,
        DueState.SOON: result.soon,
        DueState.LATER: result.dated - result.overdue - result.soon,
        DueState.NONE: result.total - result.dated,
    }


def _title(code: str, group: str, person: str | None) -> str:
    if code == "q":
        return T.LIST_TITLE_OVERDUE.format(group=group)
    if code == "x":
        return T.LIST_TITLE_DONE.format(group=group)
    if person is not None:
        return T.LIST_TITLE_PERSON.format(name=person, group=group)
    return T.LIST_TITLE_ALL.format(group=group)


def _empty(code: str, person: str | None) -> str:
    if code == "q":
        return T.LIST_EMPTY_OVERDUE
    if code == "x":
        return T.LIST_EMPTY_DONE
    if person is not None:
        return T.LIST_EMPTY_PERSON.format(name=person)
    return T.LIST_EMPTY_ALL


async def my_tasks(ctx: Context) -> Reply:
    """/viectoi (in a DM): my open tasks in every group, each group's overdue first, paged."""
    return await render_mine(ctx, 1)


async def turn_mine_page(ctx: Context) -> Reply:
    """◀ Trước / Sau ▶ under /viectoi: my list at another page, in place."""
    parts = (ctx.msg.button_data or "").split(":")
    if len(parts) != 2 or not parts[1].isdigit() or len(parts[1]) > 6:
        raise UserError(T.NOT_FOUND_BUTTON)
    reply = await render_mine(ctx, max(1, int(parts[1])))
    return Reply(text=reply.text, buttons=reply.buttons, edit=True)


async def render_mine(ctx: Context, page: int) -> Reply:
    """One page of /viectoi; a page past the end (tasks finished meanwhile) shows the last one."""
    sender = ctx.msg.sender
    groups = await ctx.services.groups.groups_of_user(sender.user_id)
    if not groups:
        return Reply(text=T.MINE_NO_GROUPS)
    total, tasks = await _mine(ctx, page)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    if page > pages:
        page = pages
        total, tasks = await _mine(ctx, page)
    if not tasks:
        return Reply(text=T.MINE_EMPTY)
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
        now = ctx.now().astimezone(group.timezone)
        lines.extend(list_lines(task, now, with_state=True))
    nav = []
    if page > 1:
        nav.append(Button(T.BTN_PREV, f"{MINE_PAGE}:{page - 1}"))
    if page < pages:
        nav.append(Button(T.BTN_NEXT, f"{MINE_PAGE}:{page + 1}"))
    return Reply(text="\n".join(lines), buttons=(tuple(nav),) if nav else ())


async def _mine(ctx: Context, page: int) -> tuple[int, list[Task]]:
    return await store(ctx).mine_page(
        ctx.msg.sender.user_id,
        offset=(page - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
    )
