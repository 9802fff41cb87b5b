"""Telling one person something privately, in the middle of a request (a task given to them).

A private note is a courtesy on top of the group's own message: when it cannot be delivered
(the person never pressed Start, blocked the bot, or the platform is busy) nothing else fails.
"""

from __future__ import annotations

import logging

from bot.chat.errors import ChatUnreachableError, TransientSendError
from bot.chat.messages import Reply
from bot.core.context import Context

log = logging.getLogger(__name__)


async def send_private(ctx: Context, user_id: str, reply: Reply) -> bool:
    """Send `reply` to the person's private chat with the bot; True if it went out."""
    groups = ctx.services.groups
    user = await groups.user(ctx.msg.platform, user_id)
    if user is None or not user.reachable_by_dm or user.dm_chat_id is None:
        return False
    try:
        await ctx.messenger.send(user.dm_chat_id, reply)
    except ChatUnreachableError:
        await groups.mark_dm_blocked(ctx.msg.platform, user_id)
        return False
    except TransientSendError as exc:
        log.info("private note to %s not sent now: %s", user_id, exc)
        return False
    return True
