"""The morning digest of a group: today's and tomorrow's events, tasks due, overdue tasks.

The dispatcher sends it from a 'digest' reminder row (one pending row per group, rewritten each
day from the group's digest_time setting); this module only writes the text.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.core.context import Services
from bot.core.router import Router
from bot.dates import WEEKDAY_NAMES, format_when
from bot.reminders.render import Outgoing
from handlers import digest_text as T
from handlers.claims_reminders import digest_lines as claim_lines
from handlers.events_text import KIND_NAMES
from handlers.events_view import clock_span
from storage.models import Group
from storage.reminders import Reminder
from storage.tasks import Task


def register(router: Router) -> None:
    """Render the daily 'digest' row (the engine plans one per group)."""
    router.reminder("digest", render_digest)


async def render_digest(
    services: Services, row: Reminder, group: Group, now: datetime
) -> Outgoing:
    """The morning digest; empty text (the row is skipped) when there is nothing to report."""
    return Outgoing(await digest_text(services, group, now))


async def digest_text(services: Services, group: Group, now: datetime) -> str:
    """The digest for the local day of `now`; empty when there is nothing to report."""
    local_now = now.astimezone(group.timezone)
    today = datetime.combine(local_now.date(), time(0), tzinfo=group.timezone)
    tomorrow = today + timedelta(days=1)
    after = today + timedelta(days=2)
    events_today = await services.events.between(group.id, today, tomorrow)
    events_tomorrow = await services.events.between(group.id, tomorrow, after)
    overdue = await services.tasks.overdue(group.id, now)
    overdue_ids = {t.id for t in overdue}
    due = [
        t
        for t in await services.tasks.due_between(group.id, today, after)
        if t.id not in overdue_ids
    ]
    # Once a week (Mondays) while any payment claim is open.
    claims = await claim_lines(services, group, now)
    if not (events_today or events_tomorrow or due or overdue or claims):
        return ""
    day = f"{WEEKDAY_NAMES[local_now.weekday()]}, {local_now.day:02d}/{local_now.month:02d}"
    lines = [T.HEADER.format(group=group.name, day=day)]
    for title, events in ((T.TODAY, events_today), (T.TOMORROW, events_tomorrow)):
        if events:
            lines.append(title)
            for event in events:
                lines.append(
                    T.EVENT_LINE.format(
                        time=clock_span(event.starts_at, event.ends_at, group.timezone),
                        kind=KIND_NAMES[event.kind],
                        number=event.number,
                        place=f" tại {event.place}" if event.place else "",
                    )
                )
    for title, tasks in ((T.TASKS_DUE, due), (T.TASKS_OVERDUE, overdue)):
        if tasks:
            lines.append(title)
            lines += [await _task_line(services, group, t, local_now) for t in tasks[:20]]
    lines += claims
    lines.append(T.FOOTER)
    return "\n".join(lines)


async def _task_line(services: Services, group: Group, task: Task, local_now: datetime) -> str:
    assert task.due_at is not None
    people = [await services.groups.mention(group, uid) for uid in task.open_assignees]
    return T.TASK_LINE.format(
        number=task.number,
        text=task.text,
        when=format_when(task.due_at, task.due_has_time, local_now),
        people=f" ({', '.join(people)})" if people else "",
    )
