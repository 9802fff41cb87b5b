"""Crash test: `todaibieu run` SIGKILLed at random moments under a mixed load, then checked.

Run: .venv/bin/python scripts/crash_test.py [--kills 24] [--groups 6] [--seed 14] [--short]

The bot runs as its own process against the fake Bot API served on loopback by this script
(real clock, real HTTP). Several groups create, assign and finish tasks, press buttons, set
reminders and events due during the run, while the bot is killed with SIGKILL at random
moments and started again. Then:

* every command whose update reached the fake is answered, or was never acknowledged;
* every write the bot confirmed ("Đã tạo việc #3 …", "Việc #3 đã hoàn thành") is in the
  database;
* every reminder due during the run was delivered; copies beyond the first are counted, and
  each must carry the "may be a repeat" note (the one documented window);
* PRAGMA integrity_check is ok after every kill and at the end.

Prints the figures, writes them to docs/reliability.md (not with --short), and exits 1 if a
check fails. --short (3 kills, 2 groups) is what CI and the slow-marked test run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bot.playground.loopback import LoopbackServer  # noqa: E402
from bot.playground.process import BotProcess  # noqa: E402
from bot.playground.process_world import (  # noqa: E402
    Group,
    Ledger,
    ProcessWorld,
    Sent,
    account,
    count_reminders,
    local_phrase,
    next_minute,
)
from storage.db import Database  # noqa: E402
from storage.events import EventStore  # noqa: E402
from storage.groups import GroupStore  # noqa: E402
from storage.inbox import InboxStore  # noqa: E402
from storage.reminders import ReminderStore  # noqa: E402
from storage.tasks import TaskStore  # noqa: E402


async def wait_answered(world: ProcessWorld, items: list[Sent], timeout: float) -> bool:
    """Poll (this is a real process: real time) until every item is answered."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(world.answered(item) for item in items):
            return True
        await asyncio.sleep(0.1)
    return False


async def setup(world: ProcessWorld) -> None:
    """Register every group, let the members speak once, remind events a minute ahead."""
    loop = asyncio.get_running_loop()
    items = []
    for group in world.groups:
        items.append(world.say(group, group.admin, f"/dangky {group.chat.title}", loop.time()))
    if not await wait_answered(world, items, 60):
        raise SystemExit("the bot did not answer /dangky within 60 s")
    items = []
    for group in world.groups:
        for person in group.members:
            world.fake.say(group.chat, person, "Chào cả Tổ")
        items.append(world.say(group, group.admin, "/caidat tonghop tat", loop.time()))
        items.append(world.say(group, group.admin, "/caidat nhac hop 1p", loop.time()))
    if not await wait_answered(world, items, 60):
        raise SystemExit("the bot did not answer the settings within 60 s")


def harvest(world: ProcessWorld, group: Group, seen: set[int]) -> None:
    """Learn the task cards the bot sent (their number and buttons) since the last look."""
    for item in world.sent:
        if item.group != group.chat.id or item.message_id in seen or item.message_id is None:
            continue
        if not item.text.startswith("/viec "):
            continue
        replies = world.replies_to(item)
        if not replies:
            continue
        seen.add(item.message_id)
        card = replies[0]
        first = card.text.splitlines()[0]
        if first.startswith("Đã tạo việc #") and card.buttons:
            group.tasks.append(int(first.split("#", 1)[1].split(":", 1)[0]))
            group.cards.append(card)


async def drive_group(
    world: ProcessWorld, group: Group, stop: asyncio.Event, rng: random.Random, until: datetime
) -> None:
    """A mixed load from one group until `stop` (reminders and events due before `until`)."""
    loop = asyncio.get_running_loop()
    seen: set[int] = set()
    events: list[Sent] = []
    first = ["event", "remind"]  # every group has at least one of each due during the run
    while not stop.is_set():
        harvest(world, group, seen)
        now = datetime.now(UTC)
        person = rng.choice(group.members)
        n = world.serial()
        action = (
            first.pop()
            if first
            else rng.choices(
                ["task", "done", "press", "assign", "list", "remind", "event", "rsvp"],
                weights=[30, 10, 15, 8, 10, 12, 5, 10],
            )[0]
        )
        if action == "task":
            who = rng.choice(group.members)
            world.say(
                group,
                person,
                f"/viec Việc r{n} @{who.username} hạn 17h thứ 6 tuần sau",
                loop.time(),
            )
        elif action == "done" and group.tasks:
            world.say(group, group.admin, f"/xong {rng.choice(group.tasks)}", loop.time())
        elif action == "press" and group.cards:
            world.press(group, rng.choice(group.cards), group.admin, "✅ Xong", loop.time())
        elif action == "assign" and group.tasks:
            who = rng.choice(group.members)
            world.say(
                group, group.admin, f"/giao {rng.choice(group.tasks)} @{who.username}", loop.time()
            )
        elif action == "list":
            world.say(group, person, "/ds", loop.time())
        elif action == "remind":
            due = next_minute(now, timedelta(seconds=20))
            if due <= until:
                world.say(group, group.admin, f"/nhac {local_phrase(due)} Nhắc r{n}", loop.time())
                world.reminders_due[(group.chat.id, f"Nhắc r{n}")] = due
        elif action == "event":
            starts = next_minute(now, timedelta(seconds=80))
            if starts - timedelta(minutes=1) <= until:
                item = world.say(
                    group, group.admin, f"/lich hop {local_phrase(starts)} : Họp r{n}", loop.time()
                )
                item.text += f"|starts={starts.isoformat()}"
                events.append(item)
        elif action == "rsvp":
            cards = [r for e in events for r in world.replies_to(e) if r.buttons][:5]
            if cards:
                world.press(group, rng.choice(cards), person, "Tham dự", loop.time())
        # About 14 actions a minute: within Telegram's 20 messages a minute per group, which
        # the bot keeps (replies beyond it would only queue, in order).
        await asyncio.sleep(rng.uniform(2.5, 6.0))


