"""Lanes: in order within a chat, side by side across chats, nothing kept for idle chats, and a
job waiting on the outside (parked) counts as neither busy nor holding a slot."""

from __future__ import annotations

import asyncio

from bot.delivery.lanes import Lanes, parked


async def test_one_chat_in_order_chats_side_by_side() -> None:
    lanes = Lanes("test", limit=8)
    done: list[str] = []
    gate = asyncio.Event()

    async def job(name: str, wait: bool = False) -> str:
        if wait:
            await gate.wait()
        done.append(name)
        return name

    first = lanes.submit("a", lambda: job("a1", wait=True))
    second = lanes.submit("a", lambda: job("a2"))
    other = lanes.submit("b", lambda: job("b1"))
    assert await other == "b1"  # b does not wait for a's slow job
    assert done == ["b1"]
    gate.set()
    assert [await first, await second] == ["a1", "a2"]
    assert done == ["b1", "a1", "a2"]  # a's jobs in the order they were queued
    await lanes.wait_quiet()
    assert len(lanes) == 0  # idle chats cost nothing


async def test_a_failing_job_does_not_stop_its_lane() -> None:
    lanes = Lanes("test")

    async def boom() -> None:
        raise RuntimeError("a bug in one job")

    async def fine() -> str:
        return "ok"

    failed = lanes.submit("a", boom)
    after = lanes.submit("a", fine)
    [outcome] = await asyncio.gather(failed, return_exceptions=True)
    assert isinstance(outcome, RuntimeError)
    assert await after == "ok"


async def test_a_parked_job_is_not_busy_and_frees_its_slot() -> None:
    lanes = Lanes("test", limit=1)
    outside = asyncio.Event()

    async def waits_outside() -> None:
        async with parked():
            await outside.wait()

    async def quick() -> str:
        return "ran"

    waiting = lanes.submit("a", waits_outside)
    await asyncio.sleep(0)
    await lanes.wait_quiet()  # returns: the only running job is parked
    assert lanes.busy == 0
    assert await lanes.submit("b", quick) == "ran"  # the single slot was given back
    outside.set()
    await waiting


async def test_close_cancels_what_is_left_after_the_grace() -> None:
    lanes = Lanes("test")
    never = asyncio.Event()

    async def stuck() -> None:
        await never.wait()

    job = lanes.submit("a", stuck)
    await lanes.close(grace=0.01)
    assert job.cancelled()
