"""MinutesStore contract: what any backend must do for recordings, capture, numbers and closing.

Parametrized over backends (only SQLite today) so a PostgreSQL backend later passes the same
suite. Each test checks what a user would notice: the lines kept, the marker undone, the
number given, the tasks and reminder rows created, and that a failed close changes nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from storage.db import Database
from storage.groups import GroupStore
from storage.minutes import (
    AUTO_CLOSE_KIND,
    AlreadyRecordingError,
    MinutesStore,
    NewMarker,
    NewMessage,
    NewMinutesTask,
    NumberTakenError,
    Recording,
)
from storage.reminders import NewReminder, ReminderStore, insert_rows
from storage.tasks import Task, TaskStore

VN = ZoneInfo("Asia/Ho_Chi_Minh")
T0 = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)  # 14:00 in Hà Nội


@dataclass
class Stores:
    db: Database
    groups: GroupStore
    tasks: TaskStore
    reminders: ReminderStore
    minutes: MinutesStore
    group_id: int
    other_group_id: int


async def _sqlite(tmp_path: Path) -> Database:
    return await Database.open(tmp_path / "minutes.sqlite3")


BACKENDS = {"sqlite": _sqlite}


@pytest.fixture(params=sorted(BACKENDS))
async def s(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Stores]:
    db = await BACKENDS[request.param](tmp_path)
    groups = GroupStore(db)
    ids = []
    for chat in ("-1", "-2"):
        group = await groups.register(
            platform="telegram",
            chat_id=chat,
            name=f"Tổ {chat}",
            timezone=VN,
            registered_by="1",
            now=T0,
        )
        ids.append(group.id)
    for user_id, name in (("1", "Nguyễn Lan"), ("2", "Trần Hùng"), ("3", "Lê Mai")):
        await groups.record_member(
            ids[0], user_id=user_id, display_name=name, username=None, now=T0
        )
    tasks = TaskStore(db)
    yield Stores(db, groups, tasks, ReminderStore(db), MinutesStore(db, tasks), ids[0], ids[1])
    await db.close()


async def _start(s: Stores, group_id: int | None = None, **kw: object) -> Recording:
    return await s.minutes.start(
        group_id=group_id or s.group_id,
        title="Họp Tổ chuẩn bị kỳ họp",
        started_by="1",
        now=T0,
        auto_close_at=T0 + timedelta(hours=6),
        **kw,  # type: ignore[arg-type]
    )


def _msg(mid: int, sender: str = "2", text: str = "xin ý kiến", minutes: int = 0) -> NewMessage:
    names = {"1": "Nguyễn Lan", "2": "Trần Hùng", "3": "Lê Mai"}
    return NewMessage(
        str(mid), sender, names[sender], T0 + timedelta(minutes=minutes), "text", text
    )


def _compose(number: int, tasks: Sequence[Task]) -> dict[str, object]:
    return {"number": number, "tasks": [t.number for t in tasks]}


async def _close(
    s: Stores, rec: Recording, tasks: Sequence[NewMinutesTask] = (), year: int = 2026
):
    return await s.minutes.close(
        rec,
        now=T0 + timedelta(hours=2),
        closed_by="1",
        reason="manual",
        year=year,
        zone=VN,
        tasks=tasks,
        compose=_compose,
    )


# -- one open recording per group ----------------------------------------------------------


async def test_a_second_start_in_the_same_group_is_refused_and_names_the_open_one(
    s: Stores,
) -> None:
    first = await _start(s)
    with pytest.raises(AlreadyRecordingError) as refused:
        await _start(s)
    assert refused.value.recording.id == first.id
    assert (await s.minutes.open_recording(s.group_id)) == first
    assert await _start(s, s.other_group_id)  # another group records at the same time


async def test_the_schema_itself_refuses_two_open_recordings(s: Stores) -> None:
    await _start(s)
    with pytest.raises(sqlite3.IntegrityError):
        await s.db.execute(
            "INSERT INTO minutes_recordings (group_id, title, started_by, started_at,"
            " auto_close_at) VALUES (?, 'x', '1', '2026-11-25 07:00:00', '2026-11-25 13:00:00')",
            (s.group_id,),
        )


async def test_after_closing_a_new_recording_can_start(s: Stores) -> None:
    first = await _start(s)
    await _close(s, first)
    second = await _start(s)
    assert second.id != first.id
    assert second.is_open
    closed = await s.minutes.recording(first.id)
    assert closed is not None
    assert not closed.is_open
    assert closed.close_reason == "manual"


# -- capture ---------------------------------------------------------------------------------


async def test_messages_are_kept_in_order_and_a_redelivered_one_only_once(s: Stores) -> None:
    rec = await _start(s)
    first = await s.minutes.capture(rec.id, _msg(10, text="Một"))
    await s.minutes.capture(rec.id, _msg(11, "3", "Hai", 1))
    again = await s.minutes.capture(rec.id, _msg(10, text="Một (lần nữa)"))
    assert first.new
    assert not again.new
    assert again.seq == first.seq
    lines = await s.minutes.messages(rec.id)
    assert [(m.sender_name, m.text) for m in lines] == [("Trần Hùng", "Một"), ("Lê Mai", "Hai")]
    assert await s.minutes.message_count(rec.id) == 2


async def test_a_marker_is_stored_with_its_message_and_comes_back_in_meeting_order(
    s: Stores,
) -> None:
    rec = await _start(s, markers=[NewMarker("comat", "1", {"people": [{"name": "Lê Mai"}]})])
    await s.minutes.capture(
        rec.id,
        _msg(1, text="#noidung Kế hoạch"),
        marker=NewMarker("noidung", "2", {"text": "Kế hoạch"}),
    )
    await s.minutes.capture(
        rec.id,
        _msg(2, "3", "#ykien Đồng ý", 3),
        marker=NewMarker("ykien", "3", {"text": "Đồng ý"}),
    )
    markers = await s.minutes.markers(rec.id)
    assert [(m.kind, m.author_name, m.message_id) for m in markers] == [
        ("comat", "Nguyễn Lan", None),  # copied from the event before any message
        ("noidung", "Trần Hùng", "1"),
        ("ykien", "Lê Mai", "2"),
    ]
    assert markers[2].payload == {"text": "Đồng ý"}
    assert markers[2].at == T0 + timedelta(minutes=3)


async def test_undo_removes_the_senders_own_last_marker_only(s: Stores) -> None:
    rec = await _start(s)
    await s.minutes.capture(
        rec.id, _msg(1, "2", "#ketluan A"), marker=NewMarker("ketluan", "2", {"text": "A"})
    )
    await s.minutes.capture(
        rec.id, _msg(2, "2", "#ketluan B"), marker=NewMarker("ketluan", "2", {"text": "B"})
    )
    await s.minutes.capture(
        rec.id, _msg(3, "3", "#ykien C"), marker=NewMarker("ykien", "3", {"text": "C"})
    )
    undo = await s.minutes.capture(rec.id, _msg(4, "2", "#bo"), undo=True)
    assert undo.undone is not None
    assert undo.undone.payload == {"text": "B"}
    assert [m.payload["text"] for m in await s.minutes.markers(rec.id)] == ["A", "C"]
    every = await s.minutes.markers(rec.id, with_undone=True)
    assert [(m.payload["text"], m.undone) for m in every] == [
        ("A", False),
        ("B", True),
        ("C", False),
    ]
    nothing = await s.minutes.capture(rec.id, _msg(5, "1", "#undo"), undo=True)
    assert nothing.new
    assert nothing.undone is None  # Lan made no marker: nothing of anyone else's is touched


async def test_an_edit_replaces_the_line_and_its_marker(s: Stores) -> None:
    rec = await _start(s)
    await s.minutes.capture(
        rec.id,
        _msg(1, text="#ketluan Thong qua"),
        marker=NewMarker("ketluan", "2", {"text": "Thong qua"}),
    )
    await s.minutes.capture(rec.id, _msg(2, text="ý kiến thường"))
    later = T0 + timedelta(minutes=5)
    assert await s.minutes.edit(
        rec.id,
        "1",
        "#ketluan Thông qua kế hoạch",
        later,
        NewMarker("ketluan", "2", {"text": "Thông qua kế hoạch"}),
    )
    assert await s.minutes.edit(
        rec.id, "2", "#ykien Tôi đồng ý", later, NewMarker("ykien", "2", {"text": "Tôi đồng ý"})
    )
    lines = await s.minutes.messages(rec.id)
    assert [(m.text, m.edited_at) for m in lines] == [
        ("#ketluan Thông qua kế hoạch", later),
        ("#ykien Tôi đồng ý", later),
    ]
    markers = await s.minutes.markers(rec.id)
    assert [(m.kind, m.payload["text"]) for m in markers] == [
        ("ketluan", "Thông qua kế hoạch"),
        ("ykien", "Tôi đồng ý"),
    ]
    # Edited into an ordinary message: the marker goes, the line stays.
    assert await s.minutes.edit(rec.id, "1", "thông qua", later, None)
    assert [m.kind for m in await s.minutes.markers(rec.id)] == ["ykien"]
    assert len(await s.minutes.messages(rec.id)) == 2


async def test_editing_a_message_from_before_the_recording_changes_nothing(s: Stores) -> None:
    rec = await _start(s)
    assert not await s.minutes.edit(rec.id, "999", "mới", T0, None)
    assert await s.minutes.messages(rec.id) == []


async def test_an_undone_marker_stays_undone_when_its_message_is_edited(s: Stores) -> None:
    rec = await _start(s)
    await s.minutes.capture(
        rec.id, _msg(1, text="#ketluan A"), marker=NewMarker("ketluan", "2", {"text": "A"})
    )
    await s.minutes.capture(rec.id, _msg(2, text="#bo"), undo=True)
    await s.minutes.edit(rec.id, "1", "#ketluan A2", T0, NewMarker("ketluan", "2", {"text": "A2"}))
    assert await s.minutes.markers(rec.id) == []


# -- closing ---------------------------------------------------------------------------------


async def test_closing_numbers_the_minutes_and_creates_its_tasks(s: Stores) -> None:
    rec = await _start(s)
    due = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    specs = [
        NewMinutesTask(None, "Soạn báo cáo", "1", ("2",), due, True, source_message_id="5"),
        NewMinutesTask(None, "Liên hệ UBND xã", "1", ("3",), needs_deadline=True),
    ]
    minutes = await _close(s, rec, specs)
    assert minutes is not None
    assert (minutes.number, minutes.year) == (1, 2026)
    created = [await s.tasks.by_id(i) for i in minutes.task_ids]
    assert [(t.text, t.due_at, [a.name for a in t.assignees]) for t in created if t] == [
        ("Soạn báo cáo", due, ["Trần Hùng"]),
        ("Liên hệ UBND xã", None, ["Lê Mai"]),
    ]
    assert minutes.content == {"number": 1, "tasks": [1, 2]}
    stored = await s.minutes.get(s.group_id, 1)
    assert stored == minutes
    assert stored is not None
    assert stored.content == minutes.content
    assert stored.task_ids == minutes.task_ids
    origin = await s.minutes.origin_of_task(minutes.task_ids[1])
    assert origin is not None
    assert (origin.number, origin.needs_deadline) == (1, True)
    assert await s.minutes.origin_of_task(9999) is None


async def test_a_recording_closed_twice_closes_once(s: Stores) -> None:
    rec = await _start(s)
    assert await _close(s, rec) is not None
    again = await _close(s, rec, [NewMinutesTask(None, "Việc", "1")])
    assert again is None
    assert len(await s.minutes.recent(s.group_id)) == 1
    assert await s.db.fetchone("SELECT 1 FROM tasks") is None


async def test_a_failing_close_changes_nothing(s: Stores) -> None:
    rec = await _start(s)

    def broken(number: int, tasks: Sequence[Task]) -> dict[str, object]:
        raise RuntimeError("document failed")

    with pytest.raises(RuntimeError):
        await s.minutes.close(
            rec,
            now=T0,
            closed_by="1",
            reason="manual",
            year=2026,
            zone=VN,
            tasks=[NewMinutesTask(None, "Việc", "1")],
            compose=broken,
        )
    assert (await s.minutes.open_recording(s.group_id)) == rec
    assert await s.db.fetchone("SELECT 1 FROM tasks") is None
    assert await s.minutes.recent(s.group_id) == []
    assert await s.minutes.next_number(s.group_id, 2026) == 1


async def test_tasks_and_their_reminder_rows_commit_with_the_close_or_not_at_all(
    s: Stores,
) -> None:
    """The task observer (the reminder planner in the bot) runs inside the close."""
    planned: list[int] = []

    async def plan(task: Task, new: bool) -> None:
        async with s.db.transaction() as conn:
            await insert_rows(
                conn,
                [NewReminder(task.group_id, "task_due", task.id, T0 + timedelta(days=1), "-1")],
                T0,
            )
        planned.append(task.id)

    s.tasks.on_change = plan
    rec = await _start(s)
    minutes = await _close(
        s, rec, [NewMinutesTask(None, "A", "1"), NewMinutesTask(None, "B", "1")]
    )
    assert minutes is not None
    rows = await s.db.fetchall("SELECT source_id FROM reminders WHERE kind = 'task_due'")
    assert sorted(r["source_id"] for r in rows) == sorted(minutes.task_ids)

    async def refuse(task: Task, new: bool) -> None:
        raise RuntimeError("planner down")

    s.tasks.on_change = refuse
    second = await _start(s)
    with pytest.raises(RuntimeError):
        await _close(s, second, [NewMinutesTask(None, "C", "1")])
    assert (await s.minutes.open_recording(s.group_id)) == second
    assert len(await s.db.fetchall("SELECT 1 FROM tasks")) == 2


async def test_the_auto_close_reminder_is_written_at_start_and_cancelled_at_close(
    s: Stores,
) -> None:
    row = NewReminder(s.group_id, AUTO_CLOSE_KIND, None, T0 + timedelta(hours=6), "-1")
    rec = await _start(s, reminders=[row])
    (pending,) = await s.reminders.pending_of(AUTO_CLOSE_KIND, rec.id)
    assert pending.due_at == rec.auto_close_at
    await _close(s, rec)
    assert await s.reminders.pending_of(AUTO_CLOSE_KIND, rec.id) == []


# -- numbers ---------------------------------------------------------------------------------


async def test_numbers_follow_on_per_group_and_start_again_each_year(s: Stores) -> None:
    for _ in range(2):
        await _close(s, await _start(s))
    other = await _close(s, await _start(s, s.other_group_id))
    assert other is not None
    assert other.number == 1  # each group has its own series
    assert await s.minutes.next_number(s.group_id, 2026) == 3
    new_year = await _close(s, await _start(s), year=2027)
    assert new_year is not None
    assert (new_year.number, new_year.year) == (1, 2027)
    assert [m.number for m in await s.minutes.recent(s.group_id)] == [1, 2, 1]


async def test_the_next_number_can_be_set_but_not_to_one_already_used(s: Stores) -> None:
    await _close(s, await _start(s))
    with pytest.raises(NumberTakenError):
        await s.minutes.set_next_number(s.group_id, 2026, 1)
    with pytest.raises(ValueError, match="start at 1"):
        await s.minutes.set_next_number(s.group_id, 2026, 0)
    await s.minutes.set_next_number(s.group_id, 2026, 5)
    assert await s.minutes.next_number(s.group_id, 2026) == 5
    fifth = await _close(s, await _start(s))
    assert fifth is not None
    assert fifth.number == 5
    assert await s.minutes.next_number(s.group_id, 2026) == 6


async def test_a_number_set_below_one_already_used_skips_to_the_first_free(s: Stores) -> None:
    await s.minutes.set_next_number(s.group_id, 2026, 2)
    await _close(s, await _start(s))  # 2
    await s.minutes.set_next_number(s.group_id, 2026, 1)
    await _close(s, await _start(s))  # 1
    third = await _close(s, await _start(s))
    assert third is not None
    assert third.number == 3  # 2 is taken: never two minutes with the same number


async def test_get_by_number_prefers_the_most_recent_year_unless_one_is_given(s: Stores) -> None:
    await _close(s, await _start(s), year=2025)
    await _close(s, await _start(s), year=2026)
    latest = await s.minutes.get(s.group_id, 1)
    older = await s.minutes.get(s.group_id, 1, 2025)
    assert latest is not None
    assert older is not None
    assert (latest.year, older.year) == (2026, 2025)
    assert await s.minutes.get(s.other_group_id, 1) is None  # another group's minutes
