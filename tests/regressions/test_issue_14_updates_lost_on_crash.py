"""Issue 14, defect 1: an update is written to the inbox before Telegram is told it arrived,
handled from there, and marked done in the transaction of its effects."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from telegram import Update

from bot.chat.codec import inbound_to_dict
from bot.core.context import Context
from bot.core.router import Command, Scope
from bot.transports.telegram_inbound import inbound_from_update
from storage.db import Database
from storage.inbox import InboxStore
from tests.support.world import World, db_of


async def count(w: World, sql: str) -> int:
    row = await db_of(w).fetchone(sql)
    assert row is not None
    return int(row[0])


async def test_an_update_is_acknowledged_only_once_the_inbox_has_it(
    registered: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = registered
    assert w.bot is not None
    intake = w.bot.assistant.intake
    stored = asyncio.Event()
    release = asyncio.Event()
    real_accept = intake.accept_many

    async def slow_accept(updates: list[tuple[Any, str]]) -> list[bool]:
        stored.set()
        await release.wait()  # the inbox write has not happened yet
        return await real_accept(updates)

    monkeypatch.setattr(intake, "accept_many", slow_accept)
    w.fake.say(w.group, w.hung, "/viec Gửi giấy mời hạn 17h thứ 6")
    update_id = w.fake.last_update_id
    await stored.wait()
    assert w.fake.delivered_update_id == update_id  # the bot has fetched it …
    assert w.fake.acked_update_id < update_id  # … and not acknowledged it
    release.set()
    reply = await w.fake.next_reply(w.group)
    assert reply.text.startswith("Đã tạo việc #1")
    await w.fake.wait_for_poll(update_id)  # acknowledged after the commit


async def test_an_update_accepted_before_a_crash_is_handled_first_and_once(
    registered: World,
) -> None:
    w = registered
    assert w.bot is not None
    await w.bot.stop()
    # While the bot is down, Hùng sends a command; the bot had stored it in its inbox and was
    # killed before handling it (and before acknowledging it, so Telegram sends it again).
    w.fake.say(w.group, w.hung, "/viec Chuẩn bị hội trường hạn 17h thứ 6")
    raw = w.fake._updates[-1]
    update = Update.de_json(raw, None)
    msg = inbound_from_update(update, w.fake.bot.username or "", w.fake.bot.id)
    assert msg is not None
    db = await Database.open(w.config.db_path)
    await InboxStore(db).accept(
        "telegram", str(raw["update_id"]), msg.chat_id, inbound_to_dict(msg), w.clock.now()
    )
    await db.close()
    await w.restart()
    reply = await w.fake.next_reply(w.group)
    assert reply.text.startswith("Đã tạo việc #1: Chuẩn bị hội trường")
    await w.settle()
    assert w.fake.unread(w.group) == []  # the redelivery was recognised: no second reply
    assert await count(w, "SELECT COUNT(*) FROM tasks") == 1
    assert w.bot.assistant.intake.stats.duplicates == 1
    statuses = await InboxStore(db_of(w)).count_by_status()
    assert statuses.get("received", 0) == 0


async def test_a_handler_that_fails_half_way_leaves_nothing_and_the_user_is_told(
    registered: World,
) -> None:
    w = registered
    assert w.bot is not None
    services = w.bot.assistant.services

    async def half_then_fail(ctx: Context) -> None:
        group = ctx.require_group()
        await services.tasks.create(
            group_id=group.id,
            text="nửa chừng",
            created_by=ctx.msg.sender.user_id,
            now=ctx.now(),
            zone=group.timezone,
        )
        raise RuntimeError("a bug after the first write")

    w.bot.assistant.router.command(
        Command("hong", half_then_fail, "x", "/hong", "x", scope=Scope.GROUP)
    )
    reply = await w.say(w.group, w.lan, "/hong")
    assert reply.text.startswith("Xin lỗi, Trợ lý gặp sự cố")
    assert await count(w, "SELECT COUNT(*) FROM tasks") == 0  # rolled back with the failure
    assert await count(w, "SELECT COUNT(*) FROM inbox WHERE status = 'failed'") == 1
    # The chat goes on: the next update is handled.
    after = await w.say(w.group, w.lan, "/viec Gửi báo cáo")
    assert after.text.startswith("Đã tạo việc #1: Gửi báo cáo")


async def test_every_handled_update_is_done_with_its_replies_in_the_outbox(
    registered: World,
) -> None:
    w = registered
    await w.say(w.group, w.hung, "/viec Gửi giấy mời")
    await w.say(w.group, w.hung, "/ds")
    assert await count(w, "SELECT COUNT(*) FROM inbox WHERE status != 'done'") == 0
    # Each reply row names the update it answers, and was sent.
    assert (
        await count(
            w,
            "SELECT COUNT(*) FROM outbox o JOIN inbox i ON i.id = o.inbox_id"
            " WHERE o.status = 'sent' AND i.status = 'done'",
        )
        >= 2
    )
