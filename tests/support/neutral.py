"""A transport-neutral test world: the same conversation on Telegram and on Zalo.

A behaviour test (not one about rendering) takes the `side` fixture and runs once per platform.
Each side offers the same verbs: `register()` the Tổ (Telegram: a chat admin; Zalo: with the
operator's invitation), `say(chat, person, text)` returning the texts the bot sent back, and
`choose(chat, person, label)` — press the button on Telegram, type its number on Zalo —
returning what the person then sees (a notice, an edited or a new message).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Protocol

from bot.playground.running import RunningBot
from tests.support.world import World, make_world
from tests.support.zalo_world import ZaloWorld, make_zalo_world


class Side(Protocol):
    """What a behaviour test may do, whatever the platform."""

    name: str
    lan: Any
    hung: Any
    mai: Any
    group: Any

    async def start(self) -> None: ...
    async def stop(self) -> None: ...
    async def register(self) -> None: ...
    def dm(self, person: Any) -> Any: ...
    def add_group(self, title: str, people: list[Any]) -> Any: ...
    async def register_other(self, chat: Any, name: str) -> None: ...
    async def say(self, chat: Any, person: Any, text: str) -> list[str]: ...
    async def choose(self, chat: Any, person: Any, label: str) -> list[str]: ...


class TelegramSide:
    """The conversation on the fake Telegram."""

    name = "telegram"

    def __init__(self, tmp_path: Path) -> None:
        self.w: World = make_world(tmp_path)
        self.lan, self.hung, self.mai, self.group = (
            self.w.lan,
            self.w.hung,
            self.w.mai,
            self.w.group,
        )

    async def start(self) -> None:
        self.w.bot = RunningBot(self.w.config, self.w.fake, clock=self.w.clock)
        await self.w.bot.start()

    async def stop(self) -> None:
        if self.w.bot is not None:
            await self.w.bot.stop()

    async def register(self) -> None:
        await self.w.register()
        self.w.fake.unread(self.group)

    def dm(self, person: Any) -> Any:
        return self.w.fake.dm(person)

    def add_group(self, title: str, people: list[Any]) -> Any:
        return self.w.fake.add_group(title, people[1:], admins=people[:1])

    async def register_other(self, chat: Any, name: str) -> None:
        admin = next(self.w.fake.users[uid] for uid in chat.admins)
        await self.say(chat, admin, f"/dangky {name}")
        for uid in chat.members - chat.admins - {self.w.fake.bot.id}:
            self.w.fake.say(chat, self.w.fake.users[uid], "Chào")
        await self.w.settle()

    async def say(self, chat: Any, person: Any, text: str) -> list[str]:
        self.w.fake.say(chat, person, text)
        await self.w.settle()
        return [m.text for m in self.w.fake.unread(chat)]

    async def choose(self, chat: Any, person: Any, label: str) -> list[str]:
        message = next(m for m in reversed(chat.outbox) if label in m.labels)
        query = self.w.fake.press(message, person, label)
        answer = await self.w.fake.answer_of(query)
        await self.w.settle()
        seen = [answer["text"]] if answer.get("text") else []
        return seen + [m.text for m in self.w.fake.unread(chat)]


class ZaloSide:
    """The conversation on the fake Zalo: numbers instead of buttons."""

    name = "zalo"

    def __init__(self, tmp_path: Path) -> None:
        self.z: ZaloWorld = make_zalo_world(tmp_path)
        self.lan, self.hung, self.mai, self.group = (
            self.z.lan,
            self.z.hung,
            self.z.mai,
            self.z.group,
        )

    async def start(self) -> None:
        await self.z.start()

    async def stop(self) -> None:
        await self.z.stop()

    async def register(self) -> None:
        await self.register_other(self.group, "Tổ đại biểu số 3 – phường Tân Lập")

    def dm(self, person: Any) -> Any:
        return self.z.fake.dm(person)

    def add_group(self, title: str, people: list[Any]) -> Any:
        return self.z.fake.add_group(title, people)

    async def register_other(self, chat: Any, name: str) -> None:
        assert self.z.zalo is not None
        invite = await self.z.zalo.assistant.services.codes.make_invite(self.z.clock.now())
        members = [self.z.fake.users[uid] for uid in sorted(chat.members)]
        first = self.lan if self.lan.id in chat.members else members[0]
        await self.say(chat, first, f"/dangky {invite.code} {name}")
        for person in members:
            if person is not first:
                self.z.fake.say(chat, person, "Chào")
        await self.z.settle()
        self.z.fake.unread(chat)

    async def say(self, chat: Any, person: Any, text: str) -> list[str]:
        self.z.fake.say(chat, person, text)
        await self.z.settle()
        return [m.text for m in self.z.fake.unread(chat)]

    async def choose(self, chat: Any, person: Any, label: str) -> list[str]:
        for message in reversed(chat.outbox):
            found = re.search(rf"^(\d+)\. {re.escape(label)}$", message.text, re.MULTILINE)
            if found:
                return await self.say(chat, person, found.group(1))
        raise AssertionError(f"no numbered choice {label!r} in the chat")


def make_side(name: str, tmp_path: Path) -> Side:
    """The side of a platform."""
    return TelegramSide(tmp_path) if name == "telegram" else ZaloSide(tmp_path)
