"""The reminder dispatcher: arming and run_due (the rows it sends are planned in
bot/reminders/planner.py, rendered by the renderer each feature registered for the row's kind,
see bot/reminders/render.py, judged and sent one by one by bot/reminders/delivery.py, which
also says what late rows, failures and the one duplicate window do).

**The database is the source of truth.** Every reminder is a row of `reminders` (see
storage/reminders.py for the states). There is one APScheduler job, `dispatch`, armed for the
earliest `wake_at` of a pending row (at most MAX_SLEEP ahead, so a forgotten re-arm costs minutes,
never a reminder). When it fires, `run_due()` repeatedly claims the due rows in one transaction
(pending → claimed), delivers each one (claimed → sending → sent), and re-arms. Recurring
reminders and the morning digest write their next row in the same transaction that ends the
current one. Apart from the window described in delivery.py a row is sent at most once:
claiming is a conditional UPDATE in one transaction, and one asyncio lock serialises runs.

Flood limits (30 messages/s overall, 20/min per group) are kept by PTB's AIORateLimiter below
the Messenger (without its global pause on a 429: the courier holds only the flooded chat).
Its overall bucket lets a burst of 30 through on top of the 30/s rate (the benchmark measured
59 messages in the first second of a 10,000-reminder burst), so in production the dispatcher
also paces its own sends evenly at PACE (28 a second at most); tests and the fake clock leave
pacing off and never wait.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.chat.transport import Messenger
from bot.clock import Clock, SystemClock
from bot.delivery.courier import Courier
from bot.delivery.lanes import Activity
from bot.reminders.delivery import DispatchReport, RowDelivery
from bot.reminders.housekeeping import DEFAULT_RETENTION, Housekeeping
from bot.reminders.notes import ChuyenVienNotes
from bot.reminders.planner import Planner
from bot.reminders.render import Renderers
from bot.reminders.sender import ReminderSender
from storage.events import EventStore
from storage.group_chats import GroupChatStore
from storage.groups import GroupStore
from storage.people import PersonStore
from storage.quota import QuotaStore
from storage.reminders import NewReminder, Reminder, ReminderStore
from storage.tasks import TaskStore
from storage.undelivered import UndeliveredStore

log = logging.getLogger(__name__)

BATCH = 500
MAX_SLEEP = timedelta(minutes=10)
JOB_ID = "dispatch"
PACE = 1 / 28  # seconds between two reminder sends in production (real time, not business time)


class Dispatcher:
    """Dispatches reminder rows when due; `planner` writes them for the features."""

    def __init__(
        self,
        *,
        reminders: ReminderStore,
        events: EventStore,
        groups: GroupStore,
        tasks: TaskStore,
        clock: Clock,
        renderers: Renderers,
        people: PersonStore,
        group_chats: GroupChatStore,
        quota: QuotaStore,
        zone: ZoneInfo,
        retention: timedelta | None = DEFAULT_RETENTION,
        courier: Courier,
        undelivered: UndeliveredStore,
    ) -> None:
        """Build the dispatcher over its stores.

        Args:
            retention: how long reminder rows that are over are kept (None: for ever); see
                bot/reminders/housekeeping.py. The other arguments are the stores it works on,
                the clock, and the renderers the features registered.
        """
        self.groups = groups
        self.clock = clock
        self.reminders = reminders
        self.renderers = renderers
        self.next_run_time: datetime | None = None
        self._aps: AsyncIOScheduler | None = None
        self._lock = asyncio.Lock()
        self._stopping = False
        self.courier = courier
        self.undelivered = undelivered
        self.sender = ReminderSender(
            groups,
            reminders,
            clock,
            people=people,
            group_chats=group_chats,
            quota=quota,
            zone=zone,
            undelivered=undelivered,
            courier=courier,
        )
        self.notes = ChuyenVienNotes(self.sender)
        self.planner = Planner(reminders, events, groups, tasks, clock, arming=self, people=people)
        self.housekeeping = Housekeeping(reminders.history, clock, retention)
        self._stopped = asyncio.Event()
        self.activity = Activity()  # runs in progress (a wait for the platform does not count)
        self.delivery = RowDelivery(
            groups=groups,
            reminders=reminders,
            undelivered=undelivered,
            renderers=renderers,
            planner=self.planner,
            sender=self.sender,
            courier=courier,
            stopping=self._stopped,
            activity=self.activity,
        )

    @property
    def services(self) -> Any:
        """What renderers are given to read their subjects with; the composition root sets it
        to its Services once they exist (the engine does not look inside)."""
        return self.delivery.services

    @services.setter
    def services(self, services: Any) -> None:
        self.delivery.services = services

    @property
    def pace(self) -> float | None:
        """Seconds between two sends (None: no pacing); the sender keeps it."""
        return self.sender.pace

    @pace.setter
    def pace(self, seconds: float | None) -> None:
        self.sender.pace = seconds

    # -- life cycle --------------------------------------------------------------------------

    async def start(self, *messengers: Messenger, arm: bool | None = None) -> None:
        """Recover rows left by a crash, write missing digests, and arm the dispatcher.

        Args:
            messengers: where reminders are sent, one per platform (a group's reminders go
                through the messenger of the group's platform).
            arm: let APScheduler actually fire; by default only with the system clock (with a
                fake clock the job is armed on a paused scheduler, so tests can read its time).
        """
        self._stopping = False
        self.sender.stopping = False
        self._stopped.clear()
        reset, caught = await self.reminders.recover()
        if reset or caught:
            log.warning(
                "start-up: %d claimed rows put back, %d rows caught mid-send will be resent",
                reset,
                len(caught),
            )
        for messenger in messengers:
            await self.sender.open(messenger)
        planned = await self.planner.plan_missing()
        if planned:
            log.warning("start-up: planned reminders of %d tasks or events that had none", planned)
        await self.planner.ensure_digests()
        if arm is None:
            arm = isinstance(self.clock, SystemClock)
        if arm and self.pace is None:
            self.pace = PACE
        self._aps = AsyncIOScheduler(event_loop=asyncio.get_running_loop(), timezone=UTC)
        self._aps.start(paused=not arm)
        await self.rearm()

    async def stop(self) -> None:
        """Stop the APScheduler job; a run in progress finishes the sends already started and
        puts the rows it had only claimed back to pending (rows stay in the database)."""
        self._stopping = True
        self.sender.stopping = True
        await self.housekeeping.stop()
        self._stopped.set()
        if self._aps is not None:
            self._aps.shutdown(wait=False)
            self._aps = None
        async with self._lock:  # let a run in progress finish its current rows
            self.sender.close()

    async def add_messenger(self, messenger: Messenger) -> None:
        """Send through one more platform from now on (a transport that connected after the
        start): what waited for it is due now, so the job is pointed at it again."""
        await self.sender.open(messenger)
        await self.rearm()

    async def rearm(self) -> datetime | None:
        """Point the one job at the earliest due row (or MAX_SLEEP from now); returns that time.

        With no platform connected yet nothing can be sent: the job is not pointed at rows
        already due (a wake that re-armed itself for "now" would be skipped by APScheduler as
        a second instance, and nothing would wake it again); add_messenger points it at them.
        """
        if self._aps is None:
            return None
        now = self.clock.now()
        earliest = await self.reminders.next_wake() if self.sender.messengers else None
        when = now + MAX_SLEEP if earliest is None else min(max(earliest, now), now + MAX_SLEEP)
        self._aps.add_job(
            self._wake,
            "date",
            run_date=when,
            id=JOB_ID,
            replace_existing=True,
            misfire_grace_time=None,
            coalesce=True,
            max_instances=1,
        )
        self.next_run_time = when
        return when

    async def arm_for(self, rows: Sequence[NewReminder]) -> None:
        """Re-arm only if new rows are due before the armed time (planning is on hot paths).

        Rows cancelled by re-planning need nothing: an early wake finds nothing and re-arms.
        """
        if self._aps is None or not rows:
            return
        earliest = min(row.due_at for row in rows)
        if self.next_run_time is None or earliest < self.next_run_time:
            await self.rearm()

    def armed_job_time(self) -> datetime | None:
        """The next run time APScheduler holds for the dispatch job (None if not armed)."""
        if self._aps is None:
            return None
        job = self._aps.get_job(JOB_ID)
        return job.next_run_time if job else None

    async def _wake(self) -> None:
        try:
            await self.run_due()
        except Exception:
            log.exception("reminder dispatch failed; re-arming")
            await self.rearm()

    # -- dispatch ----------------------------------------------------------------------------

    async def run_due(self) -> DispatchReport:
        """Send everything due now; returns what happened. Safe to call at any time."""
        report = DispatchReport()
        with self.activity.busy():
            async with self.activity.parked():  # waiting for a run in progress
                await self._lock.acquire()
            try:
                await self._run(report)
            finally:
                self._lock.release()
        return report

    async def _run(self, report: DispatchReport) -> None:
        try:
            await self.planner.ensure_digests()
            self.housekeeping.maybe_start()  # daily, in the background: never waited for
            while self.sender.messengers and not self._stopping:
                now = self.clock.now()
                rows = await self.reminders.claim_due(now, BATCH)
                if not rows:
                    break

                # Every row of the batch at once: the sender bounds the sends in flight per
                # platform, and a row waiting out one platform's outage holds no slot of
                # another's, so a Zalo outage never delays Telegram and the other way round.
                async def one(row: Reminder, now: datetime = now) -> None:
                    with self.activity.busy():
                        if self._stopping:
                            await self.reminders.release(row.id)
                        else:
                            await self.delivery.deliver_safely(row, now, report)

                async with self.activity.parked():  # the deliveries count, not the wait
                    await asyncio.gather(*(one(r) for r in _interleave(rows)))
            report.missed_lists += await self.notes.send_missed_lists(report.missed)
        finally:
            await self.rearm()


def _interleave(rows: Sequence[Reminder]) -> list[Reminder]:
    """Round-robin the batch across groups, so one busy group (20 messages a minute at most)
    does not hold the slots every other group is waiting for."""
    by_group: dict[int, list[Reminder]] = defaultdict(list)
    for row in rows:
        by_group[row.group_id].append(row)
    queues = list(by_group.values())
    out: list[Reminder] = []
    index = 0
    while queues:
        for queue in queues:
            if index < len(queue):
                out.append(queue[index])
        index += 1
        queues = [q for q in queues if index < len(q)]
    return out
