"""Judging and sending one due reminder row, and what each kind of failure does to it.

**Late, missed, withdrawn, and the one duplicate window.**

* A row is judged when it is claimed (again after an outage). Less than the group's grace
  period (default 24 hours) late: sent, marked "(trễ N phút)" when more than LATE_MARK late.
  Older: not sent, marked skipped, and listed once to the chuyên viên. Nothing is dropped
  silently.
* A row whose promise can no longer be kept (its event has begun, the thing a "Nhắc lại sau 1
  giờ" was about is gone) is cancelled, and the person who asked is told why (`Withdrawn`).
* A row is marked `sending` (its own committed transaction) immediately before the platform call,
  and `sent` immediately after it. If the process dies between those two commits, the message
  may or may not have arrived: the only window where a duplicate is possible. It is at most
  CONCURRENCY rows wide and lasts one HTTP round-trip (flood waits happen before `sending`, not
  inside it). **Decision: on start-up such rows are sent again**, with the note "(gửi lại sau
  sự cố …)", because a duplicate the user can recognise costs less than a missed voter meeting.
  A send that left but got no answer (a read timeout) is the same window while running: it is
  resent with the note too, and counted (DispatchReport.unknown).

**Failures never lose a reminder; they make it late.** Sends go through the courier
(bot/delivery/courier.py), in the lane of their chat. ChatUnreachableError on a DM marks the
user dm_blocked and falls back to a mention in the group; on a group it marks the chat
unreachable (chat_status): the row and every later row for that chat are kept (skipped, with
what they would have said) without calling the platform, and when the bot is back the group
gets one message listing them (ReminderSender.chat_back). A flood wait holds only its chat: the
row comes back when the wait is over. An outage (the platform cannot be reached) gives the row
back to `claimed` and holds it until the courier's probe sees the platform answer; it is then
judged again, so it says how late it is. Other transient errors (5xx) back off from 5 s to a
minute. Only the grace rule above gives a row up, and it says so.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot.chat.errors import ChatUnreachableError, TransientSendError
from bot.chat.messages import Button
from bot.delivery.courier import Courier
from bot.delivery.lanes import Activity
from bot.reminders.planner import Planner, follow_up_of
from bot.reminders.render import Renderers, Withdrawn
from bot.reminders.sender import ReminderSender, SendStoppedError
from bot.reminders.settings import settings_of
from bot.reminders.text import RESEND_NOTE, SNOOZE_LABEL, late_note
from storage.groups import GroupStore
from storage.models import Group
from storage.reminders import Reminder, ReminderStore
from storage.undelivered import UndeliveredStore

log = logging.getLogger(__name__)

LATE_MARK = timedelta(minutes=2)


def backoff(attempt: int, retry_after: float | None = None) -> timedelta:
    """Wait before retry number `attempt` (1-based): 5, 10, 20, 40 s, then every minute; never
    less than the platform's retry_after."""
    wait = min(5 * 2 ** (max(attempt, 1) - 1), 60)
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
    unknown: int = 0  # sends with no answer: resent with the "may be a repeat" note
    kept: int = 0  # due while the bot was out of the group: listed when it is back
    withdrawn: int = 0  # promised but no longer meaningful: the person who asked was told
    missed_lists: int = 0
    missed: dict[int, list[tuple[Reminder, str]]] = field(default_factory=dict)
    told: set[tuple[int, str, str]] = field(default_factory=set)  # (group, person, what)


_OUTAGE = object()  # deliver's answer when the platform could not be reached


