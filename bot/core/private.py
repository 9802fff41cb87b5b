"""Group commands typed in a private chat act for the sender's Tổ: the only one they belong
to, or the one they choose from buttons (the command waits in the database meanwhile)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bot.chat.messages import Button, InboundKind, Reply
from bot.core import text as T
from bot.core.commands import Command, HandlerResult, as_list
from bot.core.context import Context, UserError
from bot.core.questions import MAX_AGE

PICK_GROUP = "pick"  # pick:<pending id>:<group id>   which Tổ a private command is for


async def for_own_group(ctx: Context, command: Command) -> Reply | None:
    """Enter the sender's only Tổ (None: go on), or ask which of theirs (the question)."""
    msg, services = ctx.msg, ctx.services
    groups = await services.groups.groups_of_user(msg.sender.user_id)
    if not groups:
        raise UserError(T.NO_GROUP_YET.format(name=command.name))
    if len(groups) == 1:
        await ctx.enter_group(groups[0])
        return None
    pending_id = await services.pending.add(
        None,
        msg.sender.user_id,
        "pick_group",
        {"command": command.name, "args": msg.args},
        ctx.now(),
    )
    buttons = tuple(
        (Button(group.name, f"{PICK_GROUP}:{pending_id}:{group.id}"),) for group in groups
    )
    return Reply(text=T.PICK_GROUP.format(name=command.name), buttons=buttons)


async def group_picked(ctx: Context, find: Callable[[str], Command | None]) -> HandlerResult:
    """The Tổ chosen for a command typed in a private chat: run the command for it."""
    parts = (ctx.msg.button_data or "").split(":")
    if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
        raise UserError(T.BUTTON_EXPIRED)
    services = ctx.services
    pending = await services.pending.get(int(parts[1]))
    if (
        pending is None
        or pending.kind != "pick_group"
        or pending.user_id != ctx.msg.sender.user_id
    ):
        raise UserError(T.QUESTION_GONE)
    if ctx.now() - pending.created_at > MAX_AGE:
        await services.pending.drop(pending.id)
        raise UserError(T.QUESTION_TOO_OLD)
    group = await services.groups.by_id(int(parts[2]))
    command = find(str(pending.payload.get("command", "")))
    if group is None or command is None:
        raise UserError(T.BUTTON_EXPIRED)
    await ctx.enter_group(group)
    if not await services.pending.drop(pending.id):
        raise UserError(T.QUESTION_GONE)
    ctx.msg = replace(
        ctx.msg,
        kind=InboundKind.MESSAGE,
        command=command.name,
        args=str(pending.payload.get("args", "")),
        button_data=None,
    )
    try:
        result = as_list(await command.handler(ctx))
    except UserError as refusal:
        result = [Reply(text=str(refusal))]
    heading = Reply(text=T.PICKED.format(name=command.name, group=group.name), edit=True)
    return [heading, *result]
