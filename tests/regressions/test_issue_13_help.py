"""Issue 13: say only what is true and help where people look — the greeting, /help <lệnh>,
event kinds in words, moving events, the spreadsheet, and the smaller items."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from typing import Any

from tests.support.world import VN, World, at, db_of


async def q(w: World, sql: str, *params: Any) -> list[Any]:
    return [tuple(row) for row in await db_of(w).fetchall(sql, params)]


def local(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VN)


async def test_private_greeting_advertises_only_what_works(registered: World) -> None:
    w = registered
    reply = await w.say(w.fake.dm(w.hung), w.hung, "/start")
    # Minutes and claims are advertised now that they exist, by the commands that do them.
    assert "• Biên bản họp: /bienban" in reply.text
    assert "• Việc của Tổ: /viec, /xong, /mo, /giao, /nhan" in reply.text
    assert "• Lịch và nhắc việc: /lich, /huylich, /doilich, /sualich, /nhac" in reply.text
    # Every command the greeting names exists.
    assert w.bot is not None
    router = w.bot.assistant.router
    named = [word.strip(",") for word in reply.text.split() if word.startswith("/")]
    assert named
    assert all(router.find(word.strip("/.,")) is not None for word in named), named


async def test_start_in_a_group_is_a_short_greeting(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.mai, "/start")
    assert reply.text == (
        "Kính chào anh/chị Mai. Trợ lý đang giúp Tổ đại biểu số 3 – phường Tân Lập theo dõi việc, "
        "lịch và nhắc việc. Gõ /help để xem các lệnh; nhắn riêng cho Trợ lý và bấm Start để nhận "
        "nhắc việc cá nhân."
    )


async def test_help_for_one_command_and_question_mark(registered: World) -> None:
    w = registered
    for command in ("/help viec", "/viec ?", "/help /task"):
        reply = await w.say(w.group, w.mai, command)
        assert reply.text.startswith(
            "/viec <nội dung> [@ai …] [hạn <khi nào>]\nTạo việc (giao cho ai, hạn khi nào)"
        ), command
        assert "Tên khác: /task" in reply.text
        assert "Ví dụ:\n/viec Gửi giấy mời MTTQ xã @hung hạn 17h thứ 6" in reply.text
    assert await q(w, "SELECT COUNT(*) FROM tasks") == [(0,)]
    reply = await w.say(w.group, w.mai, "/help thanhvin")
    assert reply.text == (
        "Không có lệnh /thanhvin. Có phải anh/chị muốn xem /thanhvien? Gõ /help để xem danh "
        "sách lệnh."
    )


async def test_did_you_mean_no_longer_suggests_start(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/suaa 1 abc")
    assert reply.text.startswith("Trợ lý chưa hiểu lệnh /suaa. Có phải anh/chị muốn dùng /sua?")
    reply = await w.say(w.group, w.lan, "/sa")
    assert "/start" not in reply.text


async def test_event_kinds_in_words(registered: World) -> None:
    w = registered
    for command, kind in (
        ("/lich giám sát 8h thứ 5 tại UBND xã", "Giám sát"),
        ("/lich tiếp xúc cử tri 8h thứ 6 tại Nhà văn hóa", "Tiếp xúc cử tri"),
        ("/lich họp tổ 14h thứ 6 : Chuẩn bị kỳ họp", "Họp Tổ"),
        ("/lich khao sat 9h thứ 7 tuần sau", "Khảo sát"),
    ):
        reply = await w.say(w.group, w.lan, command)
        assert reply.text.startswith("Đã tạo lịch số"), command
        assert f": {kind}\n" in reply.text, command
    assert await q(w, "SELECT kind, title FROM events ORDER BY number") == [
        ("giamsat", "Giám sát"),
        ("txct", "Tiếp xúc cử tri"),
        ("hop", "Chuẩn bị kỳ họp"),
        ("khaosat", "Khảo sát"),
    ]


async def test_same_time_warning(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/lich hop 8h thứ 6 : Họp Tổ")
    reply = await w.say(w.group, w.lan, "/lich giamsat 9h thứ 6 tại UBND xã")
    assert "Lưu ý: trùng giờ với lịch số 1 (Họp Tổ, 08:00 thứ Sáu, 27/11)." in reply.text
    reply = await w.say(w.group, w.lan, "/lich khaosat 14h thứ 6")
    assert "trùng giờ" not in reply.text
    moved = await w.say(w.group, w.lan, "/doilich 3 8h30 thứ 6")
    assert "Lưu ý: trùng giờ với lịch số 1 (Họp Tổ, 08:00 thứ Sáu, 27/11); lịch số 2" in (
        moved.text
    )


async def test_moving_an_event_asks_attendees_again(registered: World) -> None:
    w = registered
    created = await w.say(w.group, w.lan, "/lich hop 8h thứ 6 : Họp Tổ")
    w.fake.press(created, w.hung, "Tham dự")
    w.fake.press(created, w.mai, "Tham dự")
    await w.settle()
    moved = await w.say(w.group, w.lan, "/doilich 1 14h thứ 6")
    assert moved.text.endswith(
        "Lịch đã đổi giờ: đề nghị các anh/chị xác nhận lại tham dự bằng nút dưới đây (đã xác nhận "
        "cho giờ cũ: @hung, Mai)."
    )
    assert moved.labels == ["Tham dự", "Vắng"]
    assert await q(w, "SELECT COUNT(*) FROM attendance") == [(0,)]
    assert await q(w, "SELECT COUNT(*) FROM attendance_history") == [(2,)]
    w.fake.press(moved, w.hung, "Vắng")
    await w.fake.next_reply(w.group)  # the reason question
    shown = await w.say(w.group, w.lan, "/lich 1")
    assert "Tham dự (0): —" in shown.text
    assert "Vắng (1): Hùng – chưa nêu lý do" in shown.text
    assert "Trả lời cho giờ cũ (không còn tính): Hùng – Tham dự (08:00 thứ Sáu, 27/11)" in (
        shown.text
    )
    # Undoing the move counts the old answers again.
    question = await w.say(w.group, w.lan, "/hoantac")
    assert "dời lịch số 1 từ 08:00 thứ Sáu, 27/11 sang 14:00 thứ Sáu, 27/11" in question.text
    await w.press(question, w.lan, "Hoàn tác")
    shown = await w.say(w.group, w.lan, "/lich 1")
    assert "Tham dự (2): Hùng, Mai" in shown.text


async def test_snooze_is_not_offered_when_the_hour_would_pass_the_start(
    registered: World,
) -> None:
    w = registered
    await w.say(w.group, w.lan, "/caidat tonghop tat")
    await w.say(w.group, w.lan, "/lich hop 14h thứ 6 : Họp Tổ")  # reminded 1 day and 1 h before
    await at(w, local(26, 14))
    [day_before] = w.fake.unread(w.group)
    assert day_before.labels == ["Tham dự", "Vắng", "Nhắc lại sau 1 giờ"]
    await at(w, local(27, 13))
    [hour_before] = w.fake.unread(w.group)
    assert hour_before.labels == ["Tham dự", "Vắng"]
    # The button already shown still works, but never past the start (issue 14, defect 10):
    # it comes back 10 minutes before, and says so.
    w.clock.set(local(27, 13, 30))
    qid = w.fake.press(day_before, w.lan, "Nhắc lại sau 1 giờ")
    notice = (await w.fake.answer_of(qid))["text"]
    assert notice == (
        "Lịch bắt đầu lúc 14:00, nên Trợ lý sẽ nhắc lại lúc 13:50 (10 phút trước giờ bắt đầu)."
    )
    assert await q(w, "SELECT COUNT(*) FROM reminders WHERE kind = 'snooze'") == [(1,)]
    w.clock.set(local(27, 13, 55))
    qid = w.fake.press(day_before, w.lan, "Nhắc lại sau 1 giờ")
    assert "chỉ còn 5 phút" in (await w.fake.answer_of(qid))["text"]


async def test_settings_understood_and_worded(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/caidat tonghop tat")
    reply = await w.say(w.group, w.lan, "/caidat tonghop bat")
    assert reply.text.startswith("Đã bật bản tổng hợp buổi sáng: Trợ lý gửi lúc 07:00 mỗi sáng.")
    reply = await w.say(w.group, w.lan, "/caidat tre 2 ngày")
    assert reply.text == "Từ nay Trợ lý gửi bù nhắc việc bị lỡ trong vòng 48 giờ."
    reply = await w.say(w.group, w.lan, "/caidat nhac giám sát 2d 3h")
    assert reply.text == "Đã đặt mốc nhắc trước cho Giám sát: 2 ngày, 3 giờ."
    settings = await q(w, "SELECT settings FROM groups")
    assert '"late_grace_hours": 48' in settings[0][0]
    assert '"digest_time": "07:00"' in settings[0][0]


async def test_creation_failures_say_no_task_was_created(registered: World) -> None:
    w = registered
    for command in ("/viec Gửi giấy mời hạn thứ 9", "/viec", "/viec Gửi @tam"):
        reply = await w.say(w.group, w.lan, command)
        assert "chưa tạo việc" in reply.text.lower(), command
    assert await q(w, "SELECT COUNT(*) FROM tasks") == [(0,)]


async def test_task_list_exports_as_xlsx(registered: World) -> None:
    from openpyxl import load_workbook

    w = registered
    await w.say(
        w.group, w.lan, "/viec Tổng hợp kiến nghị @hung Mai hạn 17h thứ 6", links={"Mai": w.mai}
    )
    await w.say(w.group, w.hung, "/xong 1")
    await w.say(w.group, w.lan, "/viec Đặt hội trường hạn 25/11")
    await w.say(w.group, w.lan, "/han 2 26/11")
    await w.say(w.group, w.lan, "/viec In tài liệu @hung")
    await w.say(w.group, w.hung, "/xong 3")
    await w.say(w.group, w.lan, "/viec Việc đã xóa")
    await w.press(await w.say(w.group, w.lan, "/xoa 4"), w.lan, "Xóa")
    reply = await w.say(w.group, w.mai, "/tasks export")
    assert reply.text == (
        "Danh sách việc của Tổ đại biểu số 3 – phường Tân Lập (3 việc, cả việc đã xong), dạng "
        "bảng tính Excel."
    )
    assert reply.document_name == "viec-cua-to-2026-11-23.xlsx"
    assert reply.document is not None
    book = load_workbook(BytesIO(reply.document))
    tasks = book["Việc"]
    assert tasks["A1"].value.startswith("Danh sách việc của Tổ đại biểu số 3")
    header = [c.value for c in tasks[2]]
    assert header[:6] == ["Số", "Nội dung", "Trạng thái", "Người thực hiện", "Tiến độ", "Hạn"]
    rows = [[c.value for c in row] for row in tasks.iter_rows(min_row=3)]
    assert [r[:5] for r in rows] == [
        [1, "Tổng hợp kiến nghị", "Đang thực hiện · 1/2 xong", "Hùng (xong), Mai", "1/2 xong"],
        [2, "Đặt hội trường", "Đang thực hiện", "chưa giao", None],
        [3, "In tài liệu", "Đã xong", "Hùng", "1/1 xong"],
    ]
    assert rows[0][5] == datetime(2026, 11, 27, 17, 0)  # the group's local time
    assert rows[1][5] == datetime(2026, 11, 26, 0, 0)  # a date alone
    assert rows[1][11] == 1  # deadline changed once
    parts = [[c.value for c in row] for row in book["Người thực hiện"].iter_rows(min_row=2)]
    assert [p[:4] for p in parts] == [
        [1, "Tổng hợp kiến nghị", "Hùng", "Đã xong"],
        [1, "Tổng hợp kiến nghị", "Mai", "Chưa xong"],
        [3, "In tài liệu", "Hùng", "Đã xong"],
    ]
    assert (await w.say(w.group, w.mai, "/ds xuat")).document_name is not None


async def test_every_example_of_help_viec_creates_the_task_it_shows(registered: World) -> None:
    """An example that does not work as typed is worse than none."""
    w = registered
    await w.say(w.group, w.lan, "/vaitro @hung totruong")
    shown = (await w.say(w.group, w.lan, "/help viec")).text.splitlines()
    shown = shown[shown.index("Ví dụ:") + 1 :]
    examples = [
        line.split(" – ")[0]
        for line in shown
        if line.startswith("/viec ") and not line.split(" – ")[0][6:].strip().isdigit()
    ]
    assert len(examples) >= 3
    for example in examples:
        reply = await w.say(w.group, w.lan, example)
        assert reply.text.startswith("Đã tạo việc #"), (example, reply.text)
        assert "Giao: chưa giao cho ai" not in reply.text, example
        assert "@" not in reply.text.splitlines()[0], example  # every name was understood
