"""The test world: the real bot running against the in-repo fake Telegram Bot API, a fake clock,
the people and their group chats, and the helpers that move time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.clock import FakeClock
from bot.config import Config
from bot.delivery.courier import Courier
from bot.playground.fake_telegram import FakeChat, FakeTelegramAPI, FakeUser, SentMessage
from bot.playground.running import RunningBot
from bot.reminders.dispatcher import Dispatcher
from storage.db import Database

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# Monday 23 November 2026, 09:00 in Hà Nội: the "now" of the issues' examples.
START = datetime(2026, 11, 23, 9, 0, tzinfo=VN)


@dataclass
class World:
    """The fake world of a test: the API, the clock, the people and their group chat."""

    fake: FakeTelegramAPI
    clock: FakeClock
    config: Config
    lan: FakeUser  # chuyên viên, chat admin
    hung: FakeUser  # delegate, will be tổ trưởng
    mai: FakeUser  # delegate
    outsider: FakeUser  # in another group only
    group: FakeChat
    other_group: FakeChat
    bot: RunningBot | None = None

    async def say(self, chat: FakeChat, user: FakeUser, text: str, **kw: object) -> SentMessage:
        """A user writes; returns the bot's next reply in that chat."""
        self.fake.say(chat, user, text, **kw)  # type: ignore[arg-type]
        return await self.fake.next_reply(chat)

    async def press(self, message: SentMessage, user: FakeUser, label: str) -> SentMessage:
        """A user presses a button; returns the bot's next message in that chat (an edit of
        the message, or a new one)."""
        self.fake.press(message, user, label)
        return await self.fake.next_reply(self.fake.chats[message.chat_id])

    async def settle(self) -> None:
        """Wait until the bot has handled everything sent so far."""
        assert self.bot is not None
        await self.bot.settle()

    async def restart(self) -> None:
        """Stop the bot and start a new application on the same database file."""
        assert self.bot is not None
        await self.bot.stop()
        self.bot = RunningBot(self.config, self.fake, clock=self.clock)
        await self.bot.start()

    async def register(self) -> None:
        """Lan registers the group; Hùng and Mai write once so the bot knows them."""
        await self.say(self.group, self.lan, "/dangky Tổ đại biểu số 3 – phường Tân Lập")
        self.fake.say(self.group, self.hung, "Chào cả Tổ")
        self.fake.say(self.group, self.mai, "Chào anh chị")
        await self.settle()


def sched(w: World) -> Dispatcher:
    """The running bot's reminder dispatcher."""
    assert w.bot is not None
    return w.bot.assistant.dispatcher


def db_of(w: World) -> Database:
    """The running bot's database: the one place tests read it directly."""
    assert w.bot is not None
    return w.bot.assistant.services.db


async def at(w: World, moment: datetime) -> None:
    """Move the clock to a moment and let the dispatcher send what is due (no sleeping)."""
    w.clock.set(moment)
    await sched(w).run_due()


def make_world(tmp_path: Path) -> World:
    """Build the fake world (not started)."""
    clock = FakeClock(START)
    fake = FakeTelegramAPI(clock=lambda: clock.now())
    lan = fake.add_user("Lan", "lan_cv", last_name="Nguyễn")
    hung = fake.add_user("Hùng", "hung")
    mai = fake.add_user("Mai")
    outsider = fake.add_user("Tâm", "tam")
    group = fake.add_group("Tổ ĐB số 3", [hung, mai], admins=[lan])
    other = fake.add_group("Tổ ĐB số 5", [outsider], admins=[outsider])
    config = Config(telegram_token=None, db_path=tmp_path / "bot.sqlite3", timezone=VN)
    return World(fake, clock, config, lan, hung, mai, outsider, group, other)


async def tick(w: World, seconds: float = 1.0) -> None:
    """Move the clock forward and let whatever slept until then (a backoff, a flood wait, the
    probe of an API that is down) run until it waits again or is done."""
    w.clock.advance(timedelta(seconds=seconds))
    await asyncio.sleep(0)  # the woken waiters run first; no real time passes
    assert w.bot is not None
    await w.bot.quiet()


async def advance_until(
    w: World,
    done: Callable[[], bool],
    *,
    step: float = 1.0,
    limit: float = 600.0,
) -> float:
    """Tick the clock by `step` seconds until `done()` holds; returns the seconds moved."""
    assert w.bot is not None
    await w.bot.quiet()
    moved = 0.0
    while not done():
        if moved >= limit:
            raise AssertionError(f"still not done after moving the clock {moved:.0f} s")
        await tick(w, step)
        moved += step
    return moved


def courier_of(w: World) -> Courier:
    """The running bot's delivery courier (flood holds, outages, counters)."""
    assert w.bot is not None
    return w.bot.assistant.courier
