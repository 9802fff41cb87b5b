"""/lich ics: the group's upcoming events as an iCalendar file a phone calendar imports."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.chat.messages import Document, Reply
from handlers import events_text as T
from handlers.events_text import KIND_NAMES
from handlers.events_view import own_title
from storage.events import Event
from storage.models import Group

# Events have no end time: each is taken to last this long (the calendar file's end, and the
# warning when a new event overlaps another).
EVENT_LENGTH = timedelta(hours=2)


def ics_reply(group: Group, events: list[Event], now: datetime) -> Reply:
    """/lich ics: the upcoming events as a calendar file (or a note that there are none)."""
    if not events:
        return Reply(text=T.ICS_EMPTY)
    return Reply(
        text=T.ICS_CAPTION.format(group=group.name, count=len(events)),
        document=Document("lich-to-dai-bieu.ics", ics_bytes(group, events, now), "text/calendar"),
    )


def ics_bytes(group: Group, events: list[Event], now: datetime) -> bytes:
    """An iCalendar (RFC 5545) file a phone calendar imports; times in UTC."""
    from icalendar import Calendar
    from icalendar import Event as IcsEvent

    calendar = Calendar()
    calendar.add("prodid", "-//todaibieu//Tro ly To dai bieu//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", group.name)
    calendar.add("x-wr-timezone", group.timezone.key)
    for event in events:
        item = IcsEvent()
        item.add("uid", f"event-{event.id}-group-{group.id}@todaibieu")
        item.add("dtstamp", now)
        item.add("dtstart", event.starts_at)
        # The end the invitation gave, else EVENT_LENGTH: a calendar needs an end.
        item.add("dtend", event.ends_at or event.starts_at + EVENT_LENGTH)
        title = own_title(event)
        kind = KIND_NAMES[event.kind]
        item.add("summary", f"{kind}: {title}" if title else kind)
        if event.place:
            item.add("location", event.place)
        item.add("description", f"Lịch số {event.number} của {group.name}")
        calendar.add_component(item)
    return calendar.to_ical()
