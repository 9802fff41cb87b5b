"""A Zalo group registered on its own with the operator's invitation, and working as a Tổ."""

from __future__ import annotations

from storage.codes import OneTimeCode
from tests.support.zalo_world import ZaloWorld


async def _invite(zw: ZaloWorld) -> OneTimeCode:
    assert zw.zalo is not None
    return await zw.zalo.assistant.services.codes.make_invite(zw.clock.now())


async def _groups(zw: ZaloWorld) -> list[str]:
    rows = await zw.db.fetchall("SELECT name FROM groups ORDER BY id")
    return [row["name"] for row in rows]


async def test_registering_needs_the_operators_invitation(zw: ZaloWorld) -> None:
    invite = await _invite(zw)
    refused = await zw.say(zw.group, zw.lan, "/dangky Tổ đại biểu số 3")
    assert "cần mã mời của quản trị hệ thống" in refused.text
    no_name = await zw.say(zw.group, zw.lan, f"/dangky {invite.code}")
    assert "ghi tên Tổ sau mã mời" in no_name.text
    wrong = await zw.say(zw.group, zw.lan, "/dangky ABCDEFGH Tổ đại biểu số 3")
    assert "Mã ABCDEFGH không đúng" in wrong.text
    assert await _groups(zw) == []

    done = await zw.say(zw.group, zw.lan, f"/dangky {invite.code.lower()} Tổ đại biểu số 3")
    assert done.text.startswith("Đã đăng ký Tổ đại biểu số 3. Anh/chị Nguyễn Lan là chuyên viên")
    assert await _groups(zw) == ["Tổ đại biểu số 3"]

    other = zw.fake.add_group("Nhóm khác", [zw.hung])
    again = await zw.say(other, zw.hung, f"/dangky {invite.code} Tổ khác")
    assert f"Mã {invite.code} đã được dùng" in again.text
    assert await _groups(zw) == ["Tổ đại biểu số 3"]


async def test_an_unregistered_zalo_group_is_told_how_to_register(zw: ZaloWorld) -> None:
    reply = await zw.say(zw.group, zw.hung, "ds")
    assert "chưa đăng ký Tổ đại biểu" in reply.text


async def test_a_zalo_tos_task_list_with_the_mention_in_front(zw: ZaloWorld) -> None:
    invite = await _invite(zw)
    await zw.say(zw.group, zw.lan, f"/dangky {invite.code} Tổ đại biểu số 3")
    created = await zw.say(zw.group, zw.hung, "viec Gửi giấy mời TXCT hạn 17h thứ 6")
    assert created.text.startswith("Đã tạo việc #1: Gửi giấy mời TXCT")
    # The card's buttons are numbered lines, answered with the number by whoever asked.
    assert "Anh/chị trả lời bằng số:\n1. ✅ Xong" in created.text
    done = await zw.say(zw.group, zw.hung, "1")
    assert "#1" in done.text
    assert "xong" in done.text.lower()
    listing = await zw.say(zw.group, zw.mai, f"{zw.fake.mention} /ds xong")
    assert "Gửi giấy mời TXCT" in listing.text


async def test_messages_that_do_not_mention_the_bot_are_never_seen(zw: ZaloWorld) -> None:
    invite = await _invite(zw)
    await zw.say(zw.group, zw.lan, f"/dangky {invite.code} Tổ đại biểu số 3")
    assert zw.fake.say(zw.group, zw.mai, "Chào cả Tổ", mention=False) is None
    await zw.settle()
    rows = await zw.db.fetchall("SELECT display_name FROM members")
    assert [row["display_name"] for row in rows] == ["Nguyễn Lan"]
