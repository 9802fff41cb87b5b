"""/bienban: record a meeting in the group's chat and turn it into a biên bản and tasks.

/bienban batdau [tiêu đề | số lịch] starts (leaders; checks that the bot sees every message),
/bienban shows what was captured, /bienban ketthuc closes (leaders or the named chair),
/bienban ds lists past minutes, /bienban <số> [text] sends one again. Capture itself is the
pre-handler hook in handlers/minutes_capture.py; a recording left open is closed by a
'minutes_autoclose' reminder row, rendered here.
"""

from __future__ import annotations

import re
from datetime import datetime

from bot.chat.messages import Reply
from bot.core.context import Context, Services, UserError
from bot.core.permissions import Action
from bot.core.router import Command, Router
from bot.dates import format_when
from bot.reminders.render import Outgoing
from bot.textnorm import fold
from handlers import minutes_text as T
from handlers.minutes_assemble import assemble, plan_tasks, task_lines
from handlers.minutes_capture import capture, chair_of
from handlers.minutes_close import Closed, chuyen_vien_mention, close_recording, closing_notes
from handlers.minutes_doc import from_json
from handlers.minutes_settings import minutes_settings
from handlers.minutes_view import docx_reply, plain_text, summary_lines
from storage.minutes import AUTO_CLOSE_KIND, AlreadyRecordingError, NewMarker, Recording
from storage.models import Group
from storage.reminders import NewReminder, Reminder

MAX_TITLE = 300
_NUMBER_RE = re.compile(r"#?0*(\d{1,4})(?:/(\d{4}))?")


def register(router: Router) -> None:
    """Add /bienban, the capture hook and the auto-close reminder."""
    router.command(
        Command(
            "bienban",
            minutes,
            T.SUMMARY,
            T.USAGE,
            T.SECTION,
            aliases=("minutes",),
            summary_en=T.SUMMARY_EN,
        )
    )
    router.pre_handler(
        capture,
        why="after note_people (it needs the group and the sender's name) and before every "
        "feature: a meeting's message is written down before anything answers it, and a marker "
        "ends there (it is not a Vắng reason or anything else)",
    )
    router.reminder(AUTO_CLOSE_KIND, render_auto_close)


async def minutes(ctx: Context) -> Reply | list[Reply]:
    """/bienban …: start, show, stop, list, or send past minutes again."""
    group = ctx.require_group()
    word, _, rest = ctx.msg.args.strip().partition(" ")
    key = fold(word)
    if key in T.START_WORDS:
        return await start(ctx, group, rest.strip())
    if key in T.STOP_WORDS:
        return await stop(ctx, group)
    await ctx.require(Action.VIEW)
    if not key:
        return await status(ctx, group)
    if key in T.LIST_WORDS:
        return await list_minutes(ctx, group)
    match = _NUMBER_RE.fullmatch(word)
    if match is None:
        raise UserError(T.BAD_NUMBER.format(word=word))
    year = int(match.group(2)) if match.group(2) else None
    found = await ctx.services.minutes.get(group.id, int(match.group(1)), year)
    if found is None:
        raise UserError(T.MINUTES_NOT_FOUND.format(number=word))
    doc = from_json(found.content)
    if fold(rest).strip() in T.TEXT_WORDS:
        return Reply(text=plain_text(doc))
    return docx_reply(doc, found.year)


