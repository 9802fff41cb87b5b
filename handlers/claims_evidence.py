"""Files sent as evidence for a claim item: a reply to the checklist with the item number in the
caption, or "#hoso <số lịch> <mục>" in a caption anywhere in the group.

This is a pre-handler hook (registered in handlers/claims.py) because such a file is a plain
message, not a command, and the sender must be answered. It lets every other message through
untouched. Anyone in the group may attach; the file stays on the platform and the claim keeps
its id, sender and time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.chat.messages import InboundKind, Reply
from bot.core import text as core_text
from bot.core.context import Context, UserError
from bot.core.permissions import Action
from bot.textnorm import fold
from handlers import claims_text as T
from storage.claims import Claim, ClaimClosedError, ClaimItemNotFoundError

# "#hoso 3 5", "#hồ sơ lịch 3 mục 5", "#HOSO #3 5" (on folded text).
_TAG_RE = re.compile(
    r"#\s*ho\s*so\b\s*(?:lich\s*(?:so)?\s*)?(?:#?(\d{1,6}))?\s*(?:muc\s*(?:so)?\s*)?(\d{1,4})?"
)
# The item number at the start of a reply's caption: "5", "mục 5", "5 – danh sách ký nhận".
_ITEM_RE = re.compile(r"^\s*(?:muc\s*(?:so)?\s*)?#?(\d{1,4})(?!\d)")


async def attach_evidence(ctx: Context) -> Sequence[Reply] | None:
    """Link the sent file to the item it names; let every other message through (None)."""
    msg = ctx.msg
    group = ctx.group
    if group is None or msg.kind is not InboundKind.MESSAGE or msg.command is not None:
        return None
    folded = fold(msg.text)
    tag = _TAG_RE.search(folded)
    tagged = tag is not None and tag.group(1) is not None
    replied: Claim | None = None
    if msg.attachment is not None and msg.reply_to is not None:
        replied = await ctx.services.claims.files.claim_of_message(
            msg.chat_id, msg.reply_to.message_id
        )
    if not tagged and replied is None:
        return None
    if msg.sender.anonymous:
        raise UserError(core_text.ANONYMOUS_SENDER)
    if msg.attachment is None:
        raise UserError(T.EVIDENCE_NO_FILE)
    await ctx.require(Action.ATTACH_EVIDENCE)
    services = ctx.services
    if replied is not None and (tag is None or tag.group(2) is None):
        # A reply to the checklist: the number is the item ("5", "mục 5", or "#hoso 5").
        claim = replied
        found = _ITEM_RE.match(folded) or (tag and re.search(r"(\d{1,4})", tag.group(0)))
        if not found:
            raise UserError(T.EVIDENCE_WHICH_ITEM)
        position = int(found.group(1))
    else:
        assert tag is not None
        if tag.group(2) is None:
            raise UserError(T.EVIDENCE_USAGE)
        event = await services.events.by_number(group.id, int(tag.group(1)))
        if event is None:
            raise UserError(T.EVENT_NOT_FOUND.format(number=tag.group(1)))
        found_claim = await services.claims.claims.by_event(event.id)
        if found_claim is None:
            raise UserError(T.EVIDENCE_NO_CLAIM.format(number=event.number))
        claim, position = found_claim, int(tag.group(2))
    return [await _attach(ctx, claim, position)]


async def _attach(ctx: Context, claim: Claim, position: int) -> Reply:
    msg = ctx.msg
    attachment = msg.attachment
    assert attachment is not None
    services = ctx.services
    event = await services.events.by_id(claim.event_id)
    assert event is not None
    try:
        saved = await services.claims.files.attach(
            claim.id,
            position,
            platform_file_id=attachment.file_id,
            file_name=attachment.file_name,
            mime_type=attachment.mime_type,
            sender_id=msg.sender.user_id,
            message_id=msg.message_id,
            now=ctx.now(),
        )
    except ClaimClosedError as exc:
        raise UserError(T.EVIDENCE_CLOSED.format(number=event.number)) from exc
    except ClaimItemNotFoundError as exc:
        raise UserError(T.ITEM_NOT_FOUND.format(position=position, number=event.number)) from exc
    items = await services.claims.claims.items(claim.id)
    item = next(i for i in items if i.position == position)
    count = sum(
        1 for a in await services.claims.files.attachments(claim.id) if a.position == position
    )
    text = T.EVIDENCE_SAVED if saved is not None else T.EVIDENCE_ALREADY
    return Reply(
        text=text.format(position=position, name=item.name, number=event.number, count=count)
    )
