"""Tham dự / Vắng under an event, and the reason a member gives for Vắng.

The states are drawn in handlers/events_rsvp.mmd; they live in the database (attendance,
pending reasons), so a restart in the middle of the conversation loses nothing.
"""

from __future__ import annotations

from datetime import timedelta

from bot.chat.messages import Button, Reply
from bot.core import text as common_text
from bot.core.buttons import Choice, Id
from bot.core.context import Context, UserError
from bot.core.permissions import Action
from bot.core.router import ButtonRoute, Router
from bot.dates import format_when
from handlers import events_text as T
from handlers.events_text import KIND_NAMES
from storage.events import Event

MAX_REASON = 300  # characters kept of a reason (as many as an event's title or place)
REASON_WINDOW = timedelta(hours=24)  # a Vắng question waits this long for the reason


def register(router: Router) -> None:
    """Add the Tham dự / Vắng buttons and the listener that takes the reason."""
    router.button(ButtonRoute("rsvp", rsvp_pressed, fields=(Id(), Choice(("y", "n")))))
    router.listen(take_reason)


def rsvp_buttons(event: Event) -> tuple[tuple[Button, ...], ...]:
    """Tham dự / Vắng under an event (its creation, its card, its reminders)."""
    return (
        (
            Button(T.RSVP_YES, f"rsvp:{event.id}:y"),
            Button(T.RSVP_NO, f"rsvp:{event.id}:n"),
        ),
    )


async def rsvp_pressed(ctx: Context) -> list[Reply]:
    """Tham dự / Vắng: a notice to the presser; Vắng also asks the reason in the group."""
    group = ctx.require_group()
    event_id, answer = ctx.button
    services = ctx.services
    event = await services.events.by_id(event_id)
    if event is None or event.group_id != group.id:
        raise UserError(common_text.BUTTON_EXPIRED)
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
    await services.events.ask_reason(group.id, user_id, event.id, None, ctx.now())
    who = await services.groups.mention(group, user_id)
    question = T.REASON_QUESTION.format(
        who=who,
        number=event.number,
        kind=KIND_NAMES[event.kind],
        when=format_when(event.starts_at, True, ctx.local_now()),
    )
    return [Reply(notice=T.RSVP_NO_DONE.format(number=event.number)), Reply(text=question)]


async def take_reason(ctx: Context) -> Reply | None:
    """A member who chose Vắng writes in the group: that message is the reason (noted aloud)."""
    group = ctx.group
    if group is None or ctx.member is None or not ctx.msg.text.strip():
        return None
    services = ctx.services
    pending = await services.events.pending_reason(group.id, ctx.msg.sender.user_id)
    if pending is None:
        return None
    if ctx.now() - pending.asked_at > REASON_WINDOW:
        await services.events.drop_reason(group.id, pending.user_id)
        return None
    reason = " ".join(ctx.msg.text.split())[:MAX_REASON]
    if not await services.events.give_reason(pending, reason):
        return None
    event = await services.events.by_id(pending.event_id)
    number = event.number if event else "?"
    return Reply(
        text=T.REASON_NOTED.format(who=ctx.member.display_name, number=number, reason=reason)
    )
