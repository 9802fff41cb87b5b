"""Conversations: creating tasks, finishing them, assigning, deadlines, deleting, history."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from tests.support.world import World


def rows(w: World, sql: str, *params: object) -> list[sqlite3.Row]:
    """Read the bot's database file directly (WAL lets a second reader in)."""
    conn = sqlite3.connect(w.config.db_path)
    conn.row_factory = sqlite3.Row
    try:
        return list(conn.execute(sql, params))
    finally:
        conn.close()


async def test_create_task_with_assignee_and_deadline(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/viec Gửi giấy mời MTTQ xã @lan_cv hạn 17h thứ 6")
    assert reply.text == (
        "Đã tạo việc #1: Gửi giấy mời MTTQ xã\n"
        "Giao: Lan Nguyễn\n"
        "Hạn: 17:00 thứ Sáu, 27/11 (Còn hạn)"
    )
    assert reply.labels == ["✅ Xong", "✏️ Đổi hạn", "👤 Giao"]
    (task,) = rows(w, "SELECT * FROM tasks")
    assert task["number"] == 1
    assert task["text"] == "Gửi giấy mời MTTQ xã"
    assert task["due_at"] == "2026-11-27 10:00:00"  # 17:00 in Hà Nội, stored as UTC
    assert task["due_has_time"] == 1
    assert task["status"] == "open"
    assert task["created_by"] == str(w.lan.id)
    (assignee,) = rows(w, "SELECT * FROM task_assignees")
    assert assignee["user_id"] == str(w.lan.id)
    assert [r["action"] for r in rows(w, "SELECT action FROM task_events ORDER BY id")] == [
        "created",
        "assigned",
    ]


async def test_numbers_run_per_group_and_english_alias(registered: World) -> None:
    w = registered
    first = await w.say(w.group, w.hung, "/task Chuẩn bị báo cáo kết quả kỳ họp")
    second = await w.say(w.group, w.mai, "/viec Tổng hợp kiến nghị cử tri")
    assert first.text.startswith("Đã tạo việc #1: Chuẩn bị báo cáo kết quả kỳ họp")
    assert "Giao: chưa giao cho ai" in first.text
    assert "Hạn: chưa có" in first.text
    assert second.text.startswith("Đã tạo việc #2: Tổng hợp kiến nghị cử tri")
    await w.say(w.other_group, w.outsider, "/dangky Tổ đại biểu số 5")
    other = await w.say(w.other_group, w.outsider, "/viec Việc của Tổ 5")
    assert other.text.startswith("Đã tạo việc #1: Việc của Tổ 5")


async def test_several_assignees_by_username_and_text_mention(registered: World) -> None:
    w = registered
    reply = await w.say(
        w.group, w.lan, "/viec Tổng hợp kiến nghị @hung Mai hạn thứ 6", links={"Mai": w.mai}
    )
    assert reply.text == (
        "Đã tạo việc #1: Tổng hợp kiến nghị\n"
        "Giao: Hùng, Mai · 0/2 xong\n"
        "Hạn: thứ Sáu, 27/11 (Còn hạn)"
    )
    (task,) = rows(w, "SELECT due_at, due_has_time, overdue_at FROM tasks")
    # Date-only: 00:00 local stored as UTC; overdue from the start of the next local day.
    assert (task["due_at"], task["due_has_time"]) == ("2026-11-26 17:00:00", 0)
    assert task["overdue_at"] == "2026-11-27 17:00:00"


async def test_reply_to_a_message_uses_its_text(registered: World) -> None:
    w = registered
    said = w.fake.say(w.group, w.hung, "Chuẩn bị hội trường cho buổi TXCT ở xã Tân Lập")
    await w.settle()
    reply = await w.say(w.group, w.lan, "/viec @hung hạn mai", reply_to=said)
    assert reply.text.startswith(
        "Đã tạo việc #1: Chuẩn bị hội trường cho buổi TXCT ở xã Tân Lập\nGiao: Hùng\n"
        "Hạn: thứ Ba, 24/11"
    )
    (task,) = rows(w, "SELECT source_message_id FROM tasks")
    assert task["source_message_id"] == str(said.message_id)


async def test_unreadable_deadline_creates_nothing(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/viec Gửi giấy mời hạn thứ 9 tuần sau")
    assert "Trợ lý chưa đọc được thời hạn “thứ 9 tuần sau”" in reply.text
    assert "17h thứ 6; 8h sáng mai; 14h30 ngày 26/11" in reply.text
    reply = await w.say(w.group, w.lan, "/viec Gửi giấy mời hạn")
    assert "Sau chữ “hạn” chưa có thời gian" in reply.text
    reply = await w.say(w.group, w.lan, "/viec Giao ban hạn 8h thứ 2 hàng tuần")
    assert "không lặp lại" in reply.text
    assert rows(w, "SELECT * FROM tasks") == []
    assert rows(w, "SELECT * FROM task_pending") == []


async def test_han_inside_ordinary_words_is_text(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/viec Gia hạn hợp đồng thuê hội trường")
    assert reply.text.startswith("Đã tạo việc #1: Gia hạn hợp đồng thuê hội trường\n")
    assert "Hạn: chưa có" in reply.text
    reply = await w.say(w.group, w.lan, "/viec Rà soát kiến nghị quá hạn hạn: 17h thứ 6")
    assert reply.text.startswith("Đã tạo việc #2: Rà soát kiến nghị quá hạn\n")
    assert "Hạn: 17:00 thứ Sáu, 27/11" in reply.text
    reply = await w.say(w.group, w.lan, "/viec Báo cáo hạn mặn deadline 26/11")
    assert reply.text.startswith("Đã tạo việc #3: Báo cáo hạn mặn\n")


async def test_empty_text_and_non_member_create_nothing(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/viec")
    assert "vui lòng ghi nội dung việc" in reply.text
    reply = await w.say(w.group, w.lan, "/viec @hung hạn 17h thứ 6")
    assert "vui lòng ghi nội dung việc" in reply.text
    reply = await w.say(w.group, w.lan, "/viec Gửi giấy mời @tam")
    assert "@tam chưa có trong danh sách thành viên" in reply.text
    reply = await w.say(w.group, w.lan, "/viec " + "A" * 1500)
    assert "quá dài" in reply.text
    assert rows(w, "SELECT * FROM tasks") == []


async def test_past_deadline_asks_to_confirm_and_stores_nothing(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/viec Gửi giấy mời @hung hạn 8h hôm nay")
    assert "Hạn “08:00 thứ Hai, 23/11” đã qua" in reply.text
    assert reply.labels == ["Vẫn tạo", "Hủy"]
    assert rows(w, "SELECT * FROM tasks") == []
    # Only the person who asked decides.
    query = w.fake.press(reply, w.hung, "Vẫn tạo")
    assert (await w.fake.answer_of(query))["text"] == "Chỉ người gửi yêu cầu mới xác nhận được."
    assert rows(w, "SELECT * FROM tasks") == []
    # A restart loses nothing: the request is in the database.
    await w.restart()
    w.fake.press(reply, w.lan, "Vẫn tạo")
    card = await w.fake.next_reply(w.group)
    assert card.edited
    assert card.text.startswith("Đã tạo việc #1: Gửi giấy mời\nGiao: Hùng\n")
    assert "Hạn: 08:00 thứ Hai, 23/11 (Quá hạn)" in card.text
    assert card.labels == ["✅ Xong", "✏️ Đổi hạn", "👤 Giao"]
    assert len(rows(w, "SELECT * FROM tasks")) == 1
    assert rows(w, "SELECT * FROM task_pending") == []
    # Pressing again does nothing more.
    query = w.fake.press(reply, w.lan, "tkp:ok:1")
    assert "không còn hiệu lực" in (await w.fake.answer_of(query))["text"]
    assert len(rows(w, "SELECT * FROM tasks")) == 1


async def test_past_deadline_cancelled(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/viec Gửi giấy mời hạn 20/11/2026")
    assert "đã qua" in reply.text
    w.fake.press(reply, w.lan, "Hủy")
    edited = await w.fake.next_reply(w.group)
    assert edited.text == "Đã hủy, chưa có việc nào được tạo hoặc thay đổi."
    assert edited.buttons == []
    assert rows(w, "SELECT * FROM tasks") == []
    assert rows(w, "SELECT * FROM task_pending") == []


async def test_yesterday_is_read_as_a_past_deadline_not_as_unreadable(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/viec Gửi công văn hạn 17h hôm qua")
    assert "Hạn “17:00 Chủ nhật, 22/11” đã qua" in reply.text
    assert reply.labels == ["Vẫn tạo", "Hủy"]
    assert rows(w, "SELECT * FROM tasks") == []


async def test_today_date_only_is_not_past(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/viec Nộp báo cáo hạn hôm nay")
    assert reply.text.startswith("Đã tạo việc #1")
    assert "Hạn: thứ Hai, 23/11 (Sắp đến hạn)" in reply.text


async def test_done_by_single_assignee_with_command(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/viec Gửi giấy mời @hung")
    reply = await w.say(w.group, w.hung, "/xong 1")
    assert reply.text == "Việc #1 đã hoàn thành: Gửi giấy mời"
    (task,) = rows(w, "SELECT status, done_by, done_at FROM tasks")
    assert (task["status"], task["done_by"]) == ("done", str(w.hung.id))
    reply = await w.say(w.group, w.hung, "/done #1")
    assert reply.text == "Việc #1 đã xong. Mở lại: /mo 1."


async def test_each_assignee_finishes_own_part(registered: World) -> None:
    w = registered
    created = await w.say(
        w.group, w.lan, "/viec Tổng hợp kiến nghị @hung @lan_cv Mai", links={"Mai": w.mai}
    )
    assert "Giao: Hùng, Lan Nguyễn, Mai · 0/3 xong" in created.text
    query = w.fake.press(created, w.hung, "✅ Xong")
    card = await w.fake.next_reply(w.group)
    notice = (await w.fake.answer_of(query))["text"]
    assert notice == "Đã ghi nhận phần việc của anh/chị (1/3 xong)."
    assert card.edited
    assert "Giao: Hùng (xong), Lan Nguyễn, Mai · 1/3 xong" in card.text
    # Pressing again: already recorded, nothing changes.
    query = w.fake.press(created, w.hung, "✅ Xong")
    assert "đã ghi nhận xong; đang chờ: Lan Nguyễn, Mai" in (await w.fake.answer_of(query))["text"]
    # Lan is chuyên viên but also an assignee: her ✅ marks only her part.
    reply = await w.say(w.group, w.lan, "/xong 1")
    assert reply.text == (
        "Đã ghi nhận Lan Nguyễn hoàn thành phần việc #1: Tổng hợp kiến nghị (2/3 xong)."
    )
    status = rows(w, "SELECT status FROM tasks")[0]["status"]
    assert status == "open"
    w.fake.press(created, w.mai, "✅ Xong")
    card = await w.fake.next_reply(w.group)
    assert "Trạng thái: Đã xong" in card.text
    assert card.labels == ["Mở lại"]
    assert rows(w, "SELECT status FROM tasks")[0]["status"] == "done"
    actions = [r["action"] for r in rows(w, "SELECT action FROM task_events ORDER BY id")]
    assert actions[-4:] == ["part_done", "part_done", "part_done", "done"]


async def test_creator_or_chuyen_vien_closes_for_everyone(registered: World) -> None:
    w = registered
    await w.say(w.group, w.mai, "/viec Liên hệ hội trường @hung @lan_cv")
    reply = await w.say(w.group, w.lan, "/xong 1 tatca")
    assert reply.text == "Việc #1 đã hoàn thành: Liên hệ hội trường"
    await w.say(w.group, w.mai, "/viec In tài liệu @hung")
    # Mai created it and is not assigned: Hùng's part is still open, so she is asked first.
    question = await w.say(w.group, w.mai, "/xong 2")
    assert question.text.startswith("Việc #2: In tài liệu\nCòn Hùng chưa xong phần việc.")
    assert rows(w, "SELECT status FROM tasks WHERE number = 2")[0]["status"] == "open"
    reply = await w.press(question, w.mai, "Đóng cho tất cả")
    assert reply.text == "Việc #2 đã hoàn thành: In tài liệu"


async def test_others_cannot_close_a_task_not_theirs(registered: World) -> None:
    w = registered
    created = await w.say(w.group, w.lan, "/viec Gửi giấy mời @hung")
    reply = await w.say(w.group, w.mai, "/xong 1")
    assert "Việc #1 không giao cho anh/chị" in reply.text
    query = w.fake.press(created, w.mai, "✅ Xong")
    assert "không giao cho anh/chị" in (await w.fake.answer_of(query))["text"]
    reply = await w.say(w.group, w.hung, "/xong 1 tatca")
    assert "Chỉ người tạo việc, chuyên viên, Tổ trưởng hoặc Tổ phó" in reply.text
    assert rows(w, "SELECT status FROM tasks")[0]["status"] == "open"


async def test_unknown_numbers_and_bad_input(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/viec Gửi giấy mời")
    for command in ("/xong 7", "/giao 7 @hung", "/han 7 mai", "/xoa 7", "/viec 7"):
        reply = await w.say(w.group, w.lan, command)
        assert reply.text == "Không tìm thấy việc #7 trong Tổ này. Gõ /ds để xem danh sách việc."
    reply = await w.say(w.group, w.lan, "/xong")
    assert "vui lòng ghi số việc" in reply.text
    reply = await w.say(w.group, w.lan, "/xong abc")
    assert "“abc” không phải số việc" in reply.text
    reply = await w.say(w.group, w.lan, "/giao 1")
    assert "nêu người được giao" in reply.text
    reply = await w.say(w.group, w.lan, "/giao 1 @tam")
    assert "@tam chưa có trong danh sách thành viên" in reply.text
    reply = await w.say(w.group, w.lan, "/han 1")
    assert "ghi hạn mới" in reply.text
    reply = await w.say(w.group, w.lan, "/han 1 thứ 9")
    assert "chưa đọc được thời hạn “thứ 9”" in reply.text
    assert "/han 1 17h thứ 6" in reply.text
    (task,) = rows(w, "SELECT * FROM tasks")
    assert (task["status"], task["due_at"]) == ("open", None)
    assert rows(w, "SELECT * FROM task_assignees") == []


async def test_task_of_another_group_is_not_reachable_by_command(registered: World) -> None:
    w = registered
    await w.say(w.other_group, w.outsider, "/dangky Tổ đại biểu số 5")
    await w.say(w.other_group, w.outsider, "/viec Việc riêng của Tổ 5")
    reply = await w.say(w.group, w.lan, "/viec 1")
    assert reply.text.startswith("Không tìm thấy việc #1")
    reply = await w.say(w.group, w.lan, "/xoa 1")
    assert reply.text.startswith("Không tìm thấy việc #1")
    assert rows(w, "SELECT status FROM tasks")[0]["status"] == "open"


async def test_assign_by_command(registered: World) -> None:
    w = registered
    await w.say(w.group, w.hung, "/viec Chuẩn bị báo cáo")
    reply = await w.say(w.group, w.hung, "/assign 1 @lan_cv Mai", links={"Mai": w.mai})
    assert reply.text == "Đã giao việc #1 cho Lan Nguyễn, Mai.\nNgười thực hiện: Lan Nguyễn, Mai"
    reply = await w.say(w.group, w.hung, "/giao 1 @lan_cv")
    assert reply.text.startswith("Việc #1 đã giao cho Lan Nguyễn từ trước.")
    # Mai (an assignee, not the creator, no leading role) may not assign others…
    reply = await w.say(w.group, w.mai, "/giao 1 @hung")
    assert "Chỉ người tạo việc, chuyên viên, Tổ trưởng hoặc Tổ phó" in reply.text
    # …but any member may take a task nobody has.
    await w.say(w.group, w.lan, "/viec Đặt xe")
    reply = await w.say(w.group, w.mai, "/giao 2 Mai", links={"Mai": w.mai})
    assert reply.text == "Mai đã nhận việc #2: Đặt xe"
    assigned = rows(w, "SELECT user_id FROM task_assignees WHERE task_id = 1")
    assert {r["user_id"] for r in assigned} == {str(w.lan.id), str(w.mai.id)}


async def test_to_truong_manages_others_tasks(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/vaitro @hung totruong")
    await w.say(w.group, w.mai, "/viec Liên hệ MTTQ xã")
    reply = await w.say(w.group, w.hung, "/han 1 17h thứ 6")
    assert reply.text == "Đã đổi hạn việc #1: Liên hệ MTTQ xã\nHạn mới: 17:00 thứ Sáu, 27/11"
    reply = await w.say(w.group, w.hung, "/giao 1 @lan_cv")
    assert reply.text.startswith("Đã giao việc #1 cho Lan Nguyễn.")


async def test_change_deadline_rights_and_removal(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/viec Gửi giấy mời @hung hạn 17h thứ 6")
    reply = await w.say(w.group, w.hung, "/han 1 thứ 2 tuần sau")
    assert "Chỉ người tạo việc" in reply.text
    reply = await w.say(w.group, w.lan, "/due 1 hạn thứ 2 tuần sau")
    assert reply.text == "Đã đổi hạn việc #1: Gửi giấy mời\nHạn mới: thứ Hai, 30/11"
    (task,) = rows(w, "SELECT due_at, due_has_time FROM tasks")
    assert (task["due_at"], task["due_has_time"]) == ("2026-11-29 17:00:00", 0)
    reply = await w.say(w.group, w.lan, "/han 1 bỏ")
    assert reply.text == "Đã bỏ hạn của việc #1: Gửi giấy mời"
    assert rows(w, "SELECT due_at FROM tasks")[0]["due_at"] is None


async def test_past_deadline_change_is_confirmed(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/viec Gửi giấy mời hạn 17h thứ 6")
    reply = await w.say(w.group, w.lan, "/han 1 7h hôm nay")
    assert "Hạn “07:00 thứ Hai, 23/11” đã qua" in reply.text
    assert reply.labels == ["Vẫn đổi hạn", "Hủy"]
    assert rows(w, "SELECT due_at FROM tasks")[0]["due_at"] == "2026-11-27 10:00:00"
    w.fake.press(reply, w.lan, "Vẫn đổi hạn")
    edited = await w.fake.next_reply(w.group)
    assert edited.text == "Đã đổi hạn việc #1: Gửi giấy mời\nHạn mới: 07:00 thứ Hai, 23/11"
    assert rows(w, "SELECT due_at FROM tasks")[0]["due_at"] == "2026-11-23 00:00:00"


async def test_delete_keeps_history(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/viec Gửi giấy mời")
    reply = await w.say(w.group, w.hung, "/xoa 1")
    assert "Chỉ người tạo việc" in reply.text
    question = await w.say(w.group, w.lan, "/delete 1")
    assert question.labels == ["Xóa", "Không xóa"]
    assert rows(w, "SELECT status FROM tasks")[0]["status"] == "open"
    reply = await w.press(question, w.lan, "Xóa")
    assert reply.text == (
        "Đã xóa việc #1: Gửi giấy mời khỏi danh sách (vẫn lưu trong lịch sử; xem: /viec 1; "
        "khôi phục: /mo 1)."
    )
    (task,) = rows(w, "SELECT status FROM tasks")
    assert task["status"] == "deleted"
    reply = await w.say(w.group, w.lan, "/ds")
    assert "chưa có việc nào đang mở" in reply.text
    reply = await w.say(w.group, w.lan, "/xong 1")
    assert reply.text == "Việc #1 đã bị xóa; xem lịch sử: /viec 1; khôi phục: /mo 1."
    reply = await w.say(w.group, w.lan, "/viec 1")
    assert "Trạng thái: Đã xóa" in reply.text
    assert "Lan Nguyễn xóa việc" in reply.text
    # Numbers are never reused.
    reply = await w.say(w.group, w.lan, "/viec Việc mới")
    assert reply.text.startswith("Đã tạo việc #2")


async def test_show_one_task_with_history(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/viec Tổng hợp kiến nghị @hung hạn 17h thứ 6")
    w.clock.advance(timedelta(minutes=30))
    await w.say(w.group, w.lan, "/giao 1 Mai", links={"Mai": w.mai})
    await w.say(w.group, w.lan, "/han 1 thứ 7")
    w.clock.advance(timedelta(hours=2))
    await w.say(w.group, w.hung, "/xong 1")
    reply = await w.say(w.group, w.mai, "/viec 1")
    assert reply.text == (
        "Việc #1: Tổng hợp kiến nghị\n"
        "Trạng thái: Đang thực hiện · 1/2 xong\n"
        "Hạn: thứ Bảy, 28/11 (Còn hạn)\n"
        "Người thực hiện:\n"
        "• Hùng – đã xong (11:30 thứ Hai, 23/11)\n"
        "• Mai – chưa xong\n"
        "Người tạo: Lan Nguyễn, 09:00 thứ Hai, 23/11\n"
        "\n"
        "Lịch sử:\n"
        "• 09:00 thứ Hai, 23/11 – Lan Nguyễn tạo việc\n"
        "• 09:00 thứ Hai, 23/11 – Lan Nguyễn giao cho Hùng\n"
        "• 09:30 thứ Hai, 23/11 – Lan Nguyễn giao cho Mai\n"
        "• 09:30 thứ Hai, 23/11 – Lan Nguyễn đổi hạn: 17:00 thứ Sáu, 27/11 → thứ Bảy, 28/11\n"
        "• 11:30 thứ Hai, 23/11 – Hùng hoàn thành phần việc"
    )
    assert reply.labels == ["✅ Xong", "✏️ Đổi hạn", "👤 Giao"]
    w.fake.press(reply, w.mai, "✅ Xong")
    await w.fake.next_reply(w.group)
    reply = await w.say(w.group, w.mai, "/viec #1")
    assert "Trạng thái: Đã xong" in reply.text
    assert reply.text.endswith("Việc hoàn thành (tất cả người thực hiện đã xong)")


async def test_help_and_menus_list_task_commands(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.mai, "/help")
    assert "VIỆC CỦA TỔ" in reply.text
    for usage in (
        "/viec <nội dung> [@ai …] [hạn <khi nào>]",
        "/ds [toi | quahan | @ai | xong | xuat]",
        "/xong <số việc> [<số> …]",
        "/giao <số việc> @ai …",
        "/han <số việc> <khi nào>",
        "/mo <số việc>",
        "/sua <số việc> <nội dung mới>",
        "/nhan <số việc>",
    ):
        assert usage in reply.text
    english = {c["command"] for c in w.fake.commands["en"]}
    assert {"task", "tasks", "done", "assign", "due", "delete", "mytasks"} <= english
    assert {"reopen", "edit", "take", "undo", "editevent"} <= english
    # Privately, a member's task commands act for their Tổ.
    reply = await w.say(w.fake.dm(w.hung), w.hung, "/viec Gửi giấy mời")
    assert reply.text.startswith("Đã tạo việc #1: Gửi giấy mời")
    assert [r["text"] for r in rows(w, "SELECT text FROM tasks")] == ["Gửi giấy mời"]


async def test_deadline_markers_and_unaccented_input(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/viec Gui giay moi han chot thu 6 tuan sau 8h")
    assert reply.text.startswith("Đã tạo việc #1: Gui giay moi\n")
    assert "Hạn: 08:00 thứ Sáu, 04/12" in reply.text
    reply = await w.say(w.group, w.lan, "/viec Chuẩn bị báo cáo deadline 14h30 ngày 26/11")
    assert "Hạn: 14:30 thứ Năm, 26/11" in reply.text


async def test_unregistered_group_cannot_use_tasks(world: World) -> None:
    reply = await world.say(world.group, world.lan, "/viec Gửi giấy mời")
    assert "chưa đăng ký" in reply.text
    reply = await world.say(world.group, world.lan, "/ds")
    assert "chưa đăng ký" in reply.text
