"""`todaibieu run`: every configured platform in one process, one database, one dispatcher.

Telegram (python-telegram-bot, long polling) and Zalo (polling, or the webhook) feed the same
Assistant; the reminder dispatcher sends through the messenger of each chat's platform. The
bot's own HTTP server (Zalo's webhook, files by signed link) runs when either needs it. Each
platform connects and receives in its own tasks, so one platform's outage never holds up the
other, at start-up either.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import Any
from urllib.parse import urlsplit

from bot.app import Assistant
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

    The assistant starts first (what a stop left in the inbox and the outbox, the reminder
    rows), then each platform connects patiently in its own task and joins when it answers:
    its messenger is added (its replies and reminders, waiting in the database until then,
    go out) and it starts receiving. A refused token on either ends start-up (ConfigError).
    """
    telegram = _telegram_service(assistant, closers) if config.telegram_token else None
    zalo = _zalo_transport(assistant, config, closers) if config.zalo is not None else None
    await _start_http_server(assistant, config, receivers, zalo)
    await assistant.start()
    joining = []
    if telegram is not None:
        joining.append(_join_telegram(assistant, telegram, receivers))
    if zalo is not None:
        joining.append(_join_zalo(assistant, config, zalo, receivers))
    tasks = [asyncio.ensure_future(join) for join in joining]
    try:
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:  # stopped while one still waits, or the other's token was refused
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def _join_telegram(assistant: Assistant, telegram: Any, receivers: list[Any]) -> None:
    await assistant.add_messenger(await telegram.connect())
    telegram.start_polling()
    receivers.append(telegram.stop_polling)
    log.info("serving telegram")


async def _join_zalo(
    assistant: Assistant, config: Config, zalo: Any, receivers: list[Any]
) -> None:
    settings = config.zalo
    assert settings is not None
    webhook = None
    if settings.webhook_url and settings.webhook_secret:
        webhook = (settings.webhook_url, settings.webhook_secret)
    await assistant.add_messenger(await zalo.start(webhook=webhook, receive=False))
    # Receiving starts once the messenger is there: what comes in is handled at once.
    await zalo.start_receiving()
    receivers.append(zalo.stop)
    log.info("serving zalo")


async def _start_http_server(
    assistant: Assistant, config: Config, receivers: list[Any], zalo: Any
) -> None:
    """The bot's own HTTP server, when Zalo's webhook or files by signed link need it."""
    webhook = config.zalo.webhook_url if config.zalo else None
    if not (webhook or config.public_url):
        return
    app = build_app(
        clock=assistant.services.clock,
        files=SharedFileStore(assistant.services.db),
        webhook_path=(urlsplit(webhook).path or "/") if webhook else None,
        secret=config.zalo.webhook_secret if config.zalo else None,
        receive=zalo.receive if webhook else None,
    )
    runner, port = await start_server(app, "0.0.0.0", config.http_port)
    receivers.append(runner.cleanup)
    log.info("HTTP server on port %d (webhook: %s)", port, bool(webhook))


def _telegram_service(assistant: Assistant, closers: list[Any]) -> Any:
    from bot.transports.telegram_app import TelegramService, build_bot

    service = TelegramService(assistant, build_bot(assistant), owns_assistant=False)
    closers.append(service.stop)
    return service


def _zalo_transport(assistant: Assistant, config: Config, closers: list[Any]) -> Any:
    from bot.transports.zalo_client import ZaloClient
    from bot.transports.zalo_runner import ZaloTransport

    zalo = config.zalo
    assert zalo is not None
    client = ZaloClient(zalo.token, base_url=zalo.api_base_url)
    closers.append(client.aclose)
    return ZaloTransport(
        assistant,
        client,
        bot_name=zalo.bot_name,
        monthly_quota=zalo.monthly_quota,
        public_url=config.public_url,
    )


def _stop_on_signals() -> asyncio.Event:
    event = asyncio.Event()
    loop = asyncio.get_running_loop()
    for name in ("SIGINT", "SIGTERM"):
        with contextlib.suppress(NotImplementedError, AttributeError):
            loop.add_signal_handler(getattr(signal, name), event.set)
    return event
