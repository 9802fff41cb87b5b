"""Reminder engine figures: start-up with 100,000 pending rows, a burst of 10,000 reminders due
in the same minute across 1,000 groups, and the memory of one APScheduler job per reminder.

Run: .venv/bin/python benchmarks/bench_reminders.py [--quick] [--unlimited-only]

* Start-up: a database with N pending reminders; the time and Python memory (tracemalloc peak)
  of opening it and starting the dispatcher (crash recovery, digests, arming the one job).
* Burst: the real python-telegram-bot Application with AIORateLimiter at Telegram's limits
  (30 messages/s overall, 20/min per group) against the in-repo fake Bot API; the dispatcher
  is called once with the clock at the due minute. Reported: wall time, messages, duplicates,
  the busiest 1-second window overall and the busiest 60-second window of any group. A second
  run with the limiter off shows the engine's own speed.
* Memory: the same N reminders as one APScheduler date job each (what the design avoids).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import tempfile
import time
import tracemalloc
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from telegram.ext import AIORateLimiter

from bot.app import Assistant
from bot.chat.messages import Reply
from bot.clock import FakeClock
from bot.config import Config
from bot.playground.fake_telegram import FakeTelegramAPI, SentMessage
from bot.playground.running import RunningBot, unlimited_rate_limiter
from bot.reminders.dispatcher import PACE
from storage.db import Database
from storage.groups import GroupStore
from storage.timefmt import to_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=VN)


class NullMessenger:
    """A messenger that sends nothing (start-up measurements only)."""

    platform = "telegram"

    async def send(self, chat_id: str, reply: Reply) -> str:
        return "0"

    async def is_chat_admin(self, chat_id: str, user_id: str) -> bool:
        return False

    async def is_chat_member(self, chat_id: str, user_id: str) -> bool:
        return True


async def seed(
    path: Path, *, groups: int, per_group: int, due: datetime, chat_ids: list[int] | None = None
) -> None:
    """A database with `groups` groups and `per_group` pending /nhac reminders each."""
    db = await Database.open(path)
    store = GroupStore(db)
    now = NOW
    group_ids = []
    for index in range(groups):
        chat = str(chat_ids[index]) if chat_ids else str(-1001000000000 - index)
        group = await store.register(
            platform="telegram",
            chat_id=chat,
            name=f"Tổ đại biểu số {index + 1}",
            timezone=VN,
            registered_by="1",
            now=now,
        )
        group_ids.append((group.id, chat))
    created = to_db(now)
    async with db.transaction() as conn:
        for group_id, chat in group_ids:
            for number in range(1, per_group + 1):
                cursor = await conn.execute(
                    "INSERT INTO free_reminders (group_id, number, text, created_by, created_at)"
                    " VALUES (?, ?, ?, '1', ?)",
                    (group_id, number, f"Việc {group_id}-{number}", created),
                )
                # Spread start-up rows over a month; burst rows all in the same minute.
                when = due + timedelta(seconds=(number * 37 + group_id * 11) % 60)
                await conn.execute(
                    "INSERT INTO reminders (group_id, kind, source_id, due_at, wake_at,"
                    " target_chat_id, created_at) VALUES (?, 'free', ?, ?, ?, ?, ?)",
                    (group_id, cursor.lastrowid, to_db(when), to_db(when), chat, created),
                )
    await db.close()


def rss_mb() -> float:
    """Resident set size of this process, MB (Linux)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


