"""Conversations: /lich, /huylich, /doilich, Tham dự / Vắng with a reason, the .ics file."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.support.world import VN, World, at, db_of

TXCT = (
    "/lich txct 8h thứ 6 tuần sau tại Nhà văn hóa khu phố 3 : "
    "Tiếp xúc cử tri trước kỳ họp cuối năm"
)


async def test_create_txct_confirms_kind_time_place_and_reminders(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, TXCT)
    lines = reply.text.splitlines()
    assert lines[0] == "Đã tạo lịch số 1: Tiếp xúc cử tri"
    assert lines[1] == "Thời gian: 08:00 thứ Sáu, 04/12"
    assert lines[2] == "Địa điểm: Nhà văn hóa khu phố 3"
    assert lines[3] == "Nội dung: Tiếp xúc cử tri trước kỳ họp cuối năm"
    assert lines[4] == (
        "Trợ lý sẽ nhắc trong nhóm: 08:00 thứ Ba, 01/12 (trước 3 ngày); "
        "08:00 thứ Năm, 03/12 (trước 1 ngày); 06:00 thứ Sáu, 04/12 (trước 2 giờ)."
    )
    assert reply.labels == ["Tham dự", "Vắng"]


def local(day: int, hour: int, minute: int = 0, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VN)


async def test_each_offset_fires_at_its_minute_once(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, TXCT)
    await at(w, local(1, 7, 59))
    assert w.fake.unread(w.group) == []
    await at(w, local(1, 8, 0))
    [reminder] = w.fake.unread(w.group)
    assert reminder.text.splitlines()[0] == "Nhắc lịch: Tiếp xúc cử tri – lịch số 1, còn 3 ngày"
    assert "Địa điểm: Nhà văn hóa khu phố 3" in reminder.text
    assert reminder.labels == ["Tham dự", "Vắng", "Nhắc lại sau 1 giờ"]
    await at(w, local(1, 8, 1))
    assert w.fake.unread(w.group) == []  # never twice
    await at(w, local(3, 8, 0))
    assert "còn 1 ngày" in w.fake.unread(w.group)[0].text
    await at(w, local(4, 6, 0))
    [last] = w.fake.unread(w.group)
    assert last.text.startswith("Nhắc lịch: Tiếp xúc cử tri – lịch số 1, còn 2 giờ")
    # 08:00 local is 01:00 UTC: stored as UTC, shown in the group's zone.
    row = await db_of(w).fetchone("SELECT starts_at FROM events WHERE number = 1")
    assert row is not None
    assert row["starts_at"] == "2026-12-04 01:00:00"


async def test_list_show_and_attendance_with_reason(registered: World) -> None:
    w = registered
    created = await w.say(w.group, w.lan, TXCT)
    await w.say(w.group, w.lan, "/lich hop 14h30 ngày 26/11 : Họp Tổ chuẩn bị kỳ họp")
    await w.say(w.group, w.lan, "/lich giam sat 14h ngay 15/12 tai UBND phuong")
    listing = await w.say(w.group, w.mai, "/lich")
    assert listing.text.splitlines()[1:4] == [
        "2. 14:30 thứ Năm, 26/11 – Họp Tổ: Họp Tổ chuẩn bị kỳ họp",
        "1. 08:00 thứ Sáu, 04/12 – Tiếp xúc cử tri tại Nhà văn hóa khu phố 3: "
        "Tiếp xúc cử tri trước kỳ họp cuối năm",
        # No title given: the kind is not said twice ("Giám sát: Giám sát").
        "3. 14:00 thứ Ba, 15/12 – Giám sát tại UBND phuong",
    ]
    qid = w.fake.press(created, w.hung, "Tham dự")
    assert (await w.fake.answer_of(qid))["text"] == "Đã ghi nhận anh/chị tham dự lịch số 1."
    qid = w.fake.press(created, w.mai, "Vắng")
    assert (await w.fake.answer_of(qid))["text"] == "Đã ghi nhận anh/chị vắng lịch số 1."
    question = await w.fake.next_reply(w.group)
    assert question.text.startswith("Mai báo vắng lịch số 1 (Tiếp xúc cử tri, 08:00 thứ Sáu")
    noted = await w.say(w.group, w.mai, "Em đi công tác Hà Nội", reply_to=question)
    assert noted.text == ("Đã ghi nhận lý do vắng của Mai (lịch số 1): Em đi công tác Hà Nội")
    # The next message is ordinary talk again.
    w.fake.say(w.group, w.mai, "Cảm ơn anh chị")
    await w.settle()
    assert w.fake.unread(w.group) == []
    shown = await w.say(w.group, w.hung, "/lich 1")
    assert "Tham dự (1): Hùng" in shown.text
    assert "Vắng (1): Mai – lý do: Em đi công tác Hà Nội" in shown.text
    assert "Chưa trả lời (1): Lan Nguyễn" in shown.text


async def test_reason_question_survives_a_restart(registered: World) -> None:
    w = registered
    created = await w.say(w.group, w.lan, TXCT)
    w.fake.press(created, w.mai, "Vắng")
    await w.fake.next_reply(w.group)
    await w.restart()
    noted = await w.say(w.group, w.mai, "Con ốm")
    assert noted.text.endswith("Con ốm")


async def test_rsvp_refusals_change_nothing(registered: World) -> None:
    w = registered
    created = await w.say(w.group, w.lan, TXCT)
    qid = w.fake.press(created, w.outsider, "Tham dự")
    assert "không phải thành viên" in (await w.fake.answer_of(qid))["text"]
    # A forged press naming another group's event.
    await w.say(w.other_group, w.outsider, "/dangky Tổ đại biểu số 5")
    other = await w.say(w.other_group, w.outsider, "/lich hop 9h ngày 27/11")
    other_id = other.button_data("Tham dự").split(":")[1]
    qid = w.fake.press(created, w.hung, f"rsvp:{other_id}:y")
    assert (await w.fake.answer_of(qid))["text"] == "Nút này không còn hiệu lực."
    ask = await w.say(w.group, w.lan, "/huylich 1")
    await w.press(ask, w.lan, "Hủy lịch")
    qid = w.fake.press(created, w.hung, "Tham dự")
    assert (await w.fake.answer_of(qid))["text"] == "Lịch số 1 đã hủy."
    shown = await w.say(w.group, w.lan, "/lich 1")
    assert "Tham dự (0): —" in shown.text
    other_shown = await w.say(w.other_group, w.outsider, "/lich 1")
    assert "Tham dự (0): —" in other_shown.text


async def test_cancel_removes_reminders_not_other_groups(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, TXCT)
    refused = await w.say(w.group, w.mai, "/huylich 1")
    assert "Chỉ chuyên viên, Tổ trưởng hoặc Tổ phó" in refused.text
    await w.say(w.other_group, w.outsider, "/dangky Tổ đại biểu số 5")
    await w.say(w.other_group, w.outsider, "/lich hop 9h ngày 27/11")
    reply = await w.say(w.group, w.lan, "/huylich 2")
    assert reply.text == "Tổ không có lịch số 2. Xem danh sách: /lich."
    ask = await w.say(w.group, w.lan, "/huylich 1")
    assert ask.labels == ["Hủy lịch", "Không hủy"]
    reply = await w.press(ask, w.lan, "Hủy lịch")
    assert reply.edited
    assert reply.text.startswith("Đã hủy lịch số 1: Tiếp xúc cử tri lúc 08:00 thứ Sáu, 04/12.")
    assert (await w.say(w.group, w.lan, "/huylich 1")).text == "Lịch số 1 đã hủy trước đó."
    for day, hour in ((1, 8), (3, 8), (4, 6)):
        await at(w, local(day, hour))
    assert w.fake.unread(w.group) == []
    # The other group's reminders fell due after its event had begun (the clock jumped days):
    # they are not sent, and its creator is told once why.
    assert [m.text for m in w.fake.unread(w.other_group)] == [
        "@tam: Trợ lý không gửi nhắc việc “lịch số 1 (Họp Tổ)” như đã hẹn, vì lịch đã "
        "bắt đầu lúc 09:00."
    ]
    # The other group's event was not touched.
    other = await w.say(w.other_group, w.outsider, "/lich 1")
    assert other.text.startswith("Lịch số 1: Họp Tổ\n")


async def test_move_event_moves_its_reminders(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, TXCT)
    reply = await w.say(w.group, w.lan, "/doilich 1 14h thứ 7 tuần sau")
    assert reply.text.splitlines()[0] == (
        "Đã dời lịch số 1 (Tiếp xúc cử tri) sang 14:00 thứ Bảy, 05/12."
    )
    assert "14:00 thứ Tư, 02/12 (trước 3 ngày)" in reply.text
    await at(w, local(1, 8))
    assert w.fake.unread(w.group) == []
    await at(w, local(2, 14))
    assert "còn 3 ngày" in w.fake.unread(w.group)[0].text
    assert (await w.say(w.group, w.lan, "/doilich 1 8h hôm nay")).text.startswith("Thời điểm")


async def test_bad_input_is_explained_and_nothing_is_created(registered: World) -> None:
    w = registered
    cases = {
        "/lich hoithao 8h mai": "Không có loại lịch “hoithao”",
        "/lich txct lúc nào đó": "vui lòng ghi thời gian",
        "/lich txct 8h thứ 9": "Trợ lý chưa đọc được thời gian “8h thứ 9”: không có thứ 9",
        "/lich txct 8h hôm nay": "đã qua",
        "/lich txct tại Nhà văn hóa": "chưa ghi thời gian",
        "/lich txct": "vui lòng ghi thời gian",
        "/lich txct thứ 6 tuần sau : TXCT": "vui lòng ghi giờ bắt đầu",
        "/lich txct 8h thứ 2 hàng tuần": "không lặp lại",
        "/lich txct 8h mai tại": "ghi địa điểm",
    }
    for command, expected in cases.items():
        reply = await w.say(w.group, w.lan, command)
        assert expected in reply.text, command
    assert (await w.say(w.group, w.lan, "/lich")).text.startswith("Tổ chưa có lịch sắp tới")
    assert "Chỉ chuyên viên" in (await w.say(w.group, w.mai, "/lich hop 8h mai")).text


async def test_snooze_on_a_cancelled_event_is_refused(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, TXCT)
    await at(w, local(1, 8))
    [reminder] = w.fake.unread(w.group)
    ask = await w.say(w.group, w.lan, "/huylich 1")
    await w.press(ask, w.lan, "Hủy lịch")
    qid = w.fake.press(reminder, w.lan, "Nhắc lại sau 1 giờ")
    assert "đã được hủy" in (await w.fake.answer_of(qid))["text"]
    await at(w, local(1, 9, 30))
    assert w.fake.unread(w.group) == []


async def test_ics_export_imports_as_calendar(registered: World) -> None:
    from icalendar import Calendar

    w = registered
    await w.say(w.group, w.lan, TXCT)
    await w.say(w.group, w.lan, "/lich hop 14h30 ngày 26/11")
    reply = await w.say(w.group, w.hung, "/lich ics")
    assert reply.document_name == "lich-to-dai-bieu.ics"
    assert reply.document is not None
    calendar = Calendar.from_ical(reply.document)
    items = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    txct = items["Tiếp xúc cử tri: Tiếp xúc cử tri trước kỳ họp cuối năm"]
    assert str(txct["location"]) == "Nhà văn hóa khu phố 3"
    start = txct.decoded("dtstart")
    assert start == local(4, 8)
    assert start.utcoffset() == timedelta(0)
    assert items["Họp Tổ"].decoded("dtstart") == local(26, 14, 30, month=11)


async def test_last_reminder_names_attendees_and_reaches_them_in_private(
    registered: World,
) -> None:
    w = registered
    event = await w.say(w.group, w.lan, TXCT)
    await w.say(w.fake.dm(w.hung), w.hung, "/start")  # Hùng can get private messages
    for person in (w.hung, w.mai):  # Mai confirms too, but never started the bot
        query = w.fake.press(event, person, "Tham dự")
        await w.fake.answer_of(query)
    await at(w, local(1, 8, 0))
    [three_days] = w.fake.unread(w.group)
    assert "Đã xác nhận tham dự: @hung, Mai" in three_days.text
    assert "Chưa xác nhận: 1 người." in three_days.text  # Lan
    await at(w, local(3, 8, 0))
    assert "còn 1 ngày" in w.fake.unread(w.group)[0].text
    assert w.fake.unread(w.fake.dm(w.hung)) == []  # only the last reminder goes in private
    await at(w, local(4, 6, 0))
    [last] = w.fake.unread(w.group)
    assert last.text.startswith("Nhắc lịch: Tiếp xúc cử tri – lịch số 1, còn 2 giờ")
    [personal] = w.fake.unread(w.fake.dm(w.hung))
    assert personal.text.splitlines()[0] == "Tổ đại biểu số 3 – phường Tân Lập"
    assert "Nhắc lịch: Tiếp xúc cử tri – lịch số 1, còn 2 giờ" in personal.text
    assert "Địa điểm: Nhà văn hóa khu phố 3" in personal.text
    assert "Anh/chị đã xác nhận tham dự lịch này." in personal.text
    assert personal.labels == ["Nhắc lại sau 1 giờ"]
    await at(w, local(4, 6, 1))
    assert w.fake.unread(w.fake.dm(w.hung)) == []  # never twice
    assert w.fake.unread(w.group) == []  # Mai is named in the group message, not pinged again
