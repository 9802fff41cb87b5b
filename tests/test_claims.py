"""Conversations: open a claim, tick and untick in place, the list, closing, and refusals."""

from __future__ import annotations

from datetime import datetime

from tests.support.claims import label_of, open_claim, press, txct_event
from tests.support.world import VN, World, db_of


async def test_opening_a_claim_shows_event_deadline_missing_and_a_button_per_item(
    registered: World,
) -> None:
    w = registered
    checklist = await open_claim(w)
    lines = checklist.text.splitlines()
    assert lines[0].startswith("Đã mở hồ sơ thanh toán.")
    assert lines[1] == "Hồ sơ thanh toán – lịch số 1: Tiếp xúc cử tri trước kỳ họp cuối năm"
    assert lines[2] == "Tiếp xúc cử tri: 08:00 thứ Sáu, 04/12 tại Nhà văn hóa khu phố 3"
    # Default deadline: 10 days after the event.
    assert lines[3] == "Hạn nộp hồ sơ: 14/12/2026 (còn 21 ngày)"
    assert lines[4] == "Còn thiếu 15/15 mục:"
    assert "• 11. Danh sách ký nhận bồi dưỡng (chủ trì, thư ký, cán bộ phục vụ)" in lines
    assert len(checklist.labels) == 15
    assert checklist.labels[1] == "☐ 2. Lịch TXCT"
    row = await db_of(w).fetchone("SELECT kind, status, opened_by FROM claims")
    assert row is not None
    assert (row["kind"], row["status"], row["opened_by"]) == ("txct", "open", str(w.lan.id))


async def test_tick_and_untick_edit_the_message_in_place_and_keep_history(
    registered: World,
) -> None:
    w = registered
    checklist = await open_claim(w)
    notice, text = await press(w, checklist, w.lan, label_of(checklist, 2))
    assert notice == "Đã đánh dấu mục 2: đã có."
    assert "Còn thiếu 14/15 mục:" in text
    assert "• 2. Lịch TXCT" not in text
    edited = w.group.messages[checklist.message_id]
    assert edited.edited
    assert label_of(edited, 2) == "☑ 2. Lịch TXCT"
    # Pressing the ☑ button unticks it; the same message changes again.
    notice, text = await press(w, edited, w.lan, "☑ 2. Lịch TXCT")
    assert notice == "Đã bỏ đánh dấu mục 2."
    assert "Còn thiếu 15/15 mục:" in text
    marks = await db_of(w).fetchall(
        "SELECT m.done, m.user_id FROM claim_item_marks m JOIN claim_items i ON i.id = m.item_id"
        " WHERE i.position = 2 ORDER BY m.id"
    )
    assert [(m["done"], m["user_id"]) for m in marks] == [(1, str(w.lan.id)), (0, str(w.lan.id))]


