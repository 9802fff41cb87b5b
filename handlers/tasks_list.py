"""Task lists: /ds (the group's open tasks, paged, with filters; /ds xuat for a spreadsheet).
/viectoi is in tasks_mine.py."""

from __future__ import annotations

import math

from bot.chat.messages import Button, Reply
from bot.core.context import Context, UserError
from bot.core.permissions import Action
from bot.core.router import ButtonRoute, Command, Router, Scope
from bot.textnorm import fold
from handlers import tasks_text as T
from handlers.people import ambiguous_text, members_named, resolve_members
from handlers.tasks_core import store
from handlers.tasks_export import EXPORT_WORDS, export
from handlers.tasks_view import PAGE, list_lines
from storage.models import Group
from storage.tasks import DueState, ListFilter, TaskPage

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
            summary_en="Open tasks of the group; /tasks export for a spreadsheet",
            examples=T.EXAMPLES_LIST,
        )
    )
    router.button(ButtonRoute(PAGE, turn_page, scope=Scope.ANYWHERE))


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
    if word in EXPORT_WORDS:
        return await export(ctx)
    members, rest = await resolve_members(ctx, args)
    if not members and rest:
        everyone = await ctx.services.groups.members(ctx.require_group().id)
        named = members_named(everyone, rest)
        if len(named) > 1:
            raise UserError(ambiguous_text(rest, named))
        members, rest = named, ("" if named else rest)
    if len(members) != 1 or rest:
        raise UserError(T.LIST_FILTER_UNKNOWN.format(word=args))
    return await render(ctx, "u" + members[0].user_id, 1)


async def turn_page(ctx: Context) -> Reply:
    """◀ Trước / Sau ▶: the same list at another page, in place (privately, the button names
    the group, which the presser must belong to)."""
    parts = (ctx.msg.button_data or "").split(":")
    code, raw_page = (parts[1], parts[2]) if len(parts) in (3, 4) else ("", "")
    if not ctx.msg.in_group:
        group = await _group_of_page(ctx, parts[3] if len(parts) == 4 else "")
        await ctx.enter_group(group)
    await ctx.require(Action.VIEW)
    valid_code = code in ("a", "q", "x") or (code[:1] == "u" and len(code) > 1)
    if not (valid_code and raw_page.isdigit()):
        raise UserError(T.NOT_FOUND_BUTTON)
    if code.startswith("u"):
        member = await ctx.services.groups.member(ctx.require_group().id, code[1:])
        if member is None:
            raise UserError(T.NOTICE_NOT_MEMBER)
    reply = await render(ctx, code, max(1, int(raw_page)))
    return Reply(text=reply.text, buttons=reply.buttons, edit=True)


async def _group_of_page(ctx: Context, raw_id: str) -> Group:
    group = await ctx.services.groups.by_id(int(raw_id)) if raw_id.isdigit() else None
    if group is None:
        raise UserError(T.NOT_FOUND_BUTTON)
    return group


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
    # Privately the list is of one of the person's groups: the buttons say which.
    where = "" if ctx.msg.in_group else f":{group.id}"
    if page > 1:
        nav.append(Button(T.BTN_PREV, f"{PAGE}:{code}:{page - 1}{where}"))
    if page < pages:
        nav.append(Button(T.BTN_NEXT, f"{PAGE}:{code}:{page + 1}{where}"))
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