def event_reminders(world: ProcessWorld, ledger: Ledger) -> None:
    """Each confirmed event is reminded a minute before it starts: expect that reminder."""
    for item in world.sent:
        if "|starts=" not in item.text:
            continue
        replies = world.replies_to(item)
        first = replies[0].text.splitlines()[0] if replies else ""
        if not first.startswith("Đã tạo lịch số "):
            continue
        number = int(first.split("số ", 1)[1].split(":", 1)[0])
        starts = datetime.fromisoformat(item.text.split("|starts=", 1)[1])
        world.reminders_due[(item.group, f"lịch số {number},")] = starts - timedelta(minutes=1)


async def integrity(path: Path) -> str:
    db = await Database.open(path, run_migrations=False)
    try:
        return await db.integrity_check()
    finally:
        await db.close()


async def check_database(path: Path, world: ProcessWorld, ledger: Ledger) -> dict[str, int]:
    """Every confirmation the bot sent must be in the database."""
    db = await Database.open(path)
    missing = found = 0
    try:
        groups, tasks = GroupStore(db), TaskStore(db)
        events, reminders = EventStore(db), ReminderStore(db)
        ids = {}
        for group in world.groups:
            stored = await groups.by_chat("telegram", str(group.chat.id))
            assert stored is not None
            ids[group.chat.id] = stored.id
        for chat, number, text in ledger.confirmed_tasks:
            task = await tasks.get(ids[chat], number)
            ok = task is not None and text.startswith(task.text)
            found, missing = found + ok, missing + (not ok)
        for chat, number in ledger.confirmed_done:
            task = await tasks.get(ids[chat], number)
            ok = task is not None and task.status == "done"
            found, missing = found + ok, missing + (not ok)
        for chat, number, text in ledger.confirmed_reminders:
            free = await reminders.free_by_number(ids[chat], number)
            ok = free is not None and free.text == text
            found, missing = found + ok, missing + (not ok)
        for chat, number in ledger.confirmed_events:
            ok = await events.by_number(ids[chat], number) is not None
            found, missing = found + ok, missing + (not ok)
        inbox = await InboxStore(db).count_by_status()
    finally:
        await db.close()
    return {
        "writes_checked": found + missing,
        "writes_missing": missing,
        "inbox_unhandled": inbox.get("received", 0),
        "inbox_failed": inbox.get("failed", 0),
    }


