"""Zalo transport, inbound: long polling or webhook into the one durable intake.

Every update, polled or posted to the webhook, goes to `Assistant.accept` (the inbox of every
platform, storage/inbox.py) under the key "<event_name>:<message_id>" before it is acknowledged:
a replay is recognised there, so a command never runs twice, and an update acknowledged is
never lost. It is then handled in its chat's lane, in one transaction with its effects and its
replies (bot/core/intake.py), and the replies leave through the outbox like Telegram's, so a
Zalo outage holds only Zalo's chats. A message that is only a number answers the numbered
choice waiting in that chat (it becomes the button press it stands for): this transport's
reader (ZaloReplies) does that inside the update's transaction. Polling follows
shared/zalo.md §1.4: one update per call, 408 means idle, no offset; while Zalo hands out
only what was seen already, polls are spaced by REPLAY_FLOOR; failures back off from 1 s to
60 s. Zalo and Telegram run side by side: nothing
here waits on the other platform.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from bot.chat.messages import Attachment, ChatKind, Inbound
from bot.transports.patience import patiently
from bot.transports.zalo import ZaloMessenger
from bot.transports.zalo_client import (
    POLL_TIMEOUT,
    ZaloApiError,
    ZaloClient,
    ZaloTransientError,
)
from bot.transports.zalo_inbound import (
    IMAGE,
    PLATFORM,
    TEXT,
    ZaloUpdate,
    read_update,
    to_inbound,
)
from bot.transports.zalo_replies import UNREADABLE, ZaloReplies
from storage.choices import ChoiceStore
from storage.quota import QuotaStore
from storage.shared_files import SharedFileStore

if TYPE_CHECKING:
    from bot.app import Assistant

log = logging.getLogger(__name__)

T = TypeVar("T")

REPLAY_FLOOR = 1.0  # seconds between polls while Zalo only replays what was seen
MAX_BACKOFF = 60.0
HOUSEKEEPING_EVERY = 500  # updates between two prunings of old choices, codes and files

Sleep = Callable[[float], Awaitable[None]]


class ZaloTransport:
    """Runs Zalo for an Assistant: receive, dedupe, handle, render."""

    def __init__(
        self,
        assistant: Assistant,
        client: ZaloClient,
        *,
        bot_name: str = "",
        monthly_quota: int,
        public_url: str | None = None,
        poll_timeout: int = POLL_TIMEOUT,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.assistant = assistant
        self.client = client
        self.bot_names = tuple(n for n in (bot_name,) if n)
        self.monthly_quota = monthly_quota
        self.public_url = public_url
        self.poll_timeout = poll_timeout
        self.sleep = sleep
        self.messenger: ZaloMessenger | None = None
        self.polled = 0  # updates taken from getUpdates (replays included)
        self._tasks: list[asyncio.Task[None]] = []
        self._stopping = False
        self._accepted = 0
        self._progress: asyncio.Condition | None = None
        self._webhook: tuple[str, str] | None = None

    async def start(
        self, *, webhook: tuple[str, str] | None = None, receive: bool = True
    ) -> ZaloMessenger:
        """Build the messenger, join the assistant's intake, and (unless `receive` is False:
        call start_receiving then) start receiving.

        What a crash left in the inbox is handled by the assistant's start-up, with every
        other platform's.

        Args:
            webhook: (public URL, secret) to have Zalo POST updates to the bot's HTTP server,
                which hands them to `receive`; None (the default) long-polls getUpdates.
            receive: start receiving now.
        """
        services = self.assistant.services
        db, clock = services.db, services.clock
        me = await self._patiently("getMe", self.client.get_me)
        self.bot_names = (*self.bot_names, me.name)
        self.choices = ChoiceStore(db)
        self.messenger = ZaloMessenger(
            self.client,
            choices=self.choices,
            quota=QuotaStore(db),
            files=SharedFileStore(db),
            clock=clock,
            zone=services.config.timezone,
            monthly_quota=self.monthly_quota,
            public_url=self.public_url,
            on_quota_warning=services.dispatcher.notes.warn_quota,
        )
        self.replies = ZaloReplies(self.assistant, self.messenger, self.choices)
        self.assistant.intake.readers[PLATFORM] = self.replies
        self._webhook = webhook
        if receive:
            await self.start_receiving()
        return self.messenger

    async def start_receiving(self) -> None:
        """Receive: set the webhook, or long-poll getUpdates."""
        if self._webhook is not None:
            webhook = self._webhook
            await self._patiently("setWebhook", lambda: self.client.set_webhook(*webhook))
        else:
            # getUpdates is refused while a webhook is set.
            await self._patiently("deleteWebhook", self.client.delete_webhook)
            self._tasks.append(asyncio.get_running_loop().create_task(self._poll()))

    async def _patiently(self, what: str, call: Callable[[], Awaitable[T]]) -> T:
        """A start-up call, tried until Zalo answers (bot/transports/patience.py); a wrong
        token (ZaloPermanentError) still stops start-up."""
        return await patiently(
            call, platform="Zalo", what=what, transient=ZaloTransientError, sleep=self.sleep
        )

    async def stop(self) -> None:
        """Stop receiving; what was accepted is in the inbox and handled by the assistant."""
        self._stopping = True
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
        if self.messenger is not None:
            await self.messenger.idle()

    async def wait_polled(self, count: int, timeout: float = 5.0) -> None:
        """Wait until `count` updates have been taken from getUpdates and accepted or dropped."""
        condition = self._condition()
        async with condition:
            await asyncio.wait_for(condition.wait_for(lambda: self.polled >= count), timeout)

    def _condition(self) -> asyncio.Condition:
        if self._progress is None:
            self._progress = asyncio.Condition()
        return self._progress

    async def _notify_progress(self) -> None:
        condition = self._condition()
        async with condition:
            condition.notify_all()

    async def settle(self) -> None:
        """Wait until every update accepted so far has been handled and answered (tests)."""
        await self.assistant.quiet()
        if self.messenger is not None:
            await self.messenger.idle()

    # -- receiving --------------------------------------------------------------------------------

    async def receive(self, body: Any) -> bool:
        """Accept one update (in the inbox when this returns); False for a replay or garbage."""
        update = read_update(body)
        if update is None:
            log.warning("zalo: ignored an update of unknown shape")
            return False
        msg = self._inbound(update)
        if msg is None:
            return False
        accepted = await self.assistant.accept(msg, f"{update.event_name}:{update.message_id}")
        if accepted:
            self._accepted += 1
            if self._accepted % HOUSEKEEPING_EVERY == 0:
                await self.housekeeping()
        return accepted

    def _inbound(self, update: ZaloUpdate) -> Inbound | None:
        if update.event_name in (TEXT, IMAGE):
            return to_inbound(update, self.bot_names, self._is_command)
        if update.chat_kind is not ChatKind.PRIVATE:
            return None
        # Stickers, voice, and what a protected sender sent (no content reaches the bot): in
        # a private chat the reader answers that only text is read.
        return Inbound(
            platform=PLATFORM,
            chat_id=update.chat_id,
            chat_kind=update.chat_kind,
            sender=update.sender,
            message_id=update.message_id,
            attachment=Attachment(UNREADABLE, update.message_id),
        )

    async def _poll(self) -> None:
        failures = 0
        loop = asyncio.get_running_loop()
        while not self._stopping:
            started = loop.time()
            try:
                updates = await self.client.get_updates(self.poll_timeout)
            except ZaloApiError as exc:
                failures += 1
                wait = min(MAX_BACKOFF, 2.0 ** (failures - 1))
                log.warning("zalo: polling failed (%s); again in %.0f s", exc, wait)
                await self.sleep(wait)
                continue
            failures = 0
            fresh = False
            for body in updates:
                fresh = await self.receive(body) or fresh
                self.polled += 1
            await self._notify_progress()
            if not fresh and loop.time() - started < REPLAY_FLOOR:
                # Only replays (or an idle answer that came at once): do not spin on Zalo.
                await self.sleep(REPLAY_FLOOR)

    async def housekeeping(self) -> None:
        """Forget expired choices, spent codes and files (the inbox is the assistant's)."""
        now = self.assistant.services.clock.now()
        await self.choices.prune(now)
        await self.assistant.services.codes.prune(now)
        await SharedFileStore(self.assistant.services.db).prune(now)

    def _is_command(self, name: str) -> bool:
        return self.assistant.router.find(name) is not None

    def _messenger(self) -> ZaloMessenger:
        if self.messenger is None:
            raise RuntimeError("ZaloTransport.start() has not run")
        return self.messenger
