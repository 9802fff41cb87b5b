"""Conversations: registering a group, members, roles, /start and /help."""

from __future__ import annotations

import logging

import pytest

from bot.core.router import Command
from tests.support.world import World


async def test_admin_registers_group_and_becomes_chuyen_vien(world: World) -> None:
    reply = await world.say(world.group, world.lan, "/dangky Tổ đại biểu số 3 – phường Tân Lập")
    assert "Đã đăng ký Tổ đại biểu số 3 – phường Tân Lập" in reply.text
    assert "Lan Nguyễn là chuyên viên" in reply.text
    members = await world.say(world.group, world.lan, "/thanhvien")
    assert "Lan Nguyễn (@lan_cv) – Chuyên viên" in members.text


async def test_non_admin_cannot_register(world: World) -> None:
    reply = await world.say(world.group, world.hung, "/dangky Tổ của Hùng")
    assert "Chỉ quản trị viên" in reply.text
    reply = await world.say(world.group, world.hung, "/thanhvien")
    assert "chưa đăng ký" in reply.text


async def test_register_without_name_shows_usage(world: World) -> None:
    reply = await world.say(world.group, world.lan, "/dangky   ")
    assert "/dangky Tổ đại biểu số 3" in reply.text
    reply = await world.say(world.group, world.lan, "/thanhvien")
    assert "chưa đăng ký" in reply.text


