"""How tasks are shown: the task card with its buttons, the detail with history, list lines."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.chat.messages import Button, Reply
from bot.dates import format_when
from handlers import tasks_text as T
from storage.tasks import DueState, Task, TaskEvent, TaskStatus
from storage.timefmt import from_db_opt

# Button prefixes of this feature (data stays far under Telegram's 64 bytes).
CARD = "tk"  # tk:<d|h|g>:<task id>       ✅ Xong / ✏️ Đổi hạn / 👤 Giao
QUICK_DUE = "tkh"  # tkh:<task id>:<unix minutes|x>:<1|0>
ASSIGN = "tkg"  # tkg:<task id>:<user id>  |  tkg:<task id>:close
PENDING = "tkp"  # tkp:<ok|no>:<pending id>
PAGE = "tkl"  # tkl:<filter>:<page>
MINE_PAGE = "tkm"  # tkm:<page>                /viectoi, in a DM: always the presser's own list

LIST_TEXT_LIMIT = 90


def when_text(at: datetime | None, has_time: bool, now: datetime) -> str:
    """A deadline or a moment as the bot writes it, in the zone of `now`."""
    if at is None:
        return T.DUE_CURRENT_NONE
    return format_when(at, has_time, now=now)


def short(text: str, limit: int = LIST_TEXT_LIMIT) -> str:
    """One line of a task's text for lists (the full text is in /viec <số>)."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + T.TEXT_CUT


def progress(task: Task) -> str:
    """'2/3 xong'."""
    return T.PROGRESS.format(done=task.done_count, total=len(task.assignees))


def assignee_names(task: Task, *, marks: bool = True) -> str:
    """'Lan Nguyễn, Hùng (xong)' or the 'nobody' word."""
    if not task.assignees:
        return T.ASSIGN_NOBODY
    several = len(task.assignees) > 1
    return ", ".join(
        a.name + (" (xong)" if marks and several and a.done else "") for a in task.assignees
    )


def due_line(task: Task, now: datetime) -> str:
    """'Hạn: 17:00 thứ Sáu, 27/11 (Sắp đến hạn)'."""
    if task.due_at is None:
        return T.LINE_NO_DUE
    line = T.LINE_DUE.format(when=when_text(task.due_at, task.due_has_time, now))
    if task.is_open:
        line += f" ({T.STATE_NAMES[task.state(now)]})"
    return line


def status_text(task: Task) -> str:
    """'Đang thực hiện · 1/2 xong', 'Đã xong', 'Đã xóa'."""
    if task.status is TaskStatus.DONE:
        return T.STATUS_DONE
    if task.status is TaskStatus.DELETED:
        return T.STATUS_DELETED
    if len(task.assignees) > 1:
        return f"{T.STATUS_OPEN} · {progress(task)}"
    return T.STATUS_OPEN


def card_buttons(task: Task) -> tuple[tuple[Button, ...], ...]:
    """✅ Xong, ✏️ Đổi hạn, 👤 Giao under an open task."""
    if not task.is_open:
        return ()
    return (
        (
            Button(T.BTN_DONE, f"{CARD}:d:{task.id}"),
            Button(T.BTN_DUE, f"{CARD}:h:{task.id}"),
            Button(T.BTN_ASSIGN, f"{CARD}:g:{task.id}"),
        ),
    )


def card(task: Task, now: datetime, *, created: bool = False, edit: bool = False) -> Reply:
    """The task card: number, text, assignees, deadline, status, and its buttons."""
    header = T.CREATED if created else T.DETAIL_HEADER
    lines = [header.format(number=task.number, text=task.text)]
    if task.assignees:
        names = assignee_names(task)
        if len(task.assignees) > 1:
            names += f" · {progress(task)}"
        lines.append(T.LINE_ASSIGNEES.format(names=names))
    else:
        lines.append(T.LINE_NO_ASSIGNEE)
    lines.append(due_line(task, now))
    if not task.is_open:
        lines.append(T.DETAIL_STATUS.format(status=status_text(task)))
    return Reply(text="\n".join(lines), buttons=card_buttons(task), edit=edit)


def detail(
    task: Task,
    events: list[TaskEvent],
    names: dict[str, str],
    now: datetime,
    *,
    origin: Sequence[str] = (),
) -> Reply:
    """/viec <số>: the task with each assignee's status and its whole history.

    Args:
        origin: lines saying where the task came from (the minutes that assigned it).
    """
    lines = [
        T.DETAIL_HEADER.format(number=task.number, text=task.text),
        T.DETAIL_STATUS.format(status=status_text(task)),
        due_line(task, now),
    ]
    if task.assignees:
        lines.append(T.DETAIL_ASSIGNEES)
        for a in task.assignees:
            if a.done_at is not None:
                when = when_text(a.done_at, True, now)
                lines.append(T.DETAIL_ASSIGNEE_DONE.format(name=a.name, when=when))
            else:
                lines.append(T.DETAIL_ASSIGNEE_OPEN.format(name=a.name))
    else:
        lines.append(T.LINE_NO_ASSIGNEE)
    lines.append(
        T.DETAIL_CREATOR.format(name=task.creator_name, when=when_text(task.created_at, True, now))
    )
    lines.extend(origin)
    lines.append("")
    lines.append(T.DETAIL_HISTORY)
    for event in events:
        lines.append(
            T.HISTORY_LINE.format(
                when=when_text(event.at, True, now), text=event_text(event, names, now)
            )
        )
    return Reply(text="\n".join(lines), buttons=card_buttons(task))


def event_text(event: TaskEvent, names: dict[str, str], now: datetime) -> str:
    """One history line in words."""
    d = event.detail
    user = names.get(str(d.get("user_id", "")), str(d.get("user_id", "")))
    if event.action == "done" and d.get("by_assignees"):
        return T.EVENTS["done_by_assignees"]
    if event.action == "due_changed":
        old = when_text(from_db_opt(d.get("from")), bool(d.get("from_has_time")), now)
        new = when_text(from_db_opt(d.get("to")), bool(d.get("to_has_time")), now)
        return T.EVENTS["due_changed"].format(actor=event.actor_name, old=old, new=new)
    template = T.EVENTS.get(event.action, event.action)
    return template.format(actor=event.actor_name, user=user)


def list_lines(task: Task, now: datetime, *, with_state: bool = False) -> list[str]:
    """Two lines for a task in a list: number and text; who and when (and the state)."""
    who = assignee_names(task, marks=False) if task.assignees else T.LIST_NOBODY
    if len(task.assignees) > 1:
        who += f" ({progress(task)})"
    if task.status is TaskStatus.DONE:
        return [
            T.LIST_LINE.format(number=task.number, text=short(task.text)),
            T.LIST_DONE_DETAIL.format(when=when_text(task.done_at, True, now), who=who),
        ]
    state = task.state(now)
    if state is DueState.NONE:
        due = T.STATE_NAMES[DueState.NONE]
    else:
        due = "Hạn " + when_text(task.due_at, task.due_has_time, now)
        if with_state and state in (DueState.OVERDUE, DueState.SOON):
            due += f" ({T.STATE_NAMES[state]})"
    return [
        T.LIST_LINE.format(number=task.number, text=short(task.text)),
        T.LIST_DETAIL.format(who=who, due=due),
    ]
