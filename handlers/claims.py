"""/thanhtoan (alias /claim): the payment file of an event, ticked in the chat.

/thanhtoan alone lists the open claims; /thanhtoan <số> opens or shows one as a message with a
☐/☑ button per item (pressing edits it in place, handlers/claims_buttons.py); files come in by
reply or #hoso caption (handlers/claims_evidence.py); /thanhtoan <số> xuat sends the kế toán
the .xlsx and the .zip (handlers/claims_handover.py). /dutru is in handlers/claims_budget.py,
/mau in handlers/claims_mau.py, the deadline reminders in handlers/claims_reminders.py.
"""

from __future__ import annotations

from bot.chat.messages import Reply
from bot.chat.transport import Messenger
from bot.core.context import Context, Services, UserError
from bot.core.permissions import Action
from bot.core.router import ButtonRoute, Command, Router
from bot.textnorm import fold
from handlers import claims_budget, claims_mau, claims_reminders
from handlers import claims_text as T
from handlers.claims_buttons import press_item
from handlers.claims_catalog import catalog
from handlers.claims_common import event_by_word, is_number
from handlers.claims_evidence import attach_evidence
from handlers.claims_handover import EXPORT_TAG, export_delivered, handover_replies
from handlers.claims_open import close_claim, open_claim, reopen_claim
from handlers.claims_view import BUTTON_PREFIX, checklist_reply, claim_view, open_list_text
from storage.claims import Claim, ClaimClosedError
from storage.events import Event
from storage.models import Group

CHECKLIST_TAG = "claim-checklist"  # a sent checklist reports its message id under this
_EXPORT = ("xuat", "tai", "export", "ketoan")
_TICK = ("xong", "co", "danhdau", "du")
_UNTICK = ("bo", "chua", "thieu", "bodanhdau")
_CLOSE = ("dong", "nop", "close")
_REOPEN = ("mo", "molai", "reopen")


def register(router: Router) -> None:
    """Add /thanhtoan, /dutru, /mau, the item buttons, the evidence hook and the reminders."""
    catalog()  # read and validate the shipped data files now, at start-up
    router.command(
        Command(
            "thanhtoan",
            claim_command,
            "Hồ sơ thanh toán của một lịch: đánh dấu giấy tờ, gửi tệp, xuất cho kế toán",
            T.CLAIM_USAGE,
            T.SECTION,
            aliases=("claim",),
            summary_en="Payment claim of an event: tick papers, attach files, export",
            examples=T.CLAIM_EXAMPLES,
        )
    )
    claims_budget.register(router)
    claims_mau.register(router)
    router.button(ButtonRoute(BUTTON_PREFIX, press_item))
    router.pre_handler(
        attach_evidence,
        why="after note_people (it reads ctx.group and ctx.member); it ends the handling of a "
        "file sent as claim evidence, so hooks that must see every message (minutes capture) "
        "are registered before it",
    )
    router.reminder(claims_reminders.KIND, claims_reminders.render_claim_deadline)
    router.on_delivered(CHECKLIST_TAG, checklist_delivered)
    router.on_delivered(EXPORT_TAG, export_delivered)


