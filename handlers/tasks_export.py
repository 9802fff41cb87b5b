"""/ds xuat (/tasks export): the group's tasks, open and done, as an Excel file."""

from __future__ import annotations

from bot.chat.messages import Document, Reply
from bot.core.context import Context
from bot.core.permissions import Action
from handlers import tasks_export_text as X
from handlers.tasks_core import store
from handlers.tasks_xlsx import MIME, workbook_bytes

# Folded words after /ds that ask for the spreadsheet.
EXPORT_WORDS = frozenset({"xuat", "export", "excel", "xlsx", "taive", "tai"})


async def export(ctx: Context) -> Reply:
    """The .xlsx of every open and done task with assignees, parts, deadlines, history counts."""
    await ctx.require(Action.VIEW)
    group = ctx.require_group()
    tasks, counts = await store(ctx).for_export(group.id)
    if not tasks:
        return Reply(text=X.XLSX_EMPTY)
    content = workbook_bytes(group.name, tasks, counts, ctx.now(), group.timezone)
    local = ctx.local_now()
    return Reply(
        text=X.XLSX_CAPTION.format(group=group.name, count=len(tasks)),
        document=Document(f"viec-cua-to-{local:%Y-%m-%d}.xlsx", content, MIME),
    )
