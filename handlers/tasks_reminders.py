"""The reminders of a task's deadline, as the dispatcher sends them (the rows are planned by
bot/reminders/planner.py whenever a task changes)."""

from __future__ import annotations

from datetime import datetime

from bot.chat.messages import Button
from bot.core.context import Services
from bot.core.permissions import Action, may
from bot.core.router import Router
from bot.dates import format_when
from bot.reminders.render import Outgoing
from handlers import tasks_text as T
from handlers.tasks_view import CARD
from storage.models import Group
from storage.reminders import Reminder
from storage.tasks import Task


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
    buttons = await _buttons(services, task, row.target_user_id)
    if stage == "overdue" and as_creator:
        people = [await services.groups.mention(group, uid) for uid in task.open_assignees]
        text = T.TASK_OVERDUE_CREATOR.format(people=", ".join(people) or "—", **fields)
    elif stage == "overdue":
        text = T.TASK_OVERDUE.format(**fields)
    elif stage == "at":
        text = T.TASK_AT.format(**fields)
    else:
        text = T.TASK_BEFORE.format(**fields)
    return Outgoing(text, buttons)


async def _buttons(
    services: Services, task: Task, user_id: str | None
) -> tuple[tuple[Button, ...], ...]:
    """✅ Xong under a person's own deadline reminder, and ✏️ Đổi hạn when they may change it
    (the buttons work in a private chat as in the group)."""
    row = [Button(T.BTN_DONE, f"{CARD}:d:{task.id}")]
    member = await services.groups.member(task.group_id, user_id) if user_id else None
    if may(member, Action.MANAGE_TASK, owner_id=task.created_by):
        row.append(Button(T.BTN_DUE, f"{CARD}:h:{task.id}"))
    return (tuple(row),)
