"""Issue 14, defect 5: reminders due while the bot was out of a group are kept, and when it is
back the group gets one summary of what it missed."""

from __future__ import annotations

from datetime import datetime

from tests.support.world import VN, World, at, db_of, sched


def local(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 23, hour, minute, tzinfo=VN)


async def test_reminders_due_while_removed_are_summarised_once_when_the_bot_is_back(
    registered: World,
) -> None:
    w = registered
    await w.say(w.group, w.lan, "/caidat tonghop tat")
    for text in (
        "10h hôm nay Gửi kế hoạch TXCT",
        "11h hôm nay Gọi MTTQ phường",
        "15h hôm nay Họp Tổ",
    ):
        await w.say(w.group, w.lan, f"/nhac {text}")
    w.group.unreachable = "Forbidden: bot was kicked from the supergroup chat"
    w.clock.set(local(10))
    report = await sched(w).run_due()
    assert (report.kept, report.failed) == (1, 0)
    calls = len(w.fake.calls_of("sendMessage"))
    await at(w, local(11))
    assert len(w.fake.calls_of("sendMessage")) == calls  # known refused: not even tried
    # 12:30: Lan adds the bot back.
    w.clock.set(local(12, 30))
    w.group.unreachable = None
    w.fake.join(w.group, w.fake.bot, by=w.lan)
    assert w.bot is not None
    await w.bot.settle()
    messages = [m.text for m in w.fake.unread(w.group)]
    assert messages[0].startswith("Trợ lý đã trở lại")  # the greeting …
    assert messages[1].splitlines() == [  # … and one summary
        "Trợ lý đã trở lại nhóm. Trong thời gian Trợ lý không ở trong nhóm, 2 nhắc việc đã "
        "không gửi được:",
        "• 10:00 thứ Hai, 23/11 – Nhắc việc: Gửi kế hoạch TXCT",
        "• 11:00 thứ Hai, 23/11 – Nhắc việc: Gọi MTTQ phường",
        "Anh/chị gõ /lich, /ds hoặc /nhac để xem những gì còn sắp tới.",
    ]
    assert len(messages) == 2
    # Added again: nothing is listed twice.
    w.fake.join(w.group, w.fake.bot, by=w.lan)
    await w.bot.settle()
    assert all("không gửi được" not in m.text for m in w.fake.unread(w.group))
    await at(w, local(15))
    assert [m.text for m in w.fake.unread(w.group)] == ["Nhắc việc: Họp Tổ"]
    rows = await db_of(w).fetchall(
        "SELECT status, last_error FROM reminders WHERE kind = 'free' ORDER BY due_at"
    )
    assert [(r["status"], r["last_error"]) for r in rows] == [
        ("skipped", "chat unreachable (listed when the bot was back)"),
        ("skipped", "chat unreachable (listed when the bot was back)"),
        ("sent", None),
    ]


async def test_a_reply_refused_because_the_bot_was_removed_teaches_the_reminders(
    registered: World,
) -> None:
    w = registered
    await w.say(w.group, w.lan, "/nhac 10h hôm nay Gửi kế hoạch TXCT")
    w.group.unreachable = "Forbidden: bot was kicked from the supergroup chat"
    w.fake.say(w.group, w.hung, "/ds")  # its reply is refused …
    assert w.bot is not None
    await w.bot.settle()
    w.clock.set(local(10))
    calls = len(w.fake.calls_of("sendMessage"))
    report = await sched(w).run_due()
    assert report.kept == 1
    assert len(w.fake.calls_of("sendMessage")) == calls  # … so the reminder is not tried
