"""Planning reminder rows: which `reminders` rows an event, a task, the digest or a snooze needs.

The features call the Planner after every change (an event created or moved, a task's deadline
or assignees changed, a setting changed, a snooze pressed); it replaces the unsent rows of that
source in one transaction and asks the dispatcher (bot/reminders/dispatcher.py) to re-arm when
a new row is due sooner. The dispatcher calls `next_digest` and `follow_up_of` for the row that
follows one it has just ended, and `ensure_digests` before every run.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.clock import Clock
from bot.dates import Repeat
from bot.reminders.settings import OVERDUE_TIME, settings_of
from storage.events import Event, EventStore
from storage.groups import GroupStore
from storage.models import Group
from storage.people import PersonStore
from storage.reminders import NewReminder, Reminder, ReminderStore
from storage.tasks import Task, TaskStore

SNOOZE_DELAY = timedelta(hours=1)


class Arming(Protocol):
    """The dispatcher's side of planning: wake earlier when a new row is due sooner."""

    async def rearm(self) -> datetime | None:
        """Point the dispatch job at the earliest due row."""
        ...

    async def arm_for(self, rows: Sequence[NewReminder]) -> None:
        """Re-arm only if one of these new rows is due before the armed time."""
        ...


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


def task_rows(group: Group, task: Task, now: datetime) -> list[NewReminder]:
    """A task's rows still ahead: the day before at the group's hour, at the deadline, and the
    overdue notice the morning after (to the creator as well)."""
    assert task.due_at is not None
    zone = group.timezone
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
            rows.append(NewReminder(group.id, kind, task.id, due, group.chat_id, user_id, payload))
    return rows


def next_digest(group: Group, after: datetime) -> NewReminder | None:
    """The group's next morning digest after `after` (None when the digest is off)."""
    moment = settings_of(group).digest_time
    if moment is None:
        return None
    zone = group.timezone
    day = after.astimezone(zone).date()
    due = datetime.combine(day, moment, tzinfo=zone)
    while due <= after:
        day += timedelta(days=1)
        due = datetime.combine(day, moment, tzinfo=zone)
    return NewReminder(group.id, "digest", group.id, due, group.chat_id, None, {}, {"digest": 1})


def follow_up_of(row: Reminder, group: Group, now: datetime) -> NewReminder | None:
    """The next occurrence of a recurring row (or the next digest).

    After downtime that is the latest occurrence already due (so it is sent next, marked
    late, or listed if too late) when there is one, else the first one ahead; the
    occurrences in between are not sent one by one.
    """
    if row.kind == "digest":
        return next_digest(group, max(now, row.due_at))
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


