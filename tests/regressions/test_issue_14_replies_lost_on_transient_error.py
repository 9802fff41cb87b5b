"""Issue 14, defect 2: a reply to a committed change reaches the user even when Telegram answers
5xx for a while: replies are written to the outbox with the change and retried, in order."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.support.world import World, advance_until, db_of


@pytest.mark.parametrize(("status", "seconds", "commands"), [(500, 15, 8), (502, 20, 10)])
async def test_replies_arrive_in_order_once_sendmessage_answers_again(
    registered: World, status: int, seconds: int, commands: int
) -> None:
    w = registered
    w.fake.fail(
        "sendMessage",
        status,
        "Internal Server Error" if status == 500 else "Bad Gateway",
        times=None,
        until=w.clock.now() + timedelta(seconds=seconds),
    )
    for index in range(commands):
        w.fake.say(w.group, w.hung, f"/viec Việc số {index + 1} của Hùng")
    assert w.bot is not None
    await w.bot.settle()
    assert w.fake.unread(w.group) == []  # Telegram refuses every reply for now …
    row = await db_of(w).fetchone("SELECT COUNT(*) FROM tasks")
    assert row is not None
    assert row[0] == commands  # … but every task is saved
    received: list[str] = []

    def all_answered() -> bool:
        received.extend(m.text for m in w.fake.unread(w.group))
        return len(received) >= commands

    moved = await advance_until(w, all_answered)
    assert moved <= seconds + 10  # the backoff is at most 10 s: no long wait after recovery
    assert [text.splitlines()[0] for text in received] == [
        f"Đã tạo việc #{i + 1}: Việc số {i + 1} của Hùng" for i in range(commands)
    ]
    await w.bot.settle()
    assert w.fake.unread(w.group) == []  # each exactly once