async def start(ctx: Context, group: Group, args: str) -> Reply:
    """Open the recording (with an event's time, place and attendance when given its number)."""
    await ctx.require(Action.RECORD_MINUTES)
    services, now = ctx.services, ctx.now()
    # Zalo shows the bot only messages that call it: the meeting is recorded from those (its
    # markers, written after @Trợ lý), and the start says so. On Telegram the bot can be let
    # see every message, and is told how rather than recording half a meeting.
    called_only = ctx.messenger.capabilities.mentions_only
    if not called_only and not await ctx.messenger.sees_group_messages(ctx.msg.chat_id):
        raise UserError(T.CANNOT_SEE)
    if len(args) > MAX_TITLE:
        raise UserError(T.TITLE_TOO_LONG.format(length=len(args), limit=MAX_TITLE))
    title, place, event_id, markers, event_line = args, None, None, [], ""
    number = _event_number(args)
    if number is not None:
        event = await services.events.by_number(group.id, number)
        if event is None:
            raise UserError(T.NO_EVENT.format(number=number))
        if event.status != "active":
            raise UserError(T.EVENT_CANCELLED.format(number=number))
        title, place, event_id = event.title, event.place, event.id
        markers = await _attendance_markers(services, group, event.id, ctx.msg.sender.user_id)
        event_line = T.STARTED_FROM_EVENT.format(
            number=number,
            when=_when(event.starts_at, group, now),
            place=event.place or T.PLACE_ONLINE,
        )
    title = " ".join(title.split()) or T.DEFAULT_TITLE.format(group=group.name)
    auto_close_at = now + minutes_settings(group).autoclose
    row = NewReminder(group.id, AUTO_CLOSE_KIND, None, auto_close_at, group.chat_id)
    try:
        await services.minutes.start(
            group_id=group.id,
            title=title,
            started_by=ctx.msg.sender.user_id,
            now=now,
            auto_close_at=auto_close_at,
            event_id=event_id,
            place=place,
            markers=markers,
            reminders=[row],
        )
    except AlreadyRecordingError as already:
        raise UserError(_already(already.recording, group, now)) from None
    await services.dispatcher.rearm()
    started = T.RECORDING_STARTED_CALLED if called_only else T.RECORDING_STARTED
    return Reply(
        text=started.format(
            title=title, event=event_line, auto_close=_when(auto_close_at, group, now)
        )
    )


def _event_number(args: str) -> int | None:
    """'3', 'lịch 3', 'lich so 3', '#3' → 3; anything else is a title."""
    folded = fold(args).strip()
    for word in sorted(T.EVENT_WORDS, key=len, reverse=True):
        if folded.startswith(word + " "):
            folded = folded[len(word) :].strip()
            break
    match = re.fullmatch(r"#?(\d{1,6})", folded)
    return int(match.group(1)) if match else None


async def _attendance_markers(
    services: Services, group: Group, event_id: int, author: str
) -> list[NewMarker]:
    """The event's confirmed attendance as #comat / #vang markers (names as the group knows)."""
    answers = await services.events.attendance(event_id)
    names = await services.tasks.names(group.id, [a.user_id for a in answers])
    present = [{"id": a.user_id, "name": names[a.user_id]} for a in answers if a.answer == "yes"]
    absent = [
        {"id": a.user_id, "name": names[a.user_id], "reason": a.reason or ""}
        for a in answers
        if a.answer == "no"
    ]
    markers = []
    if present:
        markers.append(NewMarker("comat", author, {"people": present}))
    if absent:
        markers.append(NewMarker("vang", author, {"people": absent}))
    return markers


def _when(moment: datetime, group: Group, now: datetime) -> str:
    """A moment as the bot writes it, in the group's zone (now may be UTC)."""
    return format_when(moment, True, now=now.astimezone(group.timezone))


def _already(recording: Recording, group: Group, now: datetime) -> str:
    return T.ALREADY.format(title=recording.title, when=_when(recording.started_at, group, now))


async def status(ctx: Context, group: Group) -> Reply:
    """What has been captured so far (or how to start)."""
    store, now = ctx.services.minutes, ctx.now()
    recording = await store.open_recording(group.id)
    if recording is None:
        return Reply(text=T.NOT_RECORDING + "\n\n" + T.USAGE)
    markers = await store.markers(recording.id)
    messages = await store.messages(recording.id)
    members = {m.user_id: m for m in await ctx.services.groups.members(group.id)}
    doc = assemble(
        recording=recording,
        settings=minutes_settings(group),
        number=await store.next_number(group.id, recording.started_at.year),
        markers=markers,
        messages=messages,
        members=members,
        tasks=task_lines(plan_tasks(markers, group.timezone)),
        ended_at=now,
        zone=group.timezone,
    )
    lines = [
        T.STATUS_HEADER.format(
            title=recording.title,
            when=_when(recording.started_at, group, now),
            count=len(messages),
        ),
        *summary_lines(doc, now),
        T.STATUS_AUTO.format(when=_when(recording.auto_close_at, group, now)),
    ]
    return Reply(text="\n".join(lines))


