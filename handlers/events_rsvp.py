"""Tham dự / Vắng under an event, and the reason a member gives for Vắng.

The states are drawn in handlers/events_rsvp.mmd; they live in the database (attendance,
pending reasons), so a restart in the middle of the conversation loses nothing.
"""

from __future__ import annotations

from datetime import timedelta

from bot.chat.messages import Button, Reply
from bot.chat.transport import Messenger
from bot.core import text as common_text
from bot.core.buttons import Choice, Id
from bot.core.context import Context, Services, UserError
from bot.core.permissions import Action
from bot.core.router import ButtonRoute, Router, Scope
from bot.dates import format_when
from handlers import events_text as T
from handlers.absence_reason import QUICK_WINDOW, looks_like_reason
from handlers.events_text import KIND_NAMES
from storage.events import Event, PendingReason

QUESTION_TAG = "rsvp-reason"  # the delivered Vắng question reports its message id under this
MAX_REASON = 300  # characters kept of a reason (as many as an event's title or place)
REASON_WINDOW = timedelta(hours=24)  # a Vắng question waits this long for a reply


def register(router: Router) -> None:
    """Add the Tham dự / Vắng buttons and the listeners that take the reason."""
    router.button(
        ButtonRoute("rsvp", rsvp_pressed, scope=Scope.ANYWHERE, fields=(Id(), Choice(("y", "n"))))
    )
    router.on_delivered(QUESTION_TAG, question_delivered)
    router.listen(take_reason)
    router.listen_private(take_private_reason)


def rsvp_buttons(event: Event) -> tuple[tuple[Button, ...], ...]:
    """Tham dự / Vắng under an event (its creation, its card, its reminders)."""
    return (
        (
            Button(T.RSVP_YES, f"rsvp:{event.id}:y"),
            Button(T.RSVP_NO, f"rsvp:{event.id}:n"),
        ),
    )


async def event_of_button(ctx: Context, event_id: int) -> Event:
    """The event a button names: of the chat's group, or privately of a group of the presser's
    (which the request then acts for). Forged data is refused like an old button."""
    event = await ctx.services.events.by_id(event_id)
    if event is None:
        raise UserError(common_text.BUTTON_EXPIRED)
    if not ctx.msg.in_group:
        group = await ctx.services.groups.by_id(event.group_id)
        if group is None:
            raise UserError(common_text.BUTTON_EXPIRED)
        try:
            await ctx.enter_group(group)
        except UserError:
            raise UserError(common_text.BUTTON_EXPIRED) from None
    if event.group_id != ctx.require_group().id:
        raise UserError(common_text.BUTTON_EXPIRED)
    return event


async def rsvp_pressed(ctx: Context) -> list[Reply]:
    """Tham dự / Vắng: a notice to the presser; Vắng also asks the reason, as a question the
    person answers by replying to it (in the chat where they pressed)."""
    event_id, answer = ctx.button
    event = await event_of_button(ctx, event_id)
    group = ctx.require_group()
    services = ctx.services
    await ctx.require(Action.ANSWER_RSVP)
    if event.status == "cancelled":
        raise UserError(T.IS_CANCELLED.format(number=event.number))
    if event.starts_at + timedelta(hours=12) < ctx.now():
        raise UserError(T.RSVP_OVER.format(number=event.number))
    user_id = ctx.msg.sender.user_id
    if answer == "y":
        await services.events.answer(event.id, user_id, "yes", ctx.now())
        return [Reply(notice=T.RSVP_YES_DONE.format(number=event.number))]
    await services.events.answer(event.id, user_id, "no", ctx.now())
    fields = {
        "number": event.number,
        "kind": KIND_NAMES[event.kind],
        "when": format_when(event.starts_at, True, ctx.local_now()),
    }
    if ctx.msg.in_group:
        who = await services.groups.mention(group, user_id)
        question = T.REASON_QUESTION.format(who=who, **fields)
    else:
        question = T.REASON_QUESTION_PRIVATE.format(group=group.name, **fields)
    await services.events.ask_reason(
        group.id,
        user_id,
        event.id,
        None,  # the question's message id: learnt when the outbox has sent it
        ctx.now(),
        question_chat_id=None if ctx.msg.in_group else ctx.msg.chat_id,
    )
    # Returned, not sent here (no network call while the update is handled): the outbox sends
    # it after the commit and reports its message id under the tag (question_delivered), which
    # is what a reply to it will carry.
    asked = Reply(
        text=question, asks_answer=True, tag=f"{QUESTION_TAG}:{group.id}:{event.id}:{user_id}"
    )
    return [Reply(notice=T.RSVP_NO_DONE.format(number=event.number)), asked]


async def question_delivered(
    services: Services, messenger: Messenger, chat_id: str, tag: str, message_id: str
) -> None:
    """The Vắng question was sent: a reply to that message is the reason."""
    _, group_id, event_id, user_id = tag.split(":", 3)
    await services.events.question_sent(int(group_id), user_id, int(event_id), message_id)


def _is_answer(ctx: Context, pending: PendingReason) -> bool:
    """A reply to the question; or, without a reply, a message soon after that clearly states
    a reason (ordinary chat, and replies to other messages, are left alone)."""
    quoted = ctx.msg.reply_to
    if quoted is not None:
        return quoted.message_id == pending.question_id
    quick = ctx.now() - pending.asked_at <= QUICK_WINDOW
    return quick and looks_like_reason(ctx.msg.text)


async def take_reason(ctx: Context) -> bool:
    """The reason for Vắng given in the group: taken only when it answers the question."""
    group = ctx.group
    if group is None or ctx.member is None or not ctx.msg.text.strip():
        return False
    services = ctx.services
    pending = await services.events.pending_reason(group.id, ctx.msg.sender.user_id)
    if pending is None or pending.question_chat_id is not None:
        return False  # no question, or one asked privately
    if ctx.now() - pending.asked_at > REASON_WINDOW:
        await services.events.drop_reason(group.id, pending.user_id)
        return False
    if not _is_answer(ctx, pending):
        return False
    return await _record(ctx, pending, ctx.member.display_name)


async def take_private_reason(ctx: Context) -> bool:
    """The reason for Vắng given privately, to a question asked privately."""
    if not ctx.msg.text.strip():
        return False
    services = ctx.services
    asked = await services.events.reasons_asked_in(ctx.msg.sender.user_id, ctx.msg.chat_id)
    for pending in asked:
        if ctx.now() - pending.asked_at > REASON_WINDOW:
            await services.events.drop_reason(pending.group_id, pending.user_id)
            continue
        if _is_answer(ctx, pending):
            member = await services.groups.member(pending.group_id, pending.user_id)
            if member is None:
                return False
            return await _record(ctx, pending, member.display_name)
    return False


async def _record(ctx: Context, pending: PendingReason, name: str) -> bool:
    reason = " ".join(ctx.msg.text.split())[:MAX_REASON]
    services = ctx.services
    if not await services.events.give_reason(pending, reason):
        return False
    event = await services.events.by_id(pending.event_id)
    number = event.number if event else "?"
    ctx.said.append(Reply(text=T.REASON_NOTED.format(who=name, number=number, reason=reason)))
    return True
