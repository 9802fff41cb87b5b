"""The composition root: the one place that knows every feature and builds the services.

Transports (bot/transports/), the console playground and tests all build an `Assistant` here and
feed it `Inbound` events; only the messengers and the clock differ. Nothing here knows a chat
platform.
"""

from __future__ import annotations

import logging

from bot.chat.messages import Inbound, Reply
from bot.chat.transport import Messenger
from bot.clock import Clock, SystemClock
from bot.config import Config
from bot.core.context import Services
from bot.core.people import follow_migrated_chat, note_people, resolve_people
from bot.core.router import Router
from bot.reminders.dispatcher import Dispatcher
from handlers import (
    claims,
    digest,
    events,
    events_edit,
    groups,
    linking,
    minutes,
    pointers,
    reminders,
    settings,
    tasks,
    undo,
)
from storage.claim_stores import ClaimStores
from storage.codes import CodeStore
from storage.db import Database
from storage.events import EventStore
from storage.group_chats import GroupChatStore
from storage.groups import GroupStore
from storage.minutes import MinutesStore
from storage.people import PersonStore
from storage.quota import QuotaStore
from storage.reminders import ReminderStore
from storage.tasks import TaskStore
from storage.undo import UndoLog

log = logging.getLogger(__name__)

# Feature modules in the order their commands appear in /help and the command menu.
# claims comes after minutes: its evidence hook ends the handling of a file sent as claim
# evidence, and the minutes capture hook must have seen that message first. pointers comes
# last: it answers free text that no feature before it took.
FEATURES = (
    groups,
    tasks,
    events,
    events_edit,
    minutes,
    reminders,
    digest,
    claims,
    settings,
    undo,
    linking,
    pointers,
)


def build_router() -> Router:
    """The router with the core's pre-handler hooks and every feature's commands and buttons."""
    router = Router()
    # Pre-handler hooks run in this order, before any feature sees the event:
    router.pre_handler(
        resolve_people,
        why="first: every later hook and feature must see person keys, never platform ids, so "
        "a person linked on Telegram and Zalo is one member with one task list",
    )
    router.pre_handler(
        follow_migrated_chat,
        why="before note_people: a migrated chat's data must move before the group is looked up",
    )
    router.pre_handler(
        note_people,
        why="before the features: it finds ctx.group and records ctx.member, which every "
        "later hook, permission check and handler reads",
    )
    for feature in FEATURES:
        feature.register(router)
    return router


class Assistant:
    """The platform-neutral core: router plus services. Transports feed it Inbound events.

    Life cycle: open() (database and services), start(messengers) (the reminder dispatcher),
    stop() (the dispatcher, while the transports can still send), close() (the database).
    """

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

    @property
    def dispatcher(self) -> Dispatcher:
        """The reminder dispatcher; available between open() and close()."""
        return self.services.dispatcher

    async def open(self) -> None:
        """Open the database (migrating it) and build the services."""
        db = await Database.open(self.config.db_path)
        group_store = GroupStore(db)
        task_store = TaskStore(db)
        event_store = EventStore(db)
        reminder_store = ReminderStore(db)
        people = PersonStore(db)
        group_chats = GroupChatStore(db, group_store)
        dispatcher = Dispatcher(
            reminders=reminder_store,
            events=event_store,
            groups=group_store,
            tasks=task_store,
            clock=self.clock,
            renderers=self.router.renderers,
            people=people,
            group_chats=group_chats,
            quota=QuotaStore(db),
            zone=self.config.timezone,
            retention=self.config.history_retention,
        )
        # A task's reminder rows follow every change to it, whichever command made the change,
        # in the same transaction (TaskStore calls this inside it).
        task_store.on_change = dispatcher.planner.task_changed
        self._services = Services(
            config=self.config,
            clock=self.clock,
            db=db,
            groups=group_store,
            tasks=task_store,
            events=event_store,
            reminders=reminder_store,
            planner=dispatcher.planner,
            dispatcher=dispatcher,
            people=people,
            group_chats=group_chats,
            codes=CodeStore(db),
            minutes=MinutesStore(db, task_store),
            claims=ClaimStores.of(db),
            pending=task_store.pending,
            undo=UndoLog(db),
        )
        # Renderers read their subjects (tasks, events …) through the services.
        dispatcher.services = self._services
        log.info("database ready at %s", self.config.db_path)

    async def start(self, *messengers: Messenger) -> None:
        """Recover reminder rows a crash left mid-send, then arm the one dispatcher job."""
        await self.dispatcher.start(*messengers)

    async def stop(self) -> None:
        """Stop the dispatcher: rows in flight finish, claimed ones go back to pending."""
        if self._services is not None:
            await self._services.dispatcher.stop()

    async def close(self) -> None:
        """Stop the reminder dispatcher and close the database."""
        if self._services is not None:
            await self._services.dispatcher.stop()
            await self._services.db.close()
            self._services = None

    async def handle(self, msg: Inbound, messenger: Messenger) -> list[Reply]:
        """Handle one inbound event; return the replies for its chat."""
        return await self.router.dispatch(msg, self.services, messenger)
