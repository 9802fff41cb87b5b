"""Zalo private chats: commands with or without the slash, numbers, odd messages."""

from __future__ import annotations

from tests.support.zalo_world import ZaloWorld


async def test_start_in_a_private_chat(zw: ZaloWorld) -> None:
    reply = await zw.say(zw.fake.dm(zw.lan), zw.lan, "/start")
    assert reply.text.startswith("Kính chào anh/chị Nguyễn Lan.")
    # Zalo cannot say who administers a group: the way to register names the invitation.
    assert "/dangky <mã mời> <tên Tổ>" in reply.text


async def test_a_command_without_the_slash(zw: ZaloWorld) -> None:
    reply = await zw.say(zw.fake.dm(zw.lan), zw.lan, "help")
    assert reply.text.startswith("Trợ lý Tổ đại biểu – các lệnh:")
