"""/dutru (alias /budget): the budget estimate of an event from the province's rate table.

/dutru <số> shows it; /dutru <số> <mục> <số lượng> sets a line's quantity (or a count every line
uses: daibieu, phucvu, buoi, diem); /dutru <số> <mục> macdinh goes back to the computed one;
/dutru <số> xuat sends it as .xlsx.
"""

from __future__ import annotations

from bot.chat.messages import Document, Reply
from bot.core.context import Context, Services, UserError
from bot.core.permissions import Action
from bot.core.router import Command, Router
from bot.textnorm import fold
from handlers import claims_text as T
from handlers.claims_catalog import catalog
from handlers.claims_common import claim_kind, day_of, dong, event_by_word, is_number
from handlers.claims_estimate import Estimate, Factors, compute_estimate, factor_key, line_key
from handlers.claims_rates import table_in_force
from handlers.claims_settings import choices, claim_settings
from handlers.claims_xlsx import counts_line, estimate_workbook
from handlers.events_text import KIND_NAMES
from storage.events import Event
from storage.models import Group

MAX_QUANTITY = 100_000
_DEFAULT_WORDS = ("macdinh", "tudong", "bo", "xoa")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def register(router: Router) -> None:
    """Add /dutru."""
    router.command(
        Command(
            "dutru",
            budget_command,
            "Dự trù kinh phí của một lịch theo định mức của tỉnh; điều chỉnh số lượng; .xlsx",
            T.BUDGET_USAGE,
            T.SECTION,
            aliases=("budget",),
            summary_en="Budget estimate of an event from the province's rates",
            examples=T.BUDGET_EXAMPLES,
        )
    )


async def estimate_for(
    services: Services, group: Group, event: Event
) -> tuple[Estimate | None, str]:
    """The event's estimate, or None with the reason in Vietnamese."""
    settings = claim_settings(group)
    if settings.province is None:
        return None, T.BUDGET_NO_PROVINCE.format(choices=choices())
    kind = claim_kind(event)
    on = event.starts_at.astimezone(group.timezone).date()
    table = table_in_force(catalog().rate_tables, settings.province, kind, on)
    if table is None:
        province = catalog().provinces[settings.province]
        kind_name = KIND_NAMES.get(event.kind, event.kind)
        return None, T.BUDGET_NO_TABLE.format(
            province=province, kind=kind_name, day=day_of(event.starts_at, group)
        )
    attendance = await services.events.attendance(event.id)
    factors = Factors(attendees=sum(1 for a in attendance if a.answer == "yes"))
    quantities = await services.claims.quantities.of_event(event.id)
    return compute_estimate(table, kind, factors, quantities), ""


async def budget_command(ctx: Context) -> Reply:
    """/dutru <số> [xuat | <mục> <số lượng> | <mục> macdinh]."""
    group = ctx.require_group()
    words = ctx.msg.args.split()
    if not words:
        raise UserError(T.BUDGET_HOW)
    event = await event_by_word(ctx, group, words[0])
    rest = words[1:]
    if not rest:
        await ctx.require(Action.VIEW)
        return Reply(text=await _estimate_text(ctx.services, group, event))
    if fold(rest[0]) in ("xuat", "tai", "xlsx", "export"):
        await ctx.require(Action.VIEW)
        estimate, why_not = await estimate_for(ctx.services, group, event)
        if estimate is None:
            raise UserError(why_not)
        return Reply(
            text=T.BUDGET_XLSX_CAPTION.format(number=event.number, total=dong(estimate.total)),
            document=Document(
                T.BUDGET_XLSX_NAME.format(number=event.number),
                estimate_workbook(estimate, event.title),
                XLSX_MIME,
            ),
        )
    await ctx.require(Action.MANAGE_CLAIMS)
    if len(rest) != 2:
        raise UserError(T.BUDGET_SET_USAGE.format(number=event.number))
    estimate, why_not = await estimate_for(ctx.services, group, event)
    if estimate is None:
        raise UserError(why_not)
    key = _key_of(estimate, rest[0], event)
    quantities = ctx.services.claims.quantities
    if fold(rest[1]) in _DEFAULT_WORDS:
        await quantities.clear(event.id, key)
    else:
        quantity = _quantity(rest[1], event)
        await quantities.set(event.id, key, quantity, by=ctx.msg.sender.user_id, now=ctx.now())
    return Reply(text=T.BUDGET_UPDATED + "\n" + await _estimate_text(ctx.services, group, event))


def _key_of(estimate: Estimate, word: str, event: Event) -> str:
    """A line number → its line key; a count's name (phucvu, buoi …) → its factor key."""
    if is_number(word):
        number = int(word.lstrip("#"))
        for line in estimate.lines:
            if line.number == number:
                return line_key(line.code)
        raise UserError(
            T.BUDGET_NO_LINE.format(line=number, count=len(estimate.lines), number=event.number)
        )
    factor = T.FACTOR_WORDS.get(fold(word))
    if factor is None:
        raise UserError(T.BUDGET_UNKNOWN_WORD.format(word=word, number=event.number))
    return factor_key(factor)


def _quantity(word: str, event: Event) -> int:
    if not word.isdigit() or not 0 <= int(word) <= MAX_QUANTITY:
        raise UserError(
            T.BUDGET_BAD_QUANTITY.format(limit=dong(MAX_QUANTITY), number=event.number)
        )
    return int(word)


async def _estimate_text(services: Services, group: Group, event: Event) -> str:
    estimate, why_not = await estimate_for(services, group, event)
    header = T.BUDGET_HEADER.format(
        number=event.number, title=event.title, day=day_of(event.starts_at, group)
    )
    if estimate is None:
        return f"{header}\n{why_not}"
    table = estimate.table
    lines = [
        header,
        T.BUDGET_BASIS.format(
            resolution=table.resolution, effective=table.effective.strftime("%d/%m/%Y")
        ),
    ]
    if table.example:
        lines.append(T.BUDGET_EXAMPLE)
    lines.append(T.BUDGET_COUNTS.format(counts=counts_line(estimate)))
    if estimate.factors.attendees == 0 and "attendees" not in estimate.factors_set_by_hand:
        lines.append(T.BUDGET_NOBODY_YET.format(number=event.number))
    for line in estimate.lines:
        lines.append(
            T.BUDGET_LINE.format(
                number=line.number,
                name=line.name,
                rate=dong(line.rate),
                unit=line.unit,
                quantity=line.quantity,
                amount=dong(line.amount),
                by_hand=T.BUDGET_BY_HAND if line.set_by_hand else "",
            )
        )
    lines.append(T.BUDGET_TOTAL.format(total=dong(estimate.total)))
    lines.append(T.BUDGET_ADJUST.format(number=event.number))
    return "\n".join(lines)
