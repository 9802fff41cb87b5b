"""Questions the bot asks before acting (close a task for everyone, delete, cancel an event,
lower one's own role, undo …), kept in the database until their author answers them.

A feature asks with `ask` and puts `answer_buttons` under its question; its button handler
gets the question back with `answered`, which checks it is still open, belongs to the chat's
group (or, from a private chat, enters the group it was asked for) and is the presser's own.
Nothing the question is about changes before the answer.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.chat.messages import Button
from bot.core import text as T
from bot.core.context import Context, UserError
from storage.pending import Pending

# A question older than this is not acted on: what it asked about may have changed meanwhile.
MAX_AGE = timedelta(hours=24)


async def ask(ctx: Context, kind: str, payload: dict[str, Any]) -> int:
    """Keep a question of the sender's, for the request's group; returns its id."""
    group = ctx.require_group()
    now = ctx.now()
    return await ctx.services.pending.add(
        group.id, ctx.msg.sender.user_id, kind, payload, now, forget_before=now - MAX_AGE
    )


def answer_buttons(
    prefix: str, question_id: int, yes: str, no: str
) -> tuple[tuple[Button, ...], ...]:
    """The two answers under a question: `<prefix>:ok:<id>` and `<prefix>:no:<id>`."""
    return ((Button(yes, f"{prefix}:ok:{question_id}"), Button(no, f"{prefix}:no:{question_id}")),)


def parse_answer(data: str | None) -> tuple[str, str]:
    """('ok' | 'no' | another choice, raw question id) from `<prefix>:<answer>:<id>`."""
    parts = (data or "").split(":")
    if len(parts) != 3:
        raise UserError(T.BUTTON_EXPIRED)
    return parts[1], parts[2]


async def answered(ctx: Context, raw_id: str, kinds: frozenset[str]) -> Pending:
    """The open question a button answers, checked; the caller then calls `close`.

    Raises:
        UserError: the question is gone, of another group or kind, someone else's, or older
            than MAX_AGE (then it is dropped).
    """
    services = ctx.services
    question = await services.pending.get(int(raw_id)) if raw_id.isdigit() else None
    if question is None or question.kind not in kinds:
        raise UserError(T.QUESTION_GONE)
    if ctx.msg.in_group:
        if ctx.group is None or question.group_id != ctx.group.id:
            raise UserError(T.QUESTION_GONE)
    elif question.group_id is not None:
        group = await services.groups.by_id(question.group_id)
        if group is None:
            raise UserError(T.QUESTION_GONE)
        await ctx.enter_group(group)
    if question.user_id != ctx.msg.sender.user_id:
        raise UserError(T.QUESTION_NOT_YOURS)
    if ctx.now() - question.created_at > MAX_AGE:
        await services.pending.drop(question.id)
        raise UserError(T.QUESTION_TOO_OLD)
    return question


async def close(ctx: Context, question: Pending) -> None:
    """Forget an answered question; refuse a second press of the same answer."""
    if not await ctx.services.pending.drop(question.id):
        raise UserError(T.QUESTION_GONE)
