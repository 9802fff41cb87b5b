"""The buttons of a task: ✅ Xong, ✏️ Đổi hạn (with quick choices), 👤 Giao (member toggles),
Mở lại, and the answers to the task questions (a deadline already past, closing for everyone,
deleting).

Every button names a task (or a pending request) by id; the router checks each field's type
and range first (bot/core/buttons.py), and the id is re-checked against the chat where the
button was pressed, because callback data can be forged.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from bot.chat.messages import Button, Reply
from bot.core import questions
from bot.core.buttons import Choice, Either, Id, Token, unix_minutes
from bot.core.context import Context, UserError
from bot.core.permissions import Action
from bot.core.router import ButtonRoute, Router, Scope
from bot.dates import format_when, parse_when
from handlers import tasks_text as T
from handlers.tasks_core import (
    Deadline,
    apply_due,
    button_task,
    change_due,
    deadline_from_payload,
    is_past,
    require_manage,
    require_open,
    store,
)
from handlers.tasks_create import store_new_task
from handlers.tasks_delete import confirm_delete
from handlers.tasks_finish import confirm_close, press_done
from handlers.tasks_notify import tell_assignees
from handlers.tasks_reopen import press_reopen
from handlers.tasks_view import ASSIGN, CARD, PENDING, QUICK_DUE, card, when_text
from storage.pending import Pending
from storage.tasks import DueState, Task

_QUESTION_KINDS = frozenset({"create", "due", "close", "delete"})


def register(router: Router) -> None:
    """Add the task buttons, with the fields of each one's data (those a person also sees
    privately work in private chats)."""
    anywhere = Scope.ANYWHERE
    router.button(
        ButtonRoute(CARD, on_card, scope=anywhere, fields=(Choice(("d", "h", "g", "o")), Id()))
    )
    router.button(
        ButtonRoute(
            QUICK_DUE,
            on_quick_due,
            scope=anywhere,
            fields=(Id(), Either((Choice(("x",)), unix_minutes())), Choice(("0", "1"))),
        )
    )
    router.button(
        ButtonRoute(
            ASSIGN,
            on_assign,
            scope=anywhere,
            fields=(Id(), Either((Choice(("close",)), Token()))),
        )
    )
    router.button(
        ButtonRoute(PENDING, on_pending, scope=anywhere, fields=(Choice(("ok", "no")), Id()))
    )


async def on_card(ctx: Context) -> Reply:
    """A button under a task card."""
    what, task_id = ctx.button
    task = await button_task(ctx, task_id)
    if what == "d":
        return await press_done(ctx, task)
    if what == "o":
        return await press_reopen(ctx, task)
    require_open(task)
    await require_manage(ctx, task)
    if what == "h":
        return _due_prompt(ctx, task)
    if what == "g":
        return await _assign_picker(ctx, task, edit=False)
    raise UserError(T.NOT_FOUND_BUTTON)


# -- deadline ----------------------------------------------------------------------------------


def _due_prompt(ctx: Context, task: Task) -> Reply:
    """✏️ Đổi hạn: the command to type, and a few quick choices as buttons."""
    now = ctx.local_now()
    zone = ctx.require_group().timezone
    if task.due_at is not None:
        base, has_time = task.due_at.astimezone(zone), task.due_has_time
        if task.state(ctx.now()) is DueState.OVERDUE:  # extend from today, not from the past
            base = datetime.combine(now.date(), base.time(), tzinfo=zone)
    else:
        base, has_time = datetime.combine(now.date(), time(0), tzinfo=zone), False
    day, week = base + timedelta(days=1), base + timedelta(days=7)
    friday = parse_when("17h thứ 6", now)
    choices = [
        (T.BTN_PLUS_DAY.format(day=f"{day:%d/%m}"), day, has_time),
        (T.BTN_PLUS_WEEK.format(day=f"{week:%d/%m}"), week, has_time),
    ]
    if friday is not None:
        choices.append((format_when(friday.at, True, now=now), friday.at, True))
    buttons = [
        Button(label, f"{QUICK_DUE}:{task.id}:{int(at.timestamp()) // 60}:{int(timed)}")
        for label, at, timed in choices
    ]
    buttons.append(Button(T.BTN_NO_DUE, f"{QUICK_DUE}:{task.id}:x:0"))
    rows = tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))
    current = when_text(task.due_at, task.due_has_time, now)
    return Reply(
        text=T.DUE_PROMPT.format(number=task.number, text=task.text, current=current),
        buttons=rows,
    )


async def on_quick_due(ctx: Context) -> Reply:
    """A quick deadline choice: set it in place (a moment already past is refused)."""
    task_id, minutes, timed = ctx.button
    task = await button_task(ctx, task_id)
    require_open(task)
    await require_manage(ctx, task)
    if minutes == "x":
        return await change_due(ctx, task, None, edit=True)
    zone = ctx.require_group().timezone
    at = datetime.fromtimestamp(minutes * 60, tz=UTC).astimezone(zone)
    deadline = Deadline(at, timed == "1")
    if is_past(deadline, ctx):
        raise UserError(T.QUICK_DUE_PAST.format(number=task.number))
    return await change_due(ctx, task, deadline, edit=True)


# -- assignees ---------------------------------------------------------------------------------


async def _assign_picker(ctx: Context, task: Task, *, edit: bool) -> Reply:
    """👤 Giao: one button per member; pressing one gives or takes back the task."""
    everyone = ", ".join(a.name for a in task.assignees) or T.ASSIGN_NOBODY
    if not task.is_open:
        return Reply(
            text=T.ASSIGN_CLOSED.format(number=task.number, text=task.text, all=everyone),
            edit=edit,
        )
    members = await ctx.services.groups.members(task.group_id)
    buttons = [
        Button(
            T.BTN_ASSIGNED.format(name=m.display_name)
            if task.assignee(m.user_id)
            else m.display_name,
            f"{ASSIGN}:{task.id}:{m.user_id}",
        )
        for m in members
    ]
    rows = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
    rows.append((Button(T.BTN_CLOSE, f"{ASSIGN}:{task.id}:close"),))
    return Reply(
        text=T.ASSIGN_PICKER.format(number=task.number, text=task.text, all=everyone),
        buttons=tuple(rows),
        edit=edit,
    )


async def on_assign(ctx: Context) -> Reply:
    """A member's button in the assignment picker: toggle; 'Đóng' folds the picker."""
    task_id, choice = ctx.button
    user_id = str(choice)
    task = await button_task(ctx, task_id)
    require_open(task)
    await require_manage(ctx, task)
    if user_id == "close":
        everyone = ", ".join(a.name for a in task.assignees) or T.ASSIGN_NOBODY
        return Reply(
            text=T.ASSIGN_CLOSED.format(number=task.number, text=task.text, all=everyone),
            edit=True,
        )
    member = await ctx.services.groups.member(task.group_id, user_id)
    actor, now = ctx.msg.sender.user_id, ctx.now()
    existing = task.assignee(user_id)
    if existing is not None:
        await store(ctx).unassign(task, user_id, actor, now)
        notice = T.NOTICE_UNASSIGNED.format(name=existing.name)
    elif member is None:
        raise UserError(T.NOTICE_NOT_MEMBER)
    else:
        await store(ctx).assign(task, [user_id], actor, now)
        await ctx.remember("task_assigned", task_id=task.id, user_ids=[user_id])
        notice = T.NOTICE_ASSIGNED.format(name=member.display_name)
    fresh = await store(ctx).by_id(task.id)
    assert fresh is not None
    if existing is None:
        await tell_assignees(ctx, fresh, [user_id])
    reply = await _assign_picker(ctx, fresh, edit=True)
    return Reply(text=reply.text, buttons=reply.buttons, edit=True, notice=notice)


