"""Throughput of /viec through the whole stack, next to a bare python-telegram-bot echo bot,
and the time of /ds for a group holding 10,000 tasks.

Run: .venv/bin/python benchmarks/bench_tasks.py [--updates 600] [--tasks 10000]

Both bots run in the same harness: the real PTB Application and Updater polling the in-repo fake
Bot API through an in-process httpx transport, with the same (unlimited) rate limiter. The
assistant also uses a real SQLite file (WAL) in a temporary folder. Updates are queued in one
go and the clock runs until every one of them has been handled and answered, so the figure is
sustained updates per second for one chat, PTB handling updates one at a time as it does by
default. /ds is timed from the user's message to the bot's reply (whole stack again).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters
from telegram.request import HTTPXRequest

from bot.clock import FakeClock
from bot.config import Config
from bot.playground.fake_telegram import FAKE_TOKEN, FakeChat, FakeTelegramAPI, FakeUser
from bot.playground.running import RunningBot, unlimited_rate_limiter

VN = ZoneInfo("Asia/Ho_Chi_Minh")
START = datetime(2026, 11, 23, 9, 0, tzinfo=VN)
VIEC = "/viec Gửi giấy mời MTTQ xã @hung hạn 17h thứ 6"


class World:
    """A fake world with one registered-to-be group and three people."""

    def __init__(self) -> None:
        self.clock = FakeClock(START)
        self.fake = FakeTelegramAPI(clock=lambda: self.clock.now())
        self.lan: FakeUser = self.fake.add_user("Lan", "lan_cv", last_name="Nguyễn")
        self.hung: FakeUser = self.fake.add_user("Hùng", "hung")
        self.mai: FakeUser = self.fake.add_user("Mai")
        self.group: FakeChat = self.fake.add_group(
            "Tổ ĐB số 3", [self.hung, self.mai], admins=[self.lan]
        )

    async def say(self, text: str, user: FakeUser | None = None) -> str:
        self.fake.say(self.group, user or self.lan, text)
        return (await self.fake.next_reply(self.group, timeout=60)).text


async def _drain(world: World, handled: Callable[[], Awaitable[None]], n: int) -> float:
    """Queue n updates at once; seconds until all were handled and answered."""
    world.fake.unread(world.group)
    began = time.perf_counter()
    for _ in range(n):
        world.fake.say(world.group, world.lan, VIEC)
    await world.fake.wait_for_poll(world.fake.last_update_id, timeout=300)
    await handled()
    elapsed = time.perf_counter() - began
    answered = len(world.fake.unread(world.group))
    if answered != n:
        raise RuntimeError(f"{answered} replies for {n} updates")
    return elapsed


async def bench_assistant(n: int, rounds: int, folder: Path) -> list[float]:
    """Updates per second for /viec through the whole assistant."""
    world = World()
    config = Config(telegram_token=None, db_path=folder / "viec.sqlite3", timezone=VN)
    async with RunningBot(config, world.fake, clock=world.clock) as bot:
        await world.say("/dangky Tổ đại biểu số 3")
        world.fake.say(world.group, world.hung, "Chào cả Tổ")
        world.fake.say(world.group, world.mai, "Chào anh chị")
        await bot.settle()
        await _drain(world, bot.assistant.quiet, 50)  # warm-up
        return [n / await _drain(world, bot.assistant.quiet, n) for _ in range(rounds)]


async def bench_echo(n: int, rounds: int, *, task_card: bool = False) -> list[float]:
    """Updates per second for a bare PTB echo handler in the same harness.

    With task_card, the echo answers with the shape of /viec's reply (a reply to the command,
    a four-line text and three buttons): what PTB and the fake cost for that message alone,
    which separates the price of the reply from the assistant's own work.
    """
    world = World()
    transport = world.fake.httpx_transport()
    card = "Đã tạo việc #1: Gửi giấy mời MTTQ xã\nGiao: Hùng\nHạn: 17:00 thứ Sáu, 27/11"
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(label, callback_data=f"tk:{i}:1")
                for i, label in enumerate(("✅ Xong", "✏️ Đổi hạn", "👤 Giao"))
            ]
        ]
    )

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        assert update.message.text is not None
        if task_card:
            await update.message.reply_text(card, reply_markup=buttons, do_quote=True)
        else:
            await update.message.reply_text(update.message.text)

    app = (
        ApplicationBuilder()
        .token(FAKE_TOKEN)
        .request(HTTPXRequest(httpx_kwargs={"transport": transport}))
        .get_updates_request(HTTPXRequest(httpx_kwargs={"transport": transport}))
        .rate_limiter(unlimited_rate_limiter())
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=10)
    try:
        await _drain(world, app.update_queue.join, 50)
        return [n / await _drain(world, app.update_queue.join, n) for _ in range(rounds)]
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


async def bench_list(tasks: int, samples: int, folder: Path) -> dict[str, list[float]]:
    """Milliseconds from '/ds' (and variants) to the reply, for a group with `tasks` tasks."""
    world = World()
    config = Config(telegram_token=None, db_path=folder / "ds.sqlite3", timezone=VN)
    async with RunningBot(config, world.fake, clock=world.clock) as bot:
        await world.say("/dangky Tổ đại biểu số 3")
        await world.say("/viec Việc đầu tiên @hung", world.hung)
        await world.say("/thanhvien", world.mai)
        services = bot.assistant.services
        group = await services.groups.by_chat("telegram", str(world.group.id))
        assert group is not None
        people = [str(world.lan.id), str(world.hung.id), str(world.mai.id)]
        began = time.perf_counter()
        for index in range(tasks - 1):
            due = START + timedelta(hours=(index % 400) - 100) if index % 5 else None
            await services.tasks.create(
                group_id=group.id,
                text=f"Việc số {index}: tổng hợp kiến nghị cử tri phường {index % 37}",
                created_by=people[index % 3],
                now=world.clock.now(),
                zone=VN,
                due_at=due,
                due_has_time=index % 2 == 0,
                assignees=people[: index % 4],
            )
        print(f"  (filled {tasks} tasks in {time.perf_counter() - began:.1f} s)")
        figures: dict[str, list[float]] = {}
        for command in ("/ds", "/ds toi", "/ds quahan", "/ds xong"):
            await world.say(command)  # warm-up
            timings = []
            for _ in range(samples):
                began = time.perf_counter()
                text = await world.say(command)
                timings.append((time.perf_counter() - began) * 1000)
            figures[command] = timings
            if command == "/ds":
                print("  " + text.splitlines()[1])
        return figures


def _summary(values: list[float]) -> str:
    return f"median {statistics.median(values):7.1f}   best {max(values):7.1f}"


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--updates", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"/viec throughput, {args.updates} updates x {args.rounds} rounds (updates/s)")
        echo = await bench_echo(args.updates, args.rounds)
        card = await bench_echo(args.updates, args.rounds, task_card=True)
        viec = await bench_assistant(args.updates, args.rounds, folder)
        print(f"  bare PTB echo          {_summary(echo)}")
        print(f"  echo of a task card    {_summary(card)}   (same reply shape as /viec)")
        print(f"  /viec, whole stack     {_summary(viec)}")
        ratio = statistics.median(viec) / statistics.median(echo)
        print(f"  ratio (median/median)  {ratio:.2f}   (aim: >= 0.5)")
        per_update = 1000 / statistics.median(viec) - 1000 / statistics.median(card)
        print(f"  assistant's own work   {per_update:.2f} ms per /viec (vs the task-card echo)")
        print(f"/ds with {args.tasks} tasks in the group ({args.samples} samples, ms)")
        figures = await bench_list(args.tasks, args.samples, folder)
        for command, timings in figures.items():
            ordered = sorted(timings)
            p95 = ordered[int(len(ordered) * 0.95) - 1]
            print(
                f"  {command:<12} median {statistics.median(timings):6.1f}   p95 {p95:6.1f}"
                f"   (aim: < 50)"
            )


if __name__ == "__main__":
    asyncio.run(main())
