"""A Tổ with a Telegram chat and a bound Zalo chat: one group, found from either chat."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from storage.db import Database
from storage.group_chats import BindOutcome, ChatRef, GroupChatStore
from storage.groups import GroupStore
from storage.models import Group

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
ZALO_GROUP = ChatRef("zalo", "f00dcafe0123456789ab")


async def _register(groups: GroupStore, chat_id: str, name: str) -> Group:
    return await groups.register(
        platform="telegram",
        chat_id=chat_id,
        name=name,
        timezone=ZoneInfo("Asia/Ho_Chi_Minh"),
        registered_by="1001",
        now=NOW,
    )


async def test_a_bound_chat_finds_its_tos_group(db: Database) -> None:
    groups = GroupStore(db)
    chats = GroupChatStore(db, groups)
    group = await _register(groups, "-100", "Tổ 3")
    assert await groups.by_chat("zalo", ZALO_GROUP.chat_id) is None
    assert await chats.bind(group, ZALO_GROUP, "1001", NOW) is BindOutcome.BOUND
    found = await groups.by_chat("zalo", ZALO_GROUP.chat_id)
    assert found is not None
    assert (found.id, found.name) == (group.id, "Tổ 3")
    assert await chats.chats_of(group) == [ChatRef("telegram", "-100"), ZALO_GROUP]
    # A new store (a restart) finds it too.
    again = await GroupStore(db).by_chat("zalo", ZALO_GROUP.chat_id)
    assert again is not None
    assert again.id == group.id


async def test_binding_is_refused_where_it_would_be_ambiguous(db: Database) -> None:
    groups = GroupStore(db)
    chats = GroupChatStore(db, groups)
    tổ3 = await _register(groups, "-100", "Tổ 3")
    tổ5 = await _register(groups, "-200", "Tổ 5")
    await chats.bind(tổ3, ZALO_GROUP, "1001", NOW)
    assert await chats.bind(tổ3, ZALO_GROUP, "1001", NOW) is BindOutcome.ALREADY_THIS_GROUP
    assert await chats.bind(tổ5, ZALO_GROUP, "1001", NOW) is BindOutcome.OTHER_GROUP
    second_zalo = ChatRef("zalo", "another")
    assert await chats.bind(tổ3, second_zalo, "1001", NOW) is BindOutcome.PLATFORM_TAKEN
    own_chat_of_tổ5 = ChatRef("telegram", "-200")
    assert await chats.bind(tổ3, own_chat_of_tổ5, "1001", NOW) is BindOutcome.OTHER_GROUP
    assert await chats.chats_of(tổ5) == [own_chat_of_tổ5]


async def test_unbinding_leaves_the_tos_data_and_its_own_chat(db: Database) -> None:
    groups = GroupStore(db)
    chats = GroupChatStore(db, groups)
    group = await _register(groups, "-100", "Tổ 3")
    await chats.bind(group, ZALO_GROUP, "1001", NOW)
    assert await groups.by_chat("zalo", ZALO_GROUP.chat_id) is not None  # now cached
    assert await chats.unbind(ZALO_GROUP) is True
    assert await groups.by_chat("zalo", ZALO_GROUP.chat_id) is None
    assert await chats.unbind(ZALO_GROUP) is False
    assert await chats.unbind(ChatRef("telegram", "-100")) is False
    assert await groups.by_chat("telegram", "-100") is not None


async def test_a_bound_telegram_chat_that_migrates_is_followed(db: Database) -> None:
    groups = GroupStore(db)
    chats = GroupChatStore(db, groups)
    zalo_first = await groups.register(
        platform="zalo",
        chat_id=ZALO_GROUP.chat_id,
        name="Tổ 7",
        timezone=ZoneInfo("Asia/Ho_Chi_Minh"),
        registered_by="zalo.abc",
        now=NOW,
    )
    await chats.bind(zalo_first, ChatRef("telegram", "-7"), "zalo.abc", NOW)
    assert await groups.by_chat("telegram", "-7") is not None
    assert await groups.move_chat("telegram", "-7", "-1002000000007") is True
    assert await groups.by_chat("telegram", "-7") is None
    moved = await groups.by_chat("telegram", "-1002000000007")
    assert moved is not None
    assert moved.id == zalo_first.id
