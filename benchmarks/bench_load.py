"""Load and soak: `todaibieu run` as its own process, many groups at once, figures printed.

Run: .venv/bin/python benchmarks/bench_load.py [--short] [--no-docs]

* Load: 50 groups of 20 members (plus their chuyên viên) send a mix of commands for 60 s, each
  group at RATE commands a minute (under Telegram's 20 messages a minute per group, which the
  bot keeps): replies a second, p50/p99 from the update to its reply, the bot's CPU.
* Soak: 10 minutes at a steady rate, the bot's resident memory sampled every 10 s: its growth
  after the first minute must stay under SOAK_BOUND_MIB.

--short (10 groups for 15 s, a 90 s soak) is what CI runs. Figures go to docs/reliability.md.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bot.playground.fake_telegram import SentMessage  # noqa: E402
from bot.playground.loopback import LoopbackServer  # noqa: E402
from bot.playground.process import BotProcess  # noqa: E402
from bot.playground.process_world import Group, ProcessWorld, Sent  # noqa: E402

RATE = 15  # commands a minute per group
SOAK_BOUND_MIB = 10.0  # resident memory may grow at most this much after the first minute
TICKS = 100  # clock ticks a second (Linux), for the CPU figure


class Replies:
    """When the first reply to each command arrived."""

    def __init__(self, world: ProcessWorld) -> None:
        self.arrived: dict[tuple[int, int], float] = {}
        world.fake.listeners.append(self._seen)

    def _seen(self, message: SentMessage) -> None:
        if message.from_bot and message.reply_to_message_id and not message.edited:
            self.arrived.setdefault(
                (message.chat_id, message.reply_to_message_id), time.monotonic()
            )

    def latencies(self, items: list[Sent]) -> list[float]:
        found = [self.arrived.get((i.group, i.message_id or 0)) for i in items]
        return [t - i.at for t, i in zip(found, items, strict=True) if t is not None]


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU time of a process, in seconds."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


async def start(
    groups: int, members: int, folder: Path
) -> tuple[ProcessWorld, BotProcess, LoopbackServer]:
    """The world, the bot process, every group registered and its members known."""
    world = ProcessWorld(groups, members)
    server = LoopbackServer(world.fake)
    base_url = await server.start()
    bot = BotProcess(base_url, folder / "bot.sqlite3", folder / "bot.log")
    bot.start()
    setup = [
        world.say(g, g.admin, f"/dangky {g.chat.title}", time.monotonic()) for g in world.groups
    ]
    await until(lambda: all(world.answered(i) for i in setup), 120)
    for group in world.groups:
        for person in group.members:
            world.fake.say(group.chat, person, "Chào cả Tổ")
    last = [world.say(g, g.admin, "/caidat tonghop tat", time.monotonic()) for g in world.groups]
    await until(lambda: all(world.answered(i) for i in last), 120)
    return world, bot, server


async def until(done: Callable[[], bool], timeout: float) -> bool:
    """Poll a condition (real processes: real time), at most `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if done():
            return True
        await asyncio.sleep(0.1)
    return False


async def drive(world: ProcessWorld, group: Group, seconds: float, rate: float,
                rng: random.Random, sent: list[Sent]) -> None:  # fmt: skip
    """One group: a mix of commands, Poisson arrivals at `rate` a minute, for `seconds`."""
    ends = time.monotonic() + seconds
    await asyncio.sleep(rng.uniform(0, 60 / rate))
    numbers = 0
    while time.monotonic() < ends:
        person = rng.choice(group.members)
        n = world.serial()
        text = rng.choices(
            [
                f"/viec Việc t{n} @{rng.choice(group.members).username}",
                "/ds",
                "/lich",
                f"/viec {rng.randint(1, max(1, numbers))}",
                f"/xong {rng.randint(1, max(1, numbers))}",
                "/thanhvien",
            ],
            weights=[40, 20, 10, 15, 10, 5],
        )[0]  # fmt: skip
        who = group.admin if text.startswith("/xong") else person
        numbers += text.startswith("/viec Việc")
        sent.append(world.say(group, who, text, time.monotonic()))
        await asyncio.sleep(rng.expovariate(rate / 60))


async def load(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    world, bot, server = await start(args.groups, args.members, folder)
    replies = Replies(world)
    rng = random.Random(15)
    sent: list[Sent] = []
    cpu_before, began = cpu_seconds(bot.pid), time.monotonic()
    await asyncio.gather(*(drive(world, g, args.seconds, RATE, rng, sent) for g in world.groups))
    await until(lambda: all(world.answered(i) for i in sent), 120)
    cpu = cpu_seconds(bot.pid) - cpu_before
    elapsed = time.monotonic() - began
    latency = sorted(replies.latencies(sent))
    # Replies a second over the load itself: from the first command to the last reply.
    last = max(replies.arrived.get((i.group, i.message_id or 0), 0.0) for i in sent)
    window = max(1e-9, last - min(i.at for i in sent))
    bot.stop()
    await server.cleanup()
    return {
        "groups": args.groups,
        "people": args.groups * (args.members + 1),
        "seconds": args.seconds,
        "commands": len(sent),
        "answered": len(latency),
        "replies_per_second": round(len(latency) / window, 1),
        "p50_ms": round(statistics.median(latency) * 1000),
        "p99_ms": round(latency[min(len(latency) - 1, int(len(latency) * 0.99))] * 1000),
        "max_ms": round(latency[-1] * 1000),
        "bot_cpu_percent": round(100 * cpu / elapsed),
        "bot_cpu_ms_per_reply": round(1000 * cpu / max(1, len(latency)), 1),
    }


async def soak(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    world, bot, server = await start(args.soak_groups, 5, folder)
    rng = random.Random(16)
    sent: list[Sent] = []
    samples: list[tuple[float, int]] = []
    began = time.monotonic()

    async def sample() -> None:
        while time.monotonic() - began < args.soak_seconds:
            rss = bot.rss_kb()
            if rss is not None:
                samples.append((time.monotonic() - began, rss))
            await asyncio.sleep(10 if args.soak_seconds > 120 else 5)

    await asyncio.gather(
        sample(),
        *(drive(world, g, args.soak_seconds, RATE, rng, sent) for g in world.groups),
    )
    await until(lambda: all(world.answered(i) for i in sent), 60)
    answered = sum(1 for i in sent if world.answered(i))
    bot.stop()
    await server.cleanup()
    warm = [kb for t, kb in samples if t >= min(60.0, args.soak_seconds / 3)]
    growth = (warm[-1] - warm[0]) / 1024 if len(warm) > 1 else 0.0
    return {
        "seconds": args.soak_seconds,
        "groups": args.soak_groups,
        "commands": len(sent),
        "answered": answered,
        "rss_start_mib": round(samples[0][1] / 1024, 1),
        "rss_after_warmup_mib": round(warm[0] / 1024, 1) if warm else None,
        "rss_end_mib": round(samples[-1][1] / 1024, 1),
        "rss_max_mib": round(max(kb for _, kb in samples) / 1024, 1),
        "growth_after_warmup_mib": round(growth, 1),
        "bound_mib": SOAK_BOUND_MIB,
        "samples": len(samples),
    }


def report(figures: dict[str, dict[str, Any]]) -> None:
    """Write what ran to docs/reliability.md."""
    if "load" in figures:
        report_load(figures["load"])
    if "soak" in figures:
        report_soak(figures["soak"])


def report_load(f: dict[str, Any]) -> None:
    from reliability_report import store

    store(
        "load",
        "Load: 50 groups × 20 members",
        [
            f"`benchmarks/bench_load.py`: `todaibieu run` as its own process against the loopback"
            f" fake (the fake and the load in a second process); {f['groups']} groups,"
            f" {f['people']} people, each group sending {RATE} commands a minute (Poisson; a mix"
            " of /viec, /ds, /viec N, /xong, /lich, /thanhvien) for"
            f" {f['seconds']:.0f} s, with Telegram's flood limits on.",
            "",
            "| commands | answered | replies/s | p50 | p99 | max | bot CPU |",
            "|---|---|---|---|---|---|---|",
            f"| {f['commands']} | {f['answered']} | {f['replies_per_second']} |"
            f" {f['p50_ms']} ms | {f['p99_ms']} ms | {f['max_ms']} ms |"
            f" {f['bot_cpu_percent']} % of a core ({f['bot_cpu_ms_per_reply']} ms a reply) |",
            "",
            "The offered load is what Telegram lets 50 groups receive (20 messages a minute"
            " each); the bot's CPU a reply says how far below its own limit that is.",
        ],
        f,
    )


def report_soak(s: dict[str, Any]) -> None:
    from reliability_report import store

    held = s["growth_after_warmup_mib"] <= SOAK_BOUND_MIB
    store(
        "soak",
        "Soak: memory over ten minutes",
        [
            f"The same bot for {s['seconds']:.0f} s, {s['groups']} groups at {RATE} commands a"
            f" minute each ({s['commands']} commands, {s['answered']} answered), resident"
            f" memory sampled {s['samples']} times.",
            "",
            f"RSS {s['rss_start_mib']} MiB at start, {s['rss_after_warmup_mib']} MiB after the"
            f" first minute, {s['rss_end_mib']} MiB at the end (max {s['rss_max_mib']} MiB):"
            f" growth after warm-up **{s['growth_after_warmup_mib']} MiB** (bound"
            f" {SOAK_BOUND_MIB:.0f} MiB) — {'holds' if held else 'EXCEEDED'}.",
        ],
        s,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=50)
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--soak-seconds", type=float, default=600)
    parser.add_argument("--soak-groups", type=int, default=10)
    parser.add_argument("--short", action="store_true", help="10 groups for 15 s, a 90 s soak")
    parser.add_argument("--no-docs", action="store_true")
    parser.add_argument("--only", choices=("load", "soak"), help="run one of the two")
    args = parser.parse_args()
    if args.short:
        args.groups, args.seconds, args.soak_seconds, args.soak_groups = 10, 15, 90, 5
    folder = Path(tempfile.mkdtemp(prefix="todaibieu-load-"))
    for part in ("load", "soak"):
        (folder / part).mkdir()
    figures: dict[str, dict[str, Any]] = {}
    if args.only != "soak":
        figures["load"] = asyncio.run(load(args, folder / "load"))
        print("load:", figures["load"])
    if args.only != "load":
        figures["soak"] = asyncio.run(soak(args, folder / "soak"))
        print("soak:", figures["soak"])
    if not args.short and not args.no_docs:
        report(figures)
    ok = all(f["answered"] == f["commands"] for f in figures.values())
    if "soak" in figures:
        ok = ok and figures["soak"]["growth_after_warmup_mib"] <= SOAK_BOUND_MIB
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
