"""Running the real bot against the fake Bot API: for tests, benchmarks and the console.

`RunningBot` starts the real python-telegram-bot Application (with its Updater polling) on a
FakeTelegramAPI, in-process through an httpx MockTransport or over loopback HTTP, and knows how
to wait until every queued update has been handled, so tests never sleep.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from telegram.ext import AIORateLimiter, Application, BaseRateLimiter
from telegram.request import HTTPXRequest

from bot.app import Assistant
from bot.clock import Clock
from bot.config import Config
from bot.playground.fake_telegram import FAKE_TOKEN, FakeTelegramAPI, serve_loopback
from bot.transports.telegram_app import build_telegram_application


def unlimited_rate_limiter() -> BaseRateLimiter[Any]:
    """AIORateLimiter with the flood limits off (tests send many messages to one group)."""
    return AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=3)


class RunningBot:
    """The real Application polling a fake API. Use `async with RunningBot(...) as bot:`."""

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
        self.application: Application[Any, Any, Any, Any, Any, Any] | None = None
        self._server: Any = None

    @property
    def assistant(self) -> Assistant:
        """The platform-neutral core inside the running application."""
        assert self.application is not None
        return self.application.bot_data["assistant"]

    async def start(self) -> None:
        """Build and start the application and its polling."""
        config = self.config
        kwargs: dict[str, Any] = {}
        if self.loopback:
            self._server, base_url = await serve_loopback(self.fake)
            config = dataclasses.replace(config, telegram_api_base_url=base_url)
        else:
            transport = self.fake.httpx_transport()
            kwargs["request"] = HTTPXRequest(httpx_kwargs={"transport": transport})
            kwargs["get_updates_request"] = HTTPXRequest(httpx_kwargs={"transport": transport})
        self.application = build_telegram_application(
            Assistant(config, self.clock),
            token=FAKE_TOKEN,
            rate_limiter=self.rate_limiter or unlimited_rate_limiter(),
            **kwargs,
        )
        await self.application.initialize()
        if self.application.post_init:
            await self.application.post_init(self.application)
        await self.application.start()
        assert self.application.updater is not None
        await self.application.updater.start_polling(poll_interval=0, timeout=10)

    async def stop(self) -> None:
        """Stop polling and the application, closing the database."""
        app = self.application
        if app is None:
            return
        if app.updater is not None and app.updater.running:
            await self.fake.release_pollers()
            await app.updater.stop()
            await self.fake.release_pollers(False)
        if app.running:
            await app.stop()
            if app.post_stop:
                await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)
        self.application = None
        if self._server is not None:
            await self._server.cleanup()
            self._server = None

    async def settle(self, timeout: float = 5.0) -> None:
        """Wait until every update queued so far has been fetched and fully handled."""
        assert self.application is not None
        await self.fake.wait_for_poll(self.fake.last_update_id, timeout)
        await self.application.update_queue.join()

    async def __aenter__(self) -> RunningBot:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
