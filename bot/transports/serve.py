"""`todaibieu run`: every configured platform in one process, one database, one dispatcher.

Telegram (python-telegram-bot, long polling) and Zalo (polling, or the webhook) feed the same
Assistant; the reminder dispatcher sends through the messenger of each chat's platform. The
bot's own HTTP server (Zalo's webhook, files by signed link) runs when either needs it. Each
platform receives in its own tasks, so one platform's outage never holds up the other.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import Any
from urllib.parse import urlsplit

from bot.app import Assistant
from bot.chat.transport import Messenger
from bot.config import Config
from bot.transports.http_server import build_app, start_server
from storage.shared_files import SharedFileStore

log = logging.getLogger(__name__)


async def serve(config: Config, *, stop: asyncio.Event | None = None) -> None:
    """Run until SIGINT/SIGTERM (or `stop` is set), also while still connecting."""
    config.require_any_token()
    stop = stop or _stop_on_signals()
    assistant = Assistant(config)
    await assistant.open()
    receivers: list[Any] = []  # stopped first: nothing new comes in while the rest finishes
    closers: list[Any] = []
    stopping = asyncio.ensure_future(stop.wait())
    try:
        starting = asyncio.ensure_future(_start(assistant, config, receivers, closers))
        await asyncio.wait({starting, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if not starting.done():
            # Stopped while a platform was still unreachable at start-up: leave cleanly.
            starting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await starting
            return
        starting.result()  # a refused token raises ConfigError here
        await stopping
    finally:
        stopping.cancel()
        for close in [*reversed(receivers), assistant.stop, *reversed(closers)]:
            try:
                await close()
            except Exception:
                log.exception("error while stopping")
        await assistant.close()


async def _start(
    assistant: Assistant, config: Config, receivers: list[Any], closers: list[Any]
) -> None:
    """Start every platform; one that cannot be reached at start-up holds up no other.

    Telegram is connected patiently (TelegramService.connect retries with backoff): beside Zalo
    that happens in the background, and Zalo serves meanwhile; Telegram's replies and reminders
    wait in the database until its messenger joins.
    """
    telegram = None
    connecting: asyncio.Future[Messenger] | None = None
    if config.telegram_token:
        telegram = await _start_telegram(assistant, closers)
        connecting = asyncio.ensure_future(telegram.connect())
    try:
        await _start_receiving(assistant, config, receivers, closers, telegram, connecting)
    finally:
        if connecting is not None and not connecting.done():
            connecting.cancel()


async def _start_receiving(
    assistant: Assistant,
    config: Config,
    receivers: list[Any],
    closers: list[Any],
    telegram: Any,
    connecting: asyncio.Future[Messenger] | None,
) -> None:
    messengers: list[Messenger] = []
    receive = None
    zalo = None
    if config.zalo is not None:
        zalo, receive = await _start_zalo(assistant, config, closers)
        messengers.append(zalo.messenger)
    elif connecting is not None:
        messengers.append(await connecting)  # Telegram alone: nothing to serve before it
        connecting = None
    webhook = config.zalo.webhook_url if config.zalo else None
    if webhook or config.public_url:
        app = build_app(
            clock=assistant.services.clock,
            files=SharedFileStore(assistant.services.db),
            webhook_path=(urlsplit(webhook).path or "/") if webhook else None,
            secret=config.zalo.webhook_secret if config.zalo else None,
            receive=receive,
        )
        runner, port = await start_server(app, "0.0.0.0", config.http_port)
        receivers.append(runner.cleanup)
        log.info("HTTP server on port %d (webhook: %s)", port, bool(webhook))
    await assistant.start(*messengers)
    # Receiving starts once the platform's messenger is there: what comes in is handled at once.
    if zalo is not None:
        await zalo.start_receiving()
        receivers.append(zalo.stop)
    if connecting is not None:
        messenger = await connecting
        await assistant.add_messenger(messenger)
        messengers.append(messenger)
    if telegram is not None:
        telegram.start_polling()
        receivers.append(telegram.stop_polling)
    log.info("serving %s", ", ".join(m.platform for m in messengers))


async def _start_telegram(assistant: Assistant, closers: list[Any]) -> Any:
    from bot.transports.telegram_app import TelegramService, build_bot

    service = TelegramService(assistant, build_bot(assistant), owns_assistant=False)
    closers.append(service.stop)
    return service


async def _start_zalo(assistant: Assistant, config: Config, closers: list[Any]) -> tuple[Any, Any]:
    from bot.transports.zalo_client import ZaloClient
    from bot.transports.zalo_runner import ZaloTransport

    zalo = config.zalo
    assert zalo is not None
    client = ZaloClient(zalo.token, base_url=zalo.api_base_url)
    closers.append(client.aclose)
    transport = ZaloTransport(
        assistant,
        client,
        bot_name=zalo.bot_name,
        monthly_quota=zalo.monthly_quota,
        public_url=config.public_url,
    )
    webhook = None
    if zalo.webhook_url and zalo.webhook_secret:
        webhook = (zalo.webhook_url, zalo.webhook_secret)
    await transport.start(webhook=webhook, receive=False)  # receiving starts in _start
    return transport, transport.receive


def _stop_on_signals() -> asyncio.Event:
    event = asyncio.Event()
    loop = asyncio.get_running_loop()
    for name in ("SIGINT", "SIGTERM"):
        with contextlib.suppress(NotImplementedError, AttributeError):
            loop.add_signal_handler(getattr(signal, name), event.set)
    return event
