"""How /hoantac names and reverses the changes of events and roles."""

from __future__ import annotations

from bot.core.context import Context, UserError
from bot.core.permissions import Action
from bot.dates import format_when
from handlers import groups_text as GT
from handlers import undo_text as T
from handlers.events_text import KIND_NAMES
from handlers.roles import check_role_change
from handlers.undo_tasks import Payload, Step
from storage.events import Event
from storage.models import Member, Role
from storage.timefmt import from_db, to_db


async def _event(ctx: Context, event_id: object) -> Event:
    event = await ctx.services.events.by_id(int(str(event_id)))
    if event is None or event.group_id != ctx.require_group().id:
        raise UserError(T.GONE)
    return event


def _changed_since(event: Event) -> UserError:
    return UserError(T.CHANGED_SINCE.format(what=T.EVENT_SUBJECT.format(number=event.number)))


def _when(ctx: Context, event: Event) -> str:
    return format_when(event.starts_at, True, ctx.local_now())


async def _created_describe(ctx: Context, p: Payload) -> str:
    event = await _event(ctx, p["event_id"])
    kind = KIND_NAMES[event.kind]
    return T.EVENT_CREATED.format(number=event.number, kind=kind, when=_when(ctx, event))


async def _created_check(ctx: Context, p: Payload) -> None:
    event = await _event(ctx, p["event_id"])
    if event.status != "active":
        raise _changed_since(event)
    await ctx.require(Action.MANAGE_EVENTS)


async def _created_reverse(ctx: Context, p: Payload) -> None:
    await ctx.services.events.cancel(int(p["event_id"]))
    await ctx.services.dispatcher.rearm()


async def _restored_describe(ctx: Context, p: Payload) -> str:
    event = await _event(ctx, p["event_id"])
    kind = KIND_NAMES[event.kind]
    return T.EVENT_RESTORED.format(number=event.number, kind=kind, when=_when(ctx, event))


async def _cancelled_describe(ctx: Context, p: Payload) -> str:
    event = await _event(ctx, p["event_id"])
    kind = KIND_NAMES[event.kind]
    return T.EVENT_CANCELLED.format(number=event.number, kind=kind, when=_when(ctx, event))


async def _cancelled_check(ctx: Context, p: Payload) -> None:
    event = await _event(ctx, p["event_id"])
    if event.status != "cancelled":
        raise _changed_since(event)
    if event.starts_at <= ctx.now():
        raise UserError(T.EVENT_PAST.format(number=event.number))
    await ctx.require(Action.MANAGE_EVENTS)


async def _cancelled_reverse(ctx: Context, p: Payload) -> None:
    event = await _event(ctx, p["event_id"])
    services = ctx.services
    rows = services.planner.event_rows(ctx.require_group(), event.kind, event.starts_at)
    await services.events.restore(event.id, rows, ctx.now())
    await services.dispatcher.rearm()


async def _moved_describe(ctx: Context, p: Payload) -> str:
    event = await _event(ctx, p["event_id"])
    now = ctx.local_now()
    old = format_when(from_db(p["from"]), True, now)
    new = format_when(from_db(p["to"]), True, now)
    return T.EVENT_MOVED.format(number=event.number, old=old, new=new)


async def _moved_check(ctx: Context, p: Payload) -> None:
    event = await _event(ctx, p["event_id"])
    if (
        event.status != "active"
        or to_db(event.starts_at) != p["to"]
        or (to_db(event.ends_at) if event.ends_at else None) != p.get("ends_to")
        or (event.place, event.title) != (p.get("place_to"), p.get("title_to"))
    ):
        raise _changed_since(event)
    if from_db(p["from"]) <= ctx.now():
        raise UserError(T.EVENT_PAST.format(number=event.number))
    await ctx.require(Action.MANAGE_EVENTS)


async def _moved_reverse(ctx: Context, p: Payload) -> None:
    event = await _event(ctx, p["event_id"])
    services = ctx.services
    back = from_db(p["from"])
    ends_back = from_db(p["ends_from"]) if p.get("ends_from") else None
    rows = services.planner.event_rows(ctx.require_group(), event.kind, back)
    await services.events.move(event.id, back, rows, ctx.now(), ends_back, answers_back=True)
    await services.events.edit(event.id, p.get("place_from"), str(p.get("title_from")))
    await services.dispatcher.rearm()


async def _edited_describe(ctx: Context, p: Payload) -> str:
    event = await _event(ctx, p["event_id"])
    return T.EVENT_EDITED.format(number=event.number)


async def _edited_check(ctx: Context, p: Payload) -> None:
    event = await _event(ctx, p["event_id"])
    if event.status != "active" or (event.place, event.title) != (
        p.get("place_to"),
        p.get("title_to"),
    ):
        raise _changed_since(event)
    await ctx.require(Action.MANAGE_EVENTS)


async def _edited_reverse(ctx: Context, p: Payload) -> None:
    await ctx.services.events.edit(
        int(p["event_id"]), p.get("place_from"), str(p.get("title_from"))
    )


# -- roles --------------------------------------------------------------------------------------


async def _member(ctx: Context, user_id: object) -> Member:
    member = await ctx.services.groups.member(ctx.require_group().id, str(user_id))
    if member is None:
        raise UserError(GT.ROLE_PICK_GONE)
    return member


async def _role_describe(ctx: Context, p: Payload) -> str:
    member = await _member(ctx, p["user_id"])
    return T.ROLE_SET.format(
        name=member.display_name,
        role=GT.ROLE_NAMES[Role(p["to"])],
        old=GT.ROLE_NAMES[Role(p["from"])],
    )


async def _role_check(ctx: Context, p: Payload) -> None:
    member = await _member(ctx, p["user_id"])
    if member.role is not Role(p["to"]):
        raise UserError(
            T.CHANGED_SINCE.format(what=T.ROLE_SUBJECT.format(name=member.display_name))
        )
    await check_role_change(ctx, member, Role(p["from"]))


async def _role_reverse(ctx: Context, p: Payload) -> None:
    groups, group = ctx.services.groups, ctx.require_group()
    replaced = p.get("replaced")
    if replaced and await groups.member(group.id, str(replaced)) is not None:
        await groups.set_role(group.id, str(replaced), Role.TO_TRUONG)
    await groups.set_role(group.id, str(p["user_id"]), Role(p["from"]))


STEPS = {
    "event_created": Step(_created_describe, _created_check, _created_reverse),
    "event_restored": Step(_restored_describe, _created_check, _created_reverse),
    "event_cancelled": Step(_cancelled_describe, _cancelled_check, _cancelled_reverse),
    "event_moved": Step(_moved_describe, _moved_check, _moved_reverse),
    "event_edited": Step(_edited_describe, _edited_check, _edited_reverse),
    "role_set": Step(_role_describe, _role_check, _role_reverse),
}
