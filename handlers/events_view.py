"""How an event is shown: its time (with the end an invitation gave), place, title, and the
reminders planned for it."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from bot.dates import When, format_span, format_when
from handlers import events_text as T
from handlers.events_text import KIND_NAMES
from handlers.settings import describe_offset
from storage.events import Event


def own_title(event: Event) -> str | None:
    """The event's title when it says more than its kind (a /lich without ": nội dung" is
    titled with the kind's name, which is not repeated: "Họp Tổ", not "Họp Tổ: Họp Tổ")."""
    return event.title if event.title and event.title != KIND_NAMES[event.kind] else None


def event_lines(event: Event, local_now: datetime) -> list[str]:
    """The time (with its end), place and title lines of an event."""
    lines = [T.TIME_LINE.format(when=span_text(event.starts_at, event.ends_at, local_now))]
    if event.place:
        lines.append(T.PLACE_LINE.format(place=event.place))
    title = own_title(event)
    if title:
        lines.append(T.TITLE_LINE.format(title=title))
    return lines


def reminders_line(rows: list[Any], local_now: datetime) -> str:
    """ "Trợ lý sẽ nhắc trong nhóm: …" for the reminder rows just planned."""
    if not rows:
        return T.NO_REMINDERS
    items = [
        T.REMINDER_ITEM.format(
            when=format_when(r.due_at, True, local_now),
            offset=describe_offset(int(r.payload["offset"])),
        )
        for r in rows
    ]
    return T.REMINDERS_LINE.format(items="; ".join(items))


def clock_span(starts_at: datetime, ends_at: datetime | None, zone: tzinfo) -> str:
    """ "08:00–11:00" when the event ends the same day, else "08:00"."""
    start = starts_at.astimezone(zone)
    shown = f"{start.hour:02d}:{start.minute:02d}"
    if ends_at is not None:
        end = ends_at.astimezone(zone)
        if end.date() == start.date():
            shown += f"–{end.hour:02d}:{end.minute:02d}"
    return shown


def span_text(starts_at: datetime, ends_at: datetime | None, local_now: datetime) -> str:
    """ "08:00–11:00 thứ Năm, 03/12", or "08:00 thứ Năm, 03/12" without an end."""
    return format_span(When(starts_at, True, end=ends_at, end_has_time=True), local_now)
