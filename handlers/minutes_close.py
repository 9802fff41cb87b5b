"""Closing a recording: the minutes numbered, its tasks created and the document kept, at once.

Used by /bienban ketthuc and by the auto-close reminder. Everything the close decides (number,
tasks, content) is committed in one transaction by MinutesStore.close; the replies are built
from what was committed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.core.context import Services
from handlers import minutes_text as T
from handlers.claims_open import paper_produced
from handlers.minutes_assemble import (
    HeldDeadline,
    TaskPlan,
    assemble,
    plan_tasks,
    task_lines,
    unconfirmed,
)
from handlers.minutes_doc import MinutesDoc, from_json, to_json
from handlers.minutes_settings import minutes_settings
from handlers.timewords import typed_when
from storage.minutes import Minutes, Recording
from storage.models import Group, Role
from storage.tasks import Task


@dataclass(frozen=True)
class Closed:
    """A closed recording: the stored minutes, their document, and the tasks' plans."""

    minutes: Minutes
    doc: MinutesDoc
    plans: tuple[TaskPlan, ...]
    message_count: int
    unconfirmed: tuple[str, ...]


async def close_recording(
    services: Services,
    group: Group,
    recording: Recording,
    *,
    closed_by: str | None,
    now: datetime,
) -> Closed | None:
    """Close it (None if it was closed meanwhile). An automatic close ends at the last message."""
    store, zone = services.minutes, group.timezone
    markers = await store.markers(recording.id)
    messages = await store.messages(recording.id)
    members = {m.user_id: m for m in await services.groups.members(group.id)}
    settings = minutes_settings(group)
    plans = plan_tasks(markers, zone)
    ended = now if closed_by else (messages[-1].sent_at if messages else recording.started_at)

    def compose(number: int, created: Sequence[Task]) -> dict[str, object]:
        doc = assemble(
            recording=recording,
            settings=settings,
            number=number,
            markers=markers,
            messages=messages,
            members=members,
            tasks=task_lines(plans, created),
            ended_at=ended,
            zone=zone,
        )
        return to_json(doc)

    minutes = await store.close(
        recording,
        now=now,
        closed_by=closed_by,
        reason="manual" if closed_by else "auto",
        year=recording.started_at.astimezone(zone).year,
        zone=zone,
        tasks=[plan.spec for plan in plans],
        compose=compose,
        names={m.user_id: m.display_name for m in members.values()},
    )
    if minutes is None:
        return None
    await services.dispatcher.rearm()  # the new tasks' reminder rows
    if recording.event_id is not None:
        # The biên bản is a paper of the event's payment claim: tick it there.
        await paper_produced(services, group, recording.event_id, minutes)
    doc = from_json(minutes.content)
    listed = [p.name for p in doc.present] + [a.name for a in doc.absent]
    return Closed(minutes, doc, tuple(plans), len(messages), tuple(unconfirmed(listed, members)))


def closing_notes(closed: Closed, services_group: Group, chuyen_vien: str | None) -> list[str]:
    """What the chuyên viên should complete: tasks without deadline (and why, for a deadline
    held back), attendance, agency."""
    notes = []
    # doc.tasks were written from the plans, one line per plan, in order (task_lines).
    pairs = zip(closed.doc.tasks, closed.plans, strict=False)
    tasks = [(t.number, t, plan) for t, plan in pairs if t.number and t.needs_deadline]
    missing = [f"#{number} {t.text}" for number, t, plan in tasks if plan.held is None]
    if missing:
        listed = ", ".join(missing)
        notes.append(T.NEEDS_DEADLINE.format(mention=chuyen_vien or "", tasks=listed).lstrip(": "))
    held = [held_note(number, plan.held) for number, _, plan in tasks if plan.held]
    if held:
        mention = "" if missing else chuyen_vien or ""
        notes += [T.HELD_HEADER.format(mention=mention).lstrip(": "), *held]
    for plan in closed.plans:
        if plan.unknown:
            notes.append(T.TASK_UNKNOWN_PEOPLE.format(names=", ".join(plan.unknown)))
    if closed.unconfirmed:
        notes.append(T.LINE_UNCONFIRMED.format(names=", ".join(closed.unconfirmed)))
    if not minutes_settings(services_group).agency_set:
        notes.append(T.NEEDS_AGENCY)
    return notes


def held_note(number: int, held: HeldDeadline) -> str:
    """Why a #giaoviec's deadline was not set, the guess, and what to type."""
    guess = typed_when(held.deadline.at, held.deadline.has_time)
    if held.deadline.far:
        return T.HELD_FAR.format(number=number, task=held.task, said=held.said, when=guess)
    written = f"{held.written_at:%H:%M %d/%m/%Y}"
    return T.HELD_PAST.format(
        number=number, task=held.task, said=held.said, when=guess, written=written
    )


async def chuyen_vien_mention(services: Services, group: Group) -> str | None:
    """@mention of the group's chuyên viên (who completes the minutes), if there is one."""
    for member in await services.groups.members(group.id):
        if member.role is Role.CHUYEN_VIEN:
            return member.mention
    return None
