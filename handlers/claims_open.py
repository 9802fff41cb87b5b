"""Opening, closing and reopening a claim, with its reminder rows and the papers other features
produced (the biên bản of the minutes feature, ticked with a link to it)."""

from __future__ import annotations

from bot.core.context import Context, Services, UserError
from handlers import claims_reminders
from handlers import claims_text as T
from handlers.claims_common import checklist_of, claim_kind, deadline_for
from handlers.claims_settings import claim_settings
from handlers.minutes_settings import minutes_settings
from storage.claims import Claim, ClaimExistsError
from storage.events import Event
from storage.minutes import MinutesEntry
from storage.models import Group

MINUTES = "minutes"  # TemplateItem.auto of the papers the minutes feature produces


async def open_claim(ctx: Context, group: Group, event: Event) -> Claim:
    """Open the event's claim with the group's checklist, its deadline and reminder rows.

    The claim and its reminder rows are committed together. Papers already produced for the
    event (its minutes) are ticked at once.
    """
    if event.status != "active":
        raise UserError(T.EVENT_CANCELLED.format(number=event.number))
    services = ctx.services
    kind = claim_kind(event)
    days = claim_settings(group).deadline_days
    now = ctx.now()
    try:
        async with services.db.transaction():
            claim = await services.claims.claims.open(
                group_id=group.id,
                event_id=event.id,
                kind=kind,
                items=await checklist_of(services, group.id, kind),
                deadline=deadline_for(group, event, days),
                by=ctx.msg.sender.user_id,
                now=now,
            )
            rows = await claims_reminders.plan(services, group, claim, now)
    except ClaimExistsError:
        # Two leaders opened it at the same moment: the first one won; show theirs.
        existing = await services.claims.claims.by_event(event.id)
        assert existing is not None
        return existing
    await services.dispatcher.arm_for(rows)
    link = await minutes_of_event(services, group, event)
    if link is not None:
        await services.claims.claims.tick_produced(claim.id, MINUTES, link, now=now)
    return claim


async def close_claim(ctx: Context, group: Group, claim: Claim) -> bool:
    """Close a claim (handed to the kế toán) and cancel its reminders; False if closed."""
    services = ctx.services
    if not await services.claims.claims.close(claim.id, by=ctx.msg.sender.user_id, now=ctx.now()):
        return False
    closed = await services.claims.claims.by_id(claim.id)
    assert closed is not None
    await claims_reminders.plan(services, group, closed, ctx.now())
    return True


async def reopen_claim(ctx: Context, group: Group, claim: Claim) -> bool:
    """Open a closed claim again, with its reminders; False if it was open."""
    services = ctx.services
    if not await services.claims.claims.reopen(claim.id):
        return False
    reopened = await services.claims.claims.by_id(claim.id)
    assert reopened is not None
    rows = await claims_reminders.plan(services, group, reopened, ctx.now())
    await services.dispatcher.arm_for(rows)
    return True


# -- papers the minutes feature produces --------------------------------------------------
#
# A claim opened after the event's minutes were closed starts with its biên bản ticked
# (minutes_of_event); minutes closed while the claim is open tick it then (paper_produced,
# called by handlers/minutes_close.py).


def minutes_link(group: Group, entry: MinutesEntry) -> str:
    """'biên bản số 04/BB-TĐB (/bienban 4)': what the claim shows next to the item."""
    return T.MINUTES_LINK.format(
        number=f"{entry.number:02d}/{minutes_settings(group).code}",
        short=entry.number,
        year=entry.year,
    )


async def minutes_of_event(services: Services, group: Group, event: Event) -> str | None:
    """The link to the event's closed minutes, if there are any."""
    entry = await services.minutes.of_event(event.id)
    return minutes_link(group, entry) if entry is not None else None


async def paper_produced(
    services: Services, group: Group, event_id: int, entry: MinutesEntry
) -> int:
    """Tick the minutes items of the event's open claim; returns how many were ticked."""
    claim = await services.claims.claims.by_event(event_id)
    if claim is None:
        return 0
    ticked = await services.claims.claims.tick_produced(
        claim.id, MINUTES, minutes_link(group, entry), now=services.clock.now()
    )
    return len(ticked)
