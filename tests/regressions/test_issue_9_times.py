"""Issue 9: times as officials write them, in every command that takes a time.

Conversations through the fake Telegram API; "now" is Monday 23/11/2026 09:00 in Hà Nội.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.support.world import START, VN, World, at, db_of

INVITATION = (
    "/lich txct Tiếp xúc cử tri vào lúc 7 giờ 30 phút ngày 29/11/2026 tại Nhà văn hóa tổ dân phố 5"
)
ASK_BACK = "Anh/chị gõ lại theo dạng 8h ngày 5/12"


async def _one(w: World, sql: str) -> dict[str, object]:
    row = await db_of(w).fetchone(sql)
    assert row is not None, sql
    return dict(row)


async def _count(w: World, table: str) -> int:
    row = await db_of(w).fetchone(f"SELECT COUNT(*) AS n FROM {table}")
    assert row is not None
    return int(row["n"])


# -- /lich -----------------------------------------------------------------------------------


async def test_lich_takes_a_sentence_pasted_from_an_invitation(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, INVITATION)
    assert reply.text.splitlines()[:3] == [
        "Đã tạo lịch số 1: Tiếp xúc cử tri",
        "Thời gian: 07:30 Chủ nhật, 29/11",
        "Địa điểm: Nhà văn hóa tổ dân phố 5",
    ]
    event = await _one(w, "SELECT starts_at, ends_at, place, title FROM events")
    assert event == {
        "starts_at": "2026-11-29 00:30:00",
        "ends_at": None,
        "place": "Nhà văn hóa tổ dân phố 5",
        "title": "Tiếp xúc cử tri",
    }


async def test_lich_keeps_the_end_of_a_range_and_shows_it(registered: World) -> None:
    from icalendar import Calendar

    w = registered
    reply = await w.say(
        w.group,
        w.lan,
        "/lich giamsat Giám sát việc cấp sổ đỏ tại UBND phường Tân Lập, thời gian: từ 8h00 "
        "đến 11h00 ngày 3/12/2026 (thứ Năm)",
    )
    lines = reply.text.splitlines()
    assert lines[1] == "Thời gian: 08:00–11:00 thứ Năm, 03/12"
    assert lines[2] == "Địa điểm: UBND phường Tân Lập"
    assert lines[3] == "Nội dung: Giám sát việc cấp sổ đỏ"
    event = await _one(w, "SELECT starts_at, ends_at FROM events")
    assert event == {"starts_at": "2026-12-03 01:00:00", "ends_at": "2026-12-03 04:00:00"}
    listing = await w.say(w.group, w.mai, "/lich")
    assert listing.text.splitlines()[1].startswith("1. 08:00–11:00 thứ Năm, 03/12 – Giám sát")
    shown = await w.say(w.group, w.mai, "/lich 1")
    assert "Thời gian: 08:00–11:00 thứ Năm, 03/12" in shown.text
    ics = await w.say(w.group, w.mai, "/lich ics")
    assert ics.document is not None
    (item,) = Calendar.from_ical(ics.document).walk("VEVENT")
    assert item.decoded("dtend") - item.decoded("dtstart") == timedelta(hours=3)
    # Moved to a time without an end: the old end is not kept.
    moved = await w.say(w.group, w.lan, "/doilich 1 từ 14h đến 16h30 ngày 5/12")
    assert moved.text.startswith("Đã dời lịch số 1 (Giám sát) sang 14:00–16:30 thứ Bảy, 05/12.")
    await w.say(w.group, w.lan, "/doilich 1 9h ngày 7/12")
    event = await _one(w, "SELECT starts_at, ends_at FROM events")
    assert event == {"starts_at": "2026-12-07 02:00:00", "ends_at": None}


async def test_morning_digest_shows_the_end_of_an_event(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/lich khaosat Khảo sát chợ Tân Lập từ 8h đến 11h sáng mai")
    await at(w, datetime(2026, 11, 24, 6, 59, tzinfo=VN))
    w.fake.unread(w.group)
    await at(w, datetime(2026, 11, 24, 7, 0, tzinfo=VN))
    [digest] = [m for m in w.fake.unread(w.group) if m.text.startswith("Tổng hợp")]
    assert "• 08:00–11:00 – Khảo sát (lịch số 1)" in digest.text


async def test_lich_refuses_a_weekday_that_contradicts_the_date(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/lich hop 8h thứ 5 ngày 27/11 : Họp Tổ")
    assert reply.text.startswith(
        "Trợ lý chưa đọc được thời gian “8h thứ 5 ngày 27/11”: ngày 27/11/2026 là thứ Sáu, "
        "không phải thứ Năm."
    )
    assert ASK_BACK in reply.text
    assert await _count(w, "events") == 0


async def test_lich_asks_for_one_event_per_day_when_two_days_are_joined(
    registered: World,
) -> None:
    w = registered
    reply = await w.say(
        w.group, w.lan, "/lich gs 7h–11h ngày 28 và 29/11 Giám sát trường học tại UBND phường"
    )
    assert reply.text.startswith(
        "Trợ lý chưa đọc được thời gian “7h–11h ngày 28 và 29/11”: có thêm thời gian thứ hai"
        " (“29/11”); mỗi lịch, mỗi việc chỉ có một thời gian, anh/chị tạo riêng cho từng ngày"
    )
    assert await _count(w, "events") == 0


@pytest.mark.parametrize(
    ("typed", "words", "why"),
    [
        (
            "hạn 8h ngày 10/12 và 14h ngày 11/12",
            "8h ngày 10/12 và 14h ngày 11/12",
            "đây là hai thời điểm (nối bằng “và”), mà hạn của một việc chỉ là một thời điểm",
        ),
        ("han ngay 10 va 11/12", "ngay 10 va 11/12", "đây là hai thời điểm"),
        ("hạn 10/12 hoặc 11/12", "10/12 hoặc 11/12", "có thêm thời gian thứ hai để chọn"),
    ],
)
async def test_a_deadline_of_two_moments_is_asked_about_not_picked(
    registered: World, typed: str, words: str, why: str
) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, f"/viec Chuẩn bị tài liệu kỳ họp @hung {typed}")
    assert reply.text.startswith(f"Chưa tạo việc. Trợ lý chưa đọc được thời hạn “{words}”: {why}")
    assert "nên chưa lưu gì" in reply.text
    assert await _count(w, "tasks") == 0
    await w.say(w.group, w.lan, "/viec Chuẩn bị tài liệu kỳ họp @hung")
    changed = await w.say(w.group, w.lan, f"/han 1 {typed.split(' ', 1)[1]}")
    assert changed.text.startswith("Trợ lý chưa đọc được thời hạn")
    # A range with "đến" does give one deadline: its end.
    done = await w.say(w.group, w.lan, "/han 1 từ 10/12 đến 11/12")
    assert "Hạn mới: thứ Sáu, 11/12" in done.text


async def test_same_words_same_meaning_in_every_command(registered: World) -> None:
    """'8h cuối tuần' is two days: every command asks which, none files 08:00 today."""
    w = registered
    await w.say(w.group, w.lan, "/viec Rà soát danh sách cử tri")
    await w.say(w.group, w.lan, INVITATION)
    for command in (
        "/lich hop 8h cuối tuần",
        "/nhac 8h cuối tuần họp tổ",
        "/viec Gửi báo cáo hạn 8h cuối tuần",
        "/han 1 8h cuối tuần",
        "/doilich 1 8h cuối tuần",
    ):
        reply = await w.say(w.group, w.lan, command)
        assert "“cuối tuần” là từ thứ Bảy 28/11/2026 đến Chủ nhật 29/11/2026" in reply.text, (
            command
        )
        assert "chưa rõ ngày nào" in reply.text
    event = await _one(w, "SELECT COUNT(*) AS n, MAX(starts_at) AS starts FROM events")
    assert event == {"n": 1, "starts": "2026-11-29 00:30:00"}
    assert await _count(w, "free_reminders") == 0
    task = await _one(w, "SELECT COUNT(*) AS n, MAX(due_at) AS due FROM tasks")
    assert task == {"n": 1, "due": None}


# -- a year left out ----------------------------------------------------------------------------


async def test_doilich_to_a_past_day_month_asks_before_moving_a_year(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, INVITATION)
    question = await w.say(w.group, w.lan, "/doilich 1 20/11 14h")
    assert question.text.startswith(
        "Anh/chị ghi “20/11 14h” không kèm năm. Ý anh/chị là 14:00 thứ Bảy, 20/11/2027?"
    )
    assert question.labels == ["Đúng, 20/11/2027", "Hủy"]
    assert (await _one(w, "SELECT starts_at FROM events"))["starts_at"] == "2026-11-29 00:30:00"
    # Only the person who asked decides; a restart loses nothing.
    query = w.fake.press(question, w.hung, "Đúng, 20/11/2027")
    assert (await w.fake.answer_of(query))["text"] == "Chỉ người gửi yêu cầu mới xác nhận được."
    await w.restart()
    w.fake.press(question, w.lan, "Đúng, 20/11/2027")
    moved = await w.fake.next_reply(w.group)
    assert moved.edited
    assert moved.text.startswith(
        "Đã dời lịch số 1 (Tiếp xúc cử tri) sang 14:00 thứ Bảy, 20/11/2027."
    )
    assert (await _one(w, "SELECT starts_at FROM events"))["starts_at"] == "2027-11-20 07:00:00"
    assert await _count(w, "task_pending") == 0


async def test_a_forged_task_button_cannot_carry_out_an_event_question(registered: World) -> None:
    w = registered
    question = await w.say(w.group, w.lan, "/lich hop 14h 20/11 : Họp Tổ")
    row = await _one(w, "SELECT id FROM task_pending")
    query = w.fake.press(question, w.lan, f"tkp:ok:{row['id']}")
    assert "không còn hiệu lực" in (await w.fake.answer_of(query))["text"]
    assert await _count(w, "events") == 0
    assert await _count(w, "tasks") == 0
    assert await _count(w, "task_pending") == 1  # still waiting for its own answer
    # A question of this group, confirmed from another group's message, finds nothing.
    await w.say(w.other_group, w.outsider, "/dangky Tổ đại biểu số 5")
    theirs = await w.say(w.other_group, w.outsider, "/lich hop 14h 21/11 : Họp")
    assert theirs.labels == ["Đúng, 21/11/2027", "Hủy"]
    query = w.fake.press(theirs, w.outsider, f"lnq:ok:{row['id']}")
    assert "không còn hiệu lực" in (await w.fake.answer_of(query))["text"]
    assert await _count(w, "events") == 0
    assert await _count(w, "task_pending") == 2


async def test_year_question_cancelled_changes_nothing(registered: World) -> None:
    w = registered
    question = await w.say(w.group, w.lan, "/lich hop 14h 20/11 : Họp Tổ")
    assert "Ý anh/chị là 14:00 thứ Bảy, 20/11/2027?" in question.text
    w.fake.press(question, w.lan, "Hủy")
    cancelled = await w.fake.next_reply(w.group)
    assert cancelled.text.startswith("Đã hủy, chưa có gì được lưu.")
    assert await _count(w, "events") == 0
    assert await _count(w, "task_pending") == 0
    # Confirmed, a new question files the event.
    question = await w.say(w.group, w.lan, "/lich hop 14h 20/11 : Họp Tổ")
    w.fake.press(question, w.lan, "Đúng, 20/11/2027")
    created = await w.fake.next_reply(w.group)
    assert created.text.startswith(
        "Đã tạo lịch số 1: Họp Tổ\nThời gian: 14:00 thứ Bảy, 20/11/2027"
    )
    assert created.labels == ["Tham dự", "Vắng"]


async def test_viec_and_han_ask_about_a_year_left_out(registered: World) -> None:
    w = registered
    question = await w.say(w.group, w.lan, "/viec Nộp bản tổng hợp ý kiến cử tri hạn 20/11")
    assert question.text.startswith(
        "Anh/chị ghi “20/11” không kèm năm. Ý anh/chị là thứ Bảy, 20/11/2027? (hạn của việc "
        "“Nộp bản tổng hợp ý kiến cử tri”)"
    )
    assert question.labels == ["Đúng, 20/11/2027", "Hủy"]
    assert await _count(w, "tasks") == 0
    w.fake.press(question, w.lan, "Đúng, 20/11/2027")
    card = await w.fake.next_reply(w.group)
    assert card.text.startswith("Đã tạo việc #1: Nộp bản tổng hợp ý kiến cử tri")
    assert "Hạn: thứ Bảy, 20/11/2027" in card.text
    changed = await w.say(w.group, w.lan, "/han 1 5/3")
    assert "Ý anh/chị là thứ Sáu, 05/03/2027? (hạn mới của việc #1)" in changed.text
    w.fake.press(changed, w.lan, "Đúng, 05/03/2027")
    done = await w.fake.next_reply(w.group)
    assert "Hạn mới: thứ Sáu, 05/03/2027" in done.text
    # Near dates and dates with their year are not asked about.
    plain = await w.say(w.group, w.lan, "/han 1 5/12")
    assert "Hạn mới: thứ Bảy, 05/12" in plain.text


async def test_nhac_asks_about_a_year_left_out(registered: World) -> None:
    w = registered
    question = await w.say(w.group, w.lan, "/nhac 20/11 Gửi báo cáo tổng kết năm")
    assert "Ý anh/chị là thứ Bảy, 20/11/2027?" in question.text
    assert await _count(w, "free_reminders") == 0
    w.fake.press(question, w.lan, "Đúng, 20/11/2027")
    created = await w.fake.next_reply(w.group)
    assert created.text == (
        "Đã đặt nhắc việc số 1: Gửi báo cáo tổng kết năm\n"
        "Trợ lý sẽ nhắc trong nhóm lúc 08:00 thứ Bảy, 20/11/2027."
    )


# -- /nhac ---------------------------------------------------------------------------------------


async def test_nhac_every_monday_morning_repeats(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/nhac 7h30 mỗi sáng thứ hai giao ban")
    assert reply.text == (
        "Đã đặt nhắc việc số 1: giao ban\n"
        "Trợ lý sẽ nhắc trong nhóm lúc 07:30 thứ Hai, 30/11, sau đó hằng tuần vào thứ Hai."
    )
    await at(w, datetime(2026, 11, 30, 7, 30, tzinfo=VN))
    [first] = w.fake.unread(w.group)
    assert first.text.startswith("Nhắc việc: giao ban")
    await at(w, datetime(2026, 12, 7, 7, 30, tzinfo=VN))
    assert w.fake.unread(w.group)[0].text.startswith("Nhắc việc: giao ban")


async def test_nhac_reads_a_marked_time_inside_the_text(registered: World) -> None:
    w = registered
    reply = await w.say(
        w.group, w.lan, "/nhac Nộp báo cáo kết quả giám sát, hạn chót: 17h ngày 4/12"
    )
    assert reply.text == (
        "Đã đặt nhắc việc số 1: Nộp báo cáo kết quả giám sát\n"
        "Trợ lý sẽ nhắc trong nhóm lúc 17:00 thứ Sáu, 04/12."
    )
    refused = await w.say(w.group, w.lan, "/nhac Tiếp xúc cử tri 7h30 ngày 29/11")
    assert "nằm giữa nội dung" in refused.text
    assert await _count(w, "free_reminders") == 1


async def test_nhac_one_minute_is_sixty_seconds(registered: World) -> None:
    w = registered
    w.clock.set(START + timedelta(seconds=42))
    await w.say(w.group, w.lan, "/nhac 1 phút nữa gọi anh Tư")
    await at(w, START + timedelta(seconds=101))
    assert w.fake.unread(w.group) == []
    await at(w, START + timedelta(seconds=102))
    [sent] = w.fake.unread(w.group)
    assert sent.text.startswith("Nhắc việc: gọi anh Tư")


# -- /viec and /han ------------------------------------------------------------------------------


async def test_viec_reads_a_deadline_pasted_from_a_notice(registered: World) -> None:
    w = registered
    reply = await w.say(
        w.group,
        w.lan,
        "/viec Gửi báo cáo kết quả giám sát về Thường trực HĐND chậm nhất ngày 10/12/2026 @hung",
    )
    assert reply.text.startswith(
        "Đã tạo việc #1: Gửi báo cáo kết quả giám sát về Thường trực HĐND\nGiao: Hùng\n"
        "Hạn: thứ Năm, 10/12"
    )
    within = await w.say(w.group, w.lan, "/viec Rà soát danh sách hạn trong tuần này")
    assert "Hạn: Chủ nhật, 29/11" in within.text  # by the end of the week
    refused = await w.say(w.group, w.lan, "/viec Gửi giấy mời hạn 8h thứ 5 ngày 27/11")
    assert refused.text.startswith(
        "Chưa tạo việc. Trợ lý chưa đọc được thời hạn “8h thứ 5 ngày 27/11”: ngày 27/11/2026 "
        "là thứ Sáu, không phải thứ Năm, nên chưa lưu gì."
    )
    assert ASK_BACK in refused.text
    assert await _count(w, "tasks") == 2


async def test_han_accepts_the_words_of_a_plan(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/viec Tổng hợp ý kiến cử tri")
    reply = await w.say(w.group, w.lan, "/han 1 Chậm nhất là 16 giờ 30 ngày 07/12/2026")
    assert "Hạn mới: 16:30 thứ Hai, 07/12" in reply.text
    refused = await w.say(w.group, w.lan, "/han 1 sáng mai 25/11")
    assert "“mai” là 24/11/2026, không phải 25/11/2026" in refused.text
    due = await _one(w, "SELECT due_at FROM tasks")
    assert due["due_at"] == "2026-12-07 09:30:00"


async def test_a_time_in_a_tasks_text_without_han_is_pointed_out_not_filed(
    registered: World,
) -> None:
    w = registered
    card = await w.say(w.group, w.lan, "/viec Họp lúc 8h mai chuẩn bị tài liệu @hung")
    assert card.text.splitlines()[2:] == [
        "Hạn: chưa có",
        "(Trợ lý thấy “8h mai” trong nội dung nhưng chưa đặt làm hạn. Nếu đó là hạn, anh/chị"
        " gõ /han 1 8h mai.)",
    ]
    rows = await db_of(w).fetchall("SELECT due_at FROM tasks")
    assert [r["due_at"] for r in rows] == [None]
    done = await w.say(w.group, w.lan, "/han 1 8h mai")  # the command as the hint gives it
    assert "Hạn mới: 08:00 thứ Ba, 24/11" in done.text
    # Numbers that are not times get no hint.
    plain = await w.say(w.group, w.lan, "/viec Gửi công văn số 123/UBND cho 3 xã")
    assert "Trợ lý thấy" not in plain.text


@pytest.mark.parametrize(
    ("typed", "due"),
    [
        ("hạn 5 ngày", "thứ Bảy, 28/11"),
        ("han 2 tuan", "thứ Hai, 07/12"),
        ("hạn 1 tháng", "thứ Tư, 23/12"),
        ("hạn trong vòng 1 tháng", "thứ Tư, 23/12"),
    ],
)
async def test_a_deadline_given_as_a_length_is_that_long_from_today(
    registered: World, typed: str, due: str
) -> None:
    w = registered
    card = await w.say(w.group, w.lan, f"/viec Rà soát kiến nghị cử tri @hung {typed}")
    assert card.text.startswith("Đã tạo việc #1: Rà soát kiến nghị cử tri\n")
    assert f"Hạn: {due}" in card.text


async def test_todays_weekday_read_as_next_week_is_said_so(registered: World) -> None:
    w = registered
    w.clock.set(datetime(2026, 11, 27, 10, 0, tzinfo=VN))  # a Friday morning
    card = await w.say(w.group, w.lan, "/viec Nộp báo cáo @hung hạn thứ 6")
    assert "Hạn: thứ Sáu, 04/12" in card.text
    assert card.text.endswith(
        "(Hôm nay là thứ Sáu: Trợ lý hiểu “thứ 6” là thứ Sáu tuần sau, 04/12. Nếu là hôm nay,"
        " anh/chị gõ /han 1 hôm nay.)"
    )
    today = await w.say(w.group, w.lan, "/han 1 hôm nay")  # the command the note gives
    assert "Hạn mới: thứ Sáu, 27/11" in today.text
    # 17h today is still ahead: "17h thứ 6" is today, nothing to say.
    at_five = await w.say(w.group, w.lan, "/viec Gửi giấy mời hạn 17h thứ 6")
    assert "Hạn: 17:00 thứ Sáu, 27/11" in at_five.text
    assert "Hôm nay là" not in at_five.text
    # The week said in words: nothing to say either.
    said = await w.say(w.group, w.lan, "/viec Gửi giấy mời hạn thứ 6 tuần sau")
    assert "Hôm nay là" not in said.text
    moved = await w.say(w.group, w.lan, "/han 2 thu 6")
    assert "Hạn mới: thứ Sáu, 04/12" in moved.text
    assert "Trợ lý hiểu “thu 6” là thứ Sáu tuần sau, 04/12" in moved.text
