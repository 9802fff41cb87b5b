"""Issue 15's figures in one run: throughput against a bare echo bot, a quiet group's wait while
another is throttled, restart time against history size, /ds against list size, and the
database size after a year of digests.

Run: .venv/bin/python benchmarks/bench_speed.py [--short] [--only lists,restart,...]

* Throughput: the fake Bot API is served on 127.0.0.1 by this process; the assistant and a bare
  python-telegram-bot echo bot each run in their own process (benchmarks/speed_child.py),
  rate limits off. Rounds are paired (echo, /viec, /ds, again) so a busy shared machine
  affects both sides alike. Updates per second: a burst queued at once, until every reply
  arrived. p50/p99: one update at a time, from the message to its reply.
* Quiet group: the assistant with Telegram's real limits (20 messages a minute per group);
  group A sends a burst of /viec, then group B one /ds: the time B waits for its answer.
  This depends on processing updates concurrently (issue 15's first bullet, on its own
  branch): measured here with whatever this checkout has.
* Restart: open the database and start the dispatcher (crash recovery, digests, safety net)
  with N reminder rows of history (over: sent, skipped, cancelled) across 1,000 groups.
* /ds and /ds toi: whole stack in process (the real Application on the in-repo fake), one
  group holding N open tasks, from the user's message to the reply.
* Database size: a year of morning digests for 1,000 groups written and marked sent day by
  day, with the daily prune (90 days) on and off.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from speed_fixtures import (
    NOW,
    Harness,
    NullMessenger,
    list_world,
    seed_history,
)

from bot.app import Assistant
from bot.clock import FakeClock
from bot.config import Config
from storage.db import Database
from storage.groups import GroupStore
from storage.reminders import NewReminder, ReminderStore
from storage.timefmt import to_db

VIEC = "/viec Gửi giấy mời MTTQ xã @hung hạn 17h thứ 6"
PARTS = ("throughput", "quiet", "restart", "lists", "size")
LIMITS = {"viec_vs_echo": 0.6, "quiet_wait_s": 1.0, "restart_ms": 50.0, "ds_ms": 20.0}


def pct(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of values, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


async def bench_throughput(folder: Path, updates: int, rounds: int, samples: int) -> None:
    echo = Harness("echo", folder / "echo.sqlite3")
    bot = Harness("assistant", folder / "bot.sqlite3")
    await echo.start()
    await bot.start()
    try:
        await bot.prepare()
        rates: dict[str, list[float]] = {"echo": [], "/viec": [], "/ds": []}
        waits: dict[str, list[float]] = {"echo": [], "/viec": [], "/ds": []}
        cpu: dict[str, list[float]] = {"echo": [], "/viec": [], "/ds": []}
        await echo.burst(VIEC, 20)  # warm-up
        await bot.burst(VIEC, 20)
        for _ in range(rounds):
            for name, harness, text in (
                ("echo", echo, VIEC),
                ("/viec", bot, VIEC),
                ("/ds", bot, "/ds"),
            ):
                rates[name].append(await harness.burst(text, updates))
                cpu[name].append(harness.last_cpu_ms)
        for _ in range(rounds):
            waits["echo"] += await echo.latencies(VIEC, samples)
            waits["/viec"] += await bot.latencies(VIEC, samples)
            waits["/ds"] += await bot.latencies("/ds", samples)
    finally:
        await bot.stop()
        await echo.stop()
    base = statistics.median(rates["echo"])
    base_cpu = statistics.median(cpu["echo"])
    print(f"Throughput, bot and echo each in their own process ({rounds} paired rounds)")
    print("                 updates/s   vs echo    p50 ms    p99 ms   CPU ms/update (echo/it)")
    for name in ("echo", "/viec", "/ds"):
        rate = statistics.median(rates[name])
        ms = [w * 1000 for w in waits[name]]
        p50, p99 = pct(ms, 0.5), pct(ms, 0.99)
        used = statistics.median(cpu[name])
        share = f"{base_cpu / used:.2f}" if used else "-"
        print(
            f"  {name:<12} {rate:10.0f} {rate / base:9.2f} {p50:9.1f} {p99:9.1f}"
            f" {used:9.2f} ({share})"
        )
    print(f"  (aim: /viec >= {LIMITS['viec_vs_echo']} of echo)")


async def bench_quiet_group(folder: Path, flood: int) -> None:
    bot = Harness("assistant", folder / "quiet.sqlite3", limits="telegram")
    await bot.start()
    try:
        await bot.prepare()
        quiet = await bot.second_group()
        for _ in range(flood):
            bot.fake.say(bot.group, bot.lan, VIEC)
        began = time.perf_counter()
        bot.fake.say(quiet, bot.lan, "/ds")
        await bot.wait_replies(quiet, bot.count(quiet) + 1, timeout=180)
        wait = time.perf_counter() - began
    finally:
        await bot.stop()
    print(f"A quiet group's /ds while another group sends {flood} /viec at once (real limits)")
    print(f"  waited {wait:.2f} s   (aim: < {LIMITS['quiet_wait_s']:.0f} s)")
    print(
        "  Chats are handled side by side (bot/delivery/lanes.py): a flood wait holds only the"
        " chat\n  that earned it, so the quiet group does not wait for the throttled one."
    )


async def restart_ms(path: Path, repeats: int) -> float:
    timings = []
    for _ in range(repeats + 1):
        began = time.perf_counter()
        assistant = Assistant(Config(telegram_token=None, db_path=path), FakeClock(NOW))
        await assistant.open()
        await assistant.dispatcher.start(NullMessenger(), arm=False)
        timings.append((time.perf_counter() - began) * 1000)
        await assistant.close()
    return statistics.median(timings[1:])  # the first start writes the digests


async def bench_restart(folder: Path, sizes: list[int]) -> None:
    print("Restart (open the database, start the dispatcher) with reminder history")
    for size in sizes:
        path = folder / f"restart-{size}.sqlite3"
        await seed_history(path, size)
        mb = path.stat().st_size / 2**20
        ms = await restart_ms(path, 5)
        aim = LIMITS["restart_ms"]
        print(f"  {size:>9,} rows ({mb:6.1f} MB)   {ms:7.1f} ms   (aim: < {aim:.0f})")


async def bench_lists(folder: Path, sizes: list[int], samples: int) -> None:
    print(f"/ds and /ds toi, one group holding N open tasks ({samples} samples, ms)")
    print("                  /ds p50   /ds p95  toi p50   toi p95")
    async with list_world(folder / "lists.sqlite3", sizes) as world:
        for size, chat in zip(sizes, world.chats, strict=True):
            figures = []
            for command in ("/ds", "/ds toi"):
                await world.say(chat, command)
                timings = []
                for _ in range(samples):
                    began = time.perf_counter()
                    await world.say(chat, command)
                    timings.append((time.perf_counter() - began) * 1000)
                figures += [pct(timings, 0.5), pct(timings, 0.95)]
            print(f"  {size:>9,} tasks " + "".join(f"{f:9.1f}" for f in figures))
    print(f"  (aim: < {LIMITS['ds_ms']:.0f} ms at 100,000)")


async def year_of_digests(path: Path, groups: int, days: int, keep: timedelta | None) -> int:
    """Write and mark sent one digest a day per group; prune daily. Returns rows left."""
    db = await Database.open(path)
    store = ReminderStore(db)
    registry = GroupStore(db)
    ids = []
    for index in range(groups):
        group = await registry.register(
            platform="telegram",
            chat_id=str(-100 - index),
            name=f"Tổ {index}",
            timezone=NOW.tzinfo,  # type: ignore[arg-type]
            registered_by="1",
            now=NOW,
        )
        ids.append((group.id, group.chat_id))
    for day in range(days):
        now = NOW + timedelta(days=day)
        rows = [NewReminder(g, "digest", g, now, chat, None, {}, {"digest": 1}) for g, chat in ids]
        await store.add(rows, now)
        # What the dispatcher's finish() leaves on each of them.
        await db.execute(
            "UPDATE reminders SET status = 'sent', sent_at = ? WHERE status = 'pending'",
            (to_db(now),),
        )
        if keep is not None:
            await store.history.prune(now - keep)
    left = (await db.fetchone("SELECT COUNT(*) FROM reminders"))[0]
    await db.close()
    return int(left)


async def bench_size(folder: Path, groups: int) -> None:
    print(f"Database after a year of morning digests, {groups:,} groups")
    for keep in (timedelta(days=90), None):
        path = folder / f"year-{bool(keep)}.sqlite3"
        left = await year_of_digests(path, groups, 365, keep)
        mb = path.stat().st_size / 2**20
        how = "retention 90 days" if keep else "kept for ever   "
        print(f"  {how}  {mb:6.1f} MB   {left:>8,} reminder rows")


def machine() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as info:
            names = [line.split(":", 1)[1].strip() for line in info if "model name" in line]
        cpu = f"{names[0]} x{len(names)}" if names else cpu
    except OSError:
        pass
    return (
        f"{cpu}; Python {platform.python_version()}; SQLite {sqlite3.sqlite_version};"
        f" {platform.system()} {platform.release()}"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="CI-sized run (a few minutes)")
    parser.add_argument(
        "--only", default=",".join(PARTS), help=f"comma-separated parts of {','.join(PARTS)}"
    )
    args = parser.parse_args()
    short = args.short
    parts = args.only.split(",")
    logging.basicConfig(level=logging.ERROR)  # start-up warnings about seeded crash rows
    print(f"Machine: {machine()}{'   [short run]' if short else ''}")
    print(f"Load average before the run: {os.getloadavg()[0]:.1f} (figures are noisy above 1)\n")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if "throughput" in parts:
            await bench_throughput(
                folder, 100 if short else 400, 2 if short else 3, 30 if short else 100
            )
            print()
        if "quiet" in parts:
            await bench_quiet_group(folder, 24 if short else 30)
            print()
        if "restart" in parts:
            await bench_restart(folder, [0, 10_000, 100_000] if short else [0, 100_000, 1_000_000])
            print()
        if "lists" in parts:
            sizes = [1_000, 10_000] if short else [1_000, 10_000, 100_000]
            await bench_lists(folder, sizes, 10 if short else 30)
            print()
        if "size" in parts:
            await bench_size(folder, 100 if short else 1000)


if __name__ == "__main__":
    asyncio.run(main())
