"""Issue 13: the private chat is where older delegates live — ✅ wherever a person sees their
own task, group commands for their Tổ, a note when given a task, and pointers for free text."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tests.support.world import VN, World, at, db_of


async def q(w: World, sql: str, *params: Any) -> list[Any]:
    return [tuple(row) for row in await db_of(w).fetchall(sql, params)]


async def started(w: World) -> None:
    """Hùng opens his private chat with the bot (so it can write to him)."""
    await w.say(w.fake.dm(w.hung), w.hung, "/start")


async def test_my_tasks_have_done_buttons_that_work_privately(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/viec Gửi giấy mời @hung hạn 17h thứ 6")
    await w.say(w.group, w.hung, "/viec Chuẩn bị hội trường @hung")
    dm = w.fake.dm(w.hung)
    listing = await w.say(dm, w.hung, "/viectoi")
    assert listing.labels == ["✅ Xong #1", "✅ Xong #2", "✏️ Đổi hạn #2"]
    query = w.fake.press(listing, w.hung, "✅ Xong #1")
    redrawn = await w.fake.next_reply(dm)
    assert (await w.fake.answer_of(query))["text"] == "Việc #1 đã hoàn thành: Gửi giấy mời"
    assert redrawn.edited
    assert "Gửi giấy mời" not in redrawn.text
    assert redrawn.labels == ["✅ Xong #2", "✏️ Đổi hạn #2"]
    assert await q(w, "SELECT number, status FROM tasks ORDER BY number") == [
        (1, "done"),
        (2, "open"),
    ]
    prompt = await w.press(redrawn, w.hung, "✏️ Đổi hạn #2")
    assert prompt.text.startswith("Đổi hạn việc #2: Chuẩn bị hội trường")
    changed = await w.press(prompt, w.hung, "+1 ngày (24/11)")
    assert changed.text.startswith("Đã đổi hạn việc #2: Chuẩn bị hội trường")
    assert await q(w, "SELECT due_has_time, due_at FROM tasks WHERE number = 2") == [
        (0, "2026-11-23 17:00:00")
    ]


async def test_deadline_reminder_in_private_has_done_that_works(registered: World) -> None:
    w = registered
    await started(w)
    await w.say(w.group, w.lan, "/caidat tonghop tat")
    await w.say(w.group, w.lan, "/viec Gửi công văn @hung hạn 17h thứ 6")
    await w.fake.next_reply(w.fake.dm(w.hung))  # the note about the new task
    await at(w, datetime(2026, 11, 26, 16, 0, tzinfo=VN))
    [reminder] = w.fake.unread(w.fake.dm(w.hung))
    assert reminder.labels == ["✅ Xong", "Nhắc lại sau 1 giờ"]
    card = await w.press(reminder, w.hung, "✅ Xong")
    assert "Trạng thái: Đã xong" in card.text
    assert await q(w, "SELECT status FROM tasks") == [("done",)]


async def test_group_commands_work_privately_for_ones_group(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/viec Gửi công văn @hung")
    await w.say(w.group, w.lan, "/lich hop 14h thứ 5 tại Phòng họp 2")
    await w.say(w.group, w.lan, "/nhac 8h sáng mai Nộp báo cáo")
    dm = w.fake.dm(w.hung)
    assert (await w.say(dm, w.hung, "/ds")).text.startswith(
        "Việc đang mở của Tổ đại biểu số 3 – phường Tân Lập"
    )
    assert (await w.say(dm, w.hung, "/lich")).text.startswith("Lịch sắp tới của Tổ (1):")
    ics = await w.say(dm, w.hung, "/lich ics")
    assert ics.document_name == "lich-to-dai-bieu.ics"
    assert (await w.say(dm, w.hung, "/nhac")).text.startswith("Nhắc việc đang đặt của Tổ (1):")
    done = await w.say(dm, w.hung, "/xong 1")
    assert done.text == "Việc #1 đã hoàn thành: Gửi công văn"
    assert await q(w, "SELECT status FROM tasks") == [("done",)]
    # Someone in no Tổ is told where the commands work.
    reply = await w.say(w.fake.dm(w.outsider), w.outsider, "/ds")
    assert "dùng trong nhóm chat của Tổ" in reply.text


async def test_a_member_of_two_groups_chooses_with_buttons(registered: World) -> None:
    w = registered
    w.fake.chats[w.other_group.id].members.add(w.hung.id)
    await w.say(w.other_group, w.outsider, "/dangky Tổ đại biểu số 5")
    await w.say(w.other_group, w.hung, "/viec Việc ở Tổ 5 @hung")
    await w.say(w.group, w.lan, "/viec Việc ở Tổ 3 @hung")
    dm = w.fake.dm(w.hung)
    question = await w.say(dm, w.hung, "/xong 1")
    assert question.text == "Anh/chị là thành viên của nhiều Tổ. Lệnh /xong dùng cho Tổ nào?"
    assert question.labels == ["Tổ đại biểu số 3 – phường Tân Lập", "Tổ đại biểu số 5"]
    assert await q(w, "SELECT status FROM tasks ORDER BY group_id") == [("open",), ("open",)]
    w.fake.press(question, w.hung, "Tổ đại biểu số 5")
    heading = await w.fake.next_reply(dm)
    result = await w.fake.next_reply(dm)
    assert heading.text == "/xong – Tổ đại biểu số 5"
    assert result.text == "Việc #1 đã hoàn thành: Việc ở Tổ 5"
    assert await q(w, "SELECT text, status FROM tasks ORDER BY text") == [
        ("Việc ở Tổ 3", "open"),
        ("Việc ở Tổ 5", "done"),
    ]
    # The question is answered once.
    qid = w.fake.press(question, w.hung, "Tổ đại biểu số 3 – phường Tân Lập")
    assert "không còn hiệu lực" in (await w.fake.answer_of(qid))["text"]
    # Someone else cannot answer it, and a Tổ he has left since cannot be chosen.
    again = await w.say(dm, w.hung, "/ds")
    qid = w.fake.press(again, w.mai, "Tổ đại biểu số 5")
    assert "không còn hiệu lực" in (await w.fake.answer_of(qid))["text"]
    w.fake.leave(w.other_group, w.hung)
    await w.settle()
    qid = w.fake.press(again, w.hung, "Tổ đại biểu số 5")
    assert "không phải thành viên" in (await w.fake.answer_of(qid))["text"]


async def test_new_assignee_gets_a_private_note_with_done(registered: World) -> None:
    w = registered
    await started(w)
    await w.say(
        w.group, w.lan, "/viec Tổng hợp kiến nghị @hung Mai hạn 17h thứ 6", links={"Mai": w.mai}
    )
    note = await w.fake.next_reply(w.fake.dm(w.hung))
    assert note.text == (
        "Tổ đại biểu số 3 – phường Tân Lập: anh/chị được giao việc #1: Tổng hợp kiến nghị\n"
        "Hạn: 17:00 thứ Sáu, 27/11 (Còn hạn)\n"
        "Người giao: Lan Nguyễn\n"
        "Khi xong, anh/chị bấm ✅ Xong dưới đây (hoặc gõ /xong 1)."
    )
    card = await w.press(note, w.hung, "✅ Xong")
    assert "Hùng (xong), Mai · 1/2 xong" in card.text
    # Nobody is told about a task they gave themselves; /giao tells the new person.
    await w.say(w.fake.dm(w.lan), w.lan, "/start")
    await w.say(w.group, w.lan, "/viec Việc của Lan @lan_cv")
    assert w.fake.unread(w.fake.dm(w.lan)) == []
    await w.say(w.group, w.lan, "/giao 2 @hung")
    note = await w.fake.next_reply(w.fake.dm(w.hung))
    assert note.text.startswith("Tổ đại biểu số 3 – phường Tân Lập: anh/chị được giao việc #2")


async def test_free_text_gets_a_pointer_privately_and_when_addressed(registered: World) -> None:
    w = registered
    reply = await w.say(w.fake.dm(w.hung), w.hung, "chào em, hôm nay anh có việc gì không?")
    assert reply.text.splitlines()[0] == (
        "Trợ lý làm việc theo lệnh bắt đầu bằng dấu “/”. Với nội dung anh/chị hỏi, có thể dùng:"
    )
    assert reply.text.splitlines()[1].startswith("/viectoi – Việc của tôi")
    assert "/ds [toi | quahan | @ai | xong | xuat] – Danh sách việc" in reply.text
    # In the group, only a message naming the bot gets an answer.
    w.fake.say(w.group, w.hung, "chào cả nhà, hôm nay có việc gì không")
    await w.settle()
    assert w.fake.unread(w.group) == []
    reply = await w.say(w.group, w.hung, "@TroLyToDaiBieuBot cho anh xem danh sách việc")
    assert "/viectoi – Việc của tôi" in reply.text
    reply = await w.say(w.fake.dm(w.hung), w.hung, "lịch họp tuần này thế nào em")
    assert reply.text.splitlines()[1].startswith("/lich <loại> <khi nào>")


async def test_my_tasks_in_a_group_go_privately_when_long(registered: World) -> None:
    w = registered
    await started(w)
    for n in range(1, 8):
        await w.say(w.group, w.hung, f"/viec Việc số {n} của Hùng")
    reply = await w.say(w.group, w.hung, "/viectoi")
    assert (
        reply.text == "Anh/chị Hùng có 7 việc đang mở; Trợ lý đã gửi danh sách qua tin nhắn riêng."
    )
    private = await w.fake.next_reply(w.fake.dm(w.hung))
    assert private.text.startswith("Việc của anh/chị Hùng (7 việc):")
    assert len(private.labels) == 14  # ✅ and Đổi hạn for each of his own tasks


async def test_attendance_buttons_work_privately(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/lich hop 14h thứ 6 : Họp Tổ")
    dm = w.fake.dm(w.hung)
    shown = await w.say(dm, w.hung, "/lich 1")
    assert shown.labels == ["Tham dự", "Vắng"]
    query = w.fake.press(shown, w.hung, "Vắng")
    question = await w.fake.next_reply(dm)
    assert (await w.fake.answer_of(query))["text"] == "Đã ghi nhận anh/chị vắng lịch số 1."
    assert question.text.startswith(
        "Tổ đại biểu số 3 – phường Tân Lập: anh/chị báo vắng lịch số 1 (Họp Tổ, 14:00 thứ Sáu"
    )
    assert question.asks_answer
    assert w.fake.unread(w.group) == []  # nothing said in the group
    # In the group, Hùng's chat is not taken for the question he was asked privately.
    w.fake.say(w.group, w.hung, "Lý do: ai trực trạm y tế tuần này?")
    await w.settle()
    assert w.fake.unread(w.group) == []
    noted = await w.say(dm, w.hung, "Em đi tập huấn ở tỉnh", reply_to=question)
    assert noted.text == "Đã ghi nhận lý do vắng của Hùng (lịch số 1): Em đi tập huấn ở tỉnh"
    assert await q(w, "SELECT answer, reason FROM attendance") == [("no", "Em đi tập huấn ở tỉnh")]
    # Someone not in the event's group cannot answer through a forged button.
    qid = w.fake.press(shown, w.outsider, "Tham dự")
    assert (await w.fake.answer_of(qid))["text"] == "Nút này không còn hiệu lực."


async def test_list_pages_and_assign_picker_work_privately(registered: World) -> None:
    w = registered
    for n in range(1, 18):
        await w.say(w.group, w.lan, f"/viec Việc số {n}")
    dm = w.fake.dm(w.lan)
    first = await w.say(dm, w.lan, "/ds")
    assert first.labels == ["Sau ▶"]
    second = await w.press(first, w.lan, "Sau ▶")
    assert "Trang 2/2" in second.text
    card = await w.say(dm, w.lan, "/viec 3")
    picker = await w.press(card, w.lan, "👤 Giao")
    assert picker.text.startswith("Giao việc #3: Việc số 3")
    w.fake.press(picker, w.lan, "Hùng")
    await w.fake.next_reply(dm)
    assert await q(w, "SELECT user_id FROM task_assignees") == [(str(w.hung.id),)]