async def test_english_alias_and_rename(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/setup Tổ đại biểu số 3 – phường Tân Lập mới")
    assert "Đã đổi tên Tổ thành: Tổ đại biểu số 3 – phường Tân Lập mới" in reply.text


async def test_set_role_by_username_then_list(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/vaitro @hung totruong")
    assert reply.text == "Đã phân Hùng làm Tổ trưởng của Tổ đại biểu số 3 – phường Tân Lập."
    reply = await w.say(w.group, w.lan, "/thanhvien")
    lines = reply.text.splitlines()
    assert lines[0] == "Thành viên Tổ đại biểu số 3 – phường Tân Lập (3 người):"
    assert lines[1] == "1. Hùng (@hung) – Tổ trưởng"
    assert "Mai – Thành viên" in reply.text


async def test_set_role_unaccented_words_and_text_mention(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/vaitro Mai tổ phó", links={"Mai": w.mai})
    assert reply.text.startswith("Đã phân Mai làm Tổ phó")


async def test_set_role_by_replying_to_member(registered: World) -> None:
    w = registered
    said = w.fake.say(w.group, w.mai, "Em xin nhận việc")
    await w.settle()
    reply = await w.say(w.group, w.lan, "/role daibieu", reply_to=said)
    assert reply.text.startswith("Đã phân Mai làm Đại biểu")


async def test_new_to_truong_replaces_old(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/vaitro @hung totruong")
    reply = await w.say(w.group, w.lan, "/vaitro Mai totruong", links={"Mai": w.mai})
    assert "(thay Hùng)" in reply.text
    members = await w.say(w.group, w.lan, "/thanhvien")
    assert "Hùng (@hung) – Thành viên" not in members.text
    assert "Hùng (@hung) – Đại biểu" in members.text


async def test_role_refusals_change_nothing(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.mai, "/vaitro @hung totruong")
    assert "Chỉ chuyên viên, Tổ trưởng hoặc quản trị viên" in reply.text
    reply = await w.say(w.group, w.lan, "/vaitro @hung chutich")
    assert "Không có vai trò “chutich”" in reply.text
    reply = await w.say(w.group, w.lan, "/vaitro @tam totruong")
    assert "@tam chưa có trong danh sách thành viên" in reply.text
    reply = await w.say(w.group, w.lan, "/vaitro totruong")
    assert "nêu người được phân vai trò" in reply.text
    reply = await w.say(w.group, w.lan, "/vaitro")
    assert "nêu người được phân vai trò" in reply.text
    members = await w.say(w.group, w.lan, "/thanhvien")
    assert "Tổ trưởng" not in members.text


async def test_to_truong_may_set_roles(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/vaitro @hung totruong")
    reply = await w.say(w.group, w.hung, "/vaitro Mai topho", links={"Mai": w.mai})
    assert reply.text.startswith("Đã phân Mai làm Tổ phó")


async def test_control_characters_and_long_arguments_are_refused(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/dangky Tổ\x07 mới")
    assert "ký tự điều khiển" in reply.text
    reply = await w.say(w.group, w.lan, "/dangky " + "A" * 2500)
    assert "quá dài" in reply.text
    reply = await w.say(w.group, w.lan, "/dangky " + "A" * 200)
    assert "Tên Tổ quá dài" in reply.text
    members = await w.say(w.group, w.lan, "/thanhvien")
    assert "Tân Lập" in members.text


async def test_unknown_command_suggests_closest(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/thanhvin")
    assert "Có phải anh/chị muốn dùng /thanhvien?" in reply.text
    reply = await w.say(w.group, w.lan, "/xyzzyplugh")
    assert "/help" in reply.text


async def test_group_command_in_dm_explains(world: World) -> None:
    reply = await world.say(world.fake.dm(world.hung), world.hung, "/thanhvien")
    assert "dùng trong nhóm chat của Tổ" in reply.text


async def test_command_for_another_bot_is_ignored(registered: World) -> None:
    w = registered
    w.fake.say(w.group, w.lan, "/thanhvien@SomeOtherBot")
    await w.settle()
    assert w.fake.unread(w.group) == []
    reply = await w.say(w.group, w.lan, f"/thanhvien@{w.fake.bot.username}")
    assert reply.text.startswith("Thành viên")


async def test_start_in_dm_lists_groups_and_roles(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/vaitro @hung totruong")
    reply = await w.say(w.fake.dm(w.hung), w.hung, "/start")
    assert "Kính chào anh/chị Hùng" in reply.text
    assert "• Tổ đại biểu số 3 – phường Tân Lập (Tổ trưởng)" in reply.text
    reply = await w.say(w.fake.dm(w.outsider), w.outsider, "/start")
    assert "chưa thuộc Tổ nào" in reply.text


async def test_help_lists_every_command_in_vietnamese(world: World) -> None:
    reply = await world.say(world.group, world.mai, "/trogiup")
    for usage in ("/dangky <tên Tổ>", "/thanhvien", "/vaitro @tên", "/help", "/start"):
        assert usage in reply.text
    start = await world.say(world.group, world.mai, "/start")
    assert start.text != reply.text  # in a group, /start greets briefly; /help lists


async def test_joined_member_is_recorded_and_left_member_removed(registered: World) -> None:
    w = registered
    newcomer = w.fake.add_user("Bình", "binh")
    w.fake.join(w.group, newcomer)
    await w.settle()
    reply = await w.say(w.group, w.lan, "/thanhvien")
    assert "Bình (@binh)" in reply.text
    w.fake.leave(w.group, newcomer)
    await w.settle()
    reply = await w.say(w.group, w.lan, "/thanhvien")
    assert "Bình" not in reply.text


async def test_restart_keeps_groups_members_and_roles(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/vaitro @hung totruong")
    await w.restart()
    reply = await w.say(w.group, w.mai, "/thanhvien")
    assert "1. Hùng (@hung) – Tổ trưởng" in reply.text
    assert "Lan Nguyễn (@lan_cv) – Chuyên viên" in reply.text


async def test_migrated_chat_keeps_its_data(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/vaitro @hung totruong")
    new_chat = w.fake.migrate(w.group, w.lan)
    await w.settle()
    reply = await w.say(new_chat, w.mai, "/thanhvien")
    assert "Hùng (@hung) – Tổ trưởng" in reply.text


async def test_command_menu_is_published_in_vietnamese_and_english(world: World) -> None:
    names = {c["command"] for c in world.fake.commands[""]}
    assert {"dangky", "thanhvien", "vaitro", "help", "start"} <= names
    english = {c["command"]: c["description"] for c in world.fake.commands["en"]}
    assert english["members"] == "Members and their roles"
    assert "setup" in english


async def test_bot_added_to_a_group_explains_how_to_register(world: World) -> None:
    chat = world.fake.add_group("Tổ ĐB số 9", [world.mai], admins=[world.hung])
    chat.members.discard(world.fake.bot.id)
    world.fake.join(chat, world.fake.bot, by=world.hung)
    reply = await world.fake.next_reply(chat)
    assert "Trợ lý Tổ đại biểu đã tham gia nhóm" in reply.text
    assert "/dangky" in reply.text


async def test_bot_re_added_to_registered_group_says_data_is_kept(registered: World) -> None:
    w = registered
    w.fake.join(w.group, w.fake.bot, by=w.lan)
    reply = await w.fake.next_reply(w.group)
    assert reply.text.startswith("Trợ lý đã trở lại nhóm của Tổ đại biểu số 3")


async def test_unexpected_failure_gets_a_brief_vietnamese_apology(
    registered: World, caplog: pytest.LogCaptureFixture
) -> None:
    w = registered

    async def broken(ctx: object) -> None:
        raise RuntimeError("database on fire")

    assert w.bot is not None
    w.bot.assistant.router.command(Command("hong", broken, "x", "/hong", "x"))
    with caplog.at_level(logging.ERROR):
        reply = await w.say(w.group, w.lan, "/hong")
    assert reply.text.startswith("Xin lỗi, Trợ lý gặp sự cố")
    assert "database on fire" in caplog.text
    assert "database on fire" not in reply.text


async def test_button_with_unknown_data_is_refused_with_a_notice(registered: World) -> None:
    w = registered
    message = await w.say(w.group, w.lan, "/thanhvien")
    query = w.fake.press(message, w.lan, "khongco:1")
    answer = await w.fake.answer_of(query)
    assert answer["text"] == "Nút này không còn hiệu lực."


async def test_command_from_an_anonymous_admin_asks_to_sign_as_a_person(world: World) -> None:
    reply = await world.say(world.group, world.lan, "/dangky Tổ 3", anonymously=True)
    assert "gửi tin ẩn danh" in reply.text
    reply = await world.say(world.group, world.lan, "/thanhvien")
    assert "chưa đăng ký" in reply.text


async def test_a_member_the_bot_has_not_seen_is_told_to_type_start(registered: World) -> None:
    w = registered
    binh = w.fake.add_user("Bình", "binh")
    w.group.members.add(binh.id)  # in the chat, but has not written since the bot came
    reply = await w.say(w.group, w.lan, "/vaitro @binh topho")
    assert "Đề nghị người đó gõ /start trong nhóm" in reply.text
    await w.say(w.group, binh, "/start")
    reply = await w.say(w.group, w.lan, "/vaitro @binh topho")
    assert reply.text.startswith("Đã phân Bình làm Tổ phó")
