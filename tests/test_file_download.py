"""Files users send can be downloaded through the Messenger contract (Telegram and its fake)."""

from __future__ import annotations

from pathlib import Path

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.chat.errors import FileUnavailableError
from bot.chat.messages import Reply
from bot.chat.transport import Messenger
from bot.core.context import Context, Services
from bot.core.router import Command, Scope
from bot.playground.fake_telegram import FAKE_TOKEN, FakeTelegramAPI
from bot.playground.running import RunningBot
from bot.transports.telegram import TelegramMessenger
from tests.support.world import make_world


def _bot(fake: FakeTelegramAPI) -> Bot:
    transport = fake.httpx_transport()
    return Bot(FAKE_TOKEN, request=HTTPXRequest(httpx_kwargs={"transport": transport}))


async def test_messenger_downloads_what_a_user_sent() -> None:
    fake = FakeTelegramAPI()
    lan = fake.add_user("Lan")
    group = fake.add_group("Tổ 3", [lan])
    photo = fake.send_file(group, lan, b"\xff\xd8 anh chup danh sach", caption="#hoso 3 5")
    document = fake.send_file(group, lan, b"%PDF-1.7", file_name="ky nhan.pdf")
    async with _bot(fake) as bot:
        messenger = TelegramMessenger(bot)
        assert photo.file_id is not None
        assert document.file_id is not None
        assert await messenger.download(photo.file_id) == b"\xff\xd8 anh chup danh sach"
        assert await messenger.download(document.file_id) == b"%PDF-1.7"
    assert [c.params["file_id"] for c in fake.calls_of("getFile")] == [
        photo.file_id,
        document.file_id,
    ]


async def test_unknown_and_too_big_files_are_unavailable_not_crashes() -> None:
    fake = FakeTelegramAPI()
    lan = fake.add_user("Lan")
    group = fake.add_group("Tổ 3", [lan])
    big = fake.send_file(group, lan, b"x" * 20_000_001, file_name="video.mp4")
    async with _bot(fake) as bot:
        messenger = TelegramMessenger(bot)
        with pytest.raises(FileUnavailableError, match=r"(?i)invalid file_id"):
            await messenger.download("no-such-file")
        assert big.file_id is not None
        with pytest.raises(FileUnavailableError, match=r"(?i)too big"):
            await messenger.download(big.file_id)


async def test_photo_with_caption_arrives_as_an_attachment_over_loopback(tmp_path: Path) -> None:
    w = make_world(tmp_path)
    async with RunningBot(w.config, w.fake, clock=w.clock, loopback=True) as running:
        w.bot = running

        async def fetch_back(ctx: Context) -> Reply:
            attachment = ctx.msg.attachment
            assert attachment is not None
            # No network call while the update is handled: the file is fetched once this
            # reply has been sent (the way /thanhtoan … xuat fetches a claim's files).
            return Reply(text="…", tag=f"tai:{attachment.kind}:{attachment.file_id}")

        async def fetched(
            services: Services, messenger: Messenger, chat_id: str, tag: str, message_id: str
        ) -> list[Reply]:
            _, kind, file_id = tag.split(":", 2)
            content = await messenger.download(file_id)
            return [Reply(text=f"{kind} {len(content)} {content.decode()}")]

        running.assistant.router.command(
            Command("tai", fetch_back, "x", "/tai", "x", scope=Scope.ANYWHERE)
        )
        running.assistant.router.on_delivered("tai", fetched)
        w.fake.send_file(w.group, w.lan, "hóa đơn".encode(), caption="/tai")
        await w.fake.next_reply(w.group)
        reply = await w.fake.next_reply(w.group)
    assert reply.text == "photo 10 hóa đơn"
    assert [c.method for c in w.fake.calls if c.method in ("getFile", "download")] == [
        "getFile",
        "download",
    ]
