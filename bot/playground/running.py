"""Running the real bot against the fake Bot API: for tests, benchmarks and the console.

`RunningBot` starts the real Telegram service (our own getUpdates loop, the inbox, the outbox)
on a FakeTelegramAPI, in-process through an httpx MockTransport or over loopback HTTP, and knows
how to wait until every queued update has been handled and answered, so tests never sleep.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from telegram.ext import AIORateLimiter, BaseRateLimiter
from telegram.request import HTTPXRequest

from bot.app import Assistant
from bot.clock import Clock
from bot.config import Config
from bot.playground.fake_telegram import FAKE_TOKEN, FakeTelegramAPI, serve_loopback
from bot.transports.telegram_app import TelegramService, build_bot


def unlimited_rate_limiter() -> BaseRateLimiter[Any]:
    """AIORateLimiter with the flood limits off (tests send many messages to one group)."""
    return AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=0)


class RunningBot:
    """The real Telegram service polling a fake API. Use `async with RunningBot(...) as bot:`."""

    def __init__(
        self,
        config: Config,
        fake: FakeTelegramAPI,
        *,
        clock: Clock | None = None,
        loopback: bool = False,
        rate_limiter: BaseRateLimiter[Any] | None = None,
    ) -> None:
        self.config = config
        self.fake = fake
        self.clock = clock
        self.loopback = loopback
        self.rate_limiter = rate_limiter
        self.service: TelegramService | None = None
        self._server: Any = None

    @property
    def assistant(self) -> Assistant:
        """The platform-neutral core inside the running service."""
        assert self.service is not None
        return self.service.assistant

    async def start(self) -> None:
        """Build and start the service and its polling."""
        config = self.config
        kwargs: dict[str, Any] = {}
        if self.loopback:
            self._server, base_url = await serve_loopback(self.fake)
            config = dataclasses.replace(config, telegram_api_base_url=base_url)
        else:
            transport = self.fake.httpx_transport()
            kwargs["request"] = HTTPXRequest(httpx_kwargs={"transport": transport})
            kwargs["get_updates_request"] = HTTPXRequest(httpx_kwargs={"transport": transport})
        assistant = Assistant(config, self.clock)
        bot = build_bot(
            assistant,
            token=FAKE_TOKEN,
            rate_limiter=self.rate_limiter or unlimited_rate_limiter(),
            **kwargs,
        )
        self.service = TelegramService(assistant, bot, clock=self.clock, poll_timeout=10)
        await self.service.start()

    async def stop(self) -> None:
        """Stop polling and the service, closing the database."""
        if self.service is None:
            return
        await self.fake.release_pollers()
        await self.service.stop()
        await self.fake.release_pollers(False)
        self.service = None
        if self._server is not None:
            await self._server.cleanup()
            self._server = None

    async def settle(self, timeout: float = 5.0) -> None:
        """Wait until every update queued so far has been stored, handled and answered.

        Replies held by a flood wait or an outage do not count: the test moves the clock.
        """
        assert self.service is not None
        await self.fake.wait_for_poll(self.fake.last_update_id, timeout)
        await self.quiet()

    async def quiet(self) -> None:
        """Return once nothing runs: no fetched update being stored, nothing handled or sent
        (waits on the clock, a flood hold or an outage do not count)."""
        assert self.service is not None
        while True:
            await self.service.activity.wait_quiet()
            await self.assistant.quiet()
            if self.service.activity.count == 0:
                return

    async def __aenter__(self) -> RunningBot:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
