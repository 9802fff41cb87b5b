"""Issue 13: mistakes must be reversible — questions before closing others' parts, deleting
and cancelling; /mo and /hoantac to bring things back; /sua, /sualich, /doilich … tại."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.support.world import World, db_of


async def q(w: World, sql: str, *params: Any) -> list[Any]:
    return [tuple(row) for row in await db_of(w).fetchall(sql, params)]


async def two_person_task(w: World) -> None:
    """Task #1 by Lan for Hùng and Mai (the issue's "task with several assignees")."""
    await w.say(w.group, w.lan, "/viec Tổng hợp kiến nghị @hung Mai", links={"Mai": w.mai})


async def test_leader_closing_others_parts_is_asked_first(registered: World) -> None:
    w = registered
    await two_person_task(w)
    question = await w.say(w.group, w.lan, "/xong 1")
    assert question.text == (
        "Việc #1: Tổng hợp kiến nghị\n"
        "Còn Hùng, Mai chưa xong phần việc. Anh/chị đóng việc này cho tất cả?\n"
        "Chưa có gì thay đổi cho đến khi anh/chị chọn."
    )
    assert question.labels == ["Đóng cho tất cả", "Hủy"]
    assert await q(w, "SELECT status FROM tasks") == [("open",)]
    # Only Lan answers her question.
    qid = w.fake.press(question, w.hung, "Đóng cho tất cả")
    assert (await w.fake.answer_of(qid))["text"] == "Chỉ người gửi yêu cầu mới xác nhận được."
    cancelled = await w.press(question, w.lan, "Hủy")
    assert cancelled.text == "Đã hủy, chưa có việc nào được tạo hoặc thay đổi."
    assert await q(w, "SELECT status FROM tasks") == [("open",)]
    # The ✅ button asks the same question, as a new message.
    card = await w.say(w.group, w.lan, "/viec 1")
    query = w.fake.press(card, w.lan, "✅ Xong")
    asked = await w.fake.next_reply(w.group)
    assert "Còn Hùng, Mai chưa xong phần việc" in asked.text
    assert "Trợ lý hỏi lại" in (await w.fake.answer_of(query))["text"]
    closed = await w.press(asked, w.lan, "Đóng cho tất cả")
    assert closed.text == "Việc #1 đã hoàn thành: Tổng hợp kiến nghị"
    assert await q(w, "SELECT status FROM tasks") == [("done",)]


async def test_done_task_points_to_reopen_and_mo_reopens(registered: World) -> None:
    w = registered
    await two_person_task(w)
    await w.say(w.group, w.hung, "/xong 1")
    await w.say(w.group, w.lan, "/xong 1 tatca")  # said explicitly: no question
    for command in ("/han 1 17h thứ 6", "/giao 1 @lan_cv"):
        reply = await w.say(w.group, w.lan, command)
        assert reply.text == "Việc #1 đã xong. Mở lại: /mo 1."
    reopened = await w.say(w.group, w.lan, "/mo 1")
    assert reopened.text.startswith("Đã mở lại việc #1.\nViệc #1: Tổng hợp kiến nghị\n")
    # Hùng had finished his part before the leader closed it: his part stays done.
    assert "Giao: Hùng (xong), Mai · 1/2 xong" in reopened.text
    assert reopened.labels == ["✅ Xong", "✏️ Đổi hạn", "👤 Giao"]
    assert await q(w, "SELECT status, done_at FROM tasks") == [("open", None)]
    history = await w.say(w.group, w.lan, "/viec 1")
    assert "Lan Nguyễn mở lại việc" in history.text
    assert (await w.say(w.group, w.lan, "/reopen 1")).text == (
        "Việc #1 đang thực hiện, không cần mở lại."
    )


async def test_reopen_button_on_the_done_card_and_rights(registered: World) -> None:
    w = registered
    card = await w.say(w.group, w.lan, "/viec In tài liệu @hung")
    done = await w.press(card, w.hung, "✅ Xong")
    assert done.labels == ["Mở lại"]
    qid = w.fake.press(done, w.mai, "Mở lại")  # neither creator, leader nor assignee
    assert "Chỉ người tạo việc" in (await w.fake.answer_of(qid))["text"]
    assert await q(w, "SELECT status FROM tasks") == [("done",)]
    query = w.fake.press(done, w.hung, "Mở lại")  # the assignee reopens his own part
    reopened = await w.fake.next_reply(w.group)
    assert (await w.fake.answer_of(query))["text"] == "Đã mở lại phần việc #1 của anh/chị."
    assert reopened.labels == ["✅ Xong", "✏️ Đổi hạn", "👤 Giao"]
    assert await q(w, "SELECT done_at FROM task_assignees") == [(None,)]
    assert await q(w, "SELECT status FROM tasks") == [("open",)]


