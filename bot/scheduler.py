"""The reminder dispatcher and the planning of reminder rows.

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
  It is at most CONCURRENCY rows wide and lasts one HTTP round-trip (plus any 429 wait inside the
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

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.clock import Clock, SystemClock
from bot.context import ChatUnreachableError, Messenger, TransientSendError
from bot.dates import Repeat
from bot.messages import Button, Reply
from handlers.settings import OVERDUE_TIME, settings_of
from storage.db import Database
from storage.events import Event, EventStore
from storage.groups import GroupStore
from storage.models import Group, Role
from storage.reminders import NewReminder, Reminder, ReminderStore
from storage.tasks import Task, TaskStore

log = logging.getLogger(__name__)

BATCH = 500
CONCURRENCY = 32
MAX_SLEEP = timedelta(minutes=10)
LATE_MARK = timedelta(minutes=2)
MAX_ATTEMPTS = 6
JOB_ID = "dispatch"
SNOOZE_LABEL = "Nhắc lại sau 1 giờ"
SNOOZE_DELAY = timedelta(hours=1)
PACE = 1 / 28  # seconds between two reminder sends in production (real time, not business time)


def backoff(attempt: int, retry_after: float | None = None) -> timedelta:
    """Wait before retry number `attempt` (1-based): 30 s, 1, 2, 4, 8 min …, at most 30 min."""
    wait = min(30 * 2 ** (attempt - 1), 1800)
    return timedelta(seconds=max(wait, retry_after or 0))


def repeat_from(data: dict[str, Any]) -> Repeat:
    """Rebuild a Repeat from its stored JSON."""
    return Repeat(data["kind"], tuple(data.get("weekdays") or ()), data.get("day_of_month"))


def repeat_to(repeat: Repeat) -> dict[str, Any]:
    """Store a Repeat as JSON."""
    return {
        "kind": repeat.kind,
        "weekdays": list(repeat.weekdays),
        "day_of_month": repeat.day_of_month,
    }


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


class Scheduler:
    """Plans reminder rows for the features and dispatches them when due."""

    def __init__(self, db: Database, groups: GroupStore, tasks: TaskStore, clock: Clock) -> None:
        self.db = db
        self.groups = groups
        self.clock = clock
        self.reminders = ReminderStore(db)
        self.events = EventStore(db)
        self.tasks = tasks
        self.messenger: Messenger | None = None
        self.next_run_time: datetime | None = None
        self._aps: AsyncIOScheduler | None = None
        self._lock = asyncio.Lock()
        self._unreachable: dict[str, str] = {}
        self._group_cache: dict[int, Group] = {}
        self._stopping = False
        self.pace: float | None = None  # seconds between sends; set in production by start()
        self._pace_lock = asyncio.Lock()
        self._last_send = 0.0

    # -- life cycle --------------------------------------------------------------------------

    async def start(self, messenger: Messenger, *, arm: bool | None = None) -> None:
        """Recover rows left by a crash, write missing digests, and arm the dispatcher.

        Args:
            messenger: where reminders are sent.
            arm: let APScheduler actually fire; by default only with the system clock (with a
                fake clock the job is armed on a paused scheduler, so tests can read its time).
        """
        self.messenger = messenger
        self._stopping = False
        reset, caught = await self.reminders.recover()
        if reset or caught:
            log.warning(
                "start-up: %d claimed rows put back, %d rows caught mid-send will be resent",
                reset,
                len(caught),
            )
        self._unreachable = await self.reminders.unreachable_chats(messenger.platform)
        await self.ensure_digests()
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
        if self._aps is not None:
            self._aps.shutdown(wait=False)
            self._aps = None
        async with self._lock:  # let a run in progress finish its current rows
            self.messenger = None

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

    async def chat_back(self, platform: str, chat_id: str) -> None:
        """The bot is in this chat again: send there again."""
        if self._unreachable.pop(chat_id, None) is not None:
            await self.reminders.mark_reachable(platform, chat_id)

    # -- planning ----------------------------------------------------------------------------

    async def group(self, group_id: int) -> Group | None:
        """A group by id (fresh from the database)."""
        found = await self.groups.by_id(group_id)
        if found is not None:
            self._group_cache[group_id] = found
        return found

    def event_rows(self, group: Group, kind: str, starts_at: datetime) -> list[NewReminder]:
        """Reminder rows for an event: one per offset of its kind that is still ahead."""
        now = self.clock.now()
        rows = []
        for minutes in settings_of(group).offsets[kind]:
            due = starts_at - timedelta(minutes=minutes)
            if due > now:
                rows.append(
                    NewReminder(
                        group.id, "event", None, due, group.chat_id, None, {"offset": minutes}
                    )
                )
        return rows

    async def replan_event(self, event: Event) -> None:
        """Rewrite an event's unsent reminders from its current time and the group's offsets."""
        group = await self.group(event.group_id)
        if group is None:
            return
        rows = (
            [] if event.status != "active" else self.event_rows(group, event.kind, event.starts_at)
        )
        rows = [
            NewReminder(r.group_id, r.kind, event.id, r.due_at, r.target_chat_id, None, r.payload)
            for r in rows
        ]
        await self.reminders.replace_source(("event",), event.id, rows, self.clock.now())
        await self.arm_for(rows)

    async def replan_events_of_kind(self, group_id: int, kind: str) -> int:
        """After the offsets of a kind changed: re-plan its upcoming events; returns how many."""
        events = await self.events.active_of_kind(group_id, kind, self.clock.now())
        for event in events:
            await self.replan_event(event)
        return len(events)

    async def task_changed(self, task: Task) -> list[NewReminder]:
        """(Re)compute a task's reminder rows: the day before at the group's hour, at the
        deadline, and the overdue notice the morning after (to the creator as well).

        TaskStore calls this after every change of a task. Unsent rows of the task are
        cancelled first; a done or deleted task gets none.
        """
        rows: list[NewReminder] = []
        if task.status == "open" and task.due_at is not None:
            group = await self.group(task.group_id)
            if group is not None:
                rows = self._task_rows(group, task)
        await self.reminders.replace_source(
            ("task_due", "task_overdue"), task.id, rows, self.clock.now()
        )
        await self.arm_for(rows)
        return rows

    async def plan_task_reminders(self, task_id: int) -> list[NewReminder]:
        """task_changed for a task known by id (nothing for a task that does not exist)."""
        task = await self.tasks.by_id(task_id)
        return [] if task is None else await self.task_changed(task)

    def _task_rows(self, group: Group, task: Task) -> list[NewReminder]:
        zone = group.timezone
        now = self.clock.now()
        settings = settings_of(group)
        due_local = task.due_at.astimezone(zone)
        day = due_local.date()
        people = list(task.open_assignees) or [task.created_by]
        planned: list[tuple[str, datetime, str, list[str]]] = [
            (
                "task_due",
                datetime.combine(day - timedelta(days=1), settings.task_time, tzinfo=zone),
                "before",
                people,
            ),
            (
                "task_due",
                task.due_at if task.due_has_time else datetime.combine(day, OVERDUE_TIME, zone),
                "at",
                people,
            ),
            (
                "task_overdue",
                datetime.combine(day + timedelta(days=1), OVERDUE_TIME, tzinfo=zone),
                "overdue",
                people + ([task.created_by] if task.created_by not in people else []),
            ),
        ]
        rows = []
        for kind, due, stage, targets in planned:
            if due <= now:
                continue
            for user_id in targets:
                payload = {"stage": stage}
                if kind == "task_overdue" and user_id == task.created_by and user_id not in people:
                    payload["as_creator"] = 1
                rows.append(
                    NewReminder(group.id, kind, task.id, due, group.chat_id, user_id, payload)
                )
        return rows

    async def replan_group_tasks(self, group_id: int) -> None:
        """After the task reminder hour changed: re-plan every open task with a deadline."""
        for task_id in await self.tasks.open_with_deadline(group_id):
            await self.plan_task_reminders(task_id)

    def _next_digest(self, group: Group, after: datetime) -> NewReminder | None:
        moment = settings_of(group).digest_time
        if moment is None:
            return None
        zone = group.timezone
        day = after.astimezone(zone).date()
        due = datetime.combine(day, moment, tzinfo=zone)
        while due <= after:
            day += timedelta(days=1)
            due = datetime.combine(day, moment, tzinfo=zone)
        return NewReminder(
            group.id, "digest", group.id, due, group.chat_id, None, {}, {"digest": 1}
        )

    async def ensure_digests(self) -> int:
        """Write the next digest row of every group that has none (new group, setting changed)."""
        count = 0
        now = self.clock.now()
        rows = []
        for raw in await self.reminders.groups_without_digest():
            group = await self.group(raw["id"])
            row = self._next_digest(group, now) if group else None
            if row is not None:
                rows.append(row)
                count += 1
        if rows:
            await self.reminders.add(rows, now)
        return count

    async def replan_digest(self, group_id: int) -> None:
        """After the digest setting changed: replace the pending digest row."""
        group = await self.group(group_id)
        if group is None:
            return
        await self.reminders.replace_digest(
            group_id, self._next_digest(group, self.clock.now()), self.clock.now()
        )
        await self.rearm()

    async def snooze(self, row: Reminder, now: datetime) -> tuple[Reminder, bool]:
        """A copy of `row` due in an hour (one per row: a second press returns the first)."""
        existing = await self.reminders.pending_snooze_of(row.id)
        if existing is not None:
            return existing, False
        payload = dict(row.payload)
        payload.pop("resend", None)
        payload.setdefault("of_kind", row.kind)
        payload.setdefault("of_source", row.source_id)
        copy = NewReminder(
            row.group_id,
            "snooze",
            row.id,
            now + SNOOZE_DELAY,
            row.target_chat_id,
            row.target_user_id,
            payload,
        )
        [new_id] = await self.reminders.add([copy], now)
        await self.rearm()
        created = await self.reminders.get(new_id)
        assert created is not None
        return created, True

    # -- dispatch ----------------------------------------------------------------------------

    async def run_due(self) -> DispatchReport:
        """Send everything due now; returns what happened. Safe to call at any time."""
        report = DispatchReport()
        async with self._lock:
            try:
                await self.ensure_digests()
                semaphore = asyncio.Semaphore(CONCURRENCY)
                while self.messenger is not None and not self._stopping:
                    now = self.clock.now()
                    rows = await self.reminders.claim_due(now, BATCH)
                    if not rows:
                        break

                    async def one(row: Reminder, now: datetime = now) -> None:
                        async with semaphore:
                            if self._stopping:
                                await self.reminders.release(row.id)
                            else:
                                await self._deliver_safely(row, now, report)

                    await asyncio.gather(*(one(r) for r in _interleave(rows)))
                await self._send_missed_lists(report)
            finally:
                self._group_cache.clear()
                await self.rearm()
        return report

    async def _deliver_safely(self, row: Reminder, now: datetime, report: DispatchReport) -> None:
        try:
            await self._deliver(row, now, report)
        except Exception as exc:
            log.exception("reminder %d could not be delivered", row.id)
            report.failed += 1
            await self.reminders.finish(row.id, "failed", now, error=repr(exc)[:500])

    async def _cached_group(self, group_id: int) -> Group | None:
        return self._group_cache.get(group_id) or await self.group(group_id)

    async def _deliver(self, row: Reminder, now: datetime, report: DispatchReport) -> None:
        from handlers.reminders import render  # features import this module; avoid a cycle

        group = await self._cached_group(row.group_id)
        if group is None:
            await self.reminders.finish(row.id, "cancelled", now, error="group gone")
            report.cancelled += 1
            return
        follow_up = self._follow_up(row, group, now)
        closes = ("done", row.source_id) if row.kind == "free" and not row.recurrence else None
        late = now - row.due_at
        if row.kind == "digest" and (
            row.due_at.astimezone(group.timezone).date() != now.astimezone(group.timezone).date()
        ):
            await self.reminders.finish(
                row.id, "skipped", now, error="digest of a past day", follow_up=follow_up
            )
            report.skipped += 1
            return
        out = await render(self, row, group, now)
        if out is None:
            await self.reminders.finish(
                row.id, "cancelled", now, error="source gone", follow_up=follow_up
            )
            report.cancelled += 1
            return
        if not out.text:
            await self.reminders.finish(
                row.id, "skipped", now, error="nothing to say", follow_up=follow_up
            )
            report.skipped += 1
            return
        if row.kind != "digest" and late > settings_of(group).grace:
            await self.reminders.finish(
                row.id,
                "skipped",
                now,
                error="too late",
                follow_up=follow_up,
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
        if row.kind != "digest":
            buttons = (*buttons, (Button(SNOOZE_LABEL, f"snz:{row.id}"),))
        error = await self._send(row, group, text, buttons)
        if error is None:
            await self.reminders.finish(
                row.id, "sent", now, follow_up=follow_up, follow_up_state=closes
            )
            report.sent += 1
            if late >= LATE_MARK:
                report.late += 1
        elif isinstance(error, TransientSendError):
            attempts = row.attempts + 1
            if attempts >= MAX_ATTEMPTS:
                log.error("reminder %d failed after %d attempts: %s", row.id, attempts, error)
                await self.reminders.finish(
                    row.id,
                    "failed",
                    now,
                    error=str(error)[:500],
                    follow_up=follow_up,
                    follow_up_state=closes,
                )
                report.failed += 1
            else:
                wake = self.clock.now() + backoff(attempts, error.retry_after)
                await self.reminders.retry_later(row.id, wake, str(error)[:500])
                report.retried += 1
        else:
            await self.reminders.finish(
                row.id,
                "failed",
                now,
                error=str(error)[:500],
                follow_up=follow_up,
                follow_up_state=closes,
            )
            report.failed += 1

    async def _send(
        self, row: Reminder, group: Group, text: str, buttons: tuple[tuple[Button, ...], ...]
    ) -> Exception | None:
        """Send one row: DM first for personal rows, else (or if refused) the group."""
        messenger = self.messenger
        assert messenger is not None
        mention = None
        if row.target_user_id is not None:
            user = await self.groups.user(group.platform, row.target_user_id)
            if user is not None and user.reachable_by_dm and user.dm_chat_id:
                await self.reminders.mark_sending(row.id)
                try:
                    await self._paced_send(
                        user.dm_chat_id, Reply(text=f"{group.name}\n{text}", buttons=buttons)
                    )
                except ChatUnreachableError as exc:
                    log.info(
                        "user %s blocked the bot (%s): mention in the group", user.user_id, exc
                    )
                    await self.groups.mark_dm_blocked(group.platform, user.user_id)
                except TransientSendError as exc:
                    return exc
                else:
                    return None
            mention = await self.mention(group, row.target_user_id)
        if group.chat_id in self._unreachable:
            return ChatUnreachableError(group.chat_id, self._unreachable[group.chat_id])
        if mention:
            text = f"{mention}: {text}"
        await self.reminders.mark_sending(row.id)
        try:
            await self._paced_send(group.chat_id, Reply(text=text, buttons=buttons))
        except ChatUnreachableError as exc:
            log.warning("group chat %s refuses the bot: %s", group.chat_id, exc.reason)
            self._unreachable[group.chat_id] = exc.reason
            await self.reminders.mark_unreachable(
                group.platform, group.chat_id, exc.reason, self.clock.now()
            )
            return exc
        except TransientSendError as exc:
            return exc
        return None

    async def _paced_send(self, chat_id: str, reply: Reply) -> None:
        """Send through the messenger, spacing sends by `pace` seconds when pacing is on."""
        messenger = self.messenger
        assert messenger is not None
        if self.pace:
            loop = asyncio.get_running_loop()
            async with self._pace_lock:
                wait = self._last_send + self.pace - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                self._last_send = loop.time()
        await messenger.send(chat_id, reply)

    async def mention(self, group: Group, user_id: str) -> str:
        """How to name a member in the group: @username, else their name (plain text)."""
        member = await self.groups.member(group.id, user_id)
        if member is not None:
            return f"@{member.username}" if member.username else member.display_name
        user = await self.groups.user(group.platform, user_id)
        if user is not None:
            return f"@{user.username}" if user.username else user.display_name
        return user_id

    def _follow_up(self, row: Reminder, group: Group, now: datetime) -> NewReminder | None:
        """The next occurrence of a recurring row.

        After downtime that is the latest occurrence already due (so it is sent next, marked
        late, or listed if too late) when there is one, else the first one ahead; the
        occurrences in between are not sent one by one.
        """
        if row.kind == "digest":
            return self._next_digest(group, max(now, row.due_at))
        if not row.recurrence:
            return None
        repeat = repeat_from(row.recurrence)
        nxt = repeat.next_after(row.due_at.astimezone(group.timezone))
        while (after := repeat.next_after(nxt)) <= now:
            nxt = after
        return NewReminder(
            row.group_id,
            row.kind,
            row.source_id,
            nxt,
            group.chat_id,
            row.target_user_id,
            {k: v for k, v in row.payload.items() if k != "resend"},
            row.recurrence,
        )

    async def _send_missed_lists(self, report: DispatchReport) -> None:
        """Tell each group's chuyên viên, once, which reminders were too late to send."""
        from handlers import reminders_text as T
        from handlers.settings import settings_of as read

        messenger = self.messenger
        for group_id, items in report.missed.items():
            group = await self._cached_group(group_id)
            if group is None or messenger is None:
                continue
            hours = int(read(group).grace.total_seconds() // 3600)
            lines = [T.MISSED_HEADER.format(group=group.name, count=len(items), hours=hours)]
            lines += [
                T.MISSED_LINE.format(when=_local(r.due_at, group, self.clock.now()), what=first)
                for r, first in sorted(items, key=lambda x: x[0].due_at)[:30]
            ]
            if len(items) > 30:
                lines.append(T.MISSED_MORE.format(count=len(items) - 30))
            text = "\n".join(lines)
            try:
                await self._tell_chuyen_vien(group, text)
                report.missed_lists += 1
            except Exception:
                log.exception("could not list missed reminders to group %d", group.id)

    async def _tell_chuyen_vien(self, group: Group, text: str) -> None:
        messenger = self.messenger
        assert messenger is not None
        leaders = [m for m in await self.groups.members(group.id) if m.role is Role.CHUYEN_VIEN]
        ids = [m.user_id for m in leaders] or [group.registered_by]
        unreached = []
        for user_id in ids:
            user = await self.groups.user(group.platform, user_id)
            if user is not None and user.reachable_by_dm and user.dm_chat_id:
                try:
                    await messenger.send(user.dm_chat_id, Reply(text=text))
                    continue
                except ChatUnreachableError:
                    await self.groups.mark_dm_blocked(group.platform, user_id)
            unreached.append(await self.mention(group, user_id))
        if unreached and group.chat_id not in self._unreachable:
            await messenger.send(group.chat_id, Reply(text=f"{', '.join(unreached)}: {text}"))


RESEND_NOTE = (
    "(Trợ lý gửi lại nhắc việc này sau một sự cố; nếu anh/chị đã nhận, xin bỏ qua tin này.)"
)


def late_note(late: timedelta) -> str:
    """'trễ 42 phút', 'trễ 3 giờ 5 phút'."""
    minutes = int(late.total_seconds() // 60)
    hours, mins = divmod(minutes, 60)
    if hours:
        return f"trễ {hours} giờ {mins} phút" if mins else f"trễ {hours} giờ"
    return f"trễ {mins} phút"


def _local(moment: datetime, group: Group, now: datetime) -> str:
    from bot.dates import format_when

    return format_when(moment, True, now.astimezone(group.timezone))


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
