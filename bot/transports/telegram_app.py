"""The Telegram side of a running bot: the Bot, connecting with patience, and polling ourselves.

python-telegram-bot's Updater acknowledges updates to Telegram (the next getUpdates offset)
before their handlers have run, so a crash between the two lost commands users saw as sent.
Here the poll loop hands each update to `Assistant.accept`, which returns once the update is
in the inbox, and only then asks for the next offset: Telegram forgets nothing the database
does not have. An update delivered again after a crash is recognised by its update_id.

Starting while Telegram is unreachable (a restart during a network blip) does not exit: the
bot keeps trying, with backoff, saying why in the log. Only a refused token stops it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from telegram import Bot, BotCommand, BotCommandScopeDefault, Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import AIORateLimiter, BaseRateLimiter, Defaults, ExtBot
from telegram.request import BaseRequest, HTTPXRequest

from bot.app import Assistant
from bot.chat.errors import TransientSendError
from bot.clock import Clock, SystemClock
from bot.config import ConfigError
from bot.core.router import Router
from bot.delivery.lanes import Activity
from bot.transports.patience import patiently
from bot.transports.telegram import TelegramMessenger, neutral_error
from bot.transports.telegram_inbound import PLATFORM, inbound_from_update

log = logging.getLogger(__name__)

POLL_TIMEOUT = 30  # seconds a getUpdates long poll waits for news
CONNECT_TIMEOUT = 5.0
POOL_TIMEOUT = 3.0
POLL_RETRY_MAX = 10.0  # … and between two getUpdates that Telegram answered with an error


def build_bot(
    assistant: Assistant,
    *,
    token: str | None = None,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    rate_limiter: BaseRateLimiter[Any] | None = None,
) -> ExtBot[Any]:
    """The python-telegram-bot Bot of an assistant.

    Args:
        assistant: the core (its configuration gives the base URL, zone and read timeout).
        token: the bot token; the configuration's by default.
        request: PTB request object for API calls (tests pass one backed by the fake API).
            By default the read timeout is the configuration's (20 s): long enough that a
            message Telegram accepted is rarely taken for a failure (which would resend it).
        get_updates_request: PTB request object for long polling.
        rate_limiter: defaults to AIORateLimiter without retries, which keeps within
            Telegram's flood limits (30 messages a second overall, 20 a minute per group).
            Without retries, because its retry pauses every chat while one waits; a 429 goes
            to the courier instead, which holds only the chat that earned it.
    """
    config = assistant.config
    timeout = config.telegram_read_timeout
    return ExtBot(
        token or config.require_token(),
        base_url=config.telegram_api_base_url,
        base_file_url=config.telegram_file_base_url,
        request=request
        or HTTPXRequest(
            connection_pool_size=256,
            read_timeout=timeout,
            write_timeout=timeout,
            connect_timeout=CONNECT_TIMEOUT,
            pool_timeout=POOL_TIMEOUT,
        ),
        get_updates_request=get_updates_request
        or HTTPXRequest(connection_pool_size=1, connect_timeout=CONNECT_TIMEOUT),
        rate_limiter=rate_limiter or AIORateLimiter(max_retries=0),
        defaults=Defaults(tzinfo=config.timezone),
    )


class TelegramService:
    """An assistant served over Telegram: start() connects and polls, stop() ends cleanly."""

    def __init__(
        self,
        assistant: Assistant,
        bot: ExtBot[Any],
        *,
        clock: Clock | None = None,
        poll_timeout: int = POLL_TIMEOUT,
        owns_assistant: bool = True,
    ) -> None:
        """Args:
        owns_assistant: start() opens and starts the assistant and stop() closes it
            (Telegram alone); False when bot/transports/serve.py runs it beside other
            platforms and calls connect(), start_polling() and stop() itself.
        """
        self.owns_assistant = owns_assistant
        self.assistant = assistant
        self.bot = bot
        self.clock = clock or SystemClock()  # waits between retries: tests move a fake one
        self.poll_timeout = poll_timeout
        self._poller: asyncio.Task[None] | None = None
        self._stopping = False
        self.polls = 0
        self.activity = Activity()  # storing a fetched batch (not the long poll, not a wait)

    async def start(self) -> None:
        """Open the database, reach Telegram (patiently), send what was left, and poll."""
        await self.assistant.open()
        messenger = await self.connect()
        await self.assistant.start(messenger)
        self.start_polling()

    async def connect(self) -> TelegramMessenger:
        """Reach Telegram (patiently) and publish the command menu; the messenger to send by."""
        await self._connect()
        try:
            await publish_commands(self.bot, self.assistant.router)
        except TelegramError as exc:  # the menu is a convenience; the bot works without it
            log.warning("could not publish the command menu: %s", exc)
        return TelegramMessenger(self.bot)

    def start_polling(self) -> None:
        """Receive updates into the assistant's inbox from now on."""
        self._poller = asyncio.get_running_loop().create_task(self._poll(), name="getUpdates")

    async def _connect(self) -> None:
        try:
            await patiently(
                self.bot.initialize,
                platform="Telegram",
                what="getMe",
                transient=TelegramError,
                refusal=InvalidToken,
                sleep=self.clock.sleep,
            )
        except InvalidToken as exc:
            raise ConfigError(f"Telegram refused the token: {exc.message}") from exc
        log.info("connected to Telegram as @%s", self.bot.username)

    async def _poll(self) -> None:
        """getUpdates forever; the offset moves past an update only once the inbox has it."""
        offset: int | None = None
        failures = 0
        while not self._stopping:
            try:
                updates = await self.bot.get_updates(
                    offset=offset, timeout=self.poll_timeout, allowed_updates=Update.ALL_TYPES
                )
            except InvalidToken:
                log.exception("Telegram refused the token while polling")
                raise
            except TelegramError as exc:
                failures += 1
                error = neutral_error("-", exc)
                if isinstance(error, TransientSendError) and error.platform_down:
                    # Telegram cannot be reached: wait for the courier's probe to see it answer
                    # (it probes every few seconds), not for a growing backoff.
                    log.warning("getUpdates failed (%s); waiting for Telegram to answer", exc)
                    self.assistant.courier.note(PLATFORM, "-", error)
                    await self.assistant.courier.wait_until_up(PLATFORM)
                    continue
                wait = min(2 ** (failures - 1), POLL_RETRY_MAX)
                log.warning("getUpdates failed (%s); trying again in %.0f s", exc, wait)
                await self.clock.sleep(wait)
                continue
            failures = 0
            self.polls += 1
            with self.activity.busy():
                batch = [(msg, str(u.update_id)) for u in updates if (msg := self._inbound(u))]
                await self._accept(batch)
                if updates:
                    offset = updates[-1].update_id + 1

    def _inbound(self, update: Update) -> Any:
        try:
            return inbound_from_update(update, self.bot.username, self.bot.id)
        except Exception:  # a malformed update must not stop the bot: skip it, logged
            log.exception("update %d could not be read; skipped", update.update_id)
            return None

    async def _accept(self, batch: list[tuple[Any, str]]) -> None:
        """Keep a fetched batch in the inbox; if the database refuses, try again (never skip
        it: the offset moves past the batch only once it is stored)."""
        failures = 0
        while True:
            try:
                await self.assistant.accept_many(batch)
            except Exception:
                failures += 1
                log.exception("%d updates could not be stored; trying again", len(batch))
                async with self.activity.parked():
                    await self.clock.sleep(min(2 ** (failures - 1), 30))
                continue
            return

    async def stop(self) -> None:
        """Stop polling (what was fetched but not stored is fetched again next time), let
        work in flight finish briefly, and close the database."""
        await self.stop_polling()
        if self.owns_assistant:
            await self.assistant.stop()
        with contextlib.suppress(Exception):
            await self.bot.shutdown()
        if self.owns_assistant:
            await self.assistant.close()

    async def stop_polling(self) -> None:
        """Stop receiving (what was fetched but not stored is fetched again next time)."""
        self._stopping = True
        poller = self._poller
        while poller is not None and not poller.done():
            # Cancel until it takes: on Python 3.11 a cancel that lands while an inner
            # wait_for completes can be lost.
            poller.cancel()
            await asyncio.wait({poller}, timeout=0.2)
        if poller is not None:
            with contextlib.suppress(asyncio.CancelledError, TelegramError):
                poller.result()
        self._poller = None


async def publish_commands(bot: Bot, router: Router) -> None:
    """Register the command menu: Vietnamese by default and for 'vi', English aliases for 'en'."""
    vietnamese = [BotCommand(c.name, c.summary[:256]) for c in router.commands if c.in_menu]
    english = [
        BotCommand(
            next((a for a in c.aliases if a.isascii()), c.name), (c.summary_en or c.summary)[:256]
        )
        for c in router.commands
        if c.in_menu
    ]
    await bot.set_my_commands(vietnamese, scope=BotCommandScopeDefault())
    await bot.set_my_commands(vietnamese, scope=BotCommandScopeDefault(), language_code="vi")
    await bot.set_my_commands(english, scope=BotCommandScopeDefault(), language_code="en")
