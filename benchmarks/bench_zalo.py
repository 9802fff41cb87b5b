"""Messages per second through the Zalo transport against the in-repo fake Zalo Bot API.

Run: .venv/bin/python benchmarks/bench_zalo.py [--updates 600] [--loopback]

The whole stack runs: the ZaloTransport long-polls the fake (one update per getUpdates, as Zalo
does), writes each update to the inbox (SQLite file, WAL), handles it in order through the
router, and sends the reply with sendMessage. Three workloads, each from a queue filled in one
go, timed until the last reply has arrived:

* /viec in the Tổ's Zalo group (a database write and a numbered-choice reply per update);
* /ds in a private chat (a read, the person's one Tổ found for them);
* the same updates replayed: each is dropped by the inbox, nothing is answered.

With --loopback the fake is served over aiohttp on 127.0.0.1 (real HTTP), otherwise in-process
through an httpx MockTransport.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.clock import FakeClock
from bot.config import Config
from bot.playground.fake_zalo import FakeZaloAPI, ZaloChat
from bot.playground.running_zalo import RunningZalo
from tests.support.world import START, VN


async def _timed(
    zalo: RunningZalo, chat: ZaloChat, queue: Callable[[], None]
) -> tuple[float, int]:
    """Queue the updates, wait until every one was polled, handled and answered."""
    started = time.perf_counter()
    queue()
    await zalo.settle(300)
    elapsed = time.perf_counter() - started
    return elapsed, len(zalo.fake.unread(chat))


async def run(updates: int, loopback: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        clock = FakeClock(START)
        fake = FakeZaloAPI(clock=lambda: clock.now())
        lan, hung = fake.add_user("Nguyễn Lan"), fake.add_user("Hùng")
        group = fake.add_group("Tổ ĐB số 3", [lan, hung])
        config = Config(telegram_token=None, db_path=Path(folder) / "bench.sqlite3", timezone=VN)
        async with RunningZalo(config, fake, clock=clock, loopback=loopback) as zalo:
            invite = await zalo.assistant.services.codes.make_invite(clock.now())
            fake.say(group, lan, f"/dangky {invite.code} Tổ đại biểu số 3")
            fake.say(group, hung, "Chào cả Tổ")
            await zalo.settle(60)
            fake.unread(group)

            def tasks() -> None:
                for index in range(updates):
                    fake.say(group, hung, f"viec Gửi giấy mời số {index} hạn 17h thứ 6")

            elapsed, answered = await _timed(zalo, group, tasks)
            _line("/viec in the group", updates, elapsed, answered)

            dm = fake.dm(hung)

            def lists() -> None:
                for _ in range(updates):
                    fake.say(dm, hung, "ds")

            elapsed, answered = await _timed(zalo, dm, lists)
            _line("/ds in a private chat", updates, elapsed, answered)

            started = time.perf_counter()
            fake.replay(updates)
            await zalo.settle(120)
            elapsed = time.perf_counter() - started
            answered = len(fake.unread(dm)) + len(fake.unread(group))
            _line("replays (dropped)", updates, elapsed, answered)
    mode = "loopback HTTP" if loopback else "in-process httpx"
    print(f"(Zalo fake over {mode}; SQLite file in WAL mode; one update per getUpdates)")


def _line(what: str, count: int, elapsed: float, answered: int) -> None:
    rate = count / elapsed
    print(f"{what:<24}{rate:8.1f} updates/s  ({count} in {elapsed:.2f} s, {answered} replies)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=600)
    parser.add_argument("--loopback", action="store_true")
    args = parser.parse_args()
    asyncio.run(run(args.updates, args.loopback))


if __name__ == "__main__":
    main()
