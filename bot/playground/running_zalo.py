"""Running the real Zalo transport against the fake Zalo Bot API (tests, benchmark, console).

`RunningZalo` polls a FakeZaloAPI, in-process (httpx MockTransport) or over loopback HTTP. It
either runs its own Assistant (a Zalo-only bot) or joins one that is already running (the same
process serving Telegram too: one database, one dispatcher). `settle()` waits until everything
sent so far was handled, so tests never sleep.
"""

from __future__ import annotations

import asyncio
from typing import Any

from bot.app import Assistant
from bot.clock import Clock
from bot.config import Config
from bot.playground.fake_zalo import FAKE_ZALO_TOKEN, FakeZaloAPI, serve_loopback
from bot.transports.http_server import build_app, start_server
from bot.transports.zalo import DEFAULT_MONTHLY_QUOTA
from bot.transports.zalo_client import Retry, ZaloClient
from bot.transports.zalo_runner import ZaloTransport
from storage.shared_files import SharedFileStore


async def _no_wait(seconds: float) -> None:
    await asyncio.sleep(0)


class RunningZalo:
    """The Zalo transport polling a fake. Use `async with RunningZalo(...) as zalo:`."""

    def __init__(
        self,
        config: Config,
        fake: FakeZaloAPI,
        *,
        clock: Clock | None = None,
        assistant: Assistant | None = None,
        loopback: bool = False,
        monthly_quota: int = DEFAULT_MONTHLY_QUOTA,
        public_url: str | None = None,
        webhook_secret: str | None = None,
    ) -> None:
        self.config = config
        self.fake = fake
        self.clock = clock
        self.loopback = loopback
        self.monthly_quota = monthly_quota
        self.public_url = public_url
        self.webhook_secret = webhook_secret
        self.webhook_url = "https://bot.example.vn/zalo/webhook"
        self.local_url = ""  # where the fake posts webhook updates (the bot's HTTP server)
        self.http_port = 0
        self._joined = assistant
        self.assistant = assistant or Assistant(config, clock)
        self.transport: ZaloTransport | None = None
        self._client: ZaloClient | None = None
        self._server: Any = None
        self._http: Any = None
        self._seen_before = 0

    async def start(self) -> None:
        """Open the assistant (unless joined), start the transport and the reminders."""
        if self._joined is None:
            await self.assistant.open()
        kwargs: dict[str, Any] = {"retry": Retry(attempts=2), "sleep": _no_wait}
        if self.loopback:
            self._server, kwargs["base_url"] = await serve_loopback(self.fake)
        else:
            kwargs["transport"] = self.fake.httpx_transport()
        self._client = ZaloClient(FAKE_ZALO_TOKEN, **kwargs)
        self.transport = ZaloTransport(
            self.assistant,
            self._client,
            bot_name=self.fake.bot.display_name,
            monthly_quota=self.monthly_quota,
            public_url=self.public_url,
            poll_timeout=10,
            sleep=_no_wait,
        )
        webhook = None
        if self.webhook_secret is not None:
            webhook = (self.webhook_url, self.webhook_secret)
        self._seen_before = self.fake.seen_by_bot  # what earlier runs took from the fake
        messenger = await self.transport.start(webhook=webhook)
        services = self.assistant.services
        app = build_app(
            clock=services.clock,
            files=SharedFileStore(services.db),
            webhook_path="/zalo/webhook" if webhook else None,
            secret=self.webhook_secret,
            receive=self.transport.receive,
        )
        self._http, self.http_port = await start_server(app, "127.0.0.1", 0)
        self.local_url = f"http://127.0.0.1:{self.http_port}/zalo/webhook"
        if self.public_url == "local":
            # Files by link from this very server (tests, the console playground).
            messenger.public_url = f"http://127.0.0.1:{self.http_port}"
        if self._joined is None:
            await self.assistant.start(messenger)
        else:
            await self.assistant.add_messenger(messenger)

    async def stop(self) -> None:
        """Stop the transport (and the assistant, unless joined)."""
        if self.transport is not None:
            await self.fake.release_pollers()
            await self.transport.stop()
            await self.fake.release_pollers(False)
            self.transport = None
        if self._joined is None:
            await self.assistant.close()
        if self._client is not None:
            await self._client.aclose()
            self._client = None
        if self._server is not None:
            await self._server.cleanup()
            self._server = None
        if self._http is not None:
            await self._http.cleanup()
            self._http = None

    async def settle(self, timeout: float = 5.0) -> None:
        """Wait until every update sent so far has been polled and handled."""
        assert self.transport is not None
        if self.webhook_secret is None:
            await self.fake.wait_until_taken(timeout)
            await self.transport.wait_polled(self.fake.seen_by_bot - self._seen_before, timeout)
        await asyncio.wait_for(self.transport.settle(), timeout)

    async def __aenter__(self) -> RunningZalo:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
