"""Conversations: a meeting recorded in the group becomes a biên bản (.docx) and tasks."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import docx
import pytest

from bot.playground.fake_telegram import SentMessage
from tests.support.world import START, VN, World, at, db_of

BEGIN = "/bienban batdau Họp Tổ chuẩn bị kỳ họp thứ 12"


def texts_of(document_message: SentMessage) -> list[str]:
    assert document_message.document is not None
    opened = docx.Document(io.BytesIO(document_message.document))
    cells = [
        p.text for t in opened.tables for c in t.rows[0].cells for p in c.paragraphs if p.text
    ]
    return cells + [p.text for p in opened.paragraphs]


async def leaders(w: World) -> None:
    """Hùng becomes tổ trưởng (Lan is the chuyên viên who registered the group)."""
    await w.say(w.group, w.lan, "/vaitro @hung totruong")


async def quiet(w: World, *lines: tuple[object, str]) -> None:
    """People write; markers get no answer, so nothing must be waiting afterwards."""
    for user, text in lines:
        w.fake.say(w.group, user, text)  # type: ignore[arg-type]
    await w.settle()
    assert [m.text for m in w.fake.unread(w.group)] == []


async def test_a_full_meeting_becomes_minutes_and_tasks(registered: World) -> None:
    w = registered
    await leaders(w)
    started = await w.say(w.group, w.lan, BEGIN)
    assert started.text.startswith("Trợ lý bắt đầu ghi biên bản: Họp Tổ chuẩn bị kỳ họp thứ 12.")
    assert "#giaoviec <việc> @ai hạn <khi nào>" in started.text
    await quiet(
        w,
        (w.hung, "#chutri @hung"),
        (w.lan, "#vang Ông Võ Thanh Bình (đi công tác)"),
        (w.lan, "#khach Ông Nguyễn Văn Cường, Phó Chủ tịch UBND xã"),
        (w.hung, "#Nội dung: Dự thảo nghị quyết đầu tư công"),
        (w.mai, "#y kien Đề nghị bổ sung số liệu giải ngân"),
        (w.hung, "Tôi thống nhất với ý kiến của chị Mai"),
        (w.lan, "#biểu quyết Thông qua góp ý của Tổ 3/0/0"),
        (w.hung, "#KETLUAN Tổ thống nhất các ý kiến góp ý"),
        (w.hung, "#giaoviec Soạn báo cáo tổng hợp @lan_cv hạn 17h thứ 6"),
        (w.hung, "#giao viec Liên hệ UBND xã về số liệu @hung"),
    )
    w.fake.sticker(w.group, w.mai)
    await w.settle()
    status = await w.say(w.group, w.mai, "/bienban")
    assert status.text.startswith("Đang ghi biên bản: Họp Tổ chuẩn bị kỳ họp thứ 12")
    assert "đã ghi 11 tin nhắn" in status.text
    assert "Vắng (1): Ông Võ Thanh Bình (đi công tác)" in status.text
    assert "1. Dự thảo nghị quyết đầu tư công (1 ý kiến, 1 biểu quyết)" in status.text

    w.clock.set(START + timedelta(hours=2))
    w.fake.say(w.group, w.hung, "/bienban ketthuc")
    summary = await w.fake.next_reply(w.group)
    document = await w.fake.next_reply(w.group)
    notes = await w.fake.next_reply(w.group)
    lines = summary.text.splitlines()
    assert lines[0] == "Đã kết thúc ghi biên bản: Họp Tổ chuẩn bị kỳ họp thứ 12"
    assert lines[1] == "Biên bản số 01/BB-TĐB; 09:00–11:00 23/11/2026; 11 tin nhắn."
    assert "Chủ trì: Hùng (Tổ trưởng); Thư ký: Lan Nguyễn (Chuyên viên)" in lines
    assert "Việc đã giao (đã thêm vào danh sách việc của Tổ):" in lines
    assert "• #1 Soạn báo cáo tổng hợp – Lan Nguyễn – 17:00 thứ Sáu, 27/11" in lines
    assert "• #2 Liên hệ UBND xã về số liệu – Hùng – cần bổ sung hạn" in lines
    assert document.document_name == "bien-ban-01-2026.docx"
    assert document.text.startswith("Biên bản số 01/BB-TĐB (ngày 23 tháng 11 năm 2026)")
    assert notes.text.startswith("@lan_cv: các việc sau chưa có hạn rõ ràng")
    assert "#2 Liên hệ UBND xã về số liệu" in notes.text

    doc = texts_of(document)
    assert doc[:3] == ["HĐND TỈNH ……", "TỔ ĐẠI BIỂU SỐ 3 – PHƯỜNG TÂN LẬP", "Số: 01/BB-TĐB"]
    assert "Thời gian bắt đầu: 9 giờ 00 phút, ngày 23 tháng 11 năm 2026." in doc
    assert "- Có mặt (3): Hùng, Tổ trưởng; Mai; Lan Nguyễn, Chuyên viên." in doc
    assert "- Vắng mặt (1): Ông Võ Thanh Bình (lý do: đi công tác)." in doc
    assert "- Khách mời: Ông Nguyễn Văn Cường, Phó Chủ tịch UBND xã." in doc
    assert "- Mai: Đề nghị bổ sung số liệu giải ngân" in doc
    assert any(t.startswith("- Biểu quyết Thông qua góp ý của Tổ: tán thành 3/3") for t in doc)
    assert "- Tổ thống nhất các ý kiến góp ý" in doc
    assert "Cuộc họp kết thúc vào 11 giờ 00 phút, ngày 23 tháng 11 năm 2026./." in doc
    assert [t for t in doc if t in ("THƯ KÝ", "CHỦ TỌA", "Lan Nguyễn", "Hùng")][:4] == [
        "THƯ KÝ",
        "Lan Nguyễn",
        "CHỦ TỌA",
        "Hùng",
    ]
    assert "09:00 Hùng: Tôi thống nhất với ý kiến của chị Mai" in doc
    assert "09:00 Mai: [nhãn dán, ảnh hoặc tệp không có chú thích]" in doc

    # The tasks are in the group's list with their reminders, and know their minutes.
    rows = await db_of(w).fetchall(
        "SELECT t.number, COUNT(r.id) AS n FROM tasks t LEFT JOIN reminders r"
        " ON r.source_id = t.id AND r.kind IN ('task_due', 'task_overdue') GROUP BY t.id"
    )
    assert [(r["number"], r["n"] > 0) for r in rows] == [(1, True), (2, False)]
    card = await w.say(w.group, w.mai, "/viec 2")
    assert "Từ biên bản số 01/BB-TĐB: Họp Tổ chuẩn bị kỳ họp thứ 12 (/bienban 1)" in card.text
    assert "Biên bản chưa ghi rõ hạn" in card.text

    # Nothing more is recorded; the minutes can be listed and sent again.
    await quiet(w, (w.hung, "#ketluan sau cuộc họp"))
    listed = await w.say(w.group, w.mai, "/bienban ds")
    assert (
        "• Số 01/BB-TĐB – 23/11/2026 – Họp Tổ chuẩn bị kỳ họp thứ 12 (/bienban 1)" in listed.text
    )
    again = await w.say(w.group, w.mai, "/bienban 1")
    assert texts_of(again) == doc
    as_text = await w.say(w.group, w.mai, "/bienban 01 text")
    assert "BIÊN BẢN\nHọp Tổ chuẩn bị kỳ họp thứ 12" in as_text.text
    assert "sau cuộc họp" not in as_text.text


async def test_a_restart_in_the_middle_loses_nothing_and_keeps_recording(
    registered: World,
) -> None:
    w = registered
    await w.say(w.group, w.lan, BEGIN)
    await quiet(w, (w.hung, "#noidung Trước khi khởi động lại"), (w.mai, "Ý kiến một"))
    await w.restart()
    await quiet(w, (w.mai, "#ketluan Sau khi khởi động lại"), (w.hung, "Ý kiến hai"))
    w.fake.say(w.group, w.lan, "/bienban ketthuc")
    summary = await w.fake.next_reply(w.group)
    assert "4 tin nhắn" in summary.text
    doc = texts_of(await w.fake.next_reply(w.group))
    assert "1. Trước khi khởi động lại" in doc
    assert "- Sau khi khởi động lại" in doc
    assert [t.split(": ", 1)[1] for t in doc if t.startswith("09:00 ")] == [
        "#noidung Trước khi khởi động lại",
        "Ý kiến một",
        "#ketluan Sau khi khởi động lại",
        "Ý kiến hai",
    ]


async def test_an_edited_message_updates_its_line_and_marker(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, BEGIN)
    marker = w.fake.say(w.group, w.hung, "#ketluan Thong qua")
    plain = w.fake.say(w.group, w.mai, "Em dong y")
    await w.settle()
    w.fake.edit(marker, "#ketluan Thông qua kế hoạch giám sát năm 2027")
    w.fake.edit(plain, "Em đồng ý")
    before = w.fake.say(w.group, w.mai, "#ykien lời cũ")
    await w.settle()
    w.fake.edit(before, "bỏ ý kiến này")  # no longer a marker: the opinion goes
    await w.settle()
    assert w.fake.unread(w.group) == []
    w.fake.say(w.group, w.lan, "/bienban ketthuc")
    await w.fake.next_reply(w.group)
    doc = texts_of(await w.fake.next_reply(w.group))
    assert "- Thông qua kế hoạch giám sát năm 2027" in doc
    assert "- Thong qua" not in doc
    assert "09:00 Mai: Em đồng ý (đã sửa)" in doc
    assert not any("lời cũ" in t for t in doc)


async def test_a_meeting_started_from_an_event_takes_its_time_place_and_attendance(
    registered: World,
) -> None:
    w = registered
    created = await w.say(
        w.group, w.lan, "/lich hop 14h ngày 25/11 tại Phòng họp số 2 : Họp Tổ chuẩn bị kỳ họp"
    )
    w.fake.press(created, w.hung, "Tham dự")
    await w.settle()
    w.fake.press(created, w.mai, "Vắng")
    await w.settle()
    w.fake.unread(w.group)
    await w.say(w.group, w.mai, "Em đi công tác Hà Nội")
    w.clock.set(datetime(2026, 11, 25, 14, 0, tzinfo=VN))
    started = await w.say(w.group, w.lan, "/bienban batdau lịch 1")
    assert started.text.startswith("Trợ lý bắt đầu ghi biên bản: Họp Tổ chuẩn bị kỳ họp.")
    assert "Theo lịch số 1:" in started.text
    assert "Phòng họp số 2" in started.text
    w.fake.say(w.group, w.lan, "/bienban ketthuc")
    await w.fake.next_reply(w.group)
    doc = texts_of(await w.fake.next_reply(w.group))
    assert "Địa điểm: Phòng họp số 2." in doc
    assert "Thời gian bắt đầu: 14 giờ 00 phút, ngày 25 tháng 11 năm 2026." in doc
    assert "- Có mặt (2): Hùng; Lan Nguyễn, Chuyên viên." in doc
    assert "- Vắng mặt (1): Mai (lý do: Em đi công tác Hà Nội)." in doc


async def test_a_forgotten_recording_is_closed_with_a_notice(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, BEGIN)
    await quiet(w, (w.hung, "#ketluan Đã thống nhất"), (w.hung, "#giaoviec Soạn báo cáo @hung"))
    w.clock.set(START + timedelta(minutes=30))
    await quiet(w, (w.mai, "Cảm ơn cả Tổ"))
    await at(w, START + timedelta(hours=5, minutes=59))
    assert w.fake.unread(w.group) == []
    await at(w, START + timedelta(hours=6))
    [notice] = w.fake.unread(w.group)
    assert notice.text.startswith(
        "Cuộc họp “Họp Tổ chuẩn bị kỳ họp thứ 12” đã ghi quá 6 giờ mà chưa có /bienban ketthuc"
    )
    assert "Gõ /bienban 1 để nhận tệp biên bản (.docx)." in notice.text
    # The chuyên viên is told what to complete, as after /bienban ketthuc.
    assert (
        "@lan_cv: các việc sau chưa có hạn rõ ràng trong biên bản, đề nghị bổ sung bằng"
        " /han <số> <khi nào>: #1 Soạn báo cáo." in notice.text
    )
    doc = texts_of(await w.say(w.group, w.mai, "/bienban 1"))
    # It ended with its last message, not when the bot noticed it was left open.
    assert "Cuộc họp kết thúc vào 9 giờ 30 phút, ngày 23 tháng 11 năm 2026./." in doc
    reply = await w.say(w.group, w.lan, "/bienban ketthuc")
    assert reply.text.startswith("Tổ chưa ghi biên bản nào")


async def test_a_recording_closed_by_hand_is_not_closed_again(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, BEGIN)
    w.fake.say(w.group, w.lan, "/bienban ketthuc")
    await w.fake.next_reply(w.group)
    await w.fake.next_reply(w.group)
    await w.settle()  # replies leave through the outbox: the last may still be on its way
    w.fake.unread(w.group)
    await at(w, START + timedelta(hours=7))
    assert w.fake.unread(w.group) == []


# -- bad input -------------------------------------------------------------------------------


async def test_starting_twice_and_stopping_when_nothing_records(registered: World) -> None:
    w = registered
    nothing = await w.say(w.group, w.lan, "/bienban ketthuc")
    assert nothing.text == "Tổ chưa ghi biên bản nào. Gõ /bienban batdau [tiêu đề] để bắt đầu."
    await w.say(w.group, w.lan, BEGIN)
    twice = await w.say(w.group, w.lan, "/minutes start Cuộc họp khác")
    assert twice.text.startswith("Tổ đang ghi biên bản “Họp Tổ chuẩn bị kỳ họp thứ 12”")
    count = await db_of(w).fetchone("SELECT COUNT(*) AS n FROM minutes_recordings")
    assert count is not None
    assert count["n"] == 1


async def test_only_leaders_or_the_named_chair_start_and_stop(registered: World) -> None:
    w = registered
    refused = await w.say(w.group, w.mai, BEGIN)
    assert refused.text.startswith("Chỉ chuyên viên, Tổ trưởng, Tổ phó hoặc người chủ trì")
    await w.say(w.group, w.lan, BEGIN)
    not_yet = await w.say(w.group, w.mai, "/bienban ketthuc")
    assert not_yet.text.startswith("Chỉ chuyên viên, Tổ trưởng, Tổ phó hoặc người chủ trì")
    w.fake.say(w.group, w.lan, "#chutri Mai", links={"Mai": w.mai})
    await w.settle()
    w.fake.say(w.group, w.mai, "/bienban ketthuc")
    closed = await w.fake.next_reply(w.group)
    assert closed.text.startswith("Đã kết thúc ghi biên bản")
    assert "Chủ trì: Mai; Thư ký: Lan Nguyễn (Chuyên viên)" in closed.text
    await w.say(w.other_group, w.outsider, "/dangky Tổ đại biểu số 5")
    outsider = await w.say(w.other_group, w.outsider, "/bienban 1")
    assert outsider.text.startswith("Không có biên bản số 1 của Tổ.")


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("#comat @nobody_here", "Trợ lý chưa biết @nobody_here trong Tổ"),
        ("#bieuquyet Thông qua kế hoạch", "Chưa đọc được kết quả biểu quyết"),
        ("#ketluan", "Đánh dấu #ketluan chưa có nội dung. Ví dụ: #ketluan Thống nhất thông qua"),
        ("#giaoviec Gửi công văn @ghost", "Trợ lý chưa biết @ghost trong Tổ nên chưa giao"),
        ("#bo", "Anh/chị chưa có đánh dấu nào trong cuộc họp này để bỏ."),
    ],
)
async def test_markers_that_cannot_be_used_as_written_are_answered(
    registered: World, text: str, answer: str
) -> None:
    w = registered
    await w.say(w.group, w.lan, BEGIN)
    reply = await w.say(w.group, w.hung, text)
    assert reply.text.startswith(answer)


async def test_undo_takes_back_the_senders_last_marker(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, BEGIN)
    await quiet(w, (w.hung, "#ketluan Giữ lại"), (w.hung, "#ketluan Nhầm"))
    undone = await w.say(w.group, w.hung, "#undo")
    assert undone.text == "Đã bỏ đánh dấu #ketluan của Hùng: Nhầm"
    w.fake.say(w.group, w.lan, "/bienban ketthuc")
    summary = await w.fake.next_reply(w.group)
    assert "• Giữ lại" in summary.text
    assert "Nhầm" not in summary.text


async def test_a_task_with_an_unreadable_deadline_is_still_created(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, BEGIN)
    await quiet(w, (w.hung, "#giaoviec Rà soát kiến nghị @hung hạn khi nào xong thì báo"))
    w.fake.say(w.group, w.lan, "/bienban ketthuc")
    summary = await w.fake.next_reply(w.group)
    assert "• #1 Rà soát kiến nghị hạn khi nào xong thì báo – Hùng – cần bổ sung hạn" in (
        summary.text.splitlines()
    )
    await w.fake.next_reply(w.group)
    notes = await w.fake.next_reply(w.group)
    assert notes.text.startswith("@lan_cv: các việc sau chưa có hạn rõ ràng")


async def test_control_characters_still_give_a_document(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, BEGIN)
    await quiet(w, (w.hung, "#ketluan Thống\x07 nhất\x1b"), (w.mai, "Chữ\x00 lạ \u202e ngược"))
    w.fake.say(w.group, w.lan, "/bienban ketthuc")
    await w.fake.next_reply(w.group)
    doc = texts_of(await w.fake.next_reply(w.group))
    assert "- Thống nhất" in doc
    assert "09:00 Mai: Chữ lạ  ngược" in doc


async def test_the_bot_that_cannot_see_ordinary_messages_says_how_to_fix_it(
    registered: World,
) -> None:
    w = registered
    w.fake.privacy_mode = True
    refused = await w.say(w.group, w.lan, BEGIN)
    assert refused.text.startswith("Trợ lý chưa đọc được các tin nhắn thường trong nhóm này")
    assert "quản trị viên" in refused.text
    assert "/setprivacy" in refused.text
    assert await db_of(w).fetchone("SELECT 1 FROM minutes_recordings") is None
    w.group.admins.add(w.fake.bot.id)  # the first fix: the bot becomes an administrator
    started = await w.say(w.group, w.lan, BEGIN)
    assert started.text.startswith("Trợ lý bắt đầu ghi biên bản")


async def test_settings_agency_and_next_number(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/caidat coquan HĐND tỉnh Quảng Nam / Tổ đại biểu số 3")
    number = await w.say(w.group, w.lan, "/caidat sobienban 5")
    assert number.text == "Biên bản tiếp theo của Tổ trong năm 2026 sẽ mang số 05."
    bad = await w.say(w.group, w.lan, "/caidat coquan chỉ một dòng")
    assert bad.text.startswith("Vui lòng ghi hai dòng")
    refused = await w.say(w.group, w.mai, "/caidat sobienban 9")
    assert refused.text.startswith("Chỉ chuyên viên, Tổ trưởng hoặc Tổ phó")
    overview = await w.say(w.group, w.lan, "/caidat")
    assert "Biên bản họp: cơ quan “HĐND tỉnh Quảng Nam / Tổ đại biểu số 3”" in overview.text
    assert "biên bản tiếp theo số 05/BB-TĐB" in overview.text
    await w.say(w.group, w.lan, BEGIN)
    w.fake.say(w.group, w.lan, "/bienban ketthuc")
    await w.fake.next_reply(w.group)
    doc = texts_of(await w.fake.next_reply(w.group))
    assert doc[:3] == ["HĐND TỈNH QUẢNG NAM", "TỔ ĐẠI BIỂU SỐ 3", "Số: 05/BB-TĐB"]
    notes = await w.fake.next_reply(w.group)
    assert "Tên cơ quan" not in notes.text  # set: no reminder to set it
    taken = await w.say(w.group, w.lan, "/caidat sobienban 5")
    assert taken.text == "Năm 2026 Tổ đã có biên bản số 05; vui lòng chọn số khác."
