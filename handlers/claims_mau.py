"""/mau (alias /template): the group's checklist of each activity kind, and its edits.

/mau <loại> shows it; them [truoc|trongngay|sau] <mục>, sua <số> <tên mới>, xoa <số>, macdinh
change the group's own copy (claims already opened keep the checklist they were opened with).
"""

from __future__ import annotations

from bot.chat.messages import Reply
from bot.core.context import Context, UserError
from bot.core.permissions import Action
from bot.core.router import Command, Router
from bot.textnorm import fold
from handlers import claims_text as T
from handlers.claims_catalog import catalog
from handlers.claims_common import checklist_of, is_number, kind_of_word
from handlers.claims_templates import ITEM_NAME_LIMIT
from storage.claim_templates import (
    EmptyChecklistError,
    TemplateItem,
    TemplateItemNotFoundError,
)

MAX_ITEMS = 40
_PHASE_WORDS = {
    "truoc": "before",
    "trongngay": "on_day",
    "trong": "on_day",
    "ngay": "on_day",
    "sau": "after",
}


def register(router: Router) -> None:
    """Add /mau."""
    router.command(
        Command(
            "mau",
            template_command,
            "Danh mục hồ sơ thanh toán theo loại hoạt động; thêm, sửa, xóa mục",
            T.TEMPLATE_USAGE,
            T.SECTION,
            aliases=("template",),
            summary_en="Checklist templates per activity kind; add, rename, remove items",
        )
    )


async def template_command(ctx: Context) -> Reply:
    """/mau: the kinds; /mau <loại> [them … | sua <số> … | xoa <số> | macdinh]."""
    group = ctx.require_group()
    words = ctx.msg.args.split()
    if not words:
        await ctx.require(Action.VIEW)
        return Reply(text=T.TEMPLATE_KINDS)
    kind = kind_of_word(words[0])
    if len(words) > 1 and kind_of_word(words[0] + words[1]) is not None:
        kind, words = kind_of_word(words[0] + words[1]), [words[0] + words[1], *words[2:]]
    if kind is None:
        raise UserError(T.TEMPLATE_UNKNOWN_KIND.format(word=words[0]))
    services = ctx.services
    current = await checklist_of(services, group.id, kind)
    if len(words) == 1:
        await ctx.require(Action.VIEW)
        own = await services.claims.templates.copy_of(group.id, kind) is not None
        return Reply(text=_show(kind, current, own))
    await ctx.require(Action.MANAGE_CLAIMS)
    action, rest = fold(words[1]), words[2:]
    templates = services.claims.templates
    by, now = ctx.msg.sender.user_id, ctx.now()
    if action in ("macdinh", "goc", "reset"):
        await templates.reset(group.id, kind)
        items = list(catalog().checklists[kind].items)
        return Reply(text=T.TEMPLATE_RESET + "\n" + _show(kind, items, False))
    if action in ("them", "add"):
        phase = _PHASE_WORDS.get(fold(rest[0])) if rest else None
        name = _name(rest[1:] if phase else rest, kind, list(enumerate(current, start=1)))
        if len(current) >= MAX_ITEMS:
            raise UserError(T.TEMPLATE_FULL.format(limit=MAX_ITEMS))
        item = TemplateItem(phase or "after", name)
        items = await templates.add(group.id, kind, current, item, by=by, now=now)
        return Reply(text=T.TEMPLATE_ADDED.format(name=name) + "\n" + _show(kind, items, True))
    if action in ("sua", "doi", "rename") or action in ("xoa", "bo", "remove"):
        if not rest or not is_number(rest[0]):
            raise UserError(T.TEMPLATE_NUMBER_MISSING.format(kind=kind))
        position = int(rest[0].lstrip("#"))
        try:
            if action in ("xoa", "bo", "remove"):
                items = await templates.remove(group.id, kind, current, position, by=by, now=now)
                done = T.TEMPLATE_REMOVED.format(position=position)
            else:
                others = [(n, i) for n, i in enumerate(current, start=1) if n != position]
                name = _name(rest[1:], kind, others)
                items = await templates.rename(
                    group.id, kind, current, position, name, by=by, now=now
                )
                done = T.TEMPLATE_RENAMED.format(position=position, name=name)
        except TemplateItemNotFoundError as exc:
            raise UserError(
                T.TEMPLATE_NO_ITEM.format(position=position, count=len(current), kind=kind)
            ) from exc
        except EmptyChecklistError as exc:
            raise UserError(T.TEMPLATE_WOULD_BE_EMPTY) from exc
        return Reply(text=done + "\n" + _show(kind, items, True))
    raise UserError(T.TEMPLATE_UNKNOWN_ACTION.format(word=words[1], kind=kind))


def _name(words: list[str], kind: str, others: list[tuple[int, TemplateItem]]) -> str:
    """The item name typed, refused if empty, too long, or already in the checklist."""
    name = " ".join(" ".join(words).split())
    if not name:
        raise UserError(T.TEMPLATE_NAME_MISSING.format(kind=kind))
    if len(name) > ITEM_NAME_LIMIT:
        raise UserError(T.TEMPLATE_NAME_TOO_LONG.format(limit=ITEM_NAME_LIMIT))
    for position, item in others:
        if fold(item.name) == fold(name):
            raise UserError(T.TEMPLATE_DUPLICATE.format(name=item.name, position=position))
    return name


def _show(kind: str, items: list[TemplateItem], own: bool) -> str:
    lines = [
        T.TEMPLATE_HEADER.format(
            name=catalog().checklists[kind].name,
            kind=kind,
            whose=T.TEMPLATE_OWN if own else T.TEMPLATE_DEFAULT,
        )
    ]
    phase = None
    for position, item in enumerate(items, start=1):
        if item.phase != phase:
            phase = item.phase
            lines.append(T.PHASES[phase] + ":")
        auto = T.TEMPLATE_AUTO if item.auto else ""
        lines.append(f"{position}. {item.name}{auto}")
    lines.append(T.TEMPLATE_FOOTER.format(kind=kind))
    return "\n".join(lines)
