"""The reminders of a task's deadline, as the dispatcher sends them (the rows are planned by
bot/reminders/planner.py whenever a task changes)."""

from __future__ import annotations

from datetime import datetime

from bot.core.context import Services
from bot.core.router import Router
from bot.dates import format_when
from bot.reminders.render import Outgoing
from handlers import tasks_text as T
from storage.models import Group
from storage.reminders import Reminder


def register(router: Router) -> None:
    """Render the task_due and task_overdue reminder rows."""
    router.reminder("task_due", render_task)
    router.reminder("task_overdue", render_task)


async def render_task(
    services: Services, row: Reminder, group: Group, now: datetime
) -> Outgoing | None:
    """A deadline reminder: the day before, at the deadline, or the overdue notice (to the
    assignees, and to the creator with who has not finished). None once the task is done or
    deleted, or the person's own part is done."""
    assert row.source_id is not None
    task = await services.tasks.by_id(row.source_id)
    if task is None or task.status != "open" or task.due_at is None:
        return None
    payload = row.payload
    as_creator = bool(payload.get("as_creator"))
    personal = row.target_user_id is not None and not as_creator
    if personal and task.open_assignees and row.target_user_id not in task.open_assignees:
        return None  # this person's part is done
    when = format_when(task.due_at, task.due_has_time, now.astimezone(group.timezone))
    stage = payload.get("stage")
    fields = {"number": task.number, "text": task.text, "when": when}
    if stage == "overdue" and as_creator:
        people = [await services.groups.mention(group, uid) for uid in task.open_assignees]
        return Outgoing(T.TASK_OVERDUE_CREATOR.format(people=", ".join(people) or "—", **fields))
    if stage == "overdue":
        return Outgoing(T.TASK_OVERDUE.format(**fields))
    if stage == "at":
        return Outgoing(T.TASK_AT.format(**fields))
    return Outgoing(T.TASK_BEFORE.format(**fields))
