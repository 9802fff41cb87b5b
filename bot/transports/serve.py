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
    """Run until SIGINT/SIGTERM (or `stop` is set)."""
    config.require_any_token()
    stop = stop or _stop_on_signals()
    assistant = Assistant(config)
    await assistant.open()
    closers: list[Any] = []
    try:
        messengers: list[Messenger] = []
        if config.telegram_token:
            messengers.append(await _start_telegram(assistant, config, closers))
        receive = None
        if config.zalo is not None:
            messenger, receive = await _start_zalo(assistant, config, closers)
            messengers.append(messenger)
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
            closers.append(runner.cleanup)
            log.info("HTTP server on port %d (webhook: %s)", port, bool(webhook))
        await assistant.start(*messengers)
        log.info("serving %s", ", ".join(m.platform for m in messengers))
        await stop.wait()
    finally:
        await assistant.stop()
        for close in reversed(closers):
            try:
                await close()
            except Exception:
                log.exception("error while stopping")
        await assistant.close()


async def _start_telegram(assistant: Assistant, config: Config, closers: list[Any]) -> Messenger:
    from telegram import Update

    from bot.transports.telegram import TelegramMessenger
    from bot.transports.telegram_app import build_telegram_application, publish_commands

    app = build_telegram_application(assistant, owns_assistant=False)
    await app.initialize()
    closers.append(app.shutdown)
    await publish_commands(app.bot, assistant.router)
    await app.start()
    closers.append(app.stop)
    assert app.updater is not None
    await app.updater.start_polling(allowed_updates=Update.ALL_TYPES)
    closers.append(app.updater.stop)
    return TelegramMessenger(app.bot)


async def _start_zalo(
    assistant: Assistant, config: Config, closers: list[Any]
) -> tuple[Messenger, Any]:
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
    messenger = await transport.start(webhook=webhook)
    closers.append(transport.stop)
    return messenger, transport.receive


def _stop_on_signals() -> asyncio.Event:
    event = asyncio.Event()
    loop = asyncio.get_running_loop()
    for name in ("SIGINT", "SIGTERM"):
        with contextlib.suppress(NotImplementedError, AttributeError):
            loop.add_signal_handler(getattr(signal, name), event.set)
    return event
