"""The worlds benchmarks/bench_speed.py measures in: a bot process polling a loopback fake Bot
API, databases seeded with history or tasks in bulk, and the in-process bot for /ds."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
import sys
import time
from collections import defaultdict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.chat.messages import Reply
from bot.clock import FakeClock
from bot.config import Config
from bot.playground.fake_telegram import (
    FakeChat,
    FakeTelegramAPI,
    FakeUser,
    SentMessage,
    serve_loopback,
)
from bot.playground.running import RunningBot
from storage.db import Database
from storage.groups import GroupStore
from storage.tasks import overdue_from
from storage.timefmt import to_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=VN)
CHILD = Path(__file__).resolve().parent / "speed_child.py"


class NullMessenger:
    """A messenger that sends nothing (start-up measurements only)."""

    platform = "telegram"

    async def send(self, chat_id: str, reply: Reply) -> str:
        return "0"

    async def is_chat_admin(self, chat_id: str, user_id: str) -> bool:
        return False

    async def is_chat_member(self, chat_id: str, user_id: str) -> bool:
        return True


class Harness:
    """The fake Bot API on 127.0.0.1 and one bot process (speed_child.py) polling it."""

    def __init__(self, kind: str, db: Path, *, limits: str = "off") -> None:
        self.kind, self.db, self.limits = kind, db, limits
        self.fake = FakeTelegramAPI()
        self.lan: FakeUser = self.fake.add_user("Lan", "lan_cv", last_name="Nguyễn")
        self.hung: FakeUser = self.fake.add_user("Hùng", "hung")
        self.group: FakeChat = self.fake.add_group("Tổ ĐB số 3", [self.hung], admins=[self.lan])
        self._counts: dict[int, int] = defaultdict(int)
        self._changed = asyncio.Event()
        self.fake.listeners.append(self._heard)
        self._runner: object = None
        self._process: asyncio.subprocess.Process | None = None
        self.last_cpu_ms = 0.0

    def _heard(self, message: SentMessage) -> None:
        if message.from_bot:
            self._counts[message.chat_id] += 1
            self._changed.set()

    def count(self, chat: FakeChat) -> int:
        """Messages the bot has sent to a chat so far."""
        return self._counts[chat.id]

    async def start(self) -> None:
        """Serve the fake and start the bot process; returns once it polls."""
        self._runner, url = await serve_loopback(self.fake)
        self._process = await asyncio.create_subprocess_exec(
            sys.executable, str(CHILD), self.kind, "--url", url, "--db", str(self.db),
            "--limits", self.limits,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while not self.fake.calls_of("getUpdates"):
            if time.monotonic() > deadline or self._process.returncode is not None:
                raise RuntimeError(f"the {self.kind} process did not start polling")
            await asyncio.sleep(0.05)

    async def stop(self) -> None:
        """Stop the bot process (SIGTERM: PTB stops cleanly) and the fake."""
        if self._process is not None and self._process.returncode is None:
            await self.fake.release_pollers()
            self._process.terminate()
            try:
                await asyncio.wait_for(self._process.wait(), 30)
            except TimeoutError:
                self._process.kill()
                await self._process.wait()
        if self._runner is not None:
            await self._runner.cleanup()  # type: ignore[attr-defined]

    async def wait_replies(self, chat: FakeChat, total: int, timeout: float = 300) -> None:
        """Wait until the bot has sent `total` messages to the chat."""
        deadline = time.monotonic() + timeout
        while self._counts[chat.id] < total:
            self._changed.clear()
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{self._counts[chat.id]} of {total} replies")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), left)

    async def prepare(self) -> None:
        """Register the group (the assistant) and let Hùng be known to it."""
        if self.kind != "assistant":
            return
        base = self.count(self.group)
        self.fake.say(self.group, self.lan, "/dangky Tổ đại biểu số 3")
        self.fake.say(self.group, self.hung, "Chào cả Tổ")
        self.fake.say(self.group, self.lan, "/ds")
        await self.wait_replies(self.group, base + 2, timeout=60)

    async def second_group(self) -> FakeChat:
        """Another registered group, Lan its chuyên viên."""
        chat = self.fake.add_group("Tổ ĐB số 5", [], admins=[self.lan])
        self.fake.say(chat, self.lan, "/dangky Tổ đại biểu số 5")
        await self.wait_replies(chat, 1, timeout=60)
        return chat

    async def burst(self, text: str, n: int) -> float:
        """Queue n messages at once; updates per second until every reply arrived.
        `last_cpu_ms` is then the bot process's CPU time per update during the burst."""
        base = self.count(self.group)
        cpu = self.cpu_seconds()
        began = time.perf_counter()
        for _ in range(n):
            self.fake.say(self.group, self.lan, text)
        await self.wait_replies(self.group, base + n)
        elapsed = time.perf_counter() - began
        self.last_cpu_ms = (self.cpu_seconds() - cpu) * 1000 / n
        return n / elapsed

    def cpu_seconds(self) -> float:
        """User and system CPU time of the bot process so far (Linux; 0 elsewhere).

        On a shared machine the CPU a bot spends per update moves far less between runs than
        updates per second do, so the throughput table prints it too.
        """
        assert self._process is not None
        try:
            fields = Path(f"/proc/{self._process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    async def latencies(self, text: str, n: int) -> list[float]:
        """Seconds from each message to its reply, one message at a time."""
        out = []
        for _ in range(n):
            base = self.count(self.group)
            began = time.perf_counter()
            self.fake.say(self.group, self.lan, text)
            await self.wait_replies(self.group, base + 1)
            out.append(time.perf_counter() - began)
        return out


async def seed_history(path: Path, rows: int, groups: int = 1000) -> None:
    """A database of `groups` groups with `rows` reminder rows that are over (sent, skipped,
    cancelled) over the last 80 days, plus a few caught by a crash (claimed, sending)."""
    db = await Database.open(path)
    store = GroupStore(db)
    for index in range(groups):
        await store.register(
            platform="telegram",
            chat_id=str(-1001000000000 - index),
            name=f"Tổ đại biểu số {index + 1}",
            timezone=VN,
            registered_by="1",
            now=NOW,
        )
    await db.close()
    kinds = ("digest", "task_due", "task_overdue", "event", "free")
    states = ("sent",) * 8 + ("skipped", "cancelled")

    def history():  # type: ignore[no-untyped-def]
        for index in range(rows):
            group = index % groups + 1
            when = to_db(NOW - timedelta(minutes=(index * 7) % (80 * 1440)))
            crashed = ("claimed", "sending")[index % 2]
            status = states[index % len(states)] if index > 5 else crashed
            sent = when if status == "sent" else None
            yield (group, kinds[index % 5], index, when, when, str(group), status, sent, when)

    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO reminders (group_id, kind, source_id, due_at, wake_at, target_chat_id,"
            " status, sent_at, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
            history(),
        )
    conn.close()


@dataclass
class ListWorld:
    """The in-process bot over a database whose groups hold many tasks."""

    fake: FakeTelegramAPI
    lan: FakeUser
    chats: list[FakeChat]

    async def say(self, chat: FakeChat, text: str) -> str:
        self.fake.say(chat, self.lan, text)
        return (await self.fake.next_reply(chat, timeout=60)).text


@contextlib.asynccontextmanager
async def list_world(path: Path, sizes: list[int]) -> AsyncIterator[ListWorld]:
    """One group per size holding that many open tasks (80% with a deadline around now,
    given to 0-3 of three people), seeded in bulk; the bot running in process."""
    clock = FakeClock(NOW)
    fake = FakeTelegramAPI(clock=lambda: clock.now())
    lan = fake.add_user("Lan", "lan_cv", last_name="Nguyễn")
    hung, mai = fake.add_user("Hùng", "hung"), fake.add_user("Mai")
    chats = [fake.add_group(f"Tổ {n}", [hung, mai], admins=[lan]) for n in sizes]
    people = [str(lan.id), str(hung.id), str(mai.id)]
    db = await Database.open(path)
    store = GroupStore(db)
    group_ids = []
    for chat, size in zip(chats, sizes, strict=True):
        group = await store.register(
            platform="telegram", chat_id=str(chat.id), name=f"Tổ {size}", timezone=VN,
            registered_by=people[0], now=NOW,
        )  # fmt: skip
        for user, name in zip(people, ("Lan Nguyễn", "Hùng", "Mai"), strict=True):
            await store.record_member(
                group.id, user_id=user, display_name=name, username=None, now=NOW
            )
        group_ids.append(group.id)
    await db.close()
    conn = sqlite3.connect(path)
    stamp = to_db(NOW)
    with conn:
        next_id = 1
        for group_id, size in zip(group_ids, sizes, strict=True):
            tasks, assignees, reminders = [], [], []
            for index in range(size):
                due = NOW + timedelta(hours=(index % 400) - 100) if index % 5 else None
                has_time = index % 2 == 0
                overdue = overdue_from(due, has_time, VN) if due else None
                tasks.append(
                    (next_id, group_id, index + 1, f"Việc số {index}: tổng hợp kiến nghị cử tri",
                     people[index % 3], stamp, to_db(due) if due else None, int(has_time),
                     to_db(overdue) if overdue else None)
                )  # fmt: skip
                assignees += [(next_id, p, people[0], stamp) for p in people[: index % 4]]
                if due is not None:  # its reminder, already sent (the start-up safety net
                    # would otherwise plan every seeded task)
                    reminders.append((group_id, next_id, stamp, stamp, "0", "sent", stamp, stamp))
                next_id += 1
            conn.executemany(
                "INSERT INTO tasks (id, group_id, number, text, created_by, created_at, due_at,"
                " due_has_time, overdue_at) VALUES (?,?,?,?,?,?,?,?,?)",
                tasks,
            )
            conn.executemany(
                "INSERT INTO task_assignees (task_id, user_id, assigned_by, assigned_at)"
                " VALUES (?,?,?,?)",
                assignees,
            )
            conn.executemany(
                "INSERT INTO reminders (group_id, kind, source_id, due_at, wake_at,"
                " target_chat_id, status, sent_at, created_at)"
                " VALUES (?, 'task_due', ?, ?, ?, ?, ?, ?, ?)",
                reminders,
            )
    conn.close()
    config = Config(telegram_token=None, db_path=path, timezone=VN)
    async with RunningBot(config, fake, clock=clock):
        yield ListWorld(fake, lan, chats)