async def stop(ctx: Context, group: Group) -> list[Reply]:
    """Close the recording: the summary, the tasks created, and the .docx."""
    services = ctx.services
    recording = await services.minutes.open_recording(group.id)
    if recording is None:
        await ctx.require(Action.VIEW)
        raise UserError(T.NOT_RECORDING)
    chair = chair_of(await services.minutes.markers(recording.id))
    await ctx.require(Action.RECORD_MINUTES, owner_id=chair)
    closed = await close_recording(
        services, group, recording, closed_by=ctx.msg.sender.user_id, now=ctx.now()
    )
    if closed is None:
        raise UserError(T.NOT_RECORDING)
    header = T.CLOSED_HEADER.format(
        title=closed.doc.title,
        number=closed.doc.number_text,
        start=f"{closed.doc.started_at:%H:%M}",
        end=f"{closed.doc.ended_at:%H:%M %d/%m/%Y}",
        count=closed.message_count,
    )
    replies = [Reply(text="\n".join([header, *summary_lines(closed.doc, ctx.now())]))]
    replies.append(docx_reply(closed.doc, closed.minutes.year, hint=True))
    notes = closing_notes(closed, group, await chuyen_vien_mention(services, group))
    if notes:
        replies.append(Reply(text="\n".join(notes)))
    return replies


async def list_minutes(ctx: Context, group: Group) -> Reply:
    """/bienban ds: the group's minutes, newest first."""
    found = await ctx.services.minutes.recent(group.id)
    if not found:
        return Reply(text=T.LIST_EMPTY)
    code = minutes_settings(group).code
    lines = [T.LIST_HEADER]
    newest_year = found[0].year
    for entry in found:
        short = str(entry.number) if entry.year == newest_year else f"{entry.number}/{entry.year}"
        lines.append(
            T.LIST_LINE.format(
                number=f"{entry.number:02d}/{code}",
                date=f"{entry.started_at.astimezone(group.timezone):%d/%m/%Y}",
                title=entry.title,
                short=short,
            )
        )
    return Reply(text="\n".join(lines))


async def render_auto_close(
    services: Services, row: Reminder, group: Group, now: datetime
) -> Outgoing | None:
    """Close a forgotten recording and say so (again, if the first notice was not sent)."""
    recording = await services.minutes.recording(row.source_id or 0)
    if recording is None or recording.group_id != group.id:
        return None
    closed: Closed | None = None
    if recording.is_open:
        closed = await close_recording(services, group, recording, closed_by=None, now=now)
    if closed is None:
        recording = await services.minutes.recording(recording.id) or recording
        minutes = await services.minutes.of_recording(recording.id)
        if minutes is None or recording.close_reason == "manual":
            return None  # closed by hand meanwhile: nothing to announce
        doc = from_json(minutes.content)
        count = await services.minutes.message_count(recording.id)
    else:
        doc, count = closed.doc, closed.message_count
    header = T.AUTO_CLOSED_HEADER.format(
        title=doc.title,
        hours=int(minutes_settings(group).autoclose.total_seconds() // 3600),
        number=doc.number_text,
        count=count,
    )
    lines = [header, *summary_lines(doc, now), T.AUTO_CLOSED_GET.format(number=doc.number)]
    if closed is not None:
        # What the chuyên viên must complete, as after /bienban ketthuc (tasks left without a
        # deadline and why, attendance, the agency). A notice sent again after a failed first
        # try has only the summary: the plans the notes come from are not kept.
        notes = closing_notes(closed, group, await chuyen_vien_mention(services, group))
        if notes:
            lines += ["", *notes]
    return Outgoing("\n".join(lines))
