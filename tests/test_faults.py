"""Fault injection in the fake Bot API: one table of what real deployments see (429 for one
chat, 5xx, answers lost past the read timeout, refused connections, 403 for one chat). The bot
stays up, backs off, delivers everything after recovery, and a chat the fault does not touch is
answered at once (in real time, with the fake clock standing still). scripts/fault_test.py runs
the same faults against `todaibieu run` as a process, with real waits, for the figures."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest

from bot.delivery.text import RESEND_NOTE
from tests.support.world import World, advance_until

OTHER_CHAT_BOUND = 1.0  # seconds of real time for a chat the fault does not touch


@dataclass(frozen=True)
class Fault:
    """A fault, whether it spares the other group, and what its replies look like after."""

    name: str
    start: Callable[[World], None]
    spares_other: bool
    note: bool = False  # replies may arrive twice, the copy with the note
    refused: bool = False  # the chat refuses the bot: its replies cannot arrive


def flood(w: World) -> None:
    w.fake.fail(
        "sendMessage",
        429,
        "Too Many Requests: retry after 35",
        retry_after=35,
        chat_id=w.group.id,
        times=None,
        until=w.clock.now() + timedelta(seconds=35),
    )


def server_errors(w: World) -> None:
    w.fake.fail(
        "sendMessage",
        500,
        "Internal Server Error",
        times=None,
        until=w.clock.now() + timedelta(seconds=15),
    )


def answers_lost(w: World) -> None:
    w.fake.fail(
        "sendMessage",
        chat_id=w.group.id,
        answer_lost=True,
        times=None,
        until=w.clock.now() + timedelta(seconds=10),
    )


def refused_connections(w: World) -> None:
    w.fake.fail("*", network=True, times=None, until=w.clock.now() + timedelta(seconds=45))


def kicked(w: World) -> None:
    w.group.unreachable = "Forbidden: bot was kicked from the supergroup chat"


FAULTS = [
    Fault("429 with retry_after 35 for one chat", flood, spares_other=True),
    Fault("sendMessage answers 500 for 15 s", server_errors, spares_other=False),
    Fault("answers lost past the read timeout", answers_lost, spares_other=True, note=True),
    Fault("connections refused for 45 s", refused_connections, spares_other=False),
    Fault("403 for one chat", kicked, spares_other=True, refused=True),
]


@pytest.fixture
async def two_groups(registered: World) -> World:
    w = registered
    await w.say(w.other_group, w.outsider, "/dangky Tổ đại biểu số 5")
    return w


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
async def test_the_bot_rides_out_the_fault(two_groups: World, fault: Fault) -> None:
    w = two_groups
    assert w.bot is not None
    assert w.bot.service is not None
    fault.start(w)
    for index in range(3):
        w.fake.say(w.group, w.hung, f"/viec Việc {index + 1} của Tổ 3")
    if fault.spares_other:
        began = time.perf_counter()
        reply = await w.say(w.other_group, w.outsider, "/viec Việc của Tổ 5")
        assert time.perf_counter() - began < OTHER_CHAT_BOUND
        assert reply.text.startswith("Đã tạo việc #1: Việc của Tổ 5")
    else:
        w.fake.say(w.other_group, w.outsider, "/viec Việc của Tổ 5")
    texts: list[str] = []
    expected = 0 if fault.refused else 3

    def delivered() -> bool:
        texts.extend(m.text for m in w.fake.unread(w.group))
        firsts = {t.splitlines()[0] for t in texts}
        return len(firsts) >= expected

    await advance_until(w, delivered, step=1.0, limit=120)
    firsts = [t.splitlines()[0] for t in texts if not t.endswith(RESEND_NOTE)]
    assert sorted(set(firsts)) == sorted(
        f"Đã tạo việc #{i + 1}: Việc {i + 1} của Tổ 3" for i in range(expected)
    )
    if fault.note:
        assert all(t.endswith(RESEND_NOTE) for t in texts if firsts.count(t.splitlines()[0]) > 1)
    else:
        assert len(texts) == expected  # each exactly once
    if not fault.spares_other:
        await advance_until(w, lambda: bool(w.other_group.outbox[w.other_group.read_upto :]))
    row = await w.bot.assistant.services.db.fetchone("SELECT COUNT(*) FROM tasks")
    assert row is not None
    assert row[0] == 4  # every command was carried out, answered or not
    assert not w.bot.service._poller.done()  # type: ignore[union-attr]  # still up
