"""From what was captured to what the biên bản says (pure functions, no I/O).

Attendance: the last marker about a person decides (#comat present, #vang absent with its
reason); anyone else who wrote during the meeting was present. The chair is the last #chutri,
else the tổ trưởng (or tổ phó) if present; the secretary the last #thuky, else the group's
chuyên viên, else whoever started the recording. Items start at each #noidung; opinions and
votes belong to the item they follow, conclusions too. A #giaoviec's deadline is read relative
to the moment it was written, in the group's zone; one that /viec would ask about first (its
year left out and months away, or already past when written) is not filed but held for the
chuyên viên to confirm, like a deadline that could not be read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.textnorm import fold
from handlers import minutes_text as T
from handlers.minutes_doc import (
    AbsentPerson,
    Entry,
    Item,
    Line,
    MinutesDoc,
    Opinion,
    Person,
    TaskLine,
    VoteResult,
)
from handlers.minutes_settings import MinutesSettings
from handlers.tasks_deadline import Deadline, deadline_words
from storage.minutes import CapturedMessage, Marker, NewMinutesTask, Recording
from storage.models import Member, Role
from storage.tasks import Task


@dataclass(frozen=True)
class HeldDeadline:
    """A #giaoviec's deadline that was read but not filed: its year was left out and it lands
    months away (``deadline.far``: "hạn 20/11" written on 23/11), or it was already past when
    written. The chuyên viên is told the guess and the command that sets it."""

    deadline: Deadline  # the guess, as /viec would have read it
    said: str  # the deadline as typed, marker included: "hạn 20/11"
    task: str  # the task's words without it
    written_at: datetime  # when the #giaoviec was written (group zone)


@dataclass(frozen=True)
class TaskPlan:
    """A task to create from a #giaoviec, and what to tell about it."""

    spec: NewMinutesTask
    assignee_names: tuple[str, ...]
    unknown: tuple[str, ...]  # @names that are not members: the task is not given to them
    held: HeldDeadline | None = None


def plan_tasks(markers: Sequence[Marker], zone: ZoneInfo) -> list[TaskPlan]:
    """The tasks the #giaoviec markers ask for, deadlines read as of when each was written."""
    plans = []
    for marker in markers:
        if marker.kind != "giaoviec":
            continue
        written = str(marker.payload.get("text", ""))
        local = marker.at.astimezone(zone)
        found = deadline_words(written, local)
        read = found.deadline
        # What /viec would ask about first (a year left out that lands months away, a moment
        # already past when written) is held for the chuyên viên, not filed unasked.
        held = None
        if read is not None and (read.far or read.passed(marker.at, zone)):
            held = HeldDeadline(read, found.said, found.head or written, local)
        filed = read if held is None else None
        # Deadline words not filed (unreadable or held) stay in the task's text: nothing said
        # is lost.
        kept = filed is None and (held is not None or found.unreadable is not None)
        text = written if kept else found.head
        people = marker.payload.get("people", [])
        spec = NewMinutesTask(
            marker_id=marker.id,
            text=text or written,
            created_by=marker.author_id,
            assignees=tuple(str(p["id"]) for p in people if p.get("id")),
            due_at=filed.at if filed else None,
            due_has_time=filed.has_time if filed else False,
            needs_deadline=filed is None,
            source_message_id=marker.message_id,
        )
        names = tuple(p["name"] for p in people if p.get("id"))
        plans.append(TaskPlan(spec, names, tuple(marker.payload.get("unknown", [])), held))
    return plans


def task_lines(plans: Sequence[TaskPlan], created: Sequence[Task] = ()) -> tuple[TaskLine, ...]:
    """The tasks as the document lists them (with their numbers once created)."""
    lines = []
    for i, plan in enumerate(plans):
        task = created[i] if i < len(created) else None
        lines.append(
            TaskLine(
                text=plan.spec.text,
                assignees=tuple(a.name for a in task.assignees) if task else plan.assignee_names,
                due_at=plan.spec.due_at,
                due_has_time=plan.spec.due_has_time,
                number=task.number if task else None,
                needs_deadline=plan.spec.needs_deadline,
            )
        )
    return tuple(lines)


_ROLE_ORDER = {
    Role.TO_TRUONG: 0,
    Role.TO_PHO: 1,
    Role.DAI_BIEU: 2,
    Role.THANH_VIEN: 2,
    Role.CHUYEN_VIEN: 3,
}


@dataclass
class _People:
    """Attendance as the markers and the messages tell it."""

    members: Mapping[str, Member]
    status: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (state, reason)
    names: dict[str, str] = field(default_factory=dict)
    ids: dict[str, str | None] = field(default_factory=dict)

    def key(self, person: Mapping[str, Any]) -> str:
        key = str(person["id"]) if person.get("id") else "name:" + fold(str(person["name"]))
        self.names.setdefault(key, str(person["name"]))
        self.ids.setdefault(key, str(person["id"]) if person.get("id") else None)
        return key

    def rank(self, key: str) -> int:
        """Leaders first, then delegates, members, the chuyên viên, and people without account."""
        member = self.members.get(self.ids.get(key) or "")
        return _ROLE_ORDER.get(member.role, 4) if member else 5

    def person(self, key: str) -> Person:
        member = self.members.get(self.ids.get(key) or "")
        title = T.ROLE_TITLES.get(member.role.value, "") if member else ""
        return Person(member.display_name if member else self.names[key], title)


