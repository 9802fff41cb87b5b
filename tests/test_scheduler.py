"""The dispatcher: restarts before, during and after a due time, catch-up and the grace cut-off,
the crash window, 429 / 403 / network errors, and the one APScheduler job it arms."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path

from bot.reminders.dispatcher import MAX_SLEEP, DispatchReport
from tests.support.world import VN, World, at, db_of, sched


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=VN)


async def nhac(w: World, text: str) -> None:
    reply = await w.say(w.group, w.lan, "/nhac " + text)
    assert reply.text.startswith("Đã đặt nhắc việc")


async def test_restart_before_due_time_loses_nothing(registered: World) -> None:
    w = registered
    await nhac(w, "10h hôm nay Gửi kế hoạch TXCT")
    w.clock.set(local(23, 9, 30))
    await w.restart()
    await at(w, local(23, 10))
    assert [m.text for m in w.fake.unread(w.group)] == ["Nhắc việc: Gửi kế hoạch TXCT"]
    await w.restart()
    await at(w, local(23, 10, 5))
    assert w.fake.unread(w.group) == []  # sent before the restart: not again


async def test_restart_after_due_time_sends_late_with_mark(registered: World) -> None:
    w = registered
    await nhac(w, "10h hôm nay Gửi kế hoạch TXCT")
    await w.bot.stop()  # type: ignore[union-attr]
    w.clock.set(local(23, 10, 42))
    await w.restart()
    report = await sched(w).run_due()
    assert [m.text for m in w.fake.unread(w.group)] == [
        "Nhắc việc: Gửi kế hoạch TXCT (trễ 42 phút)"
    ]
    assert (report.sent, report.late, report.skipped) == (1, 1, 0)


async def test_grace_cut_off_lists_once_to_chuyen_vien_by_dm(registered: World) -> None:
    w = registered
    await w.say(w.fake.dm(w.lan), w.lan, "/start")
    await w.say(w.group, w.lan, "/caidat tonghop tat")
    await nhac(w, "10h hôm nay Gửi kế hoạch TXCT")
    await nhac(w, "11h ngày 24/11 Gửi giấy mời")
    await w.say(w.group, w.lan, "/caidat tre 12h")
    w.clock.set(local(24, 10, 30))  # the first is 24.5 h late (over 12 h): listed, not sent
    await w.restart()
    report = await sched(w).run_due()
    assert w.fake.unread(w.group) == []
    [listed] = w.fake.unread(w.fake.dm(w.lan))
    assert listed.text.splitlines() == [
        "Trong thời gian Trợ lý ngừng hoạt động, 1 nhắc việc của Tổ đại biểu số 3 – phường "
        "Tân Lập đã quá 12 giờ nên Trợ lý không gửi bù, xin báo để anh/chị nắm:",
        "• 10:00 thứ Hai, 23/11 – Nhắc việc: Gửi kế hoạch TXCT",
    ]
    assert (report.skipped, report.missed_lists) == (1, 1)
    await w.restart()
    await at(w, local(24, 11))
    assert [m.text for m in w.fake.unread(w.group)] == ["Nhắc việc: Gửi giấy mời"]
    assert w.fake.unread(w.fake.dm(w.lan)) == []  # listed once only


async def test_crash_between_send_and_mark_resends_with_note(registered: World) -> None:
    w = registered
    await nhac(w, "10h hôm nay Gửi kế hoạch TXCT")
    await nhac(w, "10h hôm nay Gửi giấy mời")
    db = db_of(w)
    # Simulate a crash at 10:00: one row was handed to Telegram, the other only claimed.
    await db.execute(
        "UPDATE reminders SET status = 'sending' WHERE kind = 'free' AND id ="
        " (SELECT MIN(id) FROM reminders WHERE kind = 'free')"
    )
    await db.execute(
        "UPDATE reminders SET status = 'claimed' WHERE kind = 'free' AND status = 'pending'"
    )
    w.clock.set(local(23, 10, 1))
    await w.restart()
    await sched(w).run_due()
    texts = sorted(m.text for m in w.fake.unread(w.group))
    assert texts == [
        "Nhắc việc: Gửi giấy mời",
        "Nhắc việc: Gửi kế hoạch TXCT\n(Trợ lý gửi lại nhắc việc này sau một sự cố; nếu anh/chị"
        " đã nhận, xin bỏ qua tin này.)",
    ]


async def test_429_holds_the_row_until_retry_after_and_sends_once(registered: World) -> None:
    w = registered
    await nhac(w, "10h hôm nay Gửi kế hoạch TXCT")
    before = len(w.fake.calls_of("sendMessage"))
    w.fake.fail("sendMessage", 429, "Too Many Requests: retry after 7", retry_after=7)
    report = await at_report(w, local(23, 10))
    assert (report.sent, report.retried) == (0, 1)
    assert sched(w).armed_job_time() == local(23, 10) + timedelta(seconds=7)
    assert w.fake.unread(w.group) == []
    report = await at_report(w, local(23, 10) + timedelta(seconds=7))
    assert [m.text for m in w.fake.unread(w.group)] == ["Nhắc việc: Gửi kế hoạch TXCT"]
    assert report.sent == 1
    assert len(w.fake.calls_of("sendMessage")) == before + 2


async def at_report(w: World, moment: datetime) -> DispatchReport:
    w.clock.set(moment)
    return await sched(w).run_due()


async def test_persistent_429_then_an_outage_delivers_as_soon_as_the_api_answers(
    registered: World,
) -> None:
    w = registered
    await w.say(w.group, w.lan, "/caidat tonghop tat")
    await nhac(w, "10h hôm nay Gửi kế hoạch TXCT")
    s = sched(w)
    w.fake.fail("sendMessage", 429, "Too Many Requests: retry after 40", retry_after=40, times=2)
    report = await at_report(w, local(23, 10))
    assert (report.sent, report.retried) == (0, 1)
    assert s.armed_job_time() == local(23, 10) + timedelta(seconds=40)  # the platform's wait
    report = await at_report(w, local(23, 10) + timedelta(seconds=40))
    assert report.retried == 1  # still flooded: 40 s more, never failed
    # Then connections are refused twice: the row waits for the probe, not for a backoff.
    w.fake.fail("sendMessage", 0, "", network=True, times=2)
    w.clock.set(local(23, 10, 1) + timedelta(seconds=20))
    run = asyncio.get_running_loop().create_task(s.run_due())
    for _ in range(2):
        await w.clock.someone_sleeps()  # the courier's probe waits one second
        assert w.bot is not None
        assert w.bot.assistant.courier.is_down("telegram")
        w.clock.advance(timedelta(seconds=1))
    report = await run
    [sent] = w.fake.unread(w.group)
    assert sent.text == "Nhắc việc: Gửi kế hoạch TXCT"  # 82 s late: under the "trễ" mark
    assert (report.sent, report.failed) == (1, 0)
    assert (await s.reminders.count_by_status()).get("sent") == 1


async def test_403_in_one_group_does_not_disturb_others(registered: World) -> None:
    w = registered
    await w.say(w.other_group, w.outsider, "/dangky Tổ đại biểu số 5")
    await w.say(w.other_group, w.outsider, "/nhac 10h hôm nay Họp Tổ 5")
    await nhac(w, "10h hôm nay Gửi kế hoạch TXCT")
    await nhac(w, "11h hôm nay Gửi giấy mời")
    w.other_group.unreachable = "Forbidden: bot was kicked from the supergroup chat"
    report = await at_report(w, local(23, 10))
    assert [m.text for m in w.fake.unread(w.group)] == ["Nhắc việc: Gửi kế hoạch TXCT"]
    assert (report.kept, report.failed) == (1, 0)
    calls = len(w.fake.calls_of("sendMessage"))
    await at(w, local(23, 11))
    assert [m.text for m in w.fake.unread(w.group)] == ["Nhắc việc: Gửi giấy mời"]
    assert len(w.fake.calls_of("sendMessage")) == calls + 1  # nothing tried in the kicked group
    row = await db_of(w).fetchone(
        "SELECT status, last_error FROM reminders WHERE kind = 'free' AND group_id = 2"
    )
    assert row is not None
    assert (row["status"], row["last_error"]) == ("skipped", "chat unreachable")  # kept


async def test_group_that_adds_the_bot_back_is_reachable_again(registered: World) -> None:
    w = registered
    await nhac(w, "10h hôm nay Gửi kế hoạch TXCT")
    await nhac(w, "11h hôm nay Gửi giấy mời")
    w.group.unreachable = "Forbidden: bot was kicked from the supergroup chat"
    await at(w, local(23, 10))
    w.group.unreachable = None
    w.fake.join(w.group, w.fake.bot, by=w.lan)
    await w.settle()
    w.fake.unread(w.group)
    await at(w, local(23, 11))
    assert [m.text for m in w.fake.unread(w.group)] == ["Nhắc việc: Gửi giấy mời"]


async def test_one_job_armed_for_the_earliest_due_row(registered: World) -> None:
    w = registered
    s = sched(w)
    await w.say(w.group, w.lan, "/caidat tonghop tat")
    assert s.armed_job_time() == w.clock.now() + MAX_SLEEP  # nothing due soon: a safety wake
    await nhac(w, "9h05 hôm nay Gọi điện cho MTTQ phường")
    assert s.armed_job_time() == local(23, 9, 5)
    await nhac(w, "9h03 hôm nay Chuẩn bị phòng họp")
    assert s.armed_job_time() == local(23, 9, 3)
    await at(w, local(23, 9, 3))
    w.fake.unread(w.group)
    assert s.armed_job_time() == local(23, 9, 5)
    jobs = s._aps.get_jobs() if s._aps else []  # the one job, never one per row
    assert len(jobs) == 1
    await w.say(w.group, w.lan, "/huynhac 1")
    assert s.armed_job_time() == w.clock.now() + MAX_SLEEP


async def test_production_path_arms_a_running_apscheduler_and_paces(tmp_path: Path) -> None:
    """With the system clock the one job is armed on a running APScheduler (it would fire on
    its own) and sends are paced; nothing here waits for it."""
    from bot.app import Assistant
    from bot.clock import SystemClock
    from bot.config import Config
    from bot.reminders.dispatcher import PACE

    class Silent:
        platform = "telegram"

        async def send(self, chat_id: str, reply: object) -> str:
            raise AssertionError("nothing is due")

        async def is_chat_admin(self, chat_id: str, user_id: str) -> bool:
            return False

        async def is_chat_member(self, chat_id: str, user_id: str) -> bool:
            return False

    clock = SystemClock()
    assistant = Assistant(Config(telegram_token=None, db_path=tmp_path / "prod.sqlite3"), clock)
    await assistant.open()
    scheduler = assistant.dispatcher
    try:
        await assistant.start(Silent())
        assert scheduler._aps is not None
        assert scheduler._aps.running
        assert scheduler.pace == PACE
        armed = scheduler.armed_job_time()
        assert armed is not None
        assert timedelta(minutes=9) < armed - clock.now() <= MAX_SLEEP
    finally:
        await assistant.close()


async def test_stopping_mid_burst_gives_back_unsent_rows(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/caidat tonghop tat")
    for index in range(60):
        await nhac(w, f"10h hôm nay Việc {index}")
    s = sched(w)
    stops: list[asyncio.Task[None]] = []

    def on_first(message: object) -> None:
        if not stops:
            stops.append(asyncio.get_running_loop().create_task(s.stop()))

    w.fake.listeners.append(on_first)
    w.clock.set(local(23, 10))
    report = await s.run_due()
    await stops[0]
    w.fake.listeners.remove(on_first)
    counts = await s.reminders.count_by_status()
    assert report.failed == 0
    assert counts.get("sent", 0) == report.sent < 60
    assert counts.get("pending", 0) == 60 - report.sent
    await w.restart()
    await sched(w).run_due()
    texts = [m.text for m in w.fake.unread(w.group)]
    assert sorted(texts) == sorted(f"Nhắc việc: Việc {i}" for i in range(60))


async def test_a_reminder_due_before_the_platform_joins_goes_out_when_it_does(
    registered: World,
) -> None:
    """`todaibieu run` starts the assistant first and each platform when it answers. The
    dispatcher must neither point its one job at a row it cannot send yet (a wake re-arming
    itself for "now" is skipped by APScheduler as a second instance, and nothing woke it
    again: the crash test lost every reminder so) nor forget the row once the platform joins."""
    from telegram.request import HTTPXRequest

    from bot.app import Assistant
    from bot.playground.fake_telegram import FAKE_TOKEN
    from bot.playground.running import unlimited_rate_limiter
    from bot.transports.telegram_app import TelegramService, build_bot

    w = registered
    await w.say(w.group, w.lan, "/caidat tonghop tat")
    await nhac(w, "9h05 hôm nay Gọi điện cho MTTQ phường")
    assert w.bot is not None
    await w.bot.stop()
    w.clock.set(local(23, 9, 10))  # due while the bot was down
    assistant = Assistant(w.config, w.clock)
    transport = w.fake.httpx_transport()
    bot = build_bot(
        assistant,
        token=FAKE_TOKEN,
        rate_limiter=unlimited_rate_limiter(),
        request=HTTPXRequest(httpx_kwargs={"transport": transport}),
        get_updates_request=HTTPXRequest(httpx_kwargs={"transport": transport}),
    )
    service = TelegramService(assistant, bot, clock=w.clock, poll_timeout=10)
    await assistant.open()
    try:
        await assistant.start()  # no platform yet
        assert assistant.dispatcher.armed_job_time() == w.clock.now() + MAX_SLEEP
        await assistant.add_messenger(await service.connect())
        assert assistant.dispatcher.armed_job_time() == w.clock.now()  # the waiting row
        await assistant.dispatcher.run_due()
        [reminder] = w.fake.unread(w.group)
        assert "Gọi điện cho MTTQ phường" in reminder.text
    finally:
        await service.stop()