# -- answers to the task questions -------------------------------------------------------------


async def on_pending(ctx: Context) -> Reply:
    """Vẫn tạo / Vẫn đổi hạn / Đóng cho tất cả / Xóa, or Hủy: only the person who asked
    decides; then the question is gone."""
    answer, raw_id = questions.parse_answer(ctx.msg.button_data)
    question = await questions.answered(ctx, raw_id, _QUESTION_KINDS)
    if answer != "ok":
        await questions.close(ctx, question)
        return Reply(text=T.PENDING_CANCELLED, edit=True, notice=T.PENDING_CANCELLED_NOTICE)
    if question.kind == "close":
        return await confirm_close(ctx, question)
    if question.kind == "delete":
        return await confirm_delete(ctx, question)
    if question.kind == "due":
        return await _confirm_due(ctx, question)
    return await _confirm_create(ctx, question)


async def _confirm_due(ctx: Context, question: Pending) -> Reply:
    deadline = deadline_from_payload(question.payload)
    task = await button_task(ctx, str(question.payload["task_id"]))
    require_open(task)
    await require_manage(ctx, task)
    await questions.close(ctx, question)
    await apply_due(ctx, task, deadline)
    return Reply(
        text=T.DUE_CHANGED.format(
            number=task.number,
            text=task.text,
            when=when_text(deadline.at, deadline.has_time, ctx.local_now()),
        ),
        edit=True,
    )


async def _confirm_create(ctx: Context, question: Pending) -> Reply:
    await ctx.require(Action.CREATE_TASK)
    await questions.close(ctx, question)
    payload = question.payload
    group = ctx.require_group()
    assignees = [
        str(user_id)
        for user_id in payload.get("assignees", [])
        if await ctx.services.groups.member(group.id, str(user_id)) is not None
    ]
    task = await store_new_task(
        ctx,
        str(payload["text"]),
        assignees,
        deadline_from_payload(payload),
        payload.get("source_message_id"),
    )
    return card(task, ctx.local_now(), created=True, edit=True)
