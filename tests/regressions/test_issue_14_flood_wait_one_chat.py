"""Issue 14, defect 4 (and issue 15's first point): updates are processed concurrently with
per-chat ordering, and a flood wait holds only the chat that earned it."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

import pytest

from tests.support.world import VN, World, courier_of, sched, tick


@pytest.fixture
async def two_groups(registered: World) -> World:
    w = registered
    await w.say(w.other_group, w.outsider, "/dangky Tổ đại biểu số 5")
    return w


async def test_a_35_s_flood_wait_in_one_group_holds_no_other_group(two_groups: World) -> None:
    w = two_groups
    w.fake.fail(
        "sendMessage", 429, "Too Many Requests: retry after 35", retry_after=35, chat_id=w.group.id
    )
    w.fake.say(w.group, w.hung, "/viec Gửi giấy mời")
    w.fake.say(w.group, w.mai, "/viec Chuẩn bị hội trường")
    assert w.bot is not None
    await w.bot.settle()
    # The other group is answered at once, without the clock moving.
    reply = await w.say(w.other_group, w.outsider, "/viec Họp Tổ 5")
    assert reply.text.startswith("Đã tạo việc #1: Họp Tổ 5")
    assert w.fake.unread(w.group) == []
    assert courier_of(w).held_for("telegram", str(w.group.id)) == pytest.approx(35)
    await tick(w, 34)
    assert w.fake.unread(w.group) == []
    await tick(w, 1)
    texts = [m.text.splitlines()[0] for m in w.fake.unread(w.group)]
    assert texts == ["Đã tạo việc #1: Gửi giấy mời", "Đã tạo việc #2: Chuẩn bị hội trường"]


async def test_reminders_of_other_groups_go_out_while_one_group_waits(two_groups: World) -> None:
    w = two_groups
    await w.say(w.group, w.lan, "/nhac 10h hôm nay Gửi kế hoạch TXCT")
    await w.say(w.other_group, w.outsider, "/nhac 10h hôm nay Họp Tổ 5")
    w.fake.fail(
        "sendMessage", 429, "Too Many Requests: retry after 35", retry_after=35, chat_id=w.group.id
    )
    w.clock.set(datetime(2026, 11, 23, 10, 0, tzinfo=VN))
    report = await sched(w).run_due()
    assert [m.text for m in w.fake.unread(w.other_group)] == ["Nhắc việc: Họp Tổ 5"]
    assert (report.sent, report.retried, report.failed) == (1, 1, 0)
    assert sched(w).armed_job_time() == w.clock.now() + timedelta(seconds=35)
    w.clock.advance(timedelta(seconds=35))
    await sched(w).run_due()
    assert [m.text for m in w.fake.unread(w.group)] == ["Nhắc việc: Gửi kế hoạch TXCT"]


async def test_a_chat_waiting_on_telegram_does_not_hold_another_chat(
    two_groups: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = two_groups
    asked = asyncio.Event()
    answer = asyncio.Event()
    real = w.fake._api_getChatMember
    card = await w.say(w.group, w.lan, "/viec Gửi giấy mời")
    newcomer = w.fake.add_user("Bình")
    w.group.members.add(newcomer.id)

    async def slow_for_the_newcomer(params: dict[str, Any]) -> Any:
        if int(params["user_id"]) == newcomer.id:
            asked.set()
            await answer.wait()  # Telegram is slow to answer about this person
        return await real(params)

    monkeypatch.setattr(w.fake, "_api_getChatMember", slow_for_the_newcomer)
    # A newcomer's first button press in group A is checked with Telegram first.
    w.fake.press(card, newcomer, "✅ Xong")
    await asyncio.wait_for(asked.wait(), 5)
    # Meanwhile group B is handled and answered.
    reply = await w.say(w.other_group, w.outsider, "/viec Họp Tổ 5")
    assert reply.text.startswith("Đã tạo việc #1: Họp Tổ 5")
    answer.set()
    assert w.bot is not None
    await w.bot.settle()
