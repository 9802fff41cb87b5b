"""Webhook mode (secret checked, 200 at once, work in the background) and files by signed link."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from tests.support.zalo_world import ZaloWorld, make_zalo_world
from tests.zalo.helpers import register, task_count

SECRET = "s3cret-for-the-test-webhook"


@pytest.fixture
async def hooked(tmp_path: Path) -> AsyncIterator[ZaloWorld]:
    world = make_zalo_world(tmp_path, webhook_secret=SECRET, public_url="local")
    await world.start()
    try:
        yield world
    finally:
        await world.stop()


async def _post(zw: ZaloWorld, body: object, headers: dict[str, str]) -> httpx.Response:
    assert zw.zalo is not None
    async with httpx.AsyncClient() as http:
        return await http.post(zw.zalo.local_url, json=body, headers=headers)


async def test_the_bot_registers_its_webhook_and_answers_through_it(hooked: ZaloWorld) -> None:
    zw = hooked
    assert zw.fake.webhook is not None
    assert zw.fake.webhook["url"] == "https://bot.example.vn/zalo/webhook"
    assert zw.fake.calls_of("getUpdates") == []
    zw.fake.say(zw.fake.dm(zw.lan), zw.lan, "/start")
    assert await zw.fake.push_webhook(zw.zalo.local_url) == [200]  # type: ignore[union-attr]
    reply = await zw.fake.next_reply(zw.fake.dm(zw.lan))
    assert reply.text.startswith("Kính chào anh/chị Nguyễn Lan.")


@pytest.mark.parametrize(
    "headers",
    [{}, {"X-Bot-Api-Secret-Token": "wrong-secret"}, {"X-Bot-Api-Secret-Token": SECRET[:-1]}],
)
async def test_a_missing_or_wrong_secret_is_refused_and_nothing_runs(
    hooked: ZaloWorld, headers: dict[str, str]
) -> None:
    zw = hooked
    update = zw.fake.say(zw.fake.dm(zw.lan), zw.lan, "/start")
    response = await _post(zw, update, headers)
    assert response.status_code == 401
    await zw.settle()
    assert zw.fake.unread(zw.fake.dm(zw.lan)) == []
    row = await zw.db.fetchone("SELECT COUNT(*) AS n FROM inbox")
    assert row is not None
    assert row["n"] == 0


async def test_bodies_wrapped_flat_malformed_and_replayed(hooked: ZaloWorld) -> None:
    zw = hooked
    update = zw.fake.say(zw.fake.dm(zw.lan), zw.lan, "/help")
    auth = {"X-Bot-Api-Secret-Token": SECRET}
    assert (await _post(zw, {"ok": True, "result": update}, auth)).status_code == 200
    assert (await _post(zw, update, auth)).status_code == 200  # the same update again
    assert zw.zalo is not None
    async with httpx.AsyncClient() as http:
        garbled = await http.post(zw.zalo.local_url, content=b"{not json", headers=auth)
    assert garbled.status_code == 400
    assert (await _post(zw, {"event_name": "x"}, auth)).status_code == 200  # quietly ignored
    await zw.settle()
    replies = [m.text for m in zw.fake.unread(zw.fake.dm(zw.lan))]
    # Answered once (in as many pieces of at most 2,000 characters as /help needs).
    assert "\n".join(replies).count("Trợ lý Tổ đại biểu – các lệnh:") == 1
    assert replies[0].startswith("Trợ lý Tổ đại biểu – các lệnh:")
    assert all(len(text) <= 2000 for text in replies)


async def test_a_calendar_file_becomes_a_signed_expiring_link(hooked: ZaloWorld) -> None:
    zw = hooked
    assert zw.zalo is not None
    zw.fake.say(zw.group, zw.lan, "/start")  # a first update so that register() can settle
    await zw.fake.push_webhook(zw.zalo.local_url)
    await zw.settle()
    zw.fake.unread(zw.group)
    invite = await zw.zalo.assistant.services.codes.make_invite(zw.clock.now())
    zw.fake.say(zw.group, zw.lan, f"/dangky {invite.code} Tổ 3")
    zw.fake.say(zw.group, zw.lan, "lich hop 8h thu 4 tai hoi truong: Họp Tổ")
    zw.fake.say(zw.group, zw.lan, "lich ics")
    await zw.fake.push_webhook(zw.zalo.local_url)
    await zw.settle()
    text = zw.fake.unread(zw.group)[-1].text
    match = re.search(r"(http://127\.0\.0\.1:\d+/files/\S+)", text)
    assert match is not None, text
    async with httpx.AsyncClient() as http:
        got = await http.get(match.group(1))
        forged = await http.get(match.group(1).replace("s=", "s=0"))
        zw.clock.advance(timedelta(days=8))
        late = await http.get(match.group(1))
    assert got.status_code == 200
    assert b"BEGIN:VCALENDAR" in got.content
    assert "Họp Tổ" in got.content.decode()
    assert forged.status_code == 404
    assert late.status_code == 404
    assert await task_count(zw) == 0


async def test_without_a_public_url_the_file_is_a_note(zw: ZaloWorld) -> None:
    await register(zw)
    await zw.say(zw.group, zw.lan, "lich hop 8h thu 4: Họp Tổ")
    reply = await zw.say(zw.group, zw.lan, "lich ics")
    assert "Zalo chưa cho phép Trợ lý gửi tệp" in reply.text
    assert "/lienket" in reply.text
