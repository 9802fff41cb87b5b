"""The fake Bot API itself, and the loopback adapter the playground uses."""

from __future__ import annotations

from pathlib import Path

import pytest
from telegram import Bot
from telegram.error import BadRequest
from telegram.request import HTTPXRequest

from bot.chat.messages import Button, Document, Reply
from bot.core.router import Command, Scope
from bot.playground.fake_telegram import FAKE_TOKEN, FakeTelegramAPI
from bot.playground.running import RunningBot
from tests.support.world import make_world


async def test_unknown_method_fails_loudly() -> None:
    fake = FakeTelegramAPI()
    bot = Bot(FAKE_TOKEN, request=HTTPXRequest(httpx_kwargs={"transport": fake.httpx_transport()}))
    async with bot:
        with pytest.raises(BadRequest, match=r"(?i)does not know sendpoll"):
            await bot.send_poll(1, "q", ["a", "b"])
    assert [c.method for c in fake.calls][-1] == "sendPoll"


async def test_real_bot_over_loopback_http(tmp_path: Path) -> None:
    w = make_world(tmp_path)
    async with RunningBot(w.config, w.fake, clock=w.clock, loopback=True) as running:
        w.bot = running
        reply = await w.say(w.group, w.lan, "/dangky Tổ đại biểu số 7")
        assert reply.text.startswith("Đã đăng ký Tổ đại biểu số 7.")
        assert reply.reply_to_message_id is not None
    assert {"getMe", "setMyCommands", "getUpdates", "sendMessage", "getChatMember"} <= {
        c.method for c in w.fake.calls
    }


async def test_long_reply_is_split_not_cut(tmp_path: Path) -> None:
    w = make_world(tmp_path)
    async with RunningBot(w.config, w.fake, clock=w.clock) as running:
        w.bot = running
        await w.register()
        for index in range(60):
            person = w.fake.add_user(f"Đại biểu có tên rất dài số {index:02d} " + "x" * 60)
            w.fake.join(w.group, person)
        await w.settle()
        w.fake.say(w.group, w.lan, "/thanhvien")
        await w.settle()
        parts = w.fake.unread(w.group)
    assert len(parts) == 2
    assert all(len(p.text) <= 4096 for p in parts)
    text = "\n".join(p.text for p in parts)
    assert "(63 người)" in text
    for index in range(60):
        assert f"số {index:02d} " in text


async def test_document_reply_arrives_as_a_file_with_caption(tmp_path: Path) -> None:
    w = make_world(tmp_path)
    async with RunningBot(w.config, w.fake, clock=w.clock) as running:
        w.bot = running

        async def send_file(ctx: object) -> Reply:
            return Reply(
                text="Biên bản họp Tổ",
                document=Document("bien-ban.docx", "Nội dung ✓".encode()),
                buttons=((Button("Mở", "x:1"),),),
            )

        running.assistant.router.command(
            Command("tep", send_file, "x", "/tep", "x", scope=Scope.ANYWHERE)
        )
        reply = await w.say(w.group, w.lan, "/tep")
    assert reply.document_name == "bien-ban.docx"
    assert reply.document == "Nội dung ✓".encode()
    assert reply.text == "Biên bản họp Tổ"
    assert reply.labels == ["Mở"]
