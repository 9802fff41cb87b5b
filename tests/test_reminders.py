"""Conversations: /nhac (one-off, recurring), snooze, task deadline reminders, DM or mention,
/caidat and the morning digest."""

from __future__ import annotations

from datetime import datetime

from storage.timefmt import to_db
from tests.support.world import VN, World, at, db_of, sched


def local(day: int, hour: int, minute: int = 0, month: int = 11, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VN)


async def add_task(
    w: World,
    text: str,
    due: datetime,
    *,
    has_time: bool = True,
    assignees: tuple[str, ...] = (),
    creator: str = "",
) -> int:
    """Insert a task as the task feature stores it (0002_tasks.sql), then plan its reminders."""
    s = sched(w)
    group = await s.groups.by_chat("telegram", str(w.group.id))
    assert group is not None
    overdue = due if has_time else due.replace(day=due.day + 1)
    now = to_db(w.clock.now())
    async with db_of(w).transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO tasks (group_id, number, text, created_by, created_at, due_at,"
            " due_has_time, overdue_at) VALUES (?, (SELECT COALESCE(MAX(number), 0) + 1 FROM"
            " tasks WHERE group_id = ?), ?, ?, ?, ?, ?, ?)",
            (group.id, group.id, text, creator, now, to_db(due), int(has_time), to_db(overdue)),
        )
        task_id = int(cursor.lastrowid or 0)
        for user_id in assignees:
            await conn.execute(
                "INSERT INTO task_assignees (task_id, user_id, assigned_by, assigned_at)"
                " VALUES (?, ?, ?, ?)",
                (task_id, user_id, creator, now),
            )
    await s.planner.plan_task_reminders(task_id)
    return task_id


async def test_one_off_reminder_fires_once_and_snoozes_one_hour(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.hung, "/nhac 10h30 hôm nay Gửi báo cáo kết quả TXCT")
    assert reply.text == (
        "Đã đặt nhắc việc số 1: Gửi báo cáo kết quả TXCT\n"
        "Trợ lý sẽ nhắc trong nhóm lúc 10:30 thứ Hai, 23/11."
    )
    await at(w, local(23, 10, 29))
    assert w.fake.unread(w.group) == []
    await at(w, local(23, 10, 30))
    [sent] = w.fake.unread(w.group)
    assert sent.text == "Nhắc việc: Gửi báo cáo kết quả TXCT"
    assert sent.labels == ["Nhắc lại sau 1 giờ"]
    # Snoozing for the whole group is for whoever set the reminder and the group's leaders.
    qid = w.fake.press(sent, w.mai, "Nhắc lại sau 1 giờ")
    assert (await w.fake.answer_of(qid))["text"] == (
        "Chỉ người tạo nội dung này, chuyên viên, Tổ trưởng hoặc Tổ phó mới hẹn nhắc lại cho "
        "cả Tổ được."
    )
    qid = w.fake.press(sent, w.hung, "Nhắc lại sau 1 giờ")
    assert (await w.fake.answer_of(qid))["text"] == "Trợ lý sẽ nhắc lại lúc 11:30."
    qid = w.fake.press(sent, w.lan, "Nhắc lại sau 1 giờ")  # a second press, same snooze
    assert (await w.fake.answer_of(qid))["text"] == "Trợ lý sẽ nhắc lại lúc 11:30."
    await at(w, local(23, 11, 29))
    assert w.fake.unread(w.group) == []
    await at(w, local(23, 11, 30))
    [again] = w.fake.unread(w.group)
    assert again.text == "Nhắc lại – Nhắc việc: Gửi báo cáo kết quả TXCT"
    await at(w, local(23, 13, 0))
    assert w.fake.unread(w.group) == []
    listing = await w.say(w.group, w.hung, "/nhac")
    assert listing.text.startswith("Tổ chưa đặt nhắc việc nào")


