"""What both fake platforms share: a test reads the bot's messages in a chat one by one, waiting
on a condition the fake notifies whenever the bot sends, never sleeping."""

from __future__ import annotations

import asyncio
from typing import Generic, Protocol, TypeVar

M = TypeVar("M")


class ChatWithOutbox(Protocol[M]):
    """A fake chat: what the bot sent there, and how far the test has read."""

    outbox: list[M]
    read_upto: int


class RepliesReader(Generic[M]):
    """Reading the bot's messages per chat; the fake calls `_condition()` to notify."""

    _changed: asyncio.Condition | None = None

    def _condition(self) -> asyncio.Condition:
        # Created lazily so the fake can be built outside a running loop.
        if self._changed is None:
            self._changed = asyncio.Condition()
        return self._changed

    async def next_reply(self, chat: ChatWithOutbox[M], timeout: float = 5.0) -> M:
        """The next message the bot sent to (or edited in) this chat that the test has not read."""
        condition = self._condition()
        async with condition:
            await asyncio.wait_for(
                condition.wait_for(lambda: chat.read_upto < len(chat.outbox)), timeout
            )
            message = chat.outbox[chat.read_upto]
            chat.read_upto += 1
            return message

    def unread(self, chat: ChatWithOutbox[M]) -> list[M]:
        """Bot messages in this chat the test has not read yet (marks them read)."""
        pending = chat.outbox[chat.read_upto :]
        chat.read_upto = len(chat.outbox)
        return pending
