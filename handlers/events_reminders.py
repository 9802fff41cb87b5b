"""The text and buttons of an event reminder (the renderer of reminder kind "event")."""

from __future__ import annotations

from datetime import datetime

from bot.core.context import Services
from bot.reminders.planner import SNOOZE_DELAY
from bot.reminders.render import Outgoing, Withdrawn
from handlers import events_text as T
from handlers.events_rsvp import rsvp_buttons
from handlers.events_text import KIND_NAMES
from handlers.events_view import event_lines
from handlers.settings import describe_offset
from storage.models import Group
from storage.reminders import Reminder


async def event_reminder(
    services: Services, row: Reminder, group: Group, now: datetime
) -> Outgoing | Withdrawn | None:
    """The text and RSVP buttons of an event reminder; withdrawn once it has begun or was
    cancelled (the event's creator is told when the group's reminder is the one withdrawn).

    The group's copy says who confirmed attending (named, so Telegram notifies them) and how
    many have not answered; a personal copy (payload "personal") reminds a confirmed attendee.
    """
    assert row.source_id is not None
    event = await services.events.by_id(row.source_id)
    if event is None or event.group_id != group.id:
        return None
    if event.status != "active" or event.starts_at <= now:
        start = event.starts_at.astimezone(group.timezone)
        why = (
            T.WITHDRAWN_CANCELLED
            if event.status != "active"
            else T.WITHDRAWN_STARTED.format(time=f"{start.hour:02d}:{start.minute:02d}")
        )
        # The group's copy was promised to the event's creator when they scheduled it.
        tell = None if row.payload.get("personal") else event.created_by
        what = T.WITHDRAWN_WHAT.format(number=event.number, kind=KIND_NAMES[event.kind])
        return Withdrawn(what, why, tell)
    left = int((event.starts_at - now).total_seconds() // 60)
    if left >= 1440:
        left -= left % 60  # "còn 2 ngày 23 giờ", not the minutes
    local_now = now.astimezone(group.timezone)
    lines = [
        T.REMINDER.format(
            kind=KIND_NAMES[event.kind], number=event.number, left=describe_offset(left)
        )
    ]
    lines += event_lines(event, local_now)
    # "Nhắc lại sau 1 giờ" only while the event is more than an hour away.
    snooze = event.starts_at - now > SNOOZE_DELAY
    if row.payload.get("personal"):
        lines.append(T.REMINDER_PERSONAL)
        return Outgoing("\n".join(lines), ends_at=event.starts_at, snooze=snooze)
    answers = await services.events.attendance(event.id)
    coming = [a.user_id for a in answers if a.answer == "yes"]
    if coming:
        names = [await services.groups.mention(group, user_id) for user_id in coming]
        lines.append(T.REMINDER_COMING.format(names=", ".join(names)))
    answered = {a.user_id for a in answers}
    silent = [m for m in await services.groups.members(group.id) if m.user_id not in answered]
    if silent:
        lines.append(T.REMINDER_SILENT.format(count=len(silent)))
    lines.append(T.RSVP_ASK)
    return Outgoing("\n".join(lines), rsvp_buttons(event), ends_at=event.starts_at, snooze=snooze)
