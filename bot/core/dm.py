"""Telling one person something privately, in the middle of a request (a task given to them).

The note goes the way personal reminders go (bot/reminders/sender.py): to the private chat of
the app the person chose with /kenh or last wrote from, else their other linked apps (an app
not running or whose monthly quota is used up is passed over). It is not sent here: no network
call happens while a request is handled (bot/core/intake.py), so the note is added to the
request's replies, addressed to that chat, and leaves through the outbox once the request's
changes are committed, retried like every reply. A private note is a courtesy on top of the
group's own message: when the person has no private chat with the bot, nothing else fails.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.chat.messages import Reply
from bot.core.context import Context

log = logging.getLogger(__name__)


async def send_private(ctx: Context, person: str, reply: Reply) -> bool:
    """Queue `reply` for the person's private chat with the bot; True if they have one."""
    sender = ctx.services.dispatcher.sender
    for chat in await ctx.services.people.direct_chats(person):
        messenger = sender.messengers.get(chat.platform)
        if messenger is None or await sender.quota_used_up(messenger):
            continue
        ctx.said.append(replace(reply, chat_id=chat.chat_id, platform=chat.platform))
        return True
    log.info("private note to %s not sent: no private chat reaches them", person)
    return False
