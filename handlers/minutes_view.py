"""The minutes in chat: the short summary (while recording and at the end), the full plain text
(/bienban <số> text) and the .docx reply. All from the same MinutesDoc as the document."""

from __future__ import annotations

from datetime import datetime

from bot.chat.messages import Document, Reply
from bot.dates import format_when
from handlers import minutes_text as T
from handlers.minutes_doc import (
    MinutesDoc,
    Opinion,
    Person,
    date_words,
    deadline_words,
    moment_words,
)
from handlers.minutes_docx import build_docx
from handlers.minutes_settings import minutes_settings
from storage.minutes import TaskOrigin
from storage.models import Group
from storage.tasks import Task

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _who(person: Person | None) -> str:
    if person is None:
        return T.LINE_NOT_SET
    return f"{person.name} ({person.title})" if person.title else person.name


def summary_lines(doc: MinutesDoc, now: datetime) -> list[str]:
    """Attendance, items, conclusions and tasks in a few lines (times in the group's zone)."""
    now = now.astimezone(doc.started_at.tzinfo)
    lines = []
    if doc.present:
        names = ", ".join(p.name for p in doc.present)
        lines.append(T.LINE_PRESENT.format(count=len(doc.present), names=names))
    if doc.absent:
        names = ", ".join(f"{a.name} ({a.reason})" if a.reason else a.name for a in doc.absent)
        lines.append(T.LINE_ABSENT.format(count=len(doc.absent), names=names))
    if doc.guests:
        lines.append(T.LINE_GUESTS.format(names="; ".join(doc.guests)))
    lines.append(T.LINE_CHAIR.format(chair=_who(doc.chair), secretary=_who(doc.secretary)))
    titled = [item for item in doc.items if item.title]
    if titled:
        lines.append(T.LINE_ITEMS)
        for n, item in enumerate(titled, start=1):
            opinions = sum(1 for e in item.entries if isinstance(e, Opinion))
            votes = len(item.entries) - opinions
            extra = T.LINE_ITEM_VOTES.format(count=votes) if votes else ""
            lines.append(T.LINE_ITEM.format(n=n, title=item.title, opinions=opinions, votes=extra))
    if doc.conclusions:
        lines.append(T.LINE_CONCLUSIONS)
        lines += [T.LINE_CONCLUSION.format(text=c) for c in doc.conclusions]
    if doc.tasks:
        created = any(t.number for t in doc.tasks)
        lines.append(T.LINE_TASKS_CREATED if created else T.LINE_TASKS)
        for task in doc.tasks:
            when = (
                format_when(task.due_at, task.due_has_time, now=now)
                if task.due_at
                else T.LINE_TASK_NO_DUE
            )
            lines.append(
                T.LINE_TASK.format(
                    ref=T.LINE_TASK_REF.format(number=task.number) if task.number else "",
                    text=task.text,
                    who=", ".join(task.assignees) or T.LINE_TASK_NOBODY,
                    when=when,
                )
            )
    return lines


def plain_text(doc: MinutesDoc) -> str:
    """The whole biên bản as chat text (the appendix is left to the .docx)."""
    lines = [
        f"{doc.agency_parent.upper()} – {doc.agency.upper()}",
        T.NUMBER.format(number=doc.number_text),
        "",
        T.DOC_KIND,
        doc.title,
        "",
        T.STARTED.format(when=moment_words(doc.started_at)),
        T.PLACE.format(place=doc.place or T.PLACE_ONLINE),
        T.ATTENDANCE,
    ]
    if doc.present:
        people = "; ".join(_who(p) for p in doc.present)
        lines.append(T.PRESENT.format(count=len(doc.present), people=people))
    if doc.absent:
        people = "; ".join(
            T.ABSENT_REASON.format(name=a.name, reason=a.reason) if a.reason else a.name
            for a in doc.absent
        )
        lines.append(T.ABSENT.format(count=len(doc.absent), people=people))
    if doc.guests:
        lines.append(T.GUESTS.format(guests="; ".join(doc.guests)))
    lines.append(T.CHAIR.format(person=_who(doc.chair)))
    lines.append(T.SECRETARY.format(person=_who(doc.secretary)))
    lines.append(T.CONTENT)
    n = 0
    for item in doc.items:
        if item.title:
            n += 1
            lines.append(T.ITEM.format(n=n, title=item.title))
        for entry in item.entries:
            if isinstance(entry, Opinion):
                lines.append(T.OPINION.format(speaker=entry.speaker, text=entry.text))
            else:
                subject = f" {entry.subject}" if entry.subject else ""
                lines.append(
                    T.VOTE.format(
                        subject=subject,
                        yes=entry.yes,
                        no=entry.no,
                        abstain=entry.abstain,
                        total=entry.total,
                    )
                )
    lines.append(T.CONCLUSIONS)
    lines += [T.CONCLUSION.format(text=c) for c in doc.conclusions] or [T.CONCLUSIONS_NONE]
    if doc.tasks:
        lines.append(T.TASKS)
        for i, task in enumerate(doc.tasks, start=1):
            ref = T.TASK_REF.format(number=task.number) if task.number else ""
            lines.append(
                T.TASK.format(
                    n=i,
                    text=task.text.rstrip("."),
                    who=", ".join(task.assignees) or T.TASK_NOBODY,
                    when=deadline_words(task) or T.TASK_NO_DEADLINE,
                    ref=ref,
                )
            )
    lines.append(T.CLOSING.format(when=moment_words(doc.ended_at)))
    lines.append(f"{T.SECRETARY_SIGN}: {_who(doc.secretary)} – {T.CHAIR_SIGN}: {_who(doc.chair)}")
    return "\n".join(lines)


def docx_reply(doc: MinutesDoc, year: int, *, hint: bool = False) -> Reply:
    """The .docx as a document reply, with a short caption."""
    caption = T.DOCX_CAPTION.format(number=doc.number_text, date=date_words(doc.started_at))
    filename = f"bien-ban-{doc.number:02d}-{year}.docx"
    return Reply(
        text=caption + (T.DOCX_CAPTION_HINT if hint else ""),
        document=Document(filename, build_docx(doc), DOCX_MIME),
    )


def task_origin_lines(
    origin: TaskOrigin | None, task: Task, group: Group, now: datetime
) -> list[str]:
    """For /viec <số>: the minutes the task was assigned in, and a missing deadline."""
    if origin is None:
        return []
    this_year = now.astimezone(group.timezone).year
    short = str(origin.number) if origin.year == this_year else f"{origin.number}/{origin.year}"
    number = f"{origin.number:02d}/{minutes_settings(group).code}"
    lines = [T.TASK_ORIGIN.format(number=number, title=origin.title, short=short)]
    if origin.needs_deadline and task.due_at is None and task.is_open:
        lines.append(T.TASK_ORIGIN_NEEDS_DEADLINE)
    return lines