async def test_undo_names_the_change_first(registered: World) -> None:
    w = registered
    await two_person_task(w)
    await w.say(w.group, w.hung, "/xong 1")
    w.clock.advance(timedelta(minutes=2))
    question = await w.say(w.group, w.hung, "/undo")
    assert question.text == (
        "Thay đổi gần nhất của anh/chị (2 phút trước): ghi nhận xong phần việc #1.\n"
        "Anh/chị muốn hoàn tác (trả lại như trước)?"
    )
    assert question.labels == ["Hoàn tác", "Giữ nguyên"]
    assert await q(
        w, "SELECT done_at IS NOT NULL FROM task_assignees WHERE user_id = ?", str(w.hung.id)
    ) == [(1,)]
    undone = await w.press(question, w.hung, "Hoàn tác")
    assert undone.text == "Đã hoàn tác: ghi nhận xong phần việc #1."
    assert await q(w, "SELECT done_at FROM task_assignees WHERE user_id = ?", str(w.hung.id)) == [
        (None,)
    ]
    # The same change is not undone twice; Hùng has nothing else to undo.
    again = await w.say(w.group, w.hung, "/hoantac")
    assert again.text.startswith("Trong 10 phút qua anh/chị chưa có thay đổi nào")


async def test_undo_is_only_for_ones_own_recent_changes(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/viec Đặt hội trường")
    # Mai made no change: Lan's task is not hers to undo.
    assert "chưa có thay đổi nào" in (await w.say(w.group, w.mai, "/hoantac")).text
    w.clock.advance(timedelta(minutes=11))
    assert "chưa có thay đổi nào" in (await w.say(w.group, w.lan, "/hoantac")).text
    assert await q(w, "SELECT status FROM tasks") == [("open",)]


async def test_undo_refuses_when_someone_changed_it_since(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/viec Gửi công văn @hung hạn 17h thứ 6")
    await w.say(w.group, w.lan, "/han 1 17h thứ 7")
    await w.say(w.group, w.lan, "/vaitro @hung totruong")
    await w.say(w.group, w.hung, "/han 1 17h chủ nhật")  # the tổ trưởng moves it again
    # Lan's last change is the role; undo it, then her deadline change is the next one.
    question = await w.say(w.group, w.lan, "/hoantac")
    assert "phân Hùng làm Tổ trưởng (trước đó: Thành viên)" in question.text
    await w.press(question, w.lan, "Hoàn tác")
    question = await w.say(w.group, w.lan, "/hoantac")
    assert "đổi hạn việc #1 (từ 17:00 thứ Sáu, 27/11 sang 17:00 thứ Bảy, 28/11)" in question.text
    qid = w.fake.press(question, w.lan, "Hoàn tác")
    assert (await w.fake.answer_of(qid))["text"] == (
        "Việc #1 đã thay đổi sau đó, nên Trợ lý không hoàn tác được; anh/chị vui lòng sửa "
        "trực tiếp."
    )
    assert await q(w, "SELECT due_at FROM tasks") == [("2026-11-29 10:00:00",)]


async def test_delete_asks_and_deleted_task_comes_back(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/viec Gửi giấy mời MTTQ xã")
    question = await w.say(w.group, w.lan, "/xoa 1")
    assert question.text == (
        "Xóa việc #1: Gửi giấy mời MTTQ xã khỏi danh sách?\n"
        "Việc vẫn lưu trong lịch sử; khôi phục được bằng /mo 1."
    )
    assert question.labels == ["Xóa", "Không xóa"]
    assert await q(w, "SELECT status FROM tasks") == [("open",)]
    kept = await w.press(question, w.lan, "Không xóa")
    assert kept.text.startswith("Đã hủy")
    assert await q(w, "SELECT status FROM tasks") == [("open",)]
    await w.press(await w.say(w.group, w.lan, "/xoa 1"), w.lan, "Xóa")
    assert await q(w, "SELECT status FROM tasks") == [("deleted",)]
    restored = await w.say(w.group, w.lan, "/mo 1")
    assert restored.text.startswith("Đã khôi phục việc #1.\nViệc #1: Gửi giấy mời MTTQ xã")
    assert await q(w, "SELECT status FROM tasks") == [("open",)]
    # Deleted again, /hoantac brings it back too.
    await w.press(await w.say(w.group, w.lan, "/xoa 1"), w.lan, "Xóa")
    question = await w.say(w.group, w.lan, "/hoantac")
    assert "xóa việc #1" in question.text
    await w.press(question, w.lan, "Hoàn tác")
    listing = await w.say(w.group, w.lan, "/ds")
    assert "#1 Gửi giấy mời MTTQ xã" in listing.text


async def test_several_numbers_act_on_every_one_or_none(registered: World) -> None:
    w = registered
    for text in ("Việc một", "Việc hai", "Việc ba"):
        await w.say(w.group, w.hung, f"/viec {text} @hung")
    reply = await w.say(w.group, w.hung, "/xong 1 2")
    assert reply.text == "Việc #1 đã hoàn thành: Việc một\nViệc #2 đã hoàn thành: Việc hai"
    # One unknown number: nothing at all is done.
    reply = await w.say(w.group, w.hung, "/xong 3 9")
    assert reply.text.startswith("Không tìm thấy việc #9")
    assert await q(w, "SELECT number, status FROM tasks ORDER BY number") == [
        (1, "done"),
        (2, "done"),
        (3, "open"),
    ]
    question = await w.say(w.group, w.hung, "/xoa 1 3")
    assert question.text.startswith("Xóa 2 việc khỏi danh sách?\n• #1 Việc một\n• #3 Việc ba")
    deleted = await w.press(question, w.hung, "Xóa")
    assert deleted.text.count("Đã xóa việc") == 2
    assert await q(w, "SELECT number FROM tasks WHERE status = 'deleted' ORDER BY 1") == [
        (1,),
        (3,),
    ]
    # /hoantac undoes the two as the one change they were.
    question = await w.say(w.group, w.hung, "/hoantac")
    assert "xóa việc #1, #3" in question.text


async def test_edit_a_task_text(registered: World) -> None:
    w = registered
    # "due 25/11" is read as the deadline since issue 9's readers (test_issue_13_leftovers.py).
    await w.say(w.group, w.lan, "/viec Gửi báo cáo due 25/11")
    reply = await w.say(w.group, w.lan, "/sua 1 Gửi báo cáo kết quả TXCT")
    assert reply.text == ("Đã sửa việc #1: Gửi báo cáo kết quả TXCT\n(Nội dung cũ: Gửi báo cáo)")
    assert await q(w, "SELECT text FROM tasks") == [("Gửi báo cáo kết quả TXCT",)]
    history = await w.say(w.group, w.lan, "/viec 1")
    assert "Lan Nguyễn sửa nội dung (trước: Gửi báo cáo)" in history.text
    refused = await w.say(w.group, w.mai, "/edit 1 Nội dung khác")
    assert "Chỉ người tạo việc" in refused.text
    assert "ghi nội dung mới" in (await w.say(w.group, w.lan, "/sua 1")).text
    assert await q(w, "SELECT text FROM tasks") == [("Gửi báo cáo kết quả TXCT",)]
    question = await w.say(w.group, w.lan, "/hoantac")
    await w.press(question, w.lan, "Hoàn tác")
    assert await q(w, "SELECT text FROM tasks") == [("Gửi báo cáo",)]


TXCT = "/lich txct 8h thứ 6 tuần sau tại Nhà văn hóa khu phố 3 : Tiếp xúc cử tri trước kỳ họp"


async def test_cancel_event_asks_and_undo_brings_it_back(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, TXCT)
    question = await w.say(w.group, w.lan, "/huylich 1")
    assert question.text.startswith(
        "Hủy lịch số 1: Tiếp xúc cử tri lúc 08:00 thứ Sáu, 04/12? Các nhắc lịch kèm theo"
    )
    assert await q(w, "SELECT status FROM events") == [("active",)]
    pending = await q(
        w, "SELECT COUNT(*) FROM reminders WHERE kind = 'event' AND status = 'pending'"
    )
    kept = await w.press(question, w.lan, "Không hủy")
    assert kept.text == "Đã giữ nguyên lịch, không hủy."
    await w.press(await w.say(w.group, w.lan, "/huylich 1"), w.lan, "Hủy lịch")
    assert await q(w, "SELECT status FROM events") == [("cancelled",)]
    question = await w.say(w.group, w.lan, "/hoantac")
    assert "hủy lịch số 1 (Tiếp xúc cử tri, 08:00 thứ Sáu, 04/12)" in question.text
    await w.press(question, w.lan, "Hoàn tác")
    assert await q(w, "SELECT status FROM events") == [("active",)]
    assert (
        await q(w, "SELECT COUNT(*) FROM reminders WHERE kind = 'event' AND status = 'pending'")
        == pending
    )


async def test_move_event_with_place_and_edit_event(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, TXCT)
    moved = await w.say(w.group, w.lan, "/doilich 1 14h thứ 7 tuần sau tại Hội trường UBND xã")
    assert moved.text.splitlines()[:2] == [
        "Đã dời lịch số 1 (Tiếp xúc cử tri) sang 14:00 thứ Bảy, 05/12.",
        "Địa điểm: Hội trường UBND xã",
    ]
    assert await q(w, "SELECT place, title FROM events") == [
        ("Hội trường UBND xã", "Tiếp xúc cử tri trước kỳ họp")
    ]
    edited = await w.say(w.group, w.lan, "/sualich 1 : Tiếp xúc cử tri sau kỳ họp")
    assert edited.text == (
        "Đã sửa lịch số 1: Tiếp xúc cử tri\n"
        "Thời gian: 14:00 thứ Bảy, 05/12\n"
        "Địa điểm: Hội trường UBND xã\n"
        "Nội dung: Tiếp xúc cử tri sau kỳ họp"
    )
    edited = await w.say(w.group, w.lan, "/editevent 1 tại Nhà văn hóa khu phố 3")
    assert "Địa điểm: Nhà văn hóa khu phố 3" in edited.text
    # A time given to /sualich is pointed to /doilich, and nothing changes.
    hint = await w.say(w.group, w.lan, "/sualich 1 8h thứ 2")
    assert "để dời lịch, anh/chị gõ /doilich 1 8h thứ 2" in hint.text
    refused = await w.say(w.group, w.mai, "/sualich 1 tại Nhà riêng")
    assert "Chỉ chuyên viên" in refused.text
    assert await q(w, "SELECT place, title FROM events") == [
        ("Nhà văn hóa khu phố 3", "Tiếp xúc cử tri sau kỳ họp")
    ]


async def test_a_cancelled_event_can_be_restored_later(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, TXCT)
    cancelled = await w.press(await w.say(w.group, w.lan, "/huylich 1"), w.lan, "Hủy lịch")
    assert cancelled.text.endswith("Nếu hủy nhầm: /hoantac, hoặc /lich 1 rồi bấm Khôi phục lịch.")
    w.clock.advance(timedelta(hours=3))  # past the undo window
    shown = await w.say(w.group, w.mai, "/lich 1")
    assert shown.text.startswith("Lịch số 1: Tiếp xúc cử tri (đã hủy)")
    assert shown.labels == ["Khôi phục lịch"]
    qid = w.fake.press(shown, w.mai, "Khôi phục lịch")
    assert "Chỉ chuyên viên, Tổ trưởng hoặc Tổ phó" in (await w.fake.answer_of(qid))["text"]
    assert await q(w, "SELECT status FROM events") == [("cancelled",)]
    restored = await w.press(shown, w.lan, "Khôi phục lịch")
    assert restored.text.startswith("Đã khôi phục lịch số 1: Tiếp xúc cử tri\nThời gian: 08:00")
    assert restored.labels == ["Tham dự", "Vắng"]
    assert await q(w, "SELECT status FROM events") == [("active",)]
    assert await q(
        w, "SELECT COUNT(*) FROM reminders WHERE kind = 'event' AND status = 'pending'"
    ) == [(3,)]


async def test_a_question_left_for_a_day_is_not_acted_on(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/viec Gửi giấy mời")
    question = await w.say(w.group, w.lan, "/xoa 1")
    w.clock.advance(timedelta(hours=25))
    qid = w.fake.press(question, w.lan, "Xóa")
    assert "đã quá 24 giờ" in (await w.fake.answer_of(qid))["text"]
    assert await q(w, "SELECT status FROM tasks") == [("open",)]
    assert await q(w, "SELECT COUNT(*) FROM task_pending") == [(0,)]