async def run(args: argparse.Namespace) -> dict[str, object]:
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="todaibieu-crash-"))
    world = ProcessWorld(args.groups, args.members)
    server = LoopbackServer(world.fake)
    base_url = await server.start()
    bot = BotProcess(base_url, folder / "bot.sqlite3", folder / "bot.log")
    began = time.monotonic()
    bot.start()
    await setup(world)
    stop = asyncio.Event()
    # Reminders and events set during the run fall due before its end.
    horizon = datetime.now(UTC) + timedelta(seconds=args.seconds + 30)
    drivers = [
        asyncio.get_running_loop().create_task(drive_group(world, g, stop, rng, horizon))
        for g in world.groups
    ]
    checks = []
    # The kills are spread over the run, which lasts long enough for reminders set during it
    # (a minute ahead at least) to fall due while the killing goes on.
    mean_gap = max(args.seconds / args.kills, args.min_gap * 2)
    for _ in range(args.kills):
        await asyncio.sleep(rng.uniform(args.min_gap, 2 * mean_gap - args.min_gap))
        bot.kill()
        checks.append(await integrity(bot.db_path))
        bot.start()
    stop.set()
    await asyncio.gather(*drivers)
    # Tail: the bot runs without kills until everything is answered and delivered.
    latest = max(world.reminders_due.values(), default=datetime.now(UTC))
    deadline = time.monotonic() + max(90.0, (latest - datetime.now(UTC)).total_seconds() + 90)
    while time.monotonic() < deadline:
        ledger = account(world, world.fake.acked_update_id)
        event_reminders(world, ledger)
        count_reminders(world, ledger, datetime.now(UTC))
        if (
            not world.unanswered()
            and datetime.now(UTC) > latest + timedelta(seconds=5)
            and (ledger.reminders_delivered == ledger.reminders_due)
        ):
            break
        await asyncio.sleep(0.5)
    exit_code = bot.stop()
    await server.cleanup()
    ledger = account(world, world.fake.acked_update_id)
    event_reminders(world, ledger)
    confirmed = {(c, t) for c, _, t in ledger.confirmed_reminders}
    world.reminders_due = {
        key: due
        for key, due in world.reminders_due.items()
        if key[1].startswith("lịch số ") or key in confirmed
    }
    count_reminders(world, ledger, datetime.now(UTC))
    database = await check_database(bot.db_path, world, ledger)
    checks.append(await integrity(bot.db_path))
    figures: dict[str, object] = {
        "kills": bot.kills,
        "starts": bot.starts,
        "seconds": round(time.monotonic() - began),
        "commands": ledger.commands,
        "answered": ledger.answered,
        "lost": len(ledger.lost),
        "unacknowledged_at_end": ledger.unacknowledged,
        "reply_duplicates": ledger.reply_duplicates,
        "reply_duplicates_without_note": ledger.reply_duplicates_without_note,
        "reminders_due": ledger.reminders_due,
        "reminders_delivered": ledger.reminders_delivered,
        "reminder_duplicates": ledger.reminder_duplicates,
        "reminder_duplicates_without_note": ledger.reminder_duplicates_without_note,
        "integrity_ok": sum(1 for c in checks if c == "ok"),
        "integrity_checks": len(checks),
        "clean_stop_exit_code": exit_code,
        **database,
        "log": str(bot.log_path),
    }
    failures = []
    if ledger.lost:
        failures.append(f"lost: {ledger.lost[:5]}")
    if ledger.unacknowledged or world.unanswered():
        failures.append(f"{len(world.unanswered())} unanswered at the end")
    if database["writes_missing"]:
        failures.append(f"{database['writes_missing']} confirmed writes missing")
    if ledger.reminders_missing:
        failures.append(f"reminders missing: {ledger.reminders_missing[:5]}")
    if ledger.reply_duplicates_without_note or ledger.reminder_duplicates_without_note:
        failures.append("a duplicate without the note")
    if figures["integrity_ok"] != figures["integrity_checks"]:
        failures.append("integrity_check failed")
    if database["inbox_unhandled"] or database["inbox_failed"]:
        failures.append("inbox rows unhandled or failed")
    if exit_code != 0:
        failures.append(f"the final SIGTERM exited {exit_code}")
    figures["failures"] = failures
    return figures


def report(figures: dict[str, object], args: argparse.Namespace) -> None:
    from reliability_report import store

    f = figures
    lines = [
        f"`scripts/crash_test.py --kills {args.kills} --groups {args.groups} --seed {args.seed}`:"
        f" `todaibieu run` as its own process against the loopback fake, {args.groups} groups of"
        f" {args.members + 1} people creating, assigning and finishing tasks, pressing buttons,"
        f" setting reminders and events due during the run; {args.kills} SIGKILLs at random"
        f" moments over {args.seconds:.0f} s, each followed by a restart at once.",
        "",
        "| | |",
        "|---|---|",
        f"| SIGKILLs survived | **{f['kills']}** ({f['starts']} starts, {f['seconds']} s) |",
        f"| commands and button presses sent | {f['commands']} |",
        f"| answered | {f['answered']} |",
        f"| **updates lost** (acknowledged, never answered) | **{f['lost']}** (target 0) |",
        f"| confirmed writes checked in the database | {f['writes_checked']}, missing"
        f" **{f['writes_missing']}** |",
        f"| reminders due during the run / delivered | {f['reminders_due']} /"
        f" {f['reminders_delivered']} |",
        f"| duplicate replies (all with the note) | {f['reply_duplicates']}"
        f" ({f['reply_duplicates_without_note']} without) |",
        f"| duplicate reminders (all with the note) | {f['reminder_duplicates']}"
        f" ({f['reminder_duplicates_without_note']} without) |",
        f"| `PRAGMA integrity_check` ok | {f['integrity_ok']} of {f['integrity_checks']} |",
        f"| final SIGTERM exit code | {f['clean_stop_exit_code']} |",
        "",
        "Result: " + ("**all checks hold**." if not f["failures"] else f"FAILED: {f['failures']}"),
    ]
    store("crash", "Crash test: SIGKILL under load", lines, figures)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=24)
    parser.add_argument("--groups", type=int, default=6)
    parser.add_argument("--members", type=int, default=4)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--seconds", type=float, default=150.0, help="length of the killing")
    parser.add_argument("--min-gap", type=float, default=0.4, help="shortest life between kills")
    parser.add_argument("--short", action="store_true", help="3 kills in 75 s, 3 groups (CI)")
    parser.add_argument("--no-docs", action="store_true", help="do not write docs/")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if args.short:
        args.kills, args.groups, args.seconds = 3, 3, 75.0
    figures = asyncio.run(run(args))
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        for key, value in figures.items():
            print(f"{key:34} {value}")
    if not args.short and not args.no_docs:
        report(figures, args)
    return 1 if figures["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
