"""Issue 14, defect 8: while the API refuses connections it is probed, and sending resumes as
soon as it answers; an outage never fails a reminder, it makes it late, marked as such."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from bot.delivery.courier import PROBE_MAX
from tests.support.world import VN, World, courier_of, sched, tick


def local(hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 11, 23, hour, minute, second, tzinfo=VN)


async def outage(w: World, seconds: float) -> datetime:
    """Refuse every connection for `seconds` from now; returns when it ends."""
    ends = w.clock.now() + timedelta(seconds=seconds)
    w.fake.fail("*", network=True, times=None, until=ends)
    return ends


async def test_a_45_s_outage_delays_a_reminder_only_until_the_api_answers(
    registered: World,
) -> None:
    w = registered
    await w.say(w.group, w.lan, "/caidat tonghop tat")
    await w.say(w.group, w.lan, "/nhac 10h hôm nay Gửi kế hoạch TXCT")
    w.clock.set(local(10))
    back = await outage(w, 45)
    run = asyncio.get_running_loop().create_task(sched(w).run_due())
    await w.clock.someone_sleeps()
    assert courier_of(w).is_down("telegram")
    while not run.done():
        await tick(w, 0.5)
        await asyncio.sleep(0)
    report = await run
    [sent] = w.fake.unread(w.group)
    assert sent.text == "Nhắc việc: Gửi kế hoạch TXCT"
    assert (report.sent, report.failed) == (1, 0)
    after = (w.clock.now() - back).total_seconds()
    assert 0 <= after <= PROBE_MAX  # resumed within one probe of the API answering
    assert courier_of(w).stats.outages == 1


async def test_replies_wait_for_the_api_and_then_arrive(registered: World) -> None:
    w = registered
    back = await outage(w, 30)
    w.fake.say(w.group, w.hung, "/viec Gửi giấy mời")
    assert w.bot is not None
    # Let the bot meet the outage (its poll or its question fails, and it waits) before the
    # clock moves: otherwise the clock can run past the outage before the bot looks at all.
    await w.clock.someone_sleeps()
    # The update itself arrives once getUpdates works again; the reply follows at once.
    while not w.group.outbox[w.group.read_upto :]:
        await tick(w, 0.5)
    [reply] = w.fake.unread(w.group)
    assert reply.text.startswith("Đã tạo việc #1: Gửi giấy mời")
    assert (w.clock.now() - back).total_seconds() <= 30 + PROBE_MAX


async def test_an_outage_of_forty_minutes_sends_the_reminder_late_and_says_so(
    registered: World,
) -> None:
    w = registered
    await w.say(w.group, w.lan, "/caidat tonghop tat")
    await w.say(w.group, w.lan, "/nhac 10h hôm nay Gửi kế hoạch TXCT")
    w.clock.set(local(10))
    await outage(w, 40 * 60)
    run = asyncio.get_running_loop().create_task(sched(w).run_due())
    while not run.done():
        await tick(w, 5)
        await asyncio.sleep(0)
    report = await run
    [sent] = w.fake.unread(w.group)
    assert sent.text.startswith("Nhắc việc: Gửi kế hoạch TXCT (trễ 40 phút")
    assert (report.sent, report.late, report.failed) == (1, 1, 0)
    counts = await sched(w).reminders.count_by_status()
    assert counts.get("failed", 0) == 0
