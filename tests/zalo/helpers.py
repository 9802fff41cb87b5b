"""Steps several Zalo tests share."""

from __future__ import annotations

from bot.playground.fake_zalo import ZaloChat
from tests.support.zalo_world import ZaloWorld


async def register(zw: ZaloWorld, chat: ZaloChat | None = None, name: str = "Tổ 3") -> None:
    """Lan registers the Zalo group (with an invitation); Hùng and Mai write once."""
    assert zw.zalo is not None
    invite = await zw.zalo.assistant.services.codes.make_invite(zw.clock.now())
    chat = chat or zw.group
    reply = await zw.say(chat, zw.lan, f"/dangky {invite.code} {name}")
    assert reply.text.startswith(f"Đã đăng ký {name}.")
    for person in (zw.hung, zw.mai):
        if person.id in chat.members:
            zw.fake.say(chat, person, "Chào cả Tổ")
    await zw.settle()
    zw.fake.unread(chat)


async def task_count(zw: ZaloWorld) -> int:
    """Tasks in the database."""
    row = await zw.db.fetchone("SELECT COUNT(*) AS n FROM tasks")
    assert row is not None
    return int(row["n"])
