"""Issue 14, defect 3: a send whose outcome is unknown (Telegram delivered the message but
answered after the read timeout) is treated as possibly sent: the resend carries the "may be
a repeat" note, the read timeout is long, and such sends are counted."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bot.app import Assistant
from bot.config import Config
from bot.delivery.text import RESEND_NOTE as REPLY_NOTE
from bot.playground.fake_telegram import FAKE_TOKEN
from bot.reminders.text import RESEND_NOTE
from bot.transports.telegram_app import build_bot
from tests.support.world import VN, World, advance_until, courier_of, sched


def local(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 23, hour, minute, tzinfo=VN)


async def test_a_reminder_answered_too_late_is_resent_with_the_note(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/nhac 10h hôm nay Gửi kế hoạch TXCT")
    w.fake.fail("sendMessage", answer_lost=True)  # delivered, but the answer never comes
    w.clock.set(local(10))
    report = await sched(w).run_due()
    assert (report.sent, report.unknown, report.retried) == (0, 1, 1)
    [first] = w.fake.unread(w.group)
    assert first.text == "Nhắc việc: Gửi kế hoạch TXCT"
    armed = sched(w).armed_job_time()
    assert armed is not None
    w.clock.set(armed)
    report = await sched(w).run_due()
    [second] = w.fake.unread(w.group)
    assert second.text == f"Nhắc việc: Gửi kế hoạch TXCT\n{RESEND_NOTE}"
    assert report.sent == 1
    assert courier_of(w).stats.unknown_outcomes == 1
    w.clock.set(local(11))
    assert (await sched(w).run_due()).sent == 0  # and never a third time
    assert w.fake.unread(w.group) == []


async def test_a_reply_answered_too_late_is_resent_with_the_note(registered: World) -> None:
    w = registered
    w.fake.fail("sendMessage", answer_lost=True)
    w.fake.say(w.group, w.hung, "/viec Gửi giấy mời")
    texts: list[str] = []

    def two() -> bool:
        texts.extend(m.text for m in w.fake.unread(w.group))
        return len(texts) >= 2

    await advance_until(w, two)
    assert texts[0].startswith("Đã tạo việc #1: Gửi giấy mời")
    assert texts[1] == f"{texts[0]}\n{REPLY_NOTE}"
    assert courier_of(w).stats.unknown_outcomes == 1


async def test_the_read_timeout_is_long_by_default(tmp_path: Path) -> None:
    config = Config(telegram_token=FAKE_TOKEN, db_path=tmp_path / "x.sqlite3")
    assert config.telegram_read_timeout == 20
    bot = build_bot(Assistant(config))
    assert bot.request.read_timeout == 20
    chosen = Config.from_env({"TELEGRAM_READ_TIMEOUT": "45"}, read_dotenv=False)
    assert chosen.telegram_read_timeout == 45