async def bench_startup(pending: int, folder: Path) -> float:
    """Returns the Python memory peak (MB) of the dispatcher's start-up."""
    path = folder / "startup.sqlite3"
    groups = 1000
    await seed(path, groups=groups, per_group=pending // groups, due=NOW + timedelta(days=3))
    gc.collect()
    rss_before = rss_mb()
    tracemalloc.start()
    started = time.perf_counter()
    assistant = Assistant(Config(telegram_token=None, db_path=path), FakeClock(NOW))
    await assistant.open()
    scheduler = assistant.dispatcher
    await scheduler.start(NullMessenger(), arm=False)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    armed = scheduler.armed_job_time()
    counts = await scheduler.reminders.count_by_status()
    await assistant.close()
    print(f"Start-up with {counts.get('pending', 0):,} pending reminder rows ({groups} groups):")
    print(f"  open database + start dispatcher: {elapsed * 1000:.0f} ms")
    print(f"  Python memory peak during start-up (tracemalloc): {peak / 2**20:.2f} MB")
    print(f"  process RSS growth: {rss_mb() - rss_before:.1f} MB")
    print(f"  database file: {path.stat().st_size / 2**20:.1f} MB; one job armed for {armed}")
    return peak / 2**20


@dataclass
class BurstResult:
    seconds: float
    sent: int
    duplicates: int
    busiest_second: int
    busiest_group_minute: int


async def bench_burst(
    groups: int, per_group: int, folder: Path, *, limited: bool, paced: bool, name: str
) -> BurstResult:
    clock = FakeClock(NOW)
    fake = FakeTelegramAPI(clock=lambda: clock.now())
    chats = [fake.add_group(f"Tổ {i}", []).id for i in range(groups)]
    path = folder / f"{name}.sqlite3"
    await seed(
        path, groups=groups, per_group=per_group, due=NOW + timedelta(minutes=1), chat_ids=chats
    )
    stamps: list[tuple[float, int]] = []

    def record(message: SentMessage) -> None:
        stamps.append((time.perf_counter(), message.chat_id))

    fake.listeners.append(record)
    limiter = AIORateLimiter(max_retries=3) if limited else unlimited_rate_limiter()
    config = Config(telegram_token=None, db_path=path, timezone=VN)
    async with RunningBot(config, fake, clock=clock, rate_limiter=limiter) as running:
        clock.set(NOW + timedelta(minutes=2))
        running.assistant.dispatcher.pace = PACE if paced else None
        started = time.perf_counter()
        report = await running.assistant.dispatcher.run_due()
        elapsed = time.perf_counter() - started
    texts = Counter((m.chat_id, m.text) for c in fake.chats.values() for m in c.outbox)
    duplicates = sum(n - 1 for n in texts.values() if n > 1)
    times = sorted(t for t, _ in stamps)
    busiest = max((bisect_left(times, t + 1.0) - i for i, t in enumerate(times)), default=0)
    per_chat: dict[int, list[float]] = defaultdict(list)
    for t, chat in stamps:
        per_chat[chat].append(t)
    group_minute = 0
    for values in per_chat.values():
        values.sort()
        group_minute = max(
            group_minute,
            max(bisect_left(values, t + 60.0) - i for i, t in enumerate(values)),
        )
    assert report.sent == len(stamps), (report, len(stamps))
    return BurstResult(elapsed, len(stamps), duplicates, busiest, group_minute)


def print_burst(title: str, result: BurstResult, total: int, groups: int) -> None:
    print(title)
    print(
        f"  delivered {result.sent:,} of {total:,} in {result.seconds:.1f} s"
        f" ({result.sent / result.seconds:.1f} messages/s)"
    )
    print(f"  duplicates: {result.duplicates}")
    print(f"  busiest 1-second window overall: {result.busiest_second} messages (limit 30)")
    print(
        f"  busiest 60-second window in one group: {result.busiest_group_minute} messages"
        f" (limit 20; {total // groups} due per group)"
    )


def bench_apscheduler_jobs(count: int) -> float:
    """Memory (MB) of `count` date jobs in APScheduler's memory job store."""

    async def fire(reminder_id: int) -> None:  # pragma: no cover - never runs
        return None

    async def build() -> float:
        scheduler = AsyncIOScheduler(timezone=UTC)
        scheduler.start(paused=True)
        gc.collect()
        tracemalloc.start()
        base = datetime(2026, 12, 1, tzinfo=UTC)
        for index in range(count):
            scheduler.add_job(
                fire,
                "date",
                run_date=base + timedelta(seconds=index),
                args=(index,),
                id=f"reminder-{index}",
                misfire_grace_time=None,
            )
        current, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        scheduler.shutdown(wait=False)
        return current / 2**20

    return asyncio.run(build())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10x smaller burst (1,000 reminders)")
    parser.add_argument(
        "--both",
        action="store_true",
        help="also run the real-limits burst without the dispatcher's pacing",
    )
    parser.add_argument(
        "--unlimited-only",
        action="store_true",
        help="skip the burst at Telegram's real limits (it takes ~6 minutes)",
    )
    args = parser.parse_args()
    pending = 100_000
    groups, per_group = (100, 10) if args.quick else (1000, 10)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        startup_mb = asyncio.run(bench_startup(pending, folder))
        print()
        fast = asyncio.run(
            bench_burst(groups, per_group, folder, limited=False, paced=False, name="fast")
        )
        print_burst(
            f"Burst, limiter off (engine speed): {groups * per_group:,} reminders due in"
            f" the same minute across {groups:,} groups",
            fast,
            groups * per_group,
            groups,
        )
        if not args.unlimited_only:
            for paced in (False, True) if args.both else (True,):
                real = asyncio.run(
                    bench_burst(
                        groups, per_group, folder, limited=True, paced=paced, name=f"real{paced}"
                    )
                )
                how = "with the dispatcher's pacing (production)" if paced else "limiter alone"
                print()
                print_burst(
                    f"Burst through AIORateLimiter at Telegram's limits, {how}: "
                    f"{groups * per_group:,} reminders across {groups:,} groups",
                    real,
                    groups * per_group,
                    groups,
                )
    print()
    jobs_mb = bench_apscheduler_jobs(pending)
    print(
        f"The same {pending:,} reminders as one APScheduler job each: {jobs_mb:.1f} MB"
        f" held in memory for as long as they are pending"
    )
    print(
        f"  ratio to this design's start-up peak ({startup_mb:.2f} MB, nothing held after):"
        f" {jobs_mb / max(startup_mb, 0.01):.0f}x"
    )


if __name__ == "__main__":
    main()
