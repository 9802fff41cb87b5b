"""Group commands in a private chat: the person's Tổ is the group, or they are asked which.

A command registered with `in_private=True` (/ds, /xong, /lich) also works in a private
chat, for one of the person's Tổ: with one Tổ it is that one; with several the bot asks which,
as buttons (numbered choices on Zalo), keeping the command in the database meanwhile
(storage/pending_commands.py). Buttons pressed in a private chat find their Tổ from what they
name (a task, an event), through the resolver their route declares.
"""

from __future__ import annotations

from dataclasses import replace

from bot.chat.messages import Button, InboundKind, Reply
from bot.core import text as T
from bot.core.context import Context, UserError
from bot.core.permissions import NOT_A_MEMBER

CHOOSE = "to"  # to:<pending command id>:<group id>


async def enter_group(ctx: Context, group_id: int) -> None:
    """Act in this Tổ from a private chat: only as one of its active members."""
    services = ctx.services
    group = await services.groups.by_id(group_id)
    member = await services.groups.member(group_id, ctx.msg.sender.user_id) if group else None
    if group is None or member is None:
        raise UserError(NOT_A_MEMBER)
    ctx.group, ctx.member = group, member


async def group_for_private(ctx: Context, command: str) -> Reply | None:
    """Put the person's Tổ in ctx (None), or return the question which Tổ they mean."""
    services, msg = ctx.services, ctx.msg
    groups = await services.groups.groups_of_user(msg.sender.user_id)
    if not groups:
        raise UserError(T.PRIVATE_NO_GROUP.format(name=command))
    if len(groups) == 1:
        await enter_group(ctx, groups[0].id)
        return None
    pending = await services.pending_commands.add(
        msg.platform, msg.chat_id, msg.sender.user_id, command, msg.args, ctx.now()
    )
    buttons = tuple((Button(g.name, f"{CHOOSE}:{pending}:{g.id}"),) for g in groups)
    return Reply(text=T.WHICH_GROUP.format(name=command), buttons=buttons)


async def resume_command(ctx: Context) -> str:
    """The Tổ was chosen: put it in ctx and the waiting command in ctx.msg; return its name."""
    parts = (ctx.msg.button_data or "").split(":")
    if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
        raise UserError(T.BUTTON_EXPIRED)
    waiting = await ctx.services.pending_commands.take(
        int(parts[1]), ctx.msg.sender.user_id, ctx.now()
    )
    if waiting is None:
        raise UserError(T.CHOICE_GONE)
    await enter_group(ctx, int(parts[2]))
    ctx.msg = replace(
        ctx.msg,
        kind=InboundKind.MESSAGE,
        command=waiting.command,
        args=waiting.args,
        button_data=None,
        text=f"/{waiting.command} {waiting.args}".strip(),
    )
    return waiting.command
