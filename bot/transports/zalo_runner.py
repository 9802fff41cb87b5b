"""Zalo transport, inbound: long polling or webhook, the durable inbox, numbered answers.

Every update, polled or posted to the webhook, is first written to the inbox under its
(event_name, message_id) (storage/inbox.py): a replay is dropped there, so a command never runs
twice, and an update acknowledged is never lost. One worker then handles the inbox in order.
A message that is only a number answers the numbered choice waiting in that chat (it becomes
the button press it stands for). Polling follows shared/zalo.md §1.4: one update per call, 408
means idle, no offset; while Zalo hands out only what was seen already, polls are spaced by
REPLAY_FLOOR; failures back off from 1 s to 60 s. Zalo and Telegram run side by side: nothing
here waits on the other platform.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from bot.chat.messages import ChatKind, Reply
from bot.core import text as common_text
from bot.transports import zalo_text as T
from bot.transports.zalo import ZaloMessenger
from bot.transports.zalo_client import POLL_TIMEOUT, ZaloApiError, ZaloClient, from_millis
from bot.transports.zalo_inbound import (
    IMAGE,
    PLATFORM,
    TEXT,
    ZaloUpdate,
    chosen_number,
    read_update,
    to_inbound,
)
from bot.transports.zalo_replies import ZaloReplies
from storage.choices import ChoiceStore
from storage.inbox import InboxStore
from storage.quota import QuotaStore
from storage.shared_files import SharedFileStore

if TYPE_CHECKING:
    from bot.app import Assistant

log = logging.getLogger(__name__)

REPLAY_FLOOR = 1.0  # seconds between polls while Zalo only replays what was seen
MAX_BACKOFF = 60.0
HOUSEKEEPING_EVERY = 500  # updates between two prunings of old inbox rows, choices and codes

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
        self._queue: asyncio.Queue[tuple[int, ZaloUpdate]] = asyncio.Queue()
        self._tasks: list[asyncio.Task[None]] = []
        self._stopping = False
        self._handled = 0
        self._progress: asyncio.Condition | None = None

    async def start(self, *, webhook: tuple[str, str] | None = None) -> ZaloMessenger:
        """Build the messenger, pick up what a crash left in the inbox, and start receiving.

        Args:
            webhook: (public URL, secret) to have Zalo POST updates to the bot's HTTP server,
                which hands them to `receive`; None (the default) long-polls getUpdates.
        """
        services = self.assistant.services
        db, clock = services.db, services.clock
        me = await self.client.get_me()
        self.bot_names = (*self.bot_names, me.name)
        self.inbox = InboxStore(db)
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
        waiting, abandoned = await self.inbox.recover(PLATFORM)
        if abandoned:
            log.warning("zalo: %d updates a crash interrupted are not run again", abandoned)
        for entry in waiting:
            update = read_update(entry.body)
            if update is not None:
                self._queue.put_nowait((entry.id, update))
        self._stopping = False
        self._tasks.append(asyncio.get_running_loop().create_task(self._work()))
        if webhook is not None:
            await self.client.set_webhook(*webhook)
        else:
            await self.client.delete_webhook()  # getUpdates is refused while a webhook is set
            self._tasks.append(asyncio.get_running_loop().create_task(self._poll()))
        return self.messenger

    async def stop(self) -> None:
        """Stop receiving; the update being handled finishes, the rest stay in the inbox."""
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
        """Wait until every update accepted so far has been handled (tests, benchmarks)."""
        await self._queue.join()
        if self.messenger is not None:
            await self.messenger.idle()

    # -- receiving --------------------------------------------------------------------------------

    async def receive(self, body: Any) -> bool:
        """Accept one update (written to the inbox first); False for a replay or garbage."""
        update = read_update(body)
        if update is None:
            log.warning("zalo: ignored an update of unknown shape")
            return False
        entry = await self.inbox.accept(
            PLATFORM,
            update.event_name,
            update.message_id,
            body,
            self.assistant.services.clock.now(),
            sent_at=from_millis(update.message.get("date")),
        )
        if entry is None:
            return False
        self._queue.put_nowait((entry.id, update))
        return True

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

    async def _work(self) -> None:
        while True:
            entry_id, update = await self._queue.get()
            try:
                if await self.inbox.start(entry_id):
                    await self._handle_safely(update)
                    await self.inbox.finish(entry_id)
            finally:
                self._queue.task_done()
            self._handled += 1
            if self._handled % HOUSEKEEPING_EVERY == 0:
                await self.housekeeping()

    async def housekeeping(self) -> None:
        """Forget old inbox rows, expired choices, spent codes and files."""
        now = self.assistant.services.clock.now()
        await self.inbox.prune(now)
        await self.choices.prune(now)
        await self.assistant.services.codes.prune(now)
        await SharedFileStore(self.assistant.services.db).prune(now)

    # -- handling ---------------------------------------------------------------------------------

    async def _handle_safely(self, update: ZaloUpdate) -> None:
        try:
            await self.handle(update)
        except Exception:
            log.exception("zalo: error while handling an update")
            try:
                await self._messenger().send(
                    update.chat_id, Reply(text=common_text.INTERNAL_ERROR)
                )
            except Exception:  # the error path must never raise again
                log.exception("zalo: could not tell the user about the error")

    async def handle(self, update: ZaloUpdate) -> None:
        """Handle one accepted update and send the replies."""
        messenger = self._messenger()
        if update.event_name not in (TEXT, IMAGE):
            # Stickers, voice, and what a protected sender sent (no content reaches the bot).
            if update.chat_kind is ChatKind.PRIVATE:
                await messenger.send(update.chat_id, Reply(text=T.ONLY_TEXT))
            return
        msg = to_inbound(update, self.bot_names, self._is_command)
        if msg is None:
            return
        replies_for = ZaloReplies(self.assistant, messenger, self.choices)
        if msg.command is None and (number := chosen_number(msg.text)) is not None:
            answer = await replies_for.answer(msg, number)
            if isinstance(answer, Reply):
                await messenger.send(msg.chat_id, answer)
                return
            msg = answer
        replies = await self.assistant.handle(msg, messenger)
        await replies_for.render(msg, replies)

    def _is_command(self, name: str) -> bool:
        return self.assistant.router.find(name) is not None

    def _messenger(self) -> ZaloMessenger:
        if self.messenger is None:
            raise RuntimeError("ZaloTransport.start() has not run")
        return self.messenger
