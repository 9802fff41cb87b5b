"""Issue 13: roles and rights that protect the group."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tests.support.world import VN, World, at, db_of


async def roles(w: World) -> dict[str, str]:
    rows = await db_of(w).fetchall("SELECT user_id, role FROM members")
    return {row["user_id"]: row["role"] for row in rows}


async def q(w: World, sql: str, *params: Any) -> list[Any]:
    return [tuple(row) for row in await db_of(w).fetchall(sql, params)]


async def test_to_truong_cannot_demote_the_chuyen_vien(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/vaitro @hung totruong")
    before = await roles(w)
    reply = await w.say(w.group, w.hung, "/vaitro @lan_cv daibieu")
    assert reply.text == (
        "Chỉ chuyên viên hoặc quản trị viên nhóm chat mới thay đổi được vai trò chuyên viên."
    )
    reply = await w.say(w.group, w.hung, "/vaitro Mai chuyenvien", links={"Mai": w.mai})
    assert "Chỉ chuyên viên hoặc quản trị viên nhóm chat" in reply.text
    assert await roles(w) == before


async def test_the_last_chuyen_vien_is_kept(registered: World) -> None:
    w = registered
    before = await roles(w)
    reply = await w.say(w.group, w.lan, "/vaitro @lan_cv daibieu")
    assert reply.text.startswith("Lan Nguyễn là chuyên viên duy nhất của Tổ. Tổ luôn cần")
    assert await roles(w) == before
    # With a second chuyên viên, Lan may step down, after confirming.
    await w.say(w.group, w.lan, "/vaitro Mai chuyenvien", links={"Mai": w.mai})
    question = await w.say(w.group, w.lan, "/vaitro @lan_cv daibieu")
    assert question.text.startswith("Anh/chị đang là Chuyên viên. Sau thay đổi này")
    assert question.labels == ["Xác nhận", "Hủy"]
    assert (await roles(w))[str(w.lan.id)] == "chuyenvien"
    done = await w.press(question, w.lan, "Xác nhận")
    assert done.text.startswith("Đã phân Lan Nguyễn làm Đại biểu")
    assert (await roles(w))[str(w.lan.id)] == "daibieu"


async def test_a_chat_admin_may_change_the_chuyen_vien(registered: World) -> None:
    w = registered
    w.fake.chats[w.group.id].admins.add(w.hung.id)  # Hùng administers the chat
    await w.say(w.group, w.hung, "/vaitro Mai chuyenvien", links={"Mai": w.mai})
    reply = await w.say(w.group, w.hung, "/vaitro @lan_cv daibieu")
    assert reply.text.startswith("Đã phân Lan Nguyễn làm Đại biểu")


async def test_lowering_ones_own_role_is_confirmed(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/vaitro @hung totruong")
    question = await w.say(w.group, w.hung, "/vaitro @hung daibieu")
    assert question.text.startswith("Anh/chị đang là Tổ trưởng.")
    kept = await w.press(question, w.hung, "Hủy")
    assert kept.text == "Đã hủy, vai trò giữ nguyên."
    assert (await roles(w))[str(w.hung.id)] == "totruong"
    # Handing one's own tổ trưởng seat to someone else is asked too.
    question = await w.say(w.group, w.hung, "/vaitro Mai totruong", links={"Mai": w.mai})
    assert question.labels == ["Xác nhận", "Hủy"]
    done = await w.press(question, w.hung, "Xác nhận")
    assert "(thay Hùng)" in done.text
    assert (await roles(w))[str(w.mai.id)] == "totruong"


async def test_members_named_without_at_and_two_of_the_same_name(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/vaitro Hùng totruong")
    assert reply.text == "Đã phân Hùng làm Tổ trưởng của Tổ đại biểu số 3 – phường Tân Lập."
    reply = await w.say(w.group, w.lan, "/vaitro mai to pho")
    assert reply.text.startswith("Đã phân Mai làm Tổ phó")
    binh_tran = w.fake.add_user("Bình", last_name="Trần")
    binh_le = w.fake.add_user("Bình", last_name="Lê")
    for person in (binh_tran, binh_le):
        w.fake.join(w.group, person)
    await w.settle()
    question = await w.say(w.group, w.lan, "/vaitro Bình daibieu")
    assert question.text == "Có 2 thành viên tên “Bình”. Anh/chị phân vai trò Đại biểu cho ai?"
    assert question.labels == ["Bình Lê", "Bình Trần", "Hủy"]
    assert (await roles(w))[str(binh_le.id)] == "thanhvien"
    done = await w.press(question, w.lan, "Bình Trần")
    assert done.text.startswith("Đã phân Bình Trần làm Đại biểu")
    assert (await roles(w))[str(binh_tran.id)] == "daibieu"
    assert (await roles(w))[str(binh_le.id)] == "thanhvien"
    reply = await w.say(w.group, w.lan, "/vaitro Bình Lê daibieu")
    assert reply.text.startswith("Đã phân Bình Lê làm Đại biểu")
    reply = await w.say(w.group, w.lan, "/vaitro Hoa daibieu")
    assert reply.text.startswith("Không tìm thấy thành viên tên “Hoa”")
    reply = await w.say(w.group, w.lan, "/vaitro Hùng sep")
    assert reply.text.startswith("Không có vai trò “sep”")


async def test_assigning_is_for_creator_and_leaders_taking_for_anyone(registered: World) -> None:
    w = registered
    await w.say(w.group, w.hung, "/viec Liên hệ hội trường @hung")
    reply = await w.say(w.group, w.mai, "/giao 1 @hung")
    assert "Chỉ người tạo việc, chuyên viên, Tổ trưởng hoặc Tổ phó" in reply.text
    reply = await w.say(w.group, w.mai, "/giao 1 Mai")  # herself, onto Hùng's task
    assert reply.text.startswith("Việc #1 đã giao cho Hùng. Muốn cùng làm")
    reply = await w.say(w.group, w.mai, "/nhan 1")
    assert reply.text.startswith("Việc #1 đã giao cho Hùng.")
    assert await q(w, "SELECT user_id FROM task_assignees") == [(str(w.hung.id),)]
    await w.say(w.group, w.lan, "/viec In tài liệu")
    reply = await w.say(w.group, w.mai, "/take 2")
    assert reply.text == "Mai đã nhận việc #2: In tài liệu"
    assert await q(w, "SELECT user_id FROM task_assignees WHERE task_id = 2") == [(str(w.mai.id),)]
    assert (await w.say(w.group, w.mai, "/nhan 2")).text == "Việc #2 đã giao cho anh/chị."
    # The 👤 Giao picker is the creator's and leaders' too.
    card = await w.say(w.group, w.hung, "/viec 1")
    qid = w.fake.press(card, w.mai, "👤 Giao")
    assert "Chỉ người tạo việc" in (await w.fake.answer_of(qid))["text"]


async def test_a_delegate_cannot_snooze_someone_elses_reminder(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/caidat tonghop tat")
    await w.say(w.group, w.lan, "/viec Gửi công văn Mai hạn 17h thứ 6", links={"Mai": w.mai})
    await at(w, datetime(2026, 11, 26, 16, 0, tzinfo=VN))
    [reminder] = w.fake.unread(w.group)  # Mai has no private chat: she is named in the group
    assert reminder.text.startswith("Mai: Nhắc hạn công việc")
    qid = w.fake.press(reminder, w.hung, "Nhắc lại sau 1 giờ")
    assert (await w.fake.answer_of(qid))["text"] == (
        "Nhắc việc này gửi cho người khác; chỉ người đó hẹn nhắc lại được."
    )
    assert await q(w, "SELECT COUNT(*) FROM reminders WHERE kind = 'snooze'") == [(0,)]
    qid = w.fake.press(reminder, w.mai, "Nhắc lại sau 1 giờ")
    assert (await w.fake.answer_of(qid))["text"] == "Trợ lý sẽ nhắc lại lúc 17:00."
