"""Zalo transport: a typed number read as the button it stands for, and replies shaped.

The intake's reader for Zalo (bot/core/intake.py PlatformReader): both steps run inside the
update's transaction and only read and write the database; the outbox sends the replies.
Zalo has no callbacks and no edits: a notice becomes a message, an edit a new message; a file
the bot cannot link to goes to the person's linked chat on another platform when there is one.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.chat.messages import Inbound, InboundKind, Reply
from bot.transports import zalo_text as T
from bot.transports.zalo import ZaloMessenger
from bot.transports.zalo_inbound import PLATFORM, chosen_number
from storage.choices import ANYONE, ChoiceStore

if TYPE_CHECKING:
    from bot.app import Assistant

log = logging.getLogger(__name__)

UNREADABLE = "zalo-unreadable"  # Attachment.kind of a sticker, voice or protected message


class ZaloReplies:
    """Reads numbered answers and shapes the replies to one update."""

    def __init__(
        self, assistant: Assistant, messenger: ZaloMessenger, choices: ChoiceStore
    ) -> None:
        self.assistant = assistant
        self.messenger = messenger
        self.choices = choices

    async def read(self, msg: Inbound) -> Inbound | list[Reply]:
        """The event to route: a typed number becomes the button it numbers."""
        if msg.attachment is not None and msg.attachment.kind == UNREADABLE:
            return [Reply(text=T.ONLY_TEXT)]
        if msg.command is None and (number := chosen_number(msg.text)) is not None:
            answer = await self.answer(msg, number)
            return [answer] if isinstance(answer, Reply) else answer
        return msg

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

    async def written(self, msg: Inbound, replies: list[Reply]) -> list[Reply]:
        """The replies for Zalo: a notice becomes a message, an edit a new message (Zalo has
        none); numbered choices answer the account that asked first."""
        account = msg.sender.user_id
        offered = False
        out: list[Reply] = []
        for reply in replies:
            if reply.platform is not None and reply.platform != PLATFORM:
                out.append(reply)  # to the person's chat on another platform: not Zalo's
                continue
            text = reply.text
            if reply.notice is not None:
                text = (
                    f"{reply.notice}\n\n{text}"
                    if text and reply.notice not in text
                    else (text or reply.notice)
                )
            if not text and reply.document is None:
                continue
            shaped = Reply(
                text=text,
                buttons=reply.buttons,
                document=reply.document,
                chat_id=reply.chat_id,
                tag=reply.tag,
                answers_for=account if (msg.in_group and reply.chat_id is None) else None,
            )
            if reply.document is not None and self.messenger.public_url is None:
                out.extend(await self._file_elsewhere(msg, shaped))
            else:
                out.append(shaped)
            offered = offered or bool(reply.buttons)
        if not offered:
            # The options answered (or left behind by a newer request) are done with.
            await self.choices.clear(PLATFORM, msg.chat_id, account if msg.in_group else ANYONE)
        return out

    async def _file_elsewhere(self, msg: Inbound, reply: Reply) -> list[Reply]:
        """Zalo cannot carry the file: send it to the person's chat on another platform (by
        the outbox, like every reply) if they linked one, and say so here."""
        assert reply.document is not None
        services = self.assistant.services
        person = await services.people.person_id(PLATFORM, msg.sender.user_id)
        name = reply.document.filename
        for chat in await services.people.direct_chats(person):
            if (
                chat.platform == PLATFORM
                or self.assistant.courier.messenger(chat.platform) is None
            ):
                continue
            elsewhere = Reply(
                text=reply.text,
                document=reply.document,
                chat_id=chat.chat_id,
                platform=chat.platform,
            )
            note = T.FILE_SENT_ELSEWHERE.format(name=name, platform=chat.platform.title())
            here = replace(
                reply, text=f"{reply.text}\n\n{note}" if reply.text else note, document=None
            )
            return [elsewhere, here]
        return [reply]
