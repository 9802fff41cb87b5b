"""Task deadlines reach the reminder engine through the task commands themselves:
/viec plans reminders, /han moves them, /giao adds people, /xong and /xoa cancel them,
and a restart loses none of them."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.support.world import VN, World, at, db_of


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=VN)


async def setup_group(w: World) -> None:
    await w.say(w.group, w.lan, "/caidat tonghop tat")  # keep the morning digest out of the way
    await w.say(w.fake.dm(w.hung), w.hung, "/start")  # Hùng gets DMs; Mai does not


async def new_task(w: World, command: str) -> None:
    """Lan creates a task for Hùng; his private note about it is read and set aside."""
    await w.say(w.group, w.lan, command)
    note = await w.fake.next_reply(w.fake.dm(w.hung))
    assert "anh/chị được giao việc" in note.text


async def test_viec_with_deadline_reminds_assignee_day_before_and_at_deadline(
    registered: World,
) -> None:
    w = registered
    await setup_group(w)
    reply = await w.say(w.group, w.lan, "/viec Gửi giấy mời MTTQ xã @hung hạn 17h thứ 6")
    assert "#1" in reply.text
    note = await w.fake.next_reply(w.fake.dm(w.hung))
    assert note.text.startswith(
        "Tổ đại biểu số 3 – phường Tân Lập: anh/chị được giao việc #1: Gửi giấy mời MTTQ xã"
    )
    assert note.labels == ["✅ Xong"]
    await at(w, local(26, 15, 59))
    assert w.fake.unread(w.fake.dm(w.hung)) == []
    await at(w, local(26, 16))
    [day_before] = w.fake.unread(w.fake.dm(w.hung))
    assert "Nhắc hạn công việc: việc số 1 “Gửi giấy mời MTTQ xã”" in day_before.text
    assert "17:00 thứ Sáu, 27/11" in day_before.text
    # Hùng did not create the task: ✅ for his part, no Đổi hạn; and the snooze button.
    assert day_before.labels == ["✅ Xong", "Nhắc lại sau 1 giờ"]
    await at(w, local(27, 17))
    [at_deadline] = w.fake.unread(w.fake.dm(w.hung))
    assert "Đến hạn công việc: việc số 1" in at_deadline.text
    assert w.fake.unread(w.group) == []


async def test_changing_the_deadline_moves_the_reminders(registered: World) -> None:
    w = registered
    await setup_group(w)
    await new_task(w, "/viec Soạn báo cáo kết quả kỳ họp @hung hạn 17h thứ 6")
    reply = await w.say(w.group, w.lan, "/han 1 17h thứ 3 tuần sau")
    assert "01/12" in reply.text
    await at(w, local(27, 17))
    assert w.fake.unread(w.fake.dm(w.hung)) == []
    await at(w, local(30, 16))
    [moved] = w.fake.unread(w.fake.dm(w.hung))
    assert "17:00 thứ Ba, 01/12" in moved.text


async def test_done_and_deleted_tasks_are_not_reminded(registered: World) -> None:
    w = registered
    await setup_group(w)
    await new_task(w, "/viec Đặt hội trường @hung hạn 17h thứ 6")
    await new_task(w, "/viec In tài liệu @hung hạn 17h thứ 6")
    await w.say(w.group, w.hung, "/xong 1")
    await w.press(await w.say(w.group, w.lan, "/xoa 2"), w.lan, "Xóa")
    await at(w, local(28, 9))
    assert w.fake.unread(w.fake.dm(w.hung)) == []
    assert w.fake.unread(w.group) == []


async def test_assigning_later_reminds_the_new_person_by_mention(registered: World) -> None:
    w = registered
    await setup_group(w)
    await w.say(w.group, w.lan, "/viec Tổng hợp kiến nghị cử tri hạn 17h thứ 6")
    await w.say(w.group, w.lan, "/giao 1 Mai", links={"Mai": w.mai})
    await at(w, local(26, 16))
    [mention] = w.fake.unread(w.group)
    assert mention.text.startswith("Mai: Nhắc hạn công việc: việc số 1")


async def test_reminders_of_a_task_survive_a_restart(registered: World) -> None:
    w = registered
    await setup_group(w)
    await new_task(w, "/viec Gửi công văn @hung hạn 17h thứ 6")
    await w.restart()
    await at(w, local(26, 16))
    [reminder] = w.fake.unread(w.fake.dm(w.hung))
    assert "Gửi công văn" in reminder.text


async def test_tasks_and_events_without_reminder_rows_are_planned_at_start_up(
    registered: World,
) -> None:
    w = registered
    await setup_group(w)
    await new_task(w, "/viec Gửi công văn @hung hạn 17h thứ 6")
    await w.say(w.group, w.lan, "/lich hop 14h thứ 5 tại Phòng họp 2")
    assert w.bot is not None
    db = db_of(w)
    # Rows lost outside normal operation (an old backup, a database edited by hand):
    await db.execute("DELETE FROM reminders WHERE kind IN ('task_due', 'task_overdue', 'event')")
    await w.restart()
    await at(w, local(25, 14))  # the group meeting's reminder one day before
    assert "Nhắc lịch: Họp Tổ – lịch số 1" in w.fake.unread(w.group)[0].text
    await at(w, local(26, 16))
    [reminder] = w.fake.unread(w.fake.dm(w.hung))
    assert "Gửi công văn" in reminder.text


async def test_a_task_is_not_kept_when_its_reminders_cannot_be_written(
    registered: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = registered
    assert w.bot is not None
    planner = w.bot.assistant.dispatcher.planner

    async def broken(task: object, new: bool) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(w.bot.assistant.services.tasks, "on_change", broken)
    reply = await w.say(w.group, w.lan, "/viec Gửi công văn @hung hạn 17h thứ 6")
    assert reply.text.startswith("Xin lỗi, Trợ lý gặp sự cố")
    monkeypatch.setattr(w.bot.assistant.services.tasks, "on_change", planner.task_changed)
    listing = await w.say(w.group, w.lan, "/ds")
    assert "Gửi công văn" not in listing.text  # task and reminders: together or not at all
    reply = await w.say(w.group, w.lan, "/viec Gửi công văn @hung hạn 17h thứ 6")
    assert reply.text.startswith("Đã tạo việc #1:")