async def test_weekly_reminder_lists_cancels_and_keeps_going(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/nhac 8h thứ 2 hàng tuần Giao ban tổ")
    assert "lúc 08:00 thứ Hai, 30/11, sau đó hằng tuần" in reply.text
    await at(w, local(30, 8))
    [sent] = w.fake.unread(w.group)
    assert sent.text.splitlines() == [
        "Nhắc việc: Giao ban tổ",
        "(Nhắc định kỳ hằng tuần vào thứ Hai; hủy: /huynhac 1)",
    ]
    listing = await w.say(w.group, w.mai, "/nhac")
    assert "1. 08:00 thứ Hai, 07/12 – Giao ban tổ (hằng tuần vào thứ Hai)" in listing.text
    refused = await w.say(w.group, w.mai, "/huynhac 1")
    assert "Chỉ người đặt nhắc việc" in refused.text
    await at(w, local(7, 8, month=12))
    assert len(w.fake.unread(w.group)) == 1
    reply = await w.say(w.group, w.lan, "/huynhac 1")
    assert reply.text == "Đã hủy nhắc việc số 1: Giao ban tổ."
    await at(w, local(14, 8, month=12))
    assert w.fake.unread(w.group) == []
    assert (await w.say(w.group, w.lan, "/huynhac 1")).text == "Nhắc việc số 1 đã hủy trước đó."
    assert (await w.say(w.group, w.lan, "/huynhac 7")).text.startswith(
        "Tổ không có nhắc việc số 7"
    )


async def test_monthly_reminder_across_month_ends_skips_short_months(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/nhac 8h ngày 31 hằng tháng Nộp báo cáo tháng")
    assert "08:00 thứ Năm, 31/12" in reply.text
    fired = []
    for month, year in ((12, 2026), (1, 2027), (2, 2027), (3, 2027), (4, 2027), (5, 2027)):
        for day in (28, 29, 30, 31):
            try:
                moment = local(day, 8, month=month, year=year)
            except ValueError:
                continue
            await at(w, moment)
            if w.fake.unread(w.group):
                fired.append((moment.day, moment.month))
    assert fired == [(31, 12), (31, 1), (31, 3), (31, 5)]


async def test_recurring_reminder_after_downtime_sends_one_late_and_resumes(
    registered: World,
) -> None:
    w = registered
    await w.say(w.group, w.lan, "/nhac 8h hằng ngày Kiểm tra hộp thư")
    w.clock.set(local(25, 9, 15))  # the bot was down over the 08:00 of 24 and 25 November
    await w.restart()
    await sched(w).run_due()
    late, missed = w.fake.unread(w.group)
    # The occurrence of the 24th is over a day late: listed to the chuyên viên, not sent; the
    # one of today is sent with the delay shown.
    assert late.text.startswith("Nhắc việc: Kiểm tra hộp thư (trễ 1 giờ 15 phút)")
    assert missed.text.startswith("@lan_cv: Trong thời gian Trợ lý ngừng hoạt động, 1 nhắc việc")
    assert "• 08:00 thứ Ba, 24/11 – Nhắc việc: Kiểm tra hộp thư" in missed.text
    await at(w, local(26, 8))
    [today] = w.fake.unread(w.group)
    assert today.text.startswith("Nhắc việc: Kiểm tra hộp thư")


async def test_nhac_bad_input(registered: World) -> None:
    w = registered
    assert "chưa đọc được thời gian" in (await w.say(w.group, w.lan, "/nhac gì đó")).text
    assert "ghi nội dung" in (await w.say(w.group, w.lan, "/nhac 8h mai")).text
    assert "đã qua" in (await w.say(w.group, w.lan, "/nhac 8h hôm nay Họp")).text
    assert (await w.say(w.group, w.lan, "/nhac")).text.startswith("Tổ chưa đặt nhắc việc nào")


async def test_task_reminders_dm_or_mention_and_overdue_to_creator(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/caidat tonghop tat")  # only task reminders in this test
    await w.say(w.fake.dm(w.hung), w.hung, "/start")  # Hùng can get DMs; Mai cannot
    hung, mai, lan = str(w.hung.id), str(w.mai.id), str(w.lan.id)
    await add_task(w, "Gửi giấy mời", local(27, 17), assignees=(hung, mai), creator=lan)
    await at(w, local(26, 15, 59))
    assert w.fake.unread(w.group) == []
    await at(w, local(26, 16))
    [dm] = w.fake.unread(w.fake.dm(w.hung))
    assert dm.text == (
        "Tổ đại biểu số 3 – phường Tân Lập\n"
        "Nhắc hạn công việc: việc số 1 “Gửi giấy mời” đến hạn 17:00 thứ Sáu, 27/11."
    )
    assert dm.labels == ["✅ Xong", "Nhắc lại sau 1 giờ"]
    [in_group] = w.fake.unread(w.group)
    assert in_group.text.startswith("Mai: Nhắc hạn công việc: việc số 1")
    await at(w, local(27, 17))
    assert w.fake.unread(w.fake.dm(w.hung))[0].text.endswith(
        "Đến hạn công việc: việc số 1 “Gửi giấy mời” (hạn 17:00 thứ Sáu, 27/11)."
    )
    assert len(w.fake.unread(w.group)) == 1
    await at(w, local(28, 8))
    assert "Công việc quá hạn" in w.fake.unread(w.fake.dm(w.hung))[0].text
    texts = [m.text for m in w.fake.unread(w.group)]
    assert any(t.startswith("Mai: Công việc quá hạn") for t in texts)
    assert any(
        t.startswith("@lan_cv: Công việc anh/chị giao đã quá hạn") and "@hung, Mai" in t
        for t in texts
    )


async def test_done_task_is_not_reminded_and_dm_block_falls_back(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/caidat tonghop tat")
    await w.say(w.fake.dm(w.hung), w.hung, "/start")
    hung, lan = str(w.hung.id), str(w.lan.id)
    first = await add_task(w, "Soạn báo cáo", local(27, 17), assignees=(hung,), creator=lan)
    await add_task(w, "Đặt hội trường", local(27, 0), has_time=False, assignees=(hung,))
    await db_of(w).execute("UPDATE tasks SET status = 'done' WHERE id = ?", (first,))
    w.fake.dm(w.hung).unreachable = "Forbidden: bot was blocked by the user"
    await at(w, local(26, 16))
    assert w.fake.unread(w.fake.dm(w.hung)) == []
    [mention] = w.fake.unread(w.group)
    assert mention.text == (
        "@hung: Nhắc hạn công việc: việc số 2 “Đặt hội trường” đến hạn thứ Sáu, 27/11."
    )
    settings = await w.say(w.group, w.lan, "/caidat")
    assert "Chưa nhận được tin nhắn riêng (Trợ lý sẽ nhắc tên trong nhóm): " in settings.text
    assert "@hung" in settings.text
    assert "@lan_cv" in settings.text


async def test_plan_task_reminders_replaces_rows(registered: World) -> None:
    w = registered
    hung = str(w.hung.id)
    task_id = await add_task(w, "Gửi tờ trình", local(27, 17), assignees=(hung,))
    s = sched(w)
    assert len(await s.reminders.pending_of("task_due", task_id)) == 2
    await db_of(w).execute("UPDATE tasks SET status = 'deleted' WHERE id = ?", (task_id,))
    assert await s.planner.plan_task_reminders(task_id) == []
    assert await s.reminders.pending_of("task_due", task_id) == []
    assert await s.reminders.pending_of("task_overdue", task_id) == []


async def test_settings_change_offsets_digest_and_refusals(registered: World) -> None:
    w = registered
    shown = await w.say(w.group, w.mai, "/caidat")
    assert "• Tiếp xúc cử tri (txct): 3 ngày, 1 ngày, 2 giờ" in shown.text
    assert "• Họp Tổ (hop): 1 ngày, 1 giờ" in shown.text
    assert "Bản tổng hợp buổi sáng: 07:00" in shown.text
    assert "/caidat nhac txct 3d 1d 2h" in shown.text
    assert "Chỉ chuyên viên" in (await w.say(w.group, w.mai, "/caidat tonghop tat")).text
    await w.say(w.group, w.lan, "/lich hop 14h thứ 6 : Họp Tổ")
    reply = await w.say(w.group, w.lan, "/caidat nhac hop 2 ngày, 30p")
    assert reply.text == (
        "Đã đặt mốc nhắc trước cho Họp Tổ: 2 ngày, 30 phút. "
        "Các nhắc của 1 lịch sắp tới đã đổi theo."
    )
    bad = await w.say(w.group, w.lan, "/caidat nhac hop sớm")
    assert "chưa đọc được các mốc nhắc" in bad.text
    await at(w, local(25, 14))
    assert "còn 2 ngày" in w.fake.unread(w.group)[0].text
    await at(w, local(27, 13))  # the old 1-day mark is gone
    assert w.fake.unread(w.group) == [] or "Tổng hợp" in w.fake.unread(w.group)[0].text
    await at(w, local(27, 13, 30))
    assert "còn 30 phút" in w.fake.unread(w.group)[0].text
    assert (await w.say(w.group, w.lan, "/caidat tonghop 6h30")).text.endswith("06:30 mỗi sáng.")
    assert "Đã tắt" in (await w.say(w.group, w.lan, "/caidat tonghop tat")).text
    assert "Bản tổng hợp buổi sáng: tắt" in (await w.say(w.group, w.lan, "/caidat")).text
    assert "24 giờ" in (await w.say(w.group, w.lan, "/caidat tre 24h")).text
    assert "Trợ lý chưa hiểu" in (await w.say(w.group, w.lan, "/caidat mau xanh")).text


async def test_morning_digest_lists_events_and_tasks(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/lich txct 8h thứ 3 tại Nhà văn hóa khu phố 3")
    await w.say(w.group, w.lan, "/lich hop 14h ngày 25/11")
    await add_task(w, "Gửi giấy mời", local(24, 17), assignees=(str(w.hung.id),))
    await add_task(w, "Báo cáo cũ", local(23, 9, 30), assignees=(str(w.mai.id),))
    await at(w, local(24, 6, 59))
    w.fake.unread(w.group)
    await at(w, local(24, 7))
    digest = [m for m in w.fake.unread(w.group) if m.text.startswith("Tổng hợp")]
    assert digest[0].text.splitlines()[:8] == [
        "Tổng hợp buổi sáng – Tổ đại biểu số 3 – phường Tân Lập, thứ Ba, 24/11",
        "Lịch hôm nay:",
        "• 08:00 – Tiếp xúc cử tri (lịch số 1) tại Nhà văn hóa khu phố 3",
        "Lịch ngày mai:",
        "• 14:00 – Họp Tổ (lịch số 2)",
        "Công việc đến hạn hôm nay và ngày mai:",
        "• Việc số 1 “Gửi giấy mời” – hạn 17:00 thứ Ba, 24/11 (@hung)",
        "Công việc quá hạn:",
    ]
    assert digest[0].labels == []
    await at(w, local(24, 7, 5))
    assert not [m for m in w.fake.unread(w.group) if m.text.startswith("Tổng hợp")]