class Planner:
    """Writes the reminder rows of events, tasks, digests and snoozes."""

    def __init__(
        self,
        reminders: ReminderStore,
        events: EventStore,
        groups: GroupStore,
        tasks: TaskStore,
        clock: Clock,
        arming: Arming,
        people: PersonStore,
    ) -> None:
        self.people = people
        self.reminders = reminders
        self.events = events
        self.groups = groups
        self.tasks = tasks
        self.clock = clock
        self.arming = arming

    # -- events ------------------------------------------------------------------------------

    def event_rows(self, group: Group, kind: str, starts_at: datetime) -> list[NewReminder]:
        """Reminder rows for an event: one per offset of its kind that is still ahead.

        The last one before the event also goes, as a personal message, to every member who
        confirmed attending (see attendee_copies).
        """
        now = self.clock.now()
        offsets = settings_of(group).offsets[kind]
        last = min(offsets, default=None)
        rows = []
        for minutes in offsets:
            due = starts_at - timedelta(minutes=minutes)
            if due > now:
                payload: dict[str, Any] = {"offset": minutes}
                if minutes == last:
                    payload["to_attendees"] = 1
                rows.append(
                    NewReminder(group.id, "event", None, due, group.chat_id, None, payload)
                )
        return rows

    async def attendee_copies(
        self, row: Reminder, group: Group, now: datetime
    ) -> list[NewReminder]:
        """Personal copies of an event's last group reminder for the members who confirmed
        attending and can be reached by private message (the group message already names
        the others). Written with the group row's sent mark, so they are sent exactly once."""
        if row.kind != "event" or row.target_user_id is not None or row.source_id is None:
            return []
        if not row.payload.get("to_attendees"):
            return []
        copies = []
        for answer in await self.events.attendance(row.source_id):
            if answer.answer != "yes":
                continue
            if not await self.people.direct_chats(answer.user_id):
                continue
            payload = {"offset": row.payload.get("offset"), "personal": 1}
            copies.append(
                NewReminder(
                    group.id, "event", row.source_id, now, group.chat_id, answer.user_id, payload
                )
            )
        return copies

    async def replan_event(self, event: Event) -> None:
        """Rewrite an event's unsent reminders from its current time and the group's offsets."""
        group = await self.groups.by_id(event.group_id)
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
        await self.arming.arm_for(rows)

    async def replan_events_of_kind(self, group_id: int, kind: str) -> int:
        """After the offsets of a kind changed: re-plan its upcoming events; returns how many."""
        events = await self.events.active_of_kind(group_id, kind, self.clock.now())
        for event in events:
            await self.replan_event(event)
        return len(events)

    # -- tasks -------------------------------------------------------------------------------

    async def task_changed(self, task: Task, new: bool = False) -> list[NewReminder]:
        """(Re)compute a task's reminder rows (see `task_rows`).

        TaskStore calls this after every change of a task. Unsent rows of the task are
        cancelled first (a `new` task has none: /viec's hot path skips that statement); a
        done or deleted task gets none.
        """
        rows: list[NewReminder] = []
        if task.status == "open" and task.due_at is not None:
            group = await self.groups.by_id(task.group_id)
            if group is not None:
                rows = task_rows(group, task, self.clock.now())
        if new:
            await self.reminders.add(rows, self.clock.now())
        else:
            await self.reminders.replace_source(
                ("task_due", "task_overdue"), task.id, rows, self.clock.now()
            )
        await self.arming.arm_for(rows)
        return rows

    async def plan_task_reminders(self, task_id: int) -> list[NewReminder]:
        """task_changed for a task known by id (nothing for a task that does not exist)."""
        task = await self.tasks.by_id(task_id)
        return [] if task is None else await self.task_changed(task)

    async def replan_group_tasks(self, group_id: int) -> None:
        """After the task reminder hour changed: re-plan every open task with a deadline."""
        for task_id in await self.tasks.open_with_deadline(group_id):
            await self.plan_task_reminders(task_id)

    # -- digests -----------------------------------------------------------------------------

    async def plan_missing(self) -> int:
        """Plan the tasks and events that have no reminder rows; returns how many.

        Tasks and events are committed together with their reminder rows, so this finds
        nothing in normal operation. It is the safety net for rows lost any other way (a
        database written before reminders existed, restored from an old backup, or edited
        by hand), so that a deadline or a meeting is never left silently without reminders.
        """
        now = self.clock.now()
        count = 0
        for task_id in await self.reminders.tasks_without_rows(now):
            await self.plan_task_reminders(task_id)
            count += 1
        for event_id in await self.reminders.events_without_rows(now):
            event = await self.events.by_id(event_id)
            if event is not None:
                await self.replan_event(event)
                count += 1
        return count

    async def ensure_digests(self) -> int:
        """Write the next digest row of every group that has none (new group, setting changed)."""
        count = 0
        now = self.clock.now()
        rows = []
        for raw in await self.reminders.groups_without_digest():
            group = await self.groups.by_id(raw["id"])
            row = next_digest(group, now) if group else None
            if row is not None:
                rows.append(row)
                count += 1
        if rows:
            await self.reminders.add(rows, now)
        return count

    async def replan_digest(self, group_id: int) -> None:
        """After the digest setting changed: replace the pending digest row."""
        group = await self.groups.by_id(group_id)
        if group is None:
            return
        await self.reminders.replace_digest(
            group_id, next_digest(group, self.clock.now()), self.clock.now()
        )
        await self.arming.rearm()

    # -- snooze ------------------------------------------------------------------------------

    async def snooze(
        self,
        row: Reminder,
        now: datetime,
        *,
        at: datetime | None = None,
        asked_by: str | None = None,
        about: str | None = None,
    ) -> tuple[Reminder, bool]:
        """A copy of `row` due at `at` (in an hour by default); one per row: a second press
        returns the first. `asked_by` and `about` say whom to tell, and what about, if the
        promise cannot be kept (bot/reminders/render.py Withdrawn)."""
        existing = await self.reminders.pending_snooze_of(row.id)
        if existing is not None:
            return existing, False
        payload = dict(row.payload)
        for key in ("resend", "first_line"):
            payload.pop(key, None)
        payload.setdefault("of_kind", row.kind)
        payload.setdefault("of_source", row.source_id)
        if asked_by is not None:
            payload["asked_by"] = asked_by
        if about is not None:
            payload["about"] = about[:200]
        copy = NewReminder(
            row.group_id,
            "snooze",
            row.id,
            at or now + SNOOZE_DELAY,
            row.target_chat_id,
            row.target_user_id,
            payload,
        )
        [new_id] = await self.reminders.add([copy], now)
        await self.arming.rearm()
        created = await self.reminders.get(new_id)
        assert created is not None
        return created, True
