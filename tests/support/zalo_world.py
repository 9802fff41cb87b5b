"""The Zalo test world: the real bot on the fake Zalo Bot API, alone or beside Telegram.

`ZaloWorld` is a Zalo-only bot. `BothWorld` is one process serving the fake Telegram and the
fake Zalo with one assistant: one database, one dispatcher (the test world of tests/support/
world.py, plus Zalo accounts for the same people).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.clock import FakeClock
from bot.config import Config
from bot.playground.fake_zalo import FakeZaloAPI, ZaloChat, ZaloMessage, ZaloUser
from bot.playground.running import RunningBot
from bot.playground.running_zalo import RunningZalo
from storage.db import Database
from tests.support.world import START, VN, World, make_world


@dataclass
class ZaloWorld:
    """A Zalo-only bot and its fake world: Lan (chuyên viên), Hùng and Mai, one Zalo group."""

    fake: FakeZaloAPI
    clock: FakeClock
    config: Config
    lan: ZaloUser
    hung: ZaloUser
    mai: ZaloUser
    group: ZaloChat
    zalo: RunningZalo | None = None
    options: dict[str, object] = field(default_factory=dict)

    async def start(self) -> None:
        """Start the bot (a new one on the same database after a stop)."""
        self.zalo = RunningZalo(self.config, self.fake, clock=self.clock, **self.options)  # type: ignore[arg-type]
        await self.zalo.start()

    async def stop(self) -> None:
        """Stop the bot."""
        if self.zalo is not None:
            await self.zalo.stop()
            self.zalo = None

    async def restart(self) -> None:
        """Stop and start a new bot on the same database file."""
        await self.stop()
        await self.start()

    async def say(self, chat: ZaloChat, user: ZaloUser, text: str, **kw: object) -> ZaloMessage:
        """A user writes; returns the bot's next message in that chat."""
        self.fake.say(chat, user, text, **kw)  # type: ignore[arg-type]
        return await self.fake.next_reply(chat)

    async def settle(self) -> None:
        """Wait until the bot has handled everything sent so far."""
        assert self.zalo is not None
        await self.zalo.settle()

    @property
    def db(self) -> Database:
        """The running bot's database (the one place tests read it)."""
        assert self.zalo is not None
        return self.zalo.assistant.services.db


def make_zalo_world(tmp_path: Path, **options: object) -> ZaloWorld:
    """Build the Zalo world (not started)."""
    clock = FakeClock(START)
    fake = FakeZaloAPI(clock=lambda: clock.now())
    lan, hung, mai = fake.add_user("Nguyễn Lan"), fake.add_user("Hùng"), fake.add_user("Mai")
    group = fake.add_group("Tổ ĐB số 3 (Zalo)", [lan, hung, mai])
    config = Config(telegram_token=None, db_path=tmp_path / "zalo.sqlite3", timezone=VN)
    return ZaloWorld(fake, clock, config, lan, hung, mai, group, options=options)


@dataclass
class BothWorld:
    """Telegram and Zalo served by one bot; `tg` is the Telegram world (tests/support/world.py)."""

    tg: World
    zfake: FakeZaloAPI
    zlan: ZaloUser
    zhung: ZaloUser
    zgroup: ZaloChat
    zalo: RunningZalo | None = None
    options: dict[str, object] = field(default_factory=dict)

    async def start(self) -> None:
        """Start Telegram, then Zalo on the same assistant."""
        self.tg.bot = RunningBot(self.tg.config, self.tg.fake, clock=self.tg.clock)
        await self.tg.bot.start()
        self.zalo = RunningZalo(
            self.tg.config,
            self.zfake,
            clock=self.tg.clock,
            assistant=self.tg.bot.assistant,
            **self.options,  # type: ignore[arg-type]
        )
        await self.zalo.start()

    async def stop(self) -> None:
        """Stop both."""
        if self.zalo is not None:
            await self.zalo.stop()
            self.zalo = None
        if self.tg.bot is not None:
            await self.tg.bot.stop()
            self.tg.bot = None

    async def restart(self) -> None:
        """Stop both and start them again on the same database."""
        await self.stop()
        await self.start()

    async def zsay(self, chat: ZaloChat, user: ZaloUser, text: str, **kw: object) -> ZaloMessage:
        """A Zalo user writes; returns the bot's next Zalo message in that chat."""
        self.zfake.say(chat, user, text, **kw)  # type: ignore[arg-type]
        return await self.zfake.next_reply(chat)

    async def settle(self) -> None:
        """Wait until both transports handled everything sent so far."""
        assert self.tg.bot is not None
        assert self.zalo is not None
        await self.tg.bot.settle()
        await self.zalo.settle()
        await self.tg.bot.settle()


def make_both_world(tmp_path: Path, **options: object) -> BothWorld:
    """The Telegram world plus Zalo accounts of Lan and Hùng and a Zalo group (not started)."""
    tg = make_world(tmp_path)
    zfake = FakeZaloAPI(clock=lambda: tg.clock.now())
    zlan, zhung = zfake.add_user("Nguyễn Lan"), zfake.add_user("Hùng")
    zgroup = zfake.add_group("Tổ ĐB số 3 trên Zalo", [zlan, zhung])
    return BothWorld(tg, zfake, zlan, zhung, zgroup, options=options)