async def test_a_stale_button_does_not_undo_a_newer_press(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/vaitro @hung totruong")
    checklist = await open_claim(w)
    # Lan and Hùng both press ☐ 3 on the message as it was before either press.
    stale = checklist.button_data(label_of(checklist, 3))
    await press(w, checklist, w.lan, stale)
    notice, text = await press(w, checklist, w.hung, stale)
    assert notice == "Mục 3 đã được đánh dấu trước đó."
    assert text == ""  # the message already shows ☑ 3: nothing to edit
    assert label_of(checklist, 3).startswith("☑ 3.")
    row = await db_of(w).fetchone("SELECT done, done_by FROM claim_items WHERE position = 3")
    assert row is not None
    assert (row["done"], row["done_by"]) == (1, str(w.lan.id))


async def test_members_who_are_not_leaders_cannot_tick(registered: World) -> None:
    w = registered
    checklist = await open_claim(w)
    notice, text = await press(w, checklist, w.mai, label_of(checklist, 1))
    assert notice.startswith("Chỉ chuyên viên, Tổ trưởng hoặc Tổ phó mới đánh dấu hồ sơ")
    assert text == ""
    row = await db_of(w).fetchone("SELECT COUNT(*) AS n FROM claim_items WHERE done = 1")
    assert row is not None
    assert row["n"] == 0


async def test_tổ_phó_may_tick_by_command(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/vaitro @hung topho")
    await open_claim(w)
    reply = await w.say(w.group, w.hung, "/thanhtoan 1 xong 1 6")
    assert "Còn thiếu 13/15 mục:" in reply.text
    assert label_of(reply, 6) == "☑ 6. Dự trù kinh phí từng điểm TXCT"
    reply = await w.say(w.group, w.hung, "/thanhtoan 1 bo 6")
    assert "Còn thiếu 14/15 mục:" in reply.text


async def test_forged_button_of_another_group_changes_nothing(registered: World) -> None:
    w = registered
    checklist = await open_claim(w)
    await w.say(w.other_group, w.outsider, "/dangky Tổ đại biểu số 5")
    # Tâm forges the data of group 3's button on a message in his own group.
    other = await w.say(w.other_group, w.outsider, "/thanhtoan")
    query = w.fake.press(other, w.outsider, checklist.button_data(label_of(checklist, 1)))
    answer = await w.fake.answer_of(query)
    assert answer["text"] == "Nút này không còn hiệu lực."
    # Nor can he press the real button in group 3, where he is not a member.
    query = w.fake.press(checklist, w.outsider, label_of(checklist, 1))
    answer = await w.fake.answer_of(query)
    assert "không phải thành viên" in answer["text"]
    row = await db_of(w).fetchone("SELECT COUNT(*) AS n FROM claim_item_marks")
    assert row is not None
    assert row["n"] == 0


async def test_garbled_button_data_is_expired(registered: World) -> None:
    w = registered
    checklist = await open_claim(w)
    for data in ("cl:1:99:1", "cl:x:1:1", "cl:999:1:1"):
        query = w.fake.press(checklist, w.lan, data)
        assert (await w.fake.answer_of(query))["text"] == "Nút này không còn hiệu lực."


async def test_members_see_an_open_claim_but_cannot_open_one(registered: World) -> None:
    w = registered
    await txct_event(w)
    reply = await w.say(w.group, w.mai, "/thanhtoan 1")
    assert reply.text.startswith("Hồ sơ thanh toán của lịch số 1 chưa được mở.")
    assert await db_of(w).fetchone("SELECT * FROM claims") is None
    await w.say(w.group, w.lan, "/thanhtoan 1")
    shown = await w.say(w.group, w.mai, "/thanhtoan 1")
    assert shown.text.startswith("Hồ sơ thanh toán – lịch số 1")
    reply = await w.say(w.group, w.mai, "/thanhtoan 1 xong 2")
    assert reply.text.startswith("Chỉ chuyên viên, Tổ trưởng hoặc Tổ phó")


async def test_unknown_event_item_and_action_get_clear_answers(registered: World) -> None:
    w = registered
    await open_claim(w)
    reply = await w.say(w.group, w.lan, "/thanhtoan 7")
    assert reply.text == "Tổ không có lịch số 7. Xem danh sách lịch: /lich."
    reply = await w.say(w.group, w.lan, "/thanhtoan 1 xong 16")
    assert reply.text.startswith("Hồ sơ lịch số 1 không có mục 16.")
    reply = await w.say(w.group, w.lan, "/thanhtoan 1 xong hai")
    assert reply.text == "Anh/chị vui lòng ghi số mục, ví dụ: /thanhtoan 1 xong 3 5."
    reply = await w.say(w.group, w.lan, "/thanhtoan 1 nop-gap")
    assert reply.text.startswith("Trợ lý chưa hiểu “nop-gap”.")
    reply = await w.say(w.group, w.lan, "/thanhtoan abc")
    assert reply.text.startswith("Anh/chị vui lòng ghi số lịch")
    row = await db_of(w).fetchone("SELECT COUNT(*) AS n FROM claim_items WHERE done = 1")
    assert row is not None
    assert row["n"] == 0


async def test_list_of_open_claims_earliest_deadline_first(registered: World) -> None:
    w = registered
    empty = await w.say(w.group, w.mai, "/thanhtoan")
    assert empty.text.startswith("Tổ không có hồ sơ thanh toán nào đang mở.")
    await open_claim(w)
    await w.say(w.group, w.lan, "/lich hop 14h30 ngày 26/11 : Họp Tổ chuẩn bị kỳ họp")
    await w.say(w.group, w.lan, "/thanhtoan 2")
    await w.say(w.group, w.lan, "/thanhtoan 2 xong 1 2 3")
    listed = await w.say(w.group, w.mai, "/claim")
    assert listed.text.splitlines() == [
        "Hồ sơ thanh toán đang mở (2), hạn gần nhất trước:",
        "• Lịch số 2 – Họp Tổ 26/11: còn thiếu 6/9 mục; hạn 06/12/2026 (còn 13 ngày)",
        "• Lịch số 1 – Tiếp xúc cử tri 04/12: còn thiếu 15/15 mục; hạn 14/12/2026 (còn 21 ngày)",
        "Chi tiết: /thanhtoan <số lịch>.",
    ]


async def test_closed_claim_refuses_changes_until_reopened(registered: World) -> None:
    w = registered
    checklist = await open_claim(w)
    reply = await w.say(w.group, w.lan, "/thanhtoan 1 dong")
    assert reply.text.startswith("Đã đóng hồ sơ thanh toán lịch số 1")
    notice, _ = await press(w, checklist, w.lan, label_of(checklist, 1))
    assert notice.startswith("Hồ sơ lịch số 1 đã đóng")
    shown = await w.say(w.group, w.mai, "/thanhtoan 1")
    assert shown.text.splitlines()[0].endswith("(đã đóng)")
    assert shown.labels == []
    assert (await w.say(w.group, w.mai, "/thanhtoan")).text.startswith("Tổ không có hồ sơ")
    reply = await w.say(w.group, w.lan, "/thanhtoan 1 mo")
    assert reply.text == "Đã mở lại hồ sơ thanh toán lịch số 1."
    notice, _ = await press(w, checklist, w.lan, label_of(checklist, 1))
    assert notice == "Đã đánh dấu mục 1: đã có."


async def test_a_cancelled_event_gets_no_claim(registered: World) -> None:
    w = registered
    await txct_event(w)
    await w.say(w.group, w.lan, "/huylich 1")
    reply = await w.say(w.group, w.lan, "/thanhtoan 1")
    assert reply.text == "Lịch số 1 đã hủy nên không mở hồ sơ thanh toán."
    assert await db_of(w).fetchone("SELECT * FROM claims") is None


async def _record_minutes(w: World) -> None:
    """At the event's start, Lan records its minutes from the event and closes them."""
    w.clock.set(datetime(2026, 12, 4, 8, 0, tzinfo=VN))
    started = await w.say(w.group, w.lan, "/bienban batdau lịch 1")
    assert started.text.startswith("Trợ lý bắt đầu ghi biên bản")
    w.fake.say(w.group, w.hung, "#ketluan Tổng hợp 12 ý kiến cử tri")
    w.fake.say(w.group, w.lan, "/bienban ketthuc")
    await w.settle()
    w.fake.unread(w.group)


async def test_closing_the_events_minutes_ticks_the_bien_ban_with_a_link(
    registered: World,
) -> None:
    w = registered
    await open_claim(w)
    await _record_minutes(w)
    shown = await w.say(w.group, w.mai, "/thanhtoan 1")
    assert label_of(shown, 8) == "☑ 8. Biên bản TXCT (chủ trì và thư ký ký)"
    [linked] = [line for line in shown.text.splitlines() if line.startswith("☑ 8.")]
    assert linked.startswith("☑ 8. Biên bản TXCT (chủ trì và thư ký ký): biên bản số 01/")
    assert linked.endswith("(/bienban 1)")
    assert "Còn thiếu 14/15 mục:" in shown.text
    row = await db_of(w).fetchone("SELECT done_by, link FROM claim_items WHERE position = 8")
    assert row is not None
    assert row["done_by"] == "minutes"


async def test_a_claim_opened_after_the_minutes_starts_with_them_ticked(
    registered: World,
) -> None:
    w = registered
    await txct_event(w)
    await _record_minutes(w)
    checklist = await w.say(w.group, w.lan, "/thanhtoan 1")
    assert label_of(checklist, 8).startswith("☑ 8.")
    assert "Còn thiếu 14/15 mục:" in checklist.text
    # Minutes of an event without a claim, or of no event, tick nothing anywhere.
    rows = await db_of(w).fetchall("SELECT position FROM claim_items WHERE done = 1")
    assert [r["position"] for r in rows] == [8]
