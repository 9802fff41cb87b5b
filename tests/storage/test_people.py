"""One person across Telegram and Zalo: keys, linking with merge, unlinking, where DMs go."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from storage.db import Database
from storage.groups import GroupStore
from storage.models import Group, Role
from storage.people import Account, DirectChat, LinkOutcome, PersonStore, default_account
from storage.person_merge import ACCOUNT_COLUMNS, DERIVED_COLUMNS, PERSON_COLUMNS
from tests.storage.conftest import Reopen

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
LAN_TG = Account("telegram", "1001")
LAN_ZALO = Account("zalo", "6ede9afa66b88fe6d6a9")
HUNG_TG = Account("telegram", "1002")
HUNG_ZALO = Account("zalo", "aa11bb22cc33dd44ee55")


async def _group(db: Database, chat_id: str = "-100") -> Group:
    return await GroupStore(db).register(
        platform="telegram",
        chat_id=chat_id,
        name="Tổ 3",
        timezone=ZoneInfo("Asia/Ho_Chi_Minh"),
        registered_by="1001",
        now=NOW,
    )


async def test_an_account_never_linked_is_its_own_person(db: Database) -> None:
    people = PersonStore(db)
    # Telegram keeps its bare id: everything stored before Zalo existed is keyed right.
    assert await people.person_id("telegram", "1001") == "1001"
    assert await people.person_id("zalo", "6ede9afa66b88fe6d6a9") == "zalo.6ede9afa66b88fe6d6a9"
    assert await people.accounts("zalo.6ede9afa66b88fe6d6a9") == [LAN_ZALO]
    assert default_account("1001") == LAN_TG


async def test_linking_makes_one_person_with_both_accounts(db: Database) -> None:
    people = PersonStore(db)
    assert await people.link(LAN_TG, LAN_ZALO, NOW) is LinkOutcome.LINKED
    assert await people.person_id(*_parts(LAN_ZALO)) == "1001"
    assert await people.accounts("1001") == [LAN_TG, LAN_ZALO]
    assert await people.account_on("1001", "zalo") == LAN_ZALO
    # The other way round (code made on Zalo, typed on Telegram) keeps the Zalo key.
    assert await people.link(HUNG_ZALO, HUNG_TG, NOW) is LinkOutcome.LINKED
    assert await people.person_id(*_parts(HUNG_TG)) == "zalo.aa11bb22cc33dd44ee55"


async def test_link_survives_a_restart(reopen: Reopen) -> None:
    db = await reopen()
    await PersonStore(db).link(LAN_TG, LAN_ZALO, NOW)
    await db.close()
    again = await reopen()
    assert await PersonStore(again).person_id(*_parts(LAN_ZALO)) == "1001"


async def test_linking_folds_the_other_accounts_rows_into_the_person(db: Database) -> None:
    group = await _group(db)
    groups = GroupStore(db)
    zalo_key = "zalo.6ede9afa66b88fe6d6a9"
    # Lan wrote in the Zalo chat of the Tổ before linking: two memberships of one Tổ.
    await groups.record_member(
        group.id, user_id="1001", display_name="Lan", username="lan", now=NOW, role=Role.DAI_BIEU
    )
    await groups.record_member(
        group.id,
        user_id=zalo_key,
        display_name="Lan Zalo",
        username=None,
        now=NOW + timedelta(days=1),
        role=Role.CHUYEN_VIEN,
    )
    await db.execute(
        "INSERT INTO tasks (id, group_id, number, text, created_by, created_at)"
        " VALUES (1, ?, 1, 'Gửi giấy mời', ?, '2026-11-23 02:00:00')",
        (group.id, zalo_key),
    )
    await db.execute(
        "INSERT INTO task_assignees (task_id, user_id, assigned_by, assigned_at)"
        " VALUES (1, ?, ?, '2026-11-23 02:00:00'), (1, '1001', '1001', '2026-11-23 02:00:00')",
        (zalo_key, zalo_key),
    )
    await db.execute(
        "INSERT INTO task_events (task_id, at, actor_id, action, detail) VALUES"
        " (1, '2026-11-23 02:00:00', ?, 'assigned', json_object('user_id', ?))",
        (zalo_key, zalo_key),
    )

    assert await PersonStore(db).link(LAN_TG, LAN_ZALO, NOW) is LinkOutcome.LINKED

    members = await GroupStore(db).members(group.id)
    assert [(m.user_id, m.display_name, m.role) for m in members] == [
        ("1001", "Lan", Role.CHUYEN_VIEN)
    ]
    assert members[0].last_seen_at == NOW + timedelta(days=1)
    task = await db.fetchone("SELECT created_by FROM tasks WHERE id = 1")
    assert task is not None
    assert task["created_by"] == "1001"
    assignees = await db.fetchall("SELECT user_id, assigned_by FROM task_assignees")
    assert [tuple(row) for row in assignees] == [("1001", "1001")]
    event = await db.fetchone("SELECT actor_id, detail FROM task_events")
    assert event is not None
    assert (event["actor_id"], event["detail"]) == ("1001", '{"user_id":"1001"}')
    assert not await _rows_naming(db, zalo_key)
    # The lists kept by triggers followed: one owner of task 1, counted once.
    owners = await db.fetchall("SELECT user_id FROM task_owners WHERE task_id = 1")
    assert [row["user_id"] for row in owners] == ["1001"]
    counts = await db.fetchall("SELECT user_id, undated FROM task_owner_counts WHERE undated > 0")
    assert [tuple(row) for row in counts] == [("1001", 1)]


async def test_a_leaders_role_is_kept_whichever_account_had_it(db: Database) -> None:
    group = await _group(db)
    groups = GroupStore(db)
    await groups.record_member(
        group.id,
        user_id="1002",
        display_name="Hùng",
        username=None,
        now=NOW,
        role=Role.TO_TRUONG,
    )
    await groups.record_member(
        group.id,
        user_id="zalo.aa11bb22cc33dd44ee55",
        display_name="Hùng",
        username=None,
        now=NOW,
    )
    await PersonStore(db).link(HUNG_TG, HUNG_ZALO, NOW)
    member = await GroupStore(db).member(group.id, "1002")
    assert member is not None
    assert member.role is Role.TO_TRUONG


async def test_the_newer_attendance_answer_wins(db: Database) -> None:
    group = await _group(db)
    await db.execute(
        "INSERT INTO events (id, group_id, number, kind, starts_at, title, created_by,"
        " created_at) VALUES (1, ?, 1, 'hop', '2026-11-30 01:00:00', 'Họp Tổ', '1001',"
        " '2026-11-23 02:00:00')",
        (group.id,),
    )
    await db.execute(
        "INSERT INTO attendance VALUES (1, '1002', 'yes', NULL, '2026-11-23 02:00:00'),"
        " (1, 'zalo.aa11bb22cc33dd44ee55', 'no', 'Đi công tác', '2026-11-24 02:00:00')"
    )
    await PersonStore(db).link(HUNG_TG, HUNG_ZALO, NOW)
    rows = await db.fetchall("SELECT user_id, answer, reason FROM attendance")
    assert [tuple(row) for row in rows] == [("1002", "no", "Đi công tác")]


@pytest.mark.parametrize(
    ("maker", "joiner", "outcome"),
    [
        (LAN_TG, HUNG_TG, LinkOutcome.SAME_PLATFORM),
        (LAN_TG, LAN_ZALO, LinkOutcome.ALREADY_LINKED),
        (HUNG_TG, LAN_ZALO, LinkOutcome.JOINER_LINKED),  # Lan's Zalo is Lan's already
        (LAN_ZALO, HUNG_TG, LinkOutcome.PLATFORM_TAKEN),  # Lan has a Telegram account
        (HUNG_ZALO, LAN_TG, LinkOutcome.JOINER_LINKED),  # Lan's Telegram has Zalo joined
    ],
)
async def test_links_that_are_refused_change_nothing(
    db: Database, maker: Account, joiner: Account, outcome: LinkOutcome
) -> None:
    people = PersonStore(db)
    await people.link(LAN_TG, LAN_ZALO, NOW)
    assert await people.link(maker, joiner, NOW) is outcome
    assert await people.accounts("1001") == [LAN_TG, LAN_ZALO]
    assert await people.person_id(*_parts(HUNG_TG)) == "1002"
    assert await people.person_id(*_parts(HUNG_ZALO)) == "zalo.aa11bb22cc33dd44ee55"


@pytest.mark.parametrize("asked_by", [LAN_TG, LAN_ZALO])
async def test_unlinking_from_either_side_detaches_the_joined_account(
    db: Database, asked_by: Account
) -> None:
    group = await _group(db)
    groups = GroupStore(db)
    people = PersonStore(db)
    await people.link(LAN_TG, LAN_ZALO, NOW)
    await groups.record_member(
        group.id,
        user_id="1001",
        display_name="Lan",
        username=None,
        now=NOW,
        role=Role.CHUYEN_VIEN,
    )
    assert await people.unlink(asked_by) == LAN_ZALO
    assert await people.person_id(*_parts(LAN_ZALO)) == "zalo.6ede9afa66b88fe6d6a9"
    assert await people.accounts("1001") == [LAN_TG]
    # The data stays with the key.
    member = await groups.member(group.id, "1001")
    assert member is not None
    assert member.role is Role.CHUYEN_VIEN
    assert await people.unlink(asked_by) is None


async def test_personal_reminders_go_to_the_chosen_then_last_used_platform(
    db: Database,
) -> None:
    people = PersonStore(db)
    await people.link(LAN_TG, LAN_ZALO, NOW)
    # The code was typed privately on Zalo: the platform she wrote on last.
    assert await people.delivery_order("1001") == [LAN_ZALO, LAN_TG]
    await people.note_private_message("1001", "telegram", NOW)
    assert await people.delivery_order("1001") == [LAN_TG, LAN_ZALO]
    await people.note_private_message("1001", "zalo", NOW)
    assert await people.delivery_order("1001") == [LAN_ZALO, LAN_TG]
    await people.set_reminder_channel("1001", "telegram", NOW)
    await people.note_private_message("1001", "zalo", NOW)
    assert await people.delivery_order("1001") == [LAN_TG, LAN_ZALO]
    await people.set_reminder_channel("1001", None, NOW)
    assert await people.delivery_order("1001") == [LAN_ZALO, LAN_TG]
    prefs = await people.prefs("1001")
    assert (prefs.reminder_channel, prefs.last_private_platform) == (None, "zalo")


async def test_a_person_unlinked_is_reached_on_their_only_account(db: Database) -> None:
    people = PersonStore(db)
    await people.set_reminder_channel("1002", "zalo", NOW)  # chose a platform they lack
    assert await people.delivery_order("1002") == [HUNG_TG]


async def test_private_chats_that_reach_a_person_in_delivery_order(db: Database) -> None:
    people, groups = PersonStore(db), GroupStore(db)

    async def started(account: Account, chat_id: str) -> None:
        await groups.record_user(
            account.platform, account.user_id, display_name="Lan", username=None, now=NOW,
            dm_chat_id=chat_id,
        )  # fmt: skip

    assert await people.direct_chats("1001") == []  # never started the bot
    await started(LAN_TG, "1001")
    await started(LAN_ZALO, "z-lan")
    # Not linked yet: each account is its own person, reached on its own chat.
    assert await people.direct_chats("1001") == [DirectChat("telegram", "1001", "1001")]
    await people.link(LAN_TG, LAN_ZALO, NOW)  # typed privately on Zalo: Zalo first
    assert await people.direct_chats("1001") == [
        DirectChat("zalo", LAN_ZALO.user_id, "z-lan"),
        DirectChat("telegram", "1001", "1001"),
    ]
    # The Zalo key's default account now belongs to Lan's Telegram person.
    assert await people.direct_chats("zalo.6ede9afa66b88fe6d6a9") == []
    await people.set_reminder_channel("1001", "telegram", NOW)
    assert [c.platform for c in await people.direct_chats("1001")] == ["telegram", "zalo"]
    await groups.mark_dm_blocked("telegram", "1001")
    assert await people.direct_chats("1001") == [DirectChat("zalo", LAN_ZALO.user_id, "z-lan")]
    # A Zalo-keyed person with a Telegram account joined.
    await started(HUNG_ZALO, "z-hung")
    await people.link(HUNG_ZALO, HUNG_TG, NOW)
    assert await people.direct_chats("zalo.aa11bb22cc33dd44ee55") == [
        DirectChat("zalo", HUNG_ZALO.user_id, "z-hung")
    ]  # Hùng's Telegram account never started the bot


async def test_every_column_naming_a_person_is_merged_or_declared_an_account(
    db: Database,
) -> None:
    """A new table with a user column must be listed in storage/person_merge.py."""
    looks_like_a_person = re.compile(r"(user_id|_by|actor_id|person_id|sender_id|author_id)$")
    found = set()
    for table in await db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'"):
        for column in await db.fetchall(f"PRAGMA table_info({table['name']})"):
            if looks_like_a_person.search(column["name"]):
                found.add((table["name"], column["name"]))
    declared = set(PERSON_COLUMNS) | set(ACCOUNT_COLUMNS) | set(DERIVED_COLUMNS)
    assert found - declared == set(), "columns not listed in storage/person_merge.py"
    assert declared - found == set(), "listed columns that do not exist"
    assert not set(PERSON_COLUMNS) & set(ACCOUNT_COLUMNS)


def _parts(account: Account) -> tuple[str, str]:
    return account.platform, account.user_id


async def _rows_naming(db: Database, key: str) -> list[tuple[str, str]]:
    found = []
    for table, column in PERSON_COLUMNS:
        row = await db.fetchone(f"SELECT 1 FROM {table} WHERE {column} = ?", (key,))
        if row is not None:
            found.append((table, column))
    return found
