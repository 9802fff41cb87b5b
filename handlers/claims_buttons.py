"""The ☐/☑ button of a claim item: tick or untick, and the checklist message updates in place."""

from __future__ import annotations

import re

from bot.chat.messages import Reply
from bot.core import text as core_text
from bot.core.context import Context, UserError
from bot.core.permissions import Action
from handlers import claims_text as T
from handlers.claims_view import checklist_reply, claim_view
from storage.claims import ClaimClosedError, ClaimItemNotFoundError

_DATA_RE = re.compile(r"cl:(\d{1,12}):(\d{1,4}):([01])")


async def press_item(ctx: Context) -> Reply:
    """A leader presses an item: it is ticked (or unticked), who and when recorded, and the
    message shows the new state; anyone else gets a short refusal and nothing changes."""
    group = ctx.require_group()
    match = _DATA_RE.fullmatch(ctx.msg.button_data or "")
    if match is None:
        raise UserError(core_text.BUTTON_EXPIRED)
    claim_id, position, done = int(match.group(1)), int(match.group(2)), match.group(3) == "1"
    services = ctx.services
    claim = await services.claims.claims.by_id(claim_id)
    # A button from another group's message (forwarded, or forged data) acts on nothing here.
    if claim is None or claim.group_id != group.id:
        raise UserError(core_text.BUTTON_EXPIRED)
    await ctx.require(Action.MANAGE_CLAIMS)
    event = await services.events.by_id(claim.event_id)
    assert event is not None
    try:
        item, changed = await services.claims.claims.set_done(
            claim.id, position, done, by=ctx.msg.sender.user_id, now=ctx.now()
        )
    except ClaimClosedError as exc:
        raise UserError(T.CLAIM_IS_CLOSED.format(number=event.number)) from exc
    except ClaimItemNotFoundError as exc:
        raise UserError(core_text.BUTTON_EXPIRED) from exc
    if not changed:
        notice = T.PRESS_ALREADY_DONE if item.done else T.PRESS_ALREADY_UNDONE
    else:
        notice = T.PRESS_DONE if item.done else T.PRESS_UNDONE
    view = await claim_view(services, group, event, claim)
    return checklist_reply(
        view,
        ctx.now(),
        buttons=ctx.messenger.capabilities.buttons,
        tags_seen=await ctx.messenger.sees_group_messages(ctx.msg.chat_id),
        edit=True,
        notice=notice.format(position=item.position),
    )
