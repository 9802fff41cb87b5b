"""How /hoantac names and reverses the changes of tasks (journaled by the task commands)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.core.context import Context, UserError
from bot.core.permissions import Action
from handlers import undo_text as T
from handlers.tasks_view import short, when_text
from storage.tasks import Task, TaskStatus
from storage.timefmt import from_db_opt, to_db

Payload = dict[str, Any]


@dataclass(frozen=True)
class Step:
    """One kind of change: how it is named, checked before undoing, and undone."""

    describe: Callable[[Context, Payload], Awaitable[str]]
    check: Callable[[Context, Payload], Awaitable[None]]
    reverse: Callable[[Context, Payload], Awaitable[None]]


async def _task(ctx: Context, task_id: object) -> Task:
    task = await ctx.services.tasks.by_id(int(str(task_id)))
    if task is None or task.group_id != ctx.require_group().id:
        raise UserError(T.GONE)
    return task


def _changed_since(task: Task) -> UserError:
    return UserError(T.CHANGED_SINCE.format(what=T.TASK_SUBJECT.format(number=task.number)))


async def _manage(ctx: Context, task: Task) -> None:
    await ctx.require(Action.MANAGE_TASK, owner_id=task.created_by)


def _actor_now(ctx: Context) -> tuple[str, Any]:
    return ctx.msg.sender.user_id, ctx.now()


# -- created ------------------------------------------------------------------------------------


async def _created_describe(ctx: Context, p: Payload) -> str:
    task = await _task(ctx, p["task_id"])
    return T.TASK_CREATED.format(number=task.number, text=short(task.text))


async def _created_check(ctx: Context, p: Payload) -> None:
    task = await _task(ctx, p["task_id"])
    if task.status is TaskStatus.DELETED:
        raise _changed_since(task)
    await _manage(ctx, task)


async def _created_reverse(ctx: Context, p: Payload) -> None:
    await ctx.services.tasks.delete(await _task(ctx, p["task_id"]), *_actor_now(ctx))


# -- deleted ------------------------------------------------------------------------------------


async def _deleted_describe(ctx: Context, p: Payload) -> str:
    tasks = [await _task(ctx, i) for i in p["task_ids"]]
    return T.TASK_DELETED.format(numbers=", ".join(f"#{t.number}" for t in tasks))


async def _deleted_check(ctx: Context, p: Payload) -> None:
    for task_id in p["task_ids"]:
        task = await _task(ctx, task_id)
        if task.status is not TaskStatus.DELETED:
            raise _changed_since(task)
        await _manage(ctx, task)


async def _deleted_reverse(ctx: Context, p: Payload) -> None:
    for task_id in p["task_ids"]:
        await ctx.services.tasks.restore(await _task(ctx, task_id), *_actor_now(ctx))


# -- edited -------------------------------------------------------------------------------------


async def _edited_describe(ctx: Context, p: Payload) -> str:
    task = await _task(ctx, p["task_id"])
    return T.TASK_EDITED.format(
        number=task.number, old=short(p["from"], 40), new=short(p["to"], 40)
    )


async def _edited_check(ctx: Context, p: Payload) -> None:
    task = await _task(ctx, p["task_id"])
    if task.status is TaskStatus.DELETED or task.text != p["to"]:
        raise _changed_since(task)
    await _manage(ctx, task)


async def _edited_reverse(ctx: Context, p: Payload) -> None:
    task = await _task(ctx, p["task_id"])
    await ctx.services.tasks.edit_text(task, str(p["from"]), *_actor_now(ctx))


# -- done ---------------------------------------------------------------------------------------


async def _done_describe(ctx: Context, p: Payload) -> str:
    said = []
    for item in p["items"]:
        task = await _task(ctx, item["task_id"])
        template = T.TASK_PART_DONE if item.get("part") else T.TASK_CLOSED
        said.append(template.format(number=task.number))
    return T.SEVERAL.join(said)


async def _done_check(ctx: Context, p: Payload) -> None:
    for item in p["items"]:
        task = await _task(ctx, item["task_id"])
        part = item.get("part")
        if part:
            mine = task.assignee(str(part))
            if task.status is TaskStatus.DELETED or mine is None or not mine.done:
                raise _changed_since(task)
            await ctx.require(Action.FINISH_OWN_PART)
        else:
            if task.status is not TaskStatus.DONE:
                raise _changed_since(task)
            await _manage(ctx, task)


async def _done_reverse(ctx: Context, p: Payload) -> None:
    actor, now = _actor_now(ctx)
    for item in p["items"]:
        task = await _task(ctx, item["task_id"])
        if item.get("part"):
            await ctx.services.tasks.reopen_part(task, str(item["part"]), actor, now)
        else:
            await ctx.services.tasks.reopen(task, actor, now)


# -- reopened -----------------------------------------------------------------------------------

_REOPEN_WORDS = {"deleted": T.TASK_RESTORED, "done": T.TASK_REOPENED, "part": T.TASK_PART_REOPENED}


async def _reopened_describe(ctx: Context, p: Payload) -> str:
    task = await _task(ctx, p["task_id"])
    return _REOPEN_WORDS.get(str(p.get("was")), T.TASK_REOPENED).format(number=task.number)


async def _reopened_check(ctx: Context, p: Payload) -> None:
    task = await _task(ctx, p["task_id"])
    was = p.get("was")
    if was == "deleted" and task.status is TaskStatus.DELETED:
        raise _changed_since(task)
    if was == "done" and task.status is not TaskStatus.OPEN:
        raise _changed_since(task)
    if was == "part":
        mine = task.assignee(ctx.msg.sender.user_id)
        if task.status is not TaskStatus.OPEN or mine is None or mine.done:
            raise _changed_since(task)
        await ctx.require(Action.FINISH_OWN_PART)
        return
    await _manage(ctx, task)


async def _reopened_reverse(ctx: Context, p: Payload) -> None:
    task = await _task(ctx, p["task_id"])
    actor, now = _actor_now(ctx)
    was = p.get("was")
    if was == "deleted":
        await ctx.services.tasks.delete(task, actor, now)
    elif was == "part":
        await ctx.services.tasks.finish_part(task, actor, now)
    else:
        await ctx.services.tasks.close(task, actor, now)


# -- assigned -----------------------------------------------------------------------------------


async def _assigned_describe(ctx: Context, p: Payload) -> str:
    task = await _task(ctx, p["task_id"])
    names = await ctx.services.tasks.names(task.group_id, [str(u) for u in p["user_ids"]])
    return T.TASK_ASSIGNED.format(number=task.number, names=", ".join(names.values()))


async def _assigned_check(ctx: Context, p: Payload) -> None:
    task = await _task(ctx, p["task_id"])
    if task.status is not TaskStatus.OPEN:
        raise _changed_since(task)
    for user_id in p["user_ids"]:
        part = task.assignee(str(user_id))
        if part is None or part.done:
            raise _changed_since(task)
    if [str(u) for u in p["user_ids"]] == [ctx.msg.sender.user_id]:
        await ctx.require(Action.TAKE_TASK)
    else:
        await _manage(ctx, task)


async def _assigned_reverse(ctx: Context, p: Payload) -> None:
    task = await _task(ctx, p["task_id"])
    actor, now = _actor_now(ctx)
    for user_id in p["user_ids"]:
        await ctx.services.tasks.unassign(task, str(user_id), actor, now)


# -- deadline -----------------------------------------------------------------------------------


async def _due_describe(ctx: Context, p: Payload) -> str:
    task = await _task(ctx, p["task_id"])
    now = ctx.local_now()
    old = when_text(from_db_opt(p.get("from")), bool(p.get("from_has_time")), now)
    new = when_text(from_db_opt(p.get("to")), bool(p.get("to_has_time")), now)
    return T.TASK_DUE.format(number=task.number, old=old, new=new)


async def _due_check(ctx: Context, p: Payload) -> None:
    task = await _task(ctx, p["task_id"])
    current = to_db(task.due_at) if task.due_at else None
    if task.status is not TaskStatus.OPEN or current != p.get("to"):
        raise _changed_since(task)
    await _manage(ctx, task)


async def _due_reverse(ctx: Context, p: Payload) -> None:
    task = await _task(ctx, p["task_id"])
    actor, now = _actor_now(ctx)
    zone = ctx.require_group().timezone
    old = from_db_opt(p.get("from"))
    has_time = bool(p.get("from_has_time")) and old is not None
    await ctx.services.tasks.set_due(task, old, has_time, zone, actor, now)


STEPS = {
    "task_created": Step(_created_describe, _created_check, _created_reverse),
    "task_deleted": Step(_deleted_describe, _deleted_check, _deleted_reverse),
    "task_edited": Step(_edited_describe, _edited_check, _edited_reverse),
    "task_done": Step(_done_describe, _done_check, _done_reverse),
    "task_reopened": Step(_reopened_describe, _reopened_check, _reopened_reverse),
    "task_assigned": Step(_assigned_describe, _assigned_check, _assigned_reverse),
    "task_due": Step(_due_describe, _due_check, _due_reverse),
}
