"""The buttons of a task: ✅ Xong, ✏️ Đổi hạn (with quick choices), 👤 Giao (member toggles),
and Vẫn tạo / Hủy for a deadline already past.

Every button names a task (or a pending request) by id; the id is re-checked against the chat
where the button was pressed, because callback data can be forged.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from bot.chat.messages import Button, Reply
from bot.core.context import Context, UserError
from bot.core.permissions import Action
from bot.core.router import ButtonRoute, Router
from bot.dates import format_when, parse_when
from handlers import tasks_text as T
from handlers.tasks_core import (
    Deadline,
    Finished,
    apply_due,
    button_task,
    change_due,
    deadline_from_payload,
    finish,
    is_past,
    require_manage,
    require_open,
    store,
)
from handlers.tasks_view import ASSIGN, CARD, PENDING, QUICK_DUE, card, progress, when_text
from storage.tasks import DueState, Task


def register(router: Router) -> None:
    """Add the task buttons."""
    router.button(ButtonRoute(CARD, on_card))
    router.button(ButtonRoute(QUICK_DUE, on_quick_due))
    router.button(ButtonRoute(ASSIGN, on_assign))
    router.button(ButtonRoute(PENDING, on_pending))


_KINDS = ("create", "due")  # the pending requests these buttons carry out


def _parts(ctx: Context, count: int) -> list[str]:
    parts = (ctx.msg.button_data or "").split(":")
    if len(parts) != count:
        raise UserError(T.NOT_FOUND_BUTTON)
    return parts


async def on_card(ctx: Context) -> Reply:
    """A button under a task card."""
    _, what, raw_id = _parts(ctx, 3)
    task = await button_task(ctx, raw_id)
    if what == "d":
        return await _done(ctx, task)
    require_open(task)
    await require_manage(ctx, task)
    if what == "h":
        return _due_prompt(ctx, task)
    if what == "g":
        return await _assign_picker(ctx, task, edit=False)
    raise UserError(T.NOT_FOUND_BUTTON)


async def _done(ctx: Context, task: Task) -> Reply:
    """✅: the presser's part (or the whole task for its creator and leaders); card updated."""
    outcome, fresh = await finish(ctx, task)
    reply = card(fresh, ctx.local_now(), edit=True)
    if outcome is Finished.PART:
        notice = T.NOTICE_PART_DONE.format(progress=progress(fresh))
    else:
        notice = T.NOTICE_TASK_DONE.format(number=fresh.number)
    return Reply(text=reply.text, buttons=reply.buttons, edit=True, notice=notice)


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
    _, raw_id, raw_at, raw_timed = _parts(ctx, 4)
    task = await button_task(ctx, raw_id)
    require_open(task)
    await require_manage(ctx, task)
    if raw_at == "x":
        return await change_due(ctx, task, None, edit=True)
    if not raw_at.isdigit() or raw_timed not in ("0", "1"):
        raise UserError(T.NOT_FOUND_BUTTON)
    zone = ctx.require_group().timezone
    at = datetime.fromtimestamp(int(raw_at) * 60, tz=UTC).astimezone(zone)
    deadline = Deadline(at, raw_timed == "1")
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
    _, raw_id, user_id = _parts(ctx, 3)
    task = await button_task(ctx, raw_id)
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
        notice = T.NOTICE_ASSIGNED.format(name=member.display_name)
    fresh = await store(ctx).by_id(task.id)
    assert fresh is not None
    reply = await _assign_picker(ctx, fresh, edit=True)
    return Reply(text=reply.text, buttons=reply.buttons, edit=True, notice=notice)


# -- confirming a past deadline ------------------------------------------------------------------


async def on_pending(ctx: Context) -> Reply:
    """Vẫn tạo / Vẫn đổi hạn / Hủy: only the person who asked decides; then nothing is left."""
    _, answer, raw_id = _parts(ctx, 3)
    pending = await store(ctx).pending.get(int(raw_id)) if raw_id.isdigit() else None
    # Events and reminders keep their questions in the same table (handlers/timewords.py).
    if pending is None or pending.group_id != ctx.require_group().id or pending.kind not in _KINDS:
        raise UserError(T.PENDING_GONE)
    if pending.user_id != ctx.msg.sender.user_id:
        raise UserError(T.PENDING_NOT_YOURS)
    if answer != "ok":
        if not await store(ctx).pending.drop(pending.id):
            raise UserError(T.PENDING_GONE)
        return Reply(text=T.PENDING_CANCELLED, edit=True, notice=T.PENDING_CANCELLED_NOTICE)
    payload = pending.payload
    deadline = deadline_from_payload(payload)
    if pending.kind == "due":
        task = await button_task(ctx, str(payload["task_id"]))
        require_open(task)
        await require_manage(ctx, task)
        if not await store(ctx).pending.drop(pending.id):
            raise UserError(T.PENDING_GONE)
        await apply_due(ctx, task, deadline)
        return Reply(
            text=T.DUE_CHANGED.format(
                number=task.number,
                text=task.text,
                when=when_text(deadline.at, deadline.has_time, ctx.local_now()),
            ),
            edit=True,
        )
    await ctx.require(Action.CREATE_TASK)
    if not await store(ctx).pending.drop(pending.id):
        raise UserError(T.PENDING_GONE)
    group = ctx.require_group()
    assignees = [
        user_id
        for user_id in payload.get("assignees", [])
        if await ctx.services.groups.member(group.id, str(user_id)) is not None
    ]
    task = await store(ctx).create(
        group_id=group.id,
        text=str(payload["text"]),
        created_by=pending.user_id,
        now=ctx.now(),
        zone=group.timezone,
        due_at=deadline.at,
        due_has_time=deadline.has_time,
        assignees=assignees,
        source_message_id=payload.get("source_message_id"),
    )
    return card(task, ctx.local_now(), created=True, edit=True)