def assemble(
    *,
    recording: Recording,
    settings: MinutesSettings,
    number: int,
    markers: Sequence[Marker],
    messages: Sequence[CapturedMessage],
    members: Mapping[str, Member],
    tasks: Sequence[TaskLine],
    ended_at: datetime,
    zone: ZoneInfo,
) -> MinutesDoc:
    """The document's data for a recording."""
    people = _People(members)
    chair = secretary = None
    guests: list[str] = []
    items: list[Item] = [Item("")]
    for marker in markers:
        kind, payload = marker.kind, marker.payload
        if kind in ("comat", "vang"):
            for person in payload.get("people", []):
                state = "present" if kind == "comat" else "absent"
                people.status[people.key(person)] = (state, str(person.get("reason", "")))
        elif kind == "chutri" and payload.get("people"):
            chair = people.key(payload["people"][0])
        elif kind == "thuky" and payload.get("people"):
            secretary = people.key(payload["people"][0])
        elif kind == "khach":
            guests.extend(payload.get("names", []))
        elif kind == "noidung":
            items.append(Item(str(payload.get("text", ""))))
        elif kind in ("ykien", "bieuquyet", "ketluan"):
            items[-1] = _with(items[-1], marker)
    for line in messages:
        if line.sender_id in members:
            people.status.setdefault(
                people.key({"id": line.sender_id, "name": line.sender_name}), ("present", "")
            )
    chair = chair or _leader_present(people, (Role.TO_TRUONG, Role.TO_PHO))
    secretary = secretary or _default_secretary(people, recording)
    for key in (chair, secretary):
        if key is not None and people.status.get(key, ("", ""))[0] != "absent":
            people.status[key] = ("present", "")
    present_keys = [k for k, (state, _) in people.status.items() if state == "present"]
    present = [people.person(k) for k in sorted(present_keys, key=people.rank)]
    absent = [
        AbsentPerson(people.person(k).name, people.person(k).title, reason)
        for k, (state, reason) in people.status.items()
        if state == "absent"
    ]
    return MinutesDoc(
        agency_parent=settings.agency_parent,
        agency=settings.agency,
        number=number,
        code=settings.code,
        title=recording.title,
        started_at=recording.started_at.astimezone(zone),
        ended_at=ended_at.astimezone(zone),
        place=recording.place or "",
        present=tuple(present),
        absent=tuple(absent),
        guests=tuple(guests),
        chair=people.person(chair) if chair else None,
        secretary=people.person(secretary) if secretary else None,
        items=tuple(item for item in items if item.title or item.entries or item.conclusions),
        tasks=tuple(tasks),
        recipients=T.DEFAULT_RECIPIENTS,
        transcript=tuple(
            Line(
                m.sent_at.astimezone(zone),
                m.sender_name,
                m.text,
                m.edited_at is not None,
                m.kind != "other",
            )
            for m in messages
        ),
    )


def _with(item: Item, marker: Marker) -> Item:
    payload = marker.payload
    if marker.kind == "ketluan":
        return Item(item.title, item.entries, (*item.conclusions, str(payload.get("text", ""))))
    entry: Entry
    if marker.kind == "ykien":
        speaker = payload.get("speaker") or {}
        entry = Opinion(str(speaker.get("name") or marker.author_name), str(payload["text"]))
    else:
        yes, no, abstain = (int(v) for v in payload["votes"])
        entry = VoteResult(str(payload.get("text", "")), yes, no, abstain)
    return Item(item.title, (*item.entries, entry), item.conclusions)


def _leader_present(people: _People, roles: Sequence[Role]) -> str | None:
    for role in roles:
        for key, (state, _) in people.status.items():
            member = people.members.get(people.ids.get(key) or "")
            if state == "present" and member is not None and member.role is role:
                return key
    return None


def _default_secretary(people: _People, recording: Recording) -> str:
    for member in people.members.values():
        if member.role is Role.CHUYEN_VIEN:
            return people.key({"id": member.user_id, "name": member.display_name})
    starter = people.members.get(recording.started_by)
    name = starter.display_name if starter else recording.started_by
    return people.key({"id": recording.started_by, "name": name})


def unconfirmed(doc_people: Sequence[str], members: Mapping[str, Member]) -> list[str]:
    """Members the minutes list neither as present nor as absent (names), for the summary."""
    listed = {fold(n) for n in doc_people}
    return [m.display_name for m in members.values() if fold(m.display_name) not in listed]
