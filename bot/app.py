"""The composition root: builds the platform-neutral assistant and the Telegram application.

Tests, the console playground and the real bot all go through these functions; only the
request objects (fake or real Bot API) and the clock differ.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, BaseRateLimiter, Defaults
from telegram.request import BaseRequest

from bot.clock import Clock, SystemClock
from bot.config import Config
from bot.context import Messenger, Services
from bot.messages import Inbound, Reply
from bot.router import Router
from bot.scheduler import Scheduler
from bot.transports import telegram as telegram_transport
from handlers import events, groups, reminders, settings, tasks
from storage.db import Database
from storage.groups import GroupStore
from storage.tasks import TaskStore

log = logging.getLogger(__name__)

# Feature modules in the order their commands appear in /help and the command menu.
FEATURES = (groups, tasks, events, reminders, settings)


def build_router() -> Router:
    """The router with every feature's commands and buttons."""
    router = Router()
    for feature in FEATURES:
        feature.register(router)
    return router


class Assistant:
    """The platform-neutral core: router plus services. Transports feed it Inbound events."""

    def __init__(self, config: Config, clock: Clock | None = None) -> None:
        self.config = config
        self.clock = clock or SystemClock()
        self.router = build_router()
        self._services: Services | None = None

    @property
    def services(self) -> Services:
        """The services; available between open() and close()."""
        if self._services is None:
            raise RuntimeError("Assistant.open() has not run")
        return self._services

    async def open(self) -> None:
        """Open the database (migrating it) and build the services."""
        db = await Database.open(self.config.db_path)
        group_store = GroupStore(db)
        task_store = TaskStore(db)
        scheduler = Scheduler(db, group_store, task_store, self.clock)
        # A task's reminders follow every change to it, whichever command made the change.
        task_store.on_change = scheduler.planner.task_changed
        self._services = Services(
            config=self.config,
            clock=self.clock,
            db=db,
            groups=group_store,
            tasks=task_store,
            scheduler=scheduler,
        )
        log.info("database ready at %s", self.config.db_path)

    @property
    def scheduler(self) -> Scheduler:
        """The reminder planner and dispatcher; available between open() and close()."""
        assert self.services.scheduler is not None
        return self.services.scheduler

    async def close(self) -> None:
        """Stop the reminder dispatcher and close the database."""
        if self._services is not None:
            if self._services.scheduler is not None:
                await self._services.scheduler.stop()
            await self._services.db.close()
            self._services = None

    async def handle(self, msg: Inbound, messenger: Messenger) -> list[Reply]:
        """Handle one inbound event; return the replies for its chat."""
        return await self.router.dispatch(msg, self.services, messenger)


def build_telegram_application(
    config: Config,
    *,
    clock: Clock | None = None,
    token: str | None = None,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    rate_limiter: BaseRateLimiter[Any] | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """Build the python-telegram-bot Application around a new Assistant.

    Args:
        config: the configuration (base URL, database path, time zone).
        clock: the clock; the system clock by default.
        token: the bot token; config.require_token() by default.
        request: PTB request object for API calls (tests pass one backed by the fake API).
        get_updates_request: PTB request object for long polling.
        rate_limiter: defaults to AIORateLimiter, which keeps within Telegram's flood limits
            (30 messages a second overall, 20 a minute per group) and retries after a 429.
    """
    assistant = Assistant(config, clock)
    builder = (
        ApplicationBuilder()
        .token(token or config.require_token())
        .base_url(config.telegram_api_base_url)
        .defaults(Defaults(tzinfo=config.timezone))
        .rate_limiter(rate_limiter or AIORateLimiter(max_retries=3))
        .post_init(_post_init)
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
    )
    if request is not None:
        builder = builder.request(request)
    if get_updates_request is not None:
        builder = builder.get_updates_request(get_updates_request)
    application = builder.build()
    application.bot_data["assistant"] = assistant
    telegram_transport.install(application, assistant)
    return application


async def _post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    assistant: Assistant = application.bot_data["assistant"]
    await assistant.open()
    await telegram_transport.publish_commands(application.bot, assistant.router)
    # Recover rows a crash left mid-send, then arm the one dispatcher job (see bot/scheduler.py).
    await assistant.scheduler.start(telegram_transport.TelegramMessenger(application.bot))


async def _post_stop(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    # Stop the dispatcher while the bot can still send: rows in flight finish, claimed ones
    # go back to pending (post_shutdown runs after the HTTP clients are closed).
    assistant: Assistant = application.bot_data["assistant"]
    await assistant.scheduler.stop()


async def _post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    assistant: Assistant = application.bot_data["assistant"]
    await assistant.close()
