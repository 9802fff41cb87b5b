"""Zalo transport: a typed number read as the button it stands for, and replies rendered.

Zalo has no callbacks and no edits: a notice becomes a message, an edit a new message; a file
the bot cannot link to goes to the person's linked Telegram chat when there is one.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.chat.messages import Inbound, InboundKind, Reply
from bot.transports import zalo_text as T
from bot.transports.zalo import ZaloMessenger
from bot.transports.zalo_inbound import PLATFORM
from storage.choices import ANYONE, ChoiceStore

if TYPE_CHECKING:
    from bot.app import Assistant

log = logging.getLogger(__name__)


class ZaloReplies:
    """Reads numbered answers and sends the replies to one update."""

    def __init__(
        self, assistant: Assistant, messenger: ZaloMessenger, choices: ChoiceStore
    ) -> None:
        self.assistant = assistant
        self.messenger = messenger
        self.choices = choices

    async def answer(self, msg: Inbound, number: int) -> Inbound | Reply:
        """The button press a typed number stands for, or why it stands for none."""
        now = self.assistant.services.clock.now()
        account = msg.sender.user_id
        waiting = await self.choices.waiting_for(PLATFORM, msg.chat_id, account, now)
        if waiting is None:
            if await self.choices.had_expired(PLATFORM, msg.chat_id, account, now):
                return Reply(text=T.CHOICE_EXPIRED)
            return Reply(text=T.NO_CHOICE_WAITING)
        choice = waiting.pick(number)
        if choice is None:
            return Reply(
                text=T.CHOICE_OUT_OF_RANGE.format(number=number, count=len(waiting.options))
            )
        return replace(msg, kind=InboundKind.BUTTON, button_data=choice.data, text="")

    async def render(self, msg: Inbound, replies: list[Reply]) -> None:
        """Send the replies: a notice becomes a message, an edit a new message (Zalo has none)."""
        messenger = self.messenger
        account = msg.sender.user_id
        offered = False
        for reply in replies:
            text = reply.text
            if reply.notice is not None:
                text = (
                    f"{reply.notice}\n\n{text}"
                    if text and reply.notice not in text
                    else (text or reply.notice)
                )
            if not text and reply.document is None:
                continue
            chat_id = reply.chat_id or msg.chat_id
            audience = account if (msg.in_group and reply.chat_id is None) else ANYONE
            out = Reply(text=text, buttons=reply.buttons, document=reply.document)
            if reply.document is not None and messenger.public_url is None:
                out = await self._file_elsewhere(msg, out)
            await messenger.send(chat_id, out, audience=audience)
            offered = offered or bool(reply.buttons)
        if not offered:
            # The options answered (or left behind by a newer request) are done with.
            await self.choices.clear(PLATFORM, msg.chat_id, account if msg.in_group else ANYONE)

    async def _file_elsewhere(self, msg: Inbound, reply: Reply) -> Reply:
        """Zalo cannot carry the file: send it to the person's other platform if linked."""
        assert reply.document is not None
        services = self.assistant.services
        person = await services.people.person_id(PLATFORM, msg.sender.user_id)
        name = reply.document.filename
        for chat in await services.people.direct_chats(person):
            other = services.dispatcher.sender.messengers.get(chat.platform)
            if chat.platform == PLATFORM or other is None:
                continue
            try:
                await other.send(chat.chat_id, reply)
            except Exception as exc:  # any failure there: fall back to the note
                log.warning("zalo: could not send %s by %s: %s", name, chat.platform, exc)
                continue
            note = T.FILE_SENT_ELSEWHERE.format(name=name, platform=chat.platform.title())
            return Reply(
                text=f"{reply.text}\n\n{note}" if reply.text else note, buttons=reply.buttons
            )
        return Reply(text=reply.text, buttons=reply.buttons, document=reply.document)