async def claim_command(ctx: Context) -> Reply | list[Reply] | None:
    """/thanhtoan: the open claims; /thanhtoan <số> [xong|bo <mục> | xuat | dong | mo]."""
    group = ctx.require_group()
    words = ctx.msg.args.split()
    if not words:
        await ctx.require(Action.VIEW)
        return await _list(ctx, group)
    event = await event_by_word(ctx, group, words[0])
    action = fold(words[1]) if len(words) > 1 else ""
    claim = await ctx.services.claims.claims.by_event(event.id)
    if not action:
        return await _show(ctx, group, event, claim)
    if claim is None:
        raise UserError(T.CLAIM_NOT_OPENED.format(number=event.number))
    if action in _EXPORT:
        await ctx.require(Action.VIEW)
        return await handover_replies(ctx, group, event, claim)
    await ctx.require(Action.MANAGE_CLAIMS)
    if action in _TICK or action in _UNTICK:
        return await _mark(ctx, group, event, claim, words[2:], done=action in _TICK)
    if action in _CLOSE:
        if not await close_claim(ctx, group, claim):
            raise UserError(T.CLAIM_ALREADY_CLOSED.format(number=event.number))
        return Reply(text=T.CLAIM_CLOSED.format(number=event.number))
    if action in _REOPEN:
        if not await reopen_claim(ctx, group, claim):
            raise UserError(T.CLAIM_ALREADY_OPEN.format(number=event.number))
        return Reply(text=T.CLAIM_REOPENED.format(number=event.number))
    raise UserError(T.CLAIM_UNKNOWN_ACTION.format(word=words[1], number=event.number))


async def _list(ctx: Context, group: Group) -> Reply:
    services = ctx.services
    open_claims = await services.claims.claims.open_claims(group.id)
    events = {}
    for entry in open_claims:
        event = await services.events.by_id(entry.claim.event_id)
        assert event is not None
        events[event.id] = event
    return Reply(text=open_list_text(group, open_claims, events, ctx.now()))


async def _show(ctx: Context, group: Group, event: Event, claim: Claim | None) -> None:
    """Send the checklist (opening the claim first if a leader asks) and remember the message,
    so a reply to it with a file attaches to this claim."""
    opened = False
    if claim is None:
        if not await ctx.allowed(Action.MANAGE_CLAIMS):
            raise UserError(T.CLAIM_NOT_OPENED.format(number=event.number))
        claim = await open_claim(ctx, group, event)
        opened = True
    else:
        await ctx.require(Action.VIEW)
    await _send_checklist(ctx, group, event, claim, T.CLAIM_OPENED if opened else None)


async def _send_checklist(
    ctx: Context, group: Group, event: Event, claim: Claim, before: str | None
) -> None:
    view = await claim_view(ctx.services, group, event, claim)
    reply = checklist_reply(
        view,
        ctx.now(),
        buttons=ctx.messenger.capabilities.buttons,
        tags_seen=await ctx.messenger.sees_group_messages(ctx.msg.chat_id),
    )
    text = f"{before}\n{reply.text}" if before else reply.text
    # Returned, not sent here (no network call while the update is handled): once the outbox
    # has sent it, checklist_delivered remembers its message id, so a reply to it attaches.
    ctx.said.append(Reply(text=text, buttons=reply.buttons, tag=f"{CHECKLIST_TAG}:{claim.id}"))


async def checklist_delivered(
    services: Services, messenger: Messenger, chat_id: str, tag: str, message_id: str
) -> None:
    """A checklist was sent: replies to that message attach files to its claim."""
    claim_id = int(tag.split(":", 1)[1])
    await services.claims.files.remember_message(claim_id, chat_id, message_id)


async def _mark(
    ctx: Context, group: Group, event: Event, claim: Claim, words: list[str], *, done: bool
) -> None:
    """/thanhtoan <số> xong|bo <mục> [<mục> …]: tick or untick by number, then show it."""
    if not words or not all(is_number(w) for w in words):
        raise UserError(T.CLAIM_MARK_USAGE.format(number=event.number))
    positions = sorted({int(w.lstrip("#")) for w in words})
    items = {item.position for item in await ctx.services.claims.claims.items(claim.id)}
    unknown = [p for p in positions if p not in items]
    if unknown:
        raise UserError(T.ITEM_NOT_FOUND.format(position=unknown[0], number=event.number))
    try:
        for position in positions:
            await ctx.services.claims.claims.set_done(
                claim.id, position, done, by=ctx.msg.sender.user_id, now=ctx.now()
            )
    except ClaimClosedError as exc:
        raise UserError(T.CLAIM_IS_CLOSED.format(number=event.number)) from exc
    await _send_checklist(ctx, group, event, claim, None)