class RowDelivery:
    """Delivers one claimed row (the dispatcher runs many of these side by side)."""

    def __init__(
        self,
        *,
        groups: GroupStore,
        reminders: ReminderStore,
        undelivered: UndeliveredStore,
        renderers: Renderers,
        planner: Planner,
        sender: ReminderSender,
        courier: Courier,
        stopping: asyncio.Event,
        activity: Activity,
    ) -> None:
        self.groups = groups
        self.reminders = reminders
        self.undelivered = undelivered
        self.renderers = renderers
        self.planner = planner
        self.sender = sender
        self.courier = courier
        self.clock = sender.clock
        self.stopping = stopping
        self.activity = activity
        self.services: Any = None  # what renderers read their subjects with (set at start-up)

    async def deliver_safely(self, row: Reminder, now: datetime, report: DispatchReport) -> None:
        """Deliver a row; an outage waits for the platform, a bug fails this row only."""
        try:
            while await self._deliver(row, now, report) is _OUTAGE:
                # Nothing was sent: wait until the platform answers (or we stop), then judge
                # the row again, late by then and said so.
                group = await self.groups.by_id(row.group_id)
                if group is not None:
                    await self._wait_up_or_stop(group.platform)
                if group is None or self.stopping.is_set():
                    await self.reminders.release(row.id)
                    return
                now = self.clock.now()
        except Exception as exc:
            log.exception("reminder %d could not be delivered", row.id)
            report.failed += 1
            await self.reminders.finish(row.id, "failed", now, error=repr(exc)[:500])

    async def _wait_up_or_stop(self, platform: str) -> None:
        up = asyncio.ensure_future(self.courier.wait_until_up(platform))
        stop = asyncio.ensure_future(self.stopping.wait())
        async with self.activity.parked():
            _, pending = await asyncio.wait({up, stop}, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    async def _deliver(self, row: Reminder, now: datetime, report: DispatchReport) -> object:
        group = await self.groups.by_id(row.group_id)
        if group is None:
            await self.reminders.finish(row.id, "cancelled", now, error="group gone")
            report.cancelled += 1
            return None
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
            return None
        out = await self.renderers.render(self.services, row, group, now)
        if out is None or isinstance(out, Withdrawn):
            reason = "source gone" if out is None else f"withdrawn: {out.why}"
            await self.reminders.finish(
                row.id, "cancelled", now, error=reason[:500], follow_ups=follow_ups
            )
            report.cancelled += 1
            if isinstance(out, Withdrawn) and out.tell is not None:
                report.withdrawn += 1
                said = (group.id, out.tell, out.what)
                if said not in report.told:  # several rows of one event: one message
                    report.told.add(said)
                    await self.sender.tell_withdrawn(group, out)
            return None
        if not out.text:
            await self.reminders.finish(
                row.id, "skipped", now, error="nothing to say", follow_ups=follow_ups
            )
            report.skipped += 1
            return None
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
            return None
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
            return None
        if error is None:
            follow_ups += await self.planner.attendee_copies(row, group, now)
            await self.reminders.finish(
                row.id, "sent", now, follow_ups=follow_ups, follow_up_state=closes
            )
            report.sent += 1
            if late >= LATE_MARK:
                report.late += 1
            return None
        if isinstance(error, TransientSendError):
            return await self._not_yet(row, error, report)
        if isinstance(error, ChatUnreachableError):
            first_line = out.text.splitlines()[0]
            await self.undelivered.keep_for_summary(
                row.id, first_line, now, follow_ups=follow_ups, follow_up_state=closes
            )
            report.kept += 1
            return None
        await self._failed(row, group, now, error, report, follow_ups, closes)
        return None

    async def _failed(
        self,
        row: Reminder,
        group: Group,
        now: datetime,
        error: Exception,
        report: DispatchReport,
        follow_ups: list[Any],
        closes: tuple[str, int] | None,
    ) -> None:
        """The platform refused this very message (a bad request): fail it, logged."""
        log.error("reminder %d refused by %s: %s", row.id, group.platform, error)
        await self.reminders.finish(
            row.id,
            "failed",
            now,
            error=str(error)[:500],
            follow_ups=follow_ups,
            follow_up_state=closes,
        )
        report.failed += 1

    async def _not_yet(
        self, row: Reminder, error: TransientSendError, report: DispatchReport
    ) -> object:
        """A transient failure: wait for the platform (outage), or come back later."""
        if error.platform_down:
            await self.undelivered.give_back(row.id)
            return _OUTAGE
        wake = self.clock.now() + backoff(row.attempts + 1, error.retry_after)
        if error.maybe_sent:
            await self.undelivered.retry_maybe_sent(row.id, wake, str(error))
            report.unknown += 1
        else:
            await self.reminders.retry_later(row.id, wake, str(error)[:500])
        report.retried += 1
        return None
