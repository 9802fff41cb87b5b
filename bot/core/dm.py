"""Telling one person something privately, in the middle of a request (a task given to them).

The note goes the way personal reminders go (bot/reminders/sender.py): to the private chat of
the app the person chose with /kenh or last wrote from, falling back to their other linked
apps. A private note is a courtesy on top of the group's own message: when it cannot be
delivered (the person never pressed Start, blocked the bot, or the platform is busy) nothing
else fails.
"""

from __future__ import annotations

import logging

from bot.chat.messages import Reply
from bot.core.context import Context

log = logging.getLogger(__name__)


async def send_private(ctx: Context, person: str, reply: Reply) -> bool:
    """Send `reply` to the person's private chat with the bot; True if it went out."""
    sender = ctx.services.dispatcher.sender
    error = await sender.send_privately(person, reply, what=f"private note to {person}")
    if error is not None:
        log.info("private note to %s not sent now: %s", person, error)
        return False
    return True
