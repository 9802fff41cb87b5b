"""Past Zalo's monthly quota, personal reminders go by Telegram where the person is linked."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest

from storage.quota import QuotaStore
from tests.support.world import VN, db_of, sched
from tests.support.zalo_world import BothWorld, make_both_world
from tests.zalo.test_linking import code_in


@pytest.fixture
async def small(tmp_path: Path) -> AsyncIterator[BothWorld]:
    world = make_both_world(tmp_path, monthly_quota=50)
    await world.start()
    try:
        yield world
    finally:
        await world.stop()


async def _linked_hung(both: BothWorld) -> None:
    tg = both.tg
    await tg.register()
    made = await tg.say(tg.fake.dm(tg.hung), tg.hung, "/lienket")
    await both.zsay(both.zfake.dm(both.zhung), both.zhung, f"/lienket {code_in(made.text)}")
    await tg.say(tg.group, tg.lan, "/viec Nộp báo cáo giám sát @hung hạn 11h hôm nay")
    # The note to the new assignee goes where Hùng last wrote privately: Zalo.
    note = await both.zfake.next_reply(both.zfake.dm(both.zhung))
    assert "được giao việc #1" in note.text


async def test_personal_reminders_use_zalo_while_the_quota_lasts(small: BothWorld) -> None:
    both = small
    await _linked_hung(both)
    both.tg.clock.set(datetime(2026, 11, 23, 11, 0, tzinfo=VN))
    await sched(both.tg).run_due()
    on_zalo = await both.zfake.next_reply(both.zfake.dm(both.zhung))
    assert "Nộp báo cáo giám sát" in on_zalo.text
    assert both.tg.fake.unread(both.tg.fake.dm(both.tg.hung)) == []


async def test_past_the_quota_they_fall_back_to_telegram_and_the_log_says_so(
    small: BothWorld, caplog: pytest.LogCaptureFixture
) -> None:
    both = small
    await _linked_hung(both)
    now = both.tg.clock.now()
    await QuotaStore(db_of(both.tg)).record_sent("zalo", now, VN, 50, count=50)
    both.tg.clock.set(datetime(2026, 11, 23, 11, 0, tzinfo=VN))
    with caplog.at_level(logging.WARNING, logger="bot.reminders.sender"):
        await sched(both.tg).run_due()
    on_telegram = await both.tg.fake.next_reply(both.tg.fake.dm(both.tg.hung))
    assert "Nộp báo cáo giám sát" in on_telegram.text
    assert both.zfake.unread(both.zfake.dm(both.zhung)) == []
    logged = [r.getMessage() for r in caplog.records]
    assert any("zalo quota used up" in line for line in logged)
    assert any("delivered by fallback to telegram" in line for line in logged)
