"""The reminder dispatcher: arming, run_due, delivery (the rows it sends are planned in
bot/reminders/planner.py, rendered by the renderer each feature registered for the row's kind,
see bot/reminders/render.py, and sent through bot/reminders/sender.py).

**The database is the source of truth.** Every reminder is a row of `reminders` (see
storage/reminders.py for the states). There is one APScheduler job, `dispatch`, armed for the
earliest `wake_at` of a pending row (at most MAX_SLEEP ahead, so a forgotten re-arm costs minutes,
never a reminder). When it fires, `run_due()` repeatedly claims the due rows in one transaction
(pending → claimed), sends each one (claimed → sending → sent), and re-arms. Recurring reminders
and the morning digest write their next row in the same transaction that ends the current one.

**Late, missed, and the one duplicate window.**

* A row is judged when it is claimed. Less than the group's grace period (default 24 hours) late:
  sent, marked "(trễ N phút)" when more than LATE_MARK minutes late. Older: not sent, marked
  skipped, and listed once to the chuyên viên. Nothing is dropped silently.
* A row is marked `sending` (its own committed transaction) immediately before the platform call,
  and `sent` immediately after it. If the process dies between those two commits, the message
  may or may not have reached Telegram: that is the only window where a duplicate is possible.
  It is at most SLOTS_PER_PLATFORM sends wide per platform (bot/reminders/sender.py) and lasts
  one HTTP round-trip (plus any 429 wait inside the
  rate limiter). **Decision: on start-up such rows are sent again**, with the note "(gửi lại sau
  sự cố …)", because a duplicate the user can recognise costs less than a missed voter meeting.
  Rows only `claimed` (not yet handed to the platform) were never sent and simply go back to
  pending. Apart from that window a row is sent at most once: claiming is a conditional UPDATE
  in one transaction, and one asyncio lock serialises runs in the process.

**Failures.** ChatUnreachableError on a DM marks the user dm_blocked and falls back to a mention
in the group; on a group marks the chat unreachable (chat_status) and fails the row and every
later row for that chat without calling the platform, until the bot is added back. A
TransientSendError (network, or a 429 still failing after the rate limiter's own retries) puts the
row back to pending with exponential backoff, MAX_ATTEMPTS times, then fails it (logged).
Flood limits (30 messages/s overall, 20/min per group) are kept by PTB's AIORateLimiter below
the Messenger. Its overall bucket lets a burst of 30 through on top of the 30/s rate (the
benchmark measured 59 messages in the first second of a 10,000-reminder burst), so in
production the dispatcher also paces its own sends evenly at PACE (28 a second at most); tests
and the fake clock leave pacing off and never wait.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.chat.errors import TransientSendError
from bot.chat.messages import Button
from bot.chat.transport import Messenger
from bot.clock import Clock, SystemClock
from bot.reminders.housekeeping import DEFAULT_RETENTION, Housekeeping
from bot.reminders.notes import ChuyenVienNotes
from bot.reminders.planner import Planner, follow_up_of
from bot.reminders.render import Renderers
from bot.reminders.sender import ReminderSender, SendStoppedError
from bot.reminders.settings import settings_of
from bot.reminders.text import RESEND_NOTE, SNOOZE_LABEL, late_note
from storage.events import EventStore
from storage.group_chats import GroupChatStore
from storage.groups import GroupStore
from storage.people import PersonStore
from storage.quota import QuotaStore
from storage.reminders import NewReminder, Reminder, ReminderStore
from storage.tasks import TaskStore

log = logging.getLogger(__name__)

BATCH = 500
MAX_SLEEP = timedelta(minutes=10)
LATE_MARK = timedelta(minutes=2)
MAX_ATTEMPTS = 6
JOB_ID = "dispatch"
PACE = 1 / 28  # seconds between two reminder sends in production (real time, not business time)


def backoff(attempt: int, retry_after: float | None = None) -> timedelta:
    """Wait before retry number `attempt` (1-based): 30 s, 1, 2, 4, 8 min …, at most 30 min."""
    wait = min(30 * 2 ** (attempt - 1), 1800)
    return timedelta(seconds=max(wait, retry_after or 0))


@dataclass
class DispatchReport:
    """What one run did (tests and the benchmark read it)."""

    sent: int = 0
    late: int = 0
    skipped: int = 0
    cancelled: int = 0
    failed: int = 0
    retried: int = 0
    missed_lists: int = 0
    missed: dict[int, list[tuple[Reminder, str]]] = field(default_factory=dict)


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
        # What renderers are given to read their subjects with; the composition root sets it
        # to its Services once they exist (the engine does not look inside).
        self.services: Any = None
        self.next_run_time: datetime | None = None
        self._aps: AsyncIOScheduler | None = None
        self._lock = asyncio.Lock()
        self._stopping = False
        self.sender = ReminderSender(
            groups,
            reminders,
            clock,
            people=people,
            group_chats=group_chats,
            quota=quota,
            zone=zone,
        )
        self.notes = ChuyenVienNotes(self.sender)
        self.planner = Planner(reminders, events, groups, tasks, clock, arming=self, people=people)
        self.housekeeping = Housekeeping(reminders.history, clock, retention)

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
        if self._aps is not None:
            self._aps.shutdown(wait=False)
            self._aps = None
        async with self._lock:  # let a run in progress finish its current rows
            self.sender.close()

    async def rearm(self) -> datetime | None:
        """Point the one job at the earliest due row (or MAX_SLEEP from now); returns that time."""
        if self._aps is None:
            return None
        now = self.clock.now()
        earliest = await self.reminders.next_wake()
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
        async with self._lock:
            try:
                await self.planner.ensure_digests()
                self.housekeeping.maybe_start()  # daily, in the background: never waited for
                while self.sender.messengers and not self._stopping:
                    now = self.clock.now()
                    rows = await self.reminders.claim_due(now, BATCH)
                    if not rows:
                        break

                    # Every row of the batch at once: the sender bounds the sends in flight per
                    # platform, so rows waiting on a failing platform never hold up another's.
                    async def one(row: Reminder, now: datetime = now) -> None:
                        if self._stopping:
                            await self.reminders.release(row.id)
                        else:
                            await self._deliver_safely(row, now, report)

                    await asyncio.gather(*(one(r) for r in _interleave(rows)))
                report.missed_lists += await self.notes.send_missed_lists(report.missed)
            finally:
                await self.rearm()
        return report

    async def _deliver_safely(self, row: Reminder, now: datetime, report: DispatchReport) -> None:
        try:
            await self._deliver(row, now, report)
        except Exception as exc:
            log.exception("reminder %d could not be delivered", row.id)
            report.failed += 1
            await self.reminders.finish(row.id, "failed", now, error=repr(exc)[:500])

    async def _deliver(self, row: Reminder, now: datetime, report: DispatchReport) -> None:
        group = await self.groups.by_id(row.group_id)
        if group is None:
            await self.reminders.finish(row.id, "cancelled", now, error="group gone")
            report.cancelled += 1
            return
        follow_ups = [f for f in [follow_up_of(row, group, now)] if f is not None]
        closes = ("done", row.source_id) if row.kind == "free" and not row.recurrence else None
        late = now - row.due_at
        if row.kind == "digest" and (
            row.due_at.astimezone(group.timezone).date() != now.astimezone(group.timezone).date()
        ):
            await self.reminders.finish(
                row.id, "skipped", now, error="digest of a past day", follow_ups=follow_ups
            )
            report.skipped += 1
            return
        out = await self.renderers.render(self.services, row, group, now)
        if out is None:
            await self.reminders.finish(
                row.id, "cancelled", now, error="source gone", follow_ups=follow_ups
            )
            report.cancelled += 1
            return
        if not out.text:
            await self.reminders.finish(
                row.id, "skipped", now, error="nothing to say", follow_ups=follow_ups
            )
            report.skipped += 1
            return
        if row.kind != "digest" and late > settings_of(group).grace:
            await self.reminders.finish(
                row.id,
                "skipped",
                now,
                error="too late",
                follow_ups=follow_ups,
                follow_up_state=closes,
            )
            report.skipped += 1
            report.missed.setdefault(group.id, []).append((row, out.text.splitlines()[0]))
            return
        text = out.text
        if late >= LATE_MARK:
            first, _, rest = text.partition("\n")
            text = f"{first} ({late_note(late)})" + (f"\n{rest}" if rest else "")
        if row.payload.get("resend"):
            text += "\n" + RESEND_NOTE
        buttons = out.buttons
        if row.kind != "digest" and out.snooze:
            buttons = (*buttons, (Button(SNOOZE_LABEL, f"snz:{row.id}"),))
        try:
            error = await self.sender.send(row, group, text, buttons)
        except SendStoppedError:
            # Stopping mid-burst: a row not handed to any platform waits for the next start.
            await self.reminders.release(row.id)
            return
        if error is None:
            follow_ups += await self.planner.attendee_copies(row, group, now)
            await self.reminders.finish(
                row.id, "sent", now, follow_ups=follow_ups, follow_up_state=closes
            )
            report.sent += 1
            if late >= LATE_MARK:
                report.late += 1
        elif isinstance(error, TransientSendError) and row.attempts + 1 < MAX_ATTEMPTS:
            wake = self.clock.now() + backoff(row.attempts + 1, error.retry_after)
            await self.reminders.retry_later(row.id, wake, str(error)[:500])
            report.retried += 1
        else:
            if isinstance(error, TransientSendError):
                log.error(
                    "reminder %d failed after %d attempts: %s", row.id, row.attempts + 1, error
                )
            await self.reminders.finish(
                row.id,
                "failed",
                now,
                error=str(error)[:500],
                follow_ups=follow_ups,
                follow_up_state=closes,
            )
            report.failed += 1


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
