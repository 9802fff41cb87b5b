"""What a biên bản says: plain data the .docx and the chat text are both written from.

Built when the minutes are closed and stored as JSON with them (storage.minutes content), so a
copy sent again later says exactly what the first one said. Times are aware datetimes in the
group's zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Person:
    """Someone named in the minutes, with their title in the Tổ ("Tổ trưởng") if known."""

    name: str
    title: str = ""


@dataclass(frozen=True)
class AbsentPerson:
    """A member who did not attend, and why."""

    name: str
    title: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Opinion:
    """What someone said on an item (#ykien)."""

    speaker: str
    text: str


@dataclass(frozen=True)
class VoteResult:
    """A vote (#bieuquyet): tán thành / không tán thành / không ý kiến."""

    subject: str
    yes: int
    no: int
    abstain: int

    @property
    def total(self) -> int:
        """Everyone who voted."""
        return self.yes + self.no + self.abstain


Entry = Opinion | VoteResult


@dataclass(frozen=True)
class Item:
    """An agenda item (#noidung) with its opinions and votes in order, and its conclusions.

    The first item of a meeting may have an empty title: what was said before any #noidung.
    """

    title: str
    entries: tuple[Entry, ...] = ()
    conclusions: tuple[str, ...] = ()


@dataclass(frozen=True)
class TaskLine:
    """An assigned task (#giaoviec) as created in the group's list."""

    text: str
    assignees: tuple[str, ...] = ()
    due_at: datetime | None = None
    due_has_time: bool = False
    number: int | None = None  # the task's number in /viec
    # the deadline was missing or unreadable, or held: year left out, or past when written
    needs_deadline: bool = False


@dataclass(frozen=True)
class Line:
    """One message of the meeting as captured (for the appendix)."""

    at: datetime
    sender: str
    text: str
    edited: bool = False
    is_text: bool = True  # False: a sticker or a file without caption


@dataclass(frozen=True)
class MinutesDoc:
    """Everything Mẫu 1.9 needs, top to bottom."""

    agency_parent: str  # "HĐND TỈNH QUẢNG NAM"
    agency: str  # "TỔ ĐẠI BIỂU SỐ 3"
    number: int
    code: str  # "BB-TĐB"
    title: str  # the meeting's name
    started_at: datetime
    ended_at: datetime
    place: str
    present: tuple[Person, ...] = ()
    absent: tuple[AbsentPerson, ...] = ()
    guests: tuple[str, ...] = ()
    chair: Person | None = None
    secretary: Person | None = None
    items: tuple[Item, ...] = ()
    tasks: tuple[TaskLine, ...] = ()
    recipients: tuple[str, ...] = ()
    transcript: tuple[Line, ...] = ()

    @property
    def number_text(self) -> str:
        """'05/BB-TĐB' (numbers below 10 get a leading zero)."""
        return f"{self.number:02d}/{self.code}"

    @property
    def conclusions(self) -> tuple[str, ...]:
        """Every conclusion, in meeting order."""
        return tuple(c for item in self.items for c in item.conclusions)


def clock_words(moment: datetime) -> str:
    """'14 giờ 05 phút'."""
    return f"{moment.hour} giờ {moment.minute:02d} phút"


def date_words(moment: datetime) -> str:
    """'ngày 25 tháng 11 năm 2026' (days and months below 10 with a leading zero, as in NĐ 30)."""
    return f"ngày {moment.day:02d} tháng {moment.month:02d} năm {moment.year}"


def moment_words(moment: datetime) -> str:
    """'14 giờ 05 phút, ngày 25 tháng 11 năm 2026'."""
    return f"{clock_words(moment)}, {date_words(moment)}"


def deadline_words(task: TaskLine) -> str:
    """'17 giờ 00 phút, ngày 27/11/2026', 'ngày 27/11/2026', or '' without a deadline."""
    if task.due_at is None:
        return ""
    day = f"ngày {task.due_at:%d/%m/%Y}"
    return f"{clock_words(task.due_at)}, {day}" if task.due_has_time else day


# -- JSON (the stored content) ---------------------------------------------------------------


def to_json(doc: MinutesDoc) -> dict[str, Any]:
    """The document as a JSON-ready dict."""
    return {
        "version": 1,
        "agency_parent": doc.agency_parent,
        "agency": doc.agency,
        "number": doc.number,
        "code": doc.code,
        "title": doc.title,
        "started_at": doc.started_at.isoformat(),
        "ended_at": doc.ended_at.isoformat(),
        "place": doc.place,
        "present": [[p.name, p.title] for p in doc.present],
        "absent": [[a.name, a.title, a.reason] for a in doc.absent],
        "guests": list(doc.guests),
        "chair": [doc.chair.name, doc.chair.title] if doc.chair else None,
        "secretary": [doc.secretary.name, doc.secretary.title] if doc.secretary else None,
        "items": [
            {
                "title": item.title,
                "entries": [_entry_json(e) for e in item.entries],
                "conclusions": list(item.conclusions),
            }
            for item in doc.items
        ],
        "tasks": [
            {
                "text": t.text,
                "assignees": list(t.assignees),
                "due_at": t.due_at.isoformat() if t.due_at else None,
                "due_has_time": t.due_has_time,
                "number": t.number,
                "needs_deadline": t.needs_deadline,
            }
            for t in doc.tasks
        ],
        "recipients": list(doc.recipients),
        "transcript": [
            [line.at.isoformat(), line.sender, line.text, line.edited, line.is_text]
            for line in doc.transcript
        ],
    }


def _entry_json(entry: Entry) -> dict[str, Any]:
    if isinstance(entry, Opinion):
        return {"opinion": [entry.speaker, entry.text]}
    return {"vote": [entry.subject, entry.yes, entry.no, entry.abstain]}


def _entry(data: dict[str, Any]) -> Entry:
    if "opinion" in data:
        return Opinion(*data["opinion"])
    subject, yes, no, abstain = data["vote"]
    return VoteResult(subject, int(yes), int(no), int(abstain))


def _person(data: list[str] | None) -> Person | None:
    return Person(*data) if data else None


def from_json(data: dict[str, Any]) -> MinutesDoc:
    """Read back what to_json wrote."""
    return MinutesDoc(
        agency_parent=data["agency_parent"],
        agency=data["agency"],
        number=int(data["number"]),
        code=data["code"],
        title=data["title"],
        started_at=datetime.fromisoformat(data["started_at"]),
        ended_at=datetime.fromisoformat(data["ended_at"]),
        place=data["place"],
        present=tuple(Person(*p) for p in data["present"]),
        absent=tuple(AbsentPerson(*a) for a in data["absent"]),
        guests=tuple(data["guests"]),
        chair=_person(data["chair"]),
        secretary=_person(data["secretary"]),
        items=tuple(
            Item(
                item["title"],
                tuple(_entry(e) for e in item["entries"]),
                tuple(item["conclusions"]),
            )
            for item in data["items"]
        ),
        tasks=tuple(
            TaskLine(
                text=t["text"],
                assignees=tuple(t["assignees"]),
                due_at=datetime.fromisoformat(t["due_at"]) if t["due_at"] else None,
                due_has_time=bool(t["due_has_time"]),
                number=t["number"],
                needs_deadline=bool(t["needs_deadline"]),
            )
            for t in data["tasks"]
        ),
        recipients=tuple(data["recipients"]),
        transcript=tuple(
            Line(datetime.fromisoformat(at), sender, text, bool(edited), bool(is_text))
            for at, sender, text, edited, is_text in data["transcript"]
        ),
    )
