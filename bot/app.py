"""The composition root: the one place that knows every feature and builds the services.

Transports (bot/transports/), the console playground and tests all build an `Assistant` here and
feed it `Inbound` events through `accept`, the one durable path in: the update is in the inbox
when `accept` returns (only then may the transport acknowledge it to its platform), it is
handled in its chat's lane (bot/core/intake.py), and its replies leave through the outbox
(bot/delivery/). Only the messengers and the clock differ. Nothing here knows a chat platform.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from bot.chat.messages import Inbound, Reply
from bot.chat.transport import Messenger
from bot.clock import Clock, SystemClock
from bot.config import Config
from bot.core.context import Services
from bot.core.intake import Intake
from bot.core.people import chat_back, follow_migrated_chat, note_people, resolve_people
from bot.core.router import Router
from bot.delivery.courier import Courier
from bot.delivery.outbox_worker import OutboxWorker
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
from storage.inbox import InboxStore
from storage.minutes import MinutesStore
from storage.outbox import OutboxStore
from storage.people import PersonStore
from storage.quota import QuotaStore
from storage.reminders import ReminderStore
from storage.tasks import TaskStore
from storage.undelivered import UndeliveredStore
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

HOUSEKEEPING = timedelta(hours=6)  # how often handled updates and sent replies are pruned


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
    router.pre_handler(
        chat_back,
        why="after note_people (it needs ctx.group): hearing from a chat that refused the bot "
        "means it is back; the summary of what it missed goes before the handler's reply",
    )
    for feature in FEATURES:
        feature.register(router)
    return router


class Assistant:
    """The platform-neutral core: router, services, intake and delivery.

    Life cycle: open() (database and services), start(messengers) (unsent replies, unhandled
    updates, then the reminder dispatcher), accept(update) for every update, stop() (while the
    transports can still send), close() (the database).
    """

    def __init__(self, config: Config, clock: Clock | None = None) -> None:
        self.config = config
        self.clock = clock or SystemClock()
        self.router = build_router()
        self._services: Services | None = None
        self._intake: Intake | None = None
        self._courier: Courier | None = None
        self._housekeeping: asyncio.Task[None] | None = None

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

    @property
    def intake(self) -> Intake:
        """The durable intake; available between open() and close()."""
        if self._intake is None:
            raise RuntimeError("Assistant.open() has not run")
        return self._intake

    @property
    def courier(self) -> Courier:
        """The delivery courier (flood holds, outages, counters); after open()."""
        if self._courier is None:
            raise RuntimeError("Assistant.open() has not run")
        return self._courier

    async def open(self) -> None:
        """Open the database (migrating it) and build the services."""
        db = await Database.open(self.config.db_path)
        group_store = GroupStore(db)
        task_store = TaskStore(db)
        event_store = EventStore(db)
        reminder_store = ReminderStore(db)
        people = PersonStore(db)
        group_chats = GroupChatStore(db, group_store)
        courier = Courier(self.clock)
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
            courier=courier,
            undelivered=UndeliveredStore(db),
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
        worker = OutboxWorker(OutboxStore(db), courier, self.clock)
        # A reply the platform refuses because the bot left a group (or a person blocked it)
        # teaches the reminder sender the same thing.
        worker.on_unreachable = dispatcher.sender.chat_refused
        # A tagged reply was sent: the feature that tagged it learns its message id (the Vắng
        # question: replies to it carry that id).
        services = self._services

        async def delivered(platform: str, chat_id: str, tag: str, message_id: str) -> list[Reply]:
            messenger = courier.messenger(platform)
            if messenger is None:
                return []
            return await self.router.delivered(services, messenger, chat_id, tag, message_id)

        worker.on_delivered = delivered
        self._courier = courier
        self._intake = Intake(self._services, self.router, courier, worker)
        log.info("database ready at %s", self.config.db_path)

    async def start(self, *messengers: Messenger) -> None:
        """Send through these messengers: first what a stop left unsent and unhandled, then
        arm the reminder dispatcher (which recovers its own rows)."""
        for messenger in messengers:
            self.courier.add(messenger)
        await self.intake.worker.resume()
        await self.intake.resume()
        await self.dispatcher.start(*messengers)
        await self.prune()
        if isinstance(self.clock, SystemClock):
            self._housekeeping = asyncio.get_running_loop().create_task(self._keep_house())

    async def add_messenger(self, messenger: Messenger) -> None:
        """Send through one more platform's messenger on an assistant already started (a
        transport that joins it later: its replies and reminders go out from now on)."""
        self.courier.add(messenger)
        await self.dispatcher.add_messenger(messenger)

    async def accept(self, msg: Inbound, update_key: str) -> bool:
        """Take one update: in the inbox when this returns, then handled in its chat's lane.

        Args:
            msg: the update as the transport read it.
            update_key: the platform's own id of the update (Telegram's update_id), by which a
                second delivery of it is recognised.

        Returns:
            False for an update accepted before (it is not handled again).
        """
        return await self.intake.accept(msg, update_key)

    async def accept_many(self, updates: list[tuple[Inbound, str]]) -> list[bool]:
        """`accept` for updates the platform delivered together: stored by one commit, then
        each handled in its chat's lane; in order, whether each was new."""
        return await self.intake.accept_many(updates)

    async def quiet(self) -> None:
        """Return once nothing accepted is still being handled or sent (work waiting on a
        flood wait or an outage does not count): tests and the playground wait on this."""
        counters = (
            self.intake.lanes,
            self.courier.lanes,
            self.courier.activity,
            self.dispatcher.activity,
        )
        while True:
            for counter in counters:
                await counter.wait_quiet()
            if (
                self.intake.lanes.busy == 0
                and self.courier.lanes.busy == 0
                and (self.courier.activity.count == 0 and self.dispatcher.activity.count == 0)
            ):
                return

    async def prune(self) -> None:
        """Forget handled updates and sent replies older than their keeping periods."""
        now = self.clock.now()
        await InboxStore(self.services.db).prune(now)
        await self.intake.outbox.prune(now)

    async def _keep_house(self) -> None:
        while True:
            await self.clock.sleep(HOUSEKEEPING.total_seconds())
            try:
                await self.prune()
            except Exception:
                log.exception("pruning the inbox and outbox failed")

    async def stop(self) -> None:
        """Stop the dispatcher, then let handlers and sends in flight finish (briefly).

        What is left is in the database and taken up at the next start.
        """
        if self._housekeeping is not None:
            self._housekeeping.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._housekeeping
            self._housekeeping = None
        if self._services is not None:
            await self._services.dispatcher.stop()
        if self._intake is not None:
            await self._intake.lanes.close()
        if self._courier is not None:
            await self._courier.close()

    async def close(self) -> None:
        """Stop everything and close the database."""
        if self._services is not None:
            await self.stop()
            await self._services.db.close()
            self._services = None
            self._intake = None
            self._courier = None
