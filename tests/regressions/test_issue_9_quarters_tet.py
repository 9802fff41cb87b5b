"""Issue 9, continued: plans and notices write deadlines as quarters and around Tết ("hạn quý
IV", "trong quý IV/2026", "trước Tết Nguyên đán"); every command reads them as it reads "trong
tháng 12" and "trước 15/12".

Conversations through the fake Telegram API; "now" is Monday 23/11/2026 09:00 in Hà Nội.
"""

from __future__ import annotations

from tests.support.world import World, db_of


async def _rows(w: World, sql: str) -> list[tuple[object, ...]]:
    return [tuple(row) for row in await db_of(w).fetchall(sql)]


async def test_viec_with_a_quarter_is_due_on_its_last_day(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/viec Nộp báo cáo giám sát hạn quý IV")
    assert reply.text.startswith("Đã tạo việc #1: Nộp báo cáo giám sát\n")
    assert "Hạn: thứ Năm, 31/12" in reply.text
    # Date-only: 00:00 of 31/12 in Hà Nội, overdue from the next midnight.
    assert await _rows(w, "SELECT text, due_at, due_has_time, overdue_at FROM tasks") == [
        ("Nộp báo cáo giám sát", "2026-12-30 17:00:00", 0, "2026-12-31 17:00:00")
    ]
    # The same words, unaccented and as a document writes them, give the same day.
    plain = await w.say(w.group, w.lan, "/viec Tong hop y kien cu tri han quy 4")
    assert "Hạn: thứ Năm, 31/12" in plain.text
    written = await w.say(w.group, w.lan, "/viec Rà soát kiến nghị, thời hạn: trong quý IV/2026")
    assert "Hạn: thứ Năm, 31/12" in written.text
    # A quarter that only names the report stays in the task's text.
    named = await w.say(w.group, w.lan, "/viec Báo cáo quý IV hạn 15/1")
    assert named.text.startswith("Đã tạo việc #4: Báo cáo quý IV\n")
    assert "Hạn: thứ Sáu, 15/01/2027" in named.text


async def test_han_moves_a_deadline_to_a_quarter(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/viec Tổng hợp ý kiến cử tri")
    moved = await w.say(w.group, w.lan, "/han 1 cuối quý sau")
    assert "Hạn mới: thứ Tư, 31/03/2027" in moved.text
    assert await _rows(w, "SELECT due_at FROM tasks") == [("2027-03-30 17:00:00",)]
    # "quý I" typed in Q4 is next year's, and near enough not to ask.
    again = await w.say(w.group, w.lan, "/han 1 quý I")
    assert "Hạn mới: thứ Tư, 31/03/2027" in again.text
    # "quý III" has just ended: the year is asked about, not chosen silently.
    asked = await w.say(w.group, w.lan, "/han 1 quý III")
    assert "Ý anh/chị là thứ Năm, 30/09/2027?" in asked.text
    assert asked.labels == ["Đúng, 30/09/2027", "Hủy"]


async def test_viec_before_tet_is_due_on_mung_1(registered: World) -> None:
    w = registered
    # Tết 2027 is 06/02/2027, more than two months away: asked, as "mùng 1 Tết" is.
    question = await w.say(w.group, w.lan, "/viec Thăm hỏi gia đình chính sách trước Tết")
    assert question.text.startswith(
        "Anh/chị ghi “Tết” không kèm năm. Ý anh/chị là thứ Bảy, 06/02/2027? (hạn của việc "
        "“Thăm hỏi gia đình chính sách”)"
    )
    card = await w.press(question, w.lan, "Đúng, 06/02/2027")
    assert card.text.startswith("Đã tạo việc #1: Thăm hỏi gia đình chính sách\n")
    assert "Hạn: thứ Bảy, 06/02/2027" in card.text
    assert await _rows(w, "SELECT due_at, due_has_time FROM tasks") == [("2027-02-05 17:00:00", 0)]


async def test_viec_refuses_what_is_only_around_tet_or_a_quarter(registered: World) -> None:
    w = registered
    for typed, words, why in (
        ("hạn sau Tết", "sau Tết", "“sau Tết” chưa rõ là ngày nào"),
        ("hạn giữa quý", "giữa quý", "“giữa quý” chưa rõ là ngày nào"),
        ("hạn quý trước", "quý trước", "quý trước đã qua"),
        # "30 Tết" was left in the title and "chiều" filed as this afternoon: a wrong time.
        ("hạn chiều 30 Tết", "chiều 30 Tết", "Trợ lý chưa hiểu phần “30 Tết”"),
    ):
        reply = await w.say(w.group, w.lan, f"/viec Xây dựng kế hoạch {typed}")
        assert reply.text.startswith(
            f"Chưa tạo việc. Trợ lý chưa đọc được thời hạn “{words}”: {why}, nên chưa lưu gì."
        ), typed
    assert await _rows(w, "SELECT COUNT(*) FROM tasks") == [(0,)]


async def test_lich_treats_a_quarter_as_it_treats_a_month(registered: World) -> None:
    """An event needs an hour on one day: "trong tháng 12" and "quý IV" both ask for it."""
    w = registered
    month = await w.say(w.group, w.lan, "/lich hop trong tháng 12 : Họp Tổ")
    assert month.text == "Anh/chị vui lòng ghi giờ bắt đầu, ví dụ: 8h trong tháng 12."
    quarter = await w.say(w.group, w.lan, "/lich hop quý IV : Họp Tổ")
    assert quarter.text == "Anh/chị vui lòng ghi giờ bắt đầu, ví dụ: 8h quý IV."
    within = await w.say(w.group, w.lan, "/lich hop trong quý IV : Họp Tổ")
    assert within.text == "Anh/chị vui lòng ghi giờ bắt đầu, ví dụ: 8h trong quý IV."
    hour = await w.say(w.group, w.lan, "/lich hop 8h quý IV : Họp Tổ")
    assert hour.text.startswith(
        "Trợ lý chưa đọc được thời gian “8h quý IV”: “quý IV” là từ thứ Hai 23/11/2026 đến "
        "thứ Năm 31/12/2026, chưa rõ ngày nào."
    )
    assert await _rows(w, "SELECT COUNT(*) FROM events") == [(0,)]
    # One day of the quarter with an hour is an event, as "17h cuối tháng" is.
    created = await w.say(w.group, w.lan, "/lich hop 8h cuối quý : Họp Tổ tổng kết")
    assert created.text.splitlines()[:2] == [
        "Đã tạo lịch số 1: Họp Tổ",
        "Thời gian: 08:00 thứ Năm, 31/12",
    ]
    assert await _rows(w, "SELECT starts_at, ends_at, title FROM events") == [
        ("2026-12-31 01:00:00", None, "Họp Tổ tổng kết")
    ]
