"""People named with "@" and their display name: how Zalo mentions them (it has no usernames),
and how Telegram users type someone who has no username. The task goes to that member; a name
two members share is asked about; a name nobody has changes nothing."""

from __future__ import annotations

import pytest

from handlers.people import at_name
from storage.models import Member, Role
from tests.support.world import START, World, db_of
from tests.support.zalo_world import ZaloWorld
from tests.test_minutes import BEGIN, leaders
from tests.zalo.helpers import register, task_count


async def _assignees(db: object, number: int) -> list[str]:
    rows = await db.fetchall(  # type: ignore[attr-defined]
        "SELECT m.display_name FROM task_assignees a JOIN tasks t ON t.id = a.task_id"
        " JOIN members m ON m.group_id = t.group_id AND m.user_id = a.user_id"
        " WHERE t.number = ? ORDER BY m.display_name",
        (number,),
    )
    return [row["display_name"] for row in rows]


async def _text(db: object, number: int) -> str:
    row = await db.fetchone("SELECT text FROM tasks WHERE number = ?", (number,))  # type: ignore[attr-defined]
    return str(row["text"])


@pytest.fixture
async def tổ(zw: ZaloWorld) -> ZaloWorld:
    await register(zw)  # Nguyễn Lan (chuyên viên), Hùng, Mai
    return zw


@pytest.mark.parametrize(
    ("typed", "who"),
    [
        ("@Hùng", ["Hùng"]),
        ("@hung", ["Hùng"]),  # phones drop the accents
        ("@Nguyễn Lan", ["Nguyễn Lan"]),  # a name of two words
        ("@nguyen lan", ["Nguyễn Lan"]),
        ("@Lan", ["Nguyễn Lan"]),  # the given name alone, when only one member has it
        ("@Hùng, @Mai", ["Hùng", "Mai"]),
        ("@Hùng @Nguyễn Lan", ["Hùng", "Nguyễn Lan"]),
    ],
)
async def test_on_zalo_a_task_goes_to_the_member_named_after_the_at(
    tổ: ZaloWorld, typed: str, who: list[str]
) -> None:
    card = await tổ.say(
        tổ.group, tổ.lan, f"{tổ.fake.mention} viec Gửi giấy mời {typed} hạn 17h thứ 6"
    )
    assert card.text.startswith("Đã tạo việc #1: Gửi giấy mời\n")
    assert f"Giao: {', '.join(who)}" in card.text
    assert await _assignees(tổ.db, 1) == who
    assert await _text(tổ.db, 1) == "Gửi giấy mời"


async def test_on_zalo_the_at_name_may_come_anywhere_and_an_email_is_not_a_name(
    tổ: ZaloWorld,
) -> None:
    card = await tổ.say(
        tổ.group, tổ.lan, f"{tổ.fake.mention} viec @Mai gửi báo cáo về vanphong@hdnd.vn hạn 17h"
    )
    assert "Giao: Mai" in card.text
    assert await _text(tổ.db, 1) == "gửi báo cáo về vanphong@hdnd.vn"


async def test_on_zalo_a_name_nobody_has_creates_nothing(tổ: ZaloWorld) -> None:
    reply = await tổ.say(tổ.group, tổ.lan, f"{tổ.fake.mention} viec Gửi giấy mời @Tuấn hạn 17h")
    assert reply.text.startswith("Chưa tạo việc. @Tuấn chưa có trong danh sách thành viên")
    # Zalo shows the bot a group message only when it is called: "/start" alone is not seen.
    assert "Đề nghị người đó nhắn một tin trong nhóm có gọi Trợ lý" in reply.text
    assert await task_count(tổ) == 0
    members = await tổ.say(tổ.group, tổ.lan, f"{tổ.fake.mention} thanhvien")
    assert "Ai chưa có trong danh sách, đề nghị nhắn một tin trong nhóm có gọi Trợ lý" in (
        members.text
    )


async def test_on_zalo_a_name_two_members_share_is_asked_about(tổ: ZaloWorld) -> None:
    for name in ("Trần Văn Nam", "Lê Nam"):
        other = tổ.fake.add_user(name)
        tổ.group.members.add(other.id)
        tổ.fake.say(tổ.group, other, f"{tổ.fake.mention} Chào cả Tổ")
    await tổ.settle()
    tổ.fake.unread(tổ.group)
    reply = await tổ.say(tổ.group, tổ.lan, f"{tổ.fake.mention} viec Gửi giấy mời @Nam hạn 17h")
    assert reply.text == (
        "Chưa tạo việc. Có 2 thành viên tên “Nam”: Lê Nam, Trần Văn Nam. Anh/chị vui lòng"
        " ghi rõ họ tên hoặc @tên."
    )
    assert await task_count(tổ) == 0
    card = await tổ.say(
        tổ.group, tổ.lan, f"{tổ.fake.mention} viec Gửi giấy mời @Trần Văn Nam hạn 17h"
    )
    assert "Giao: Trần Văn Nam" in card.text


async def test_on_telegram_someone_without_a_username_is_named_by_display_name(
    registered: World,
) -> None:
    w = registered  # Mai has no Telegram username
    card = await w.say(w.group, w.lan, "/viec Chuẩn bị hội trường @mai @hung hạn 8h sáng mai")
    assert card.text.startswith("Đã tạo việc #1: Chuẩn bị hội trường\n")
    assert await _assignees(db_of(w), 1) == ["Hùng", "Mai"]
    listed = await w.say(w.group, w.lan, "/ds @Mai")
    assert "Chuẩn bị hội trường" in listed.text


async def test_a_giaoviec_in_the_minutes_goes_to_the_member_named_by_display_name(
    registered: World,
) -> None:
    w = registered
    await leaders(w)
    await w.say(w.group, w.lan, BEGIN)
    w.fake.say(w.group, w.hung, "#giaoviec Soạn báo cáo @Mai hạn 17h thứ 6")
    w.fake.say(w.group, w.hung, "#giaoviec Mượn hội trường @Lan Nguyễn hạn 17h thứ 6")
    await w.settle()
    assert [m.text for m in w.fake.unread(w.group)] == []  # no "unknown person" warning
    w.fake.say(w.group, w.lan, "/bienban ketthuc")
    await w.settle()
    assert await _assignees(db_of(w), 1) == ["Mai"]
    assert await _assignees(db_of(w), 2) == ["Lan Nguyễn"]
    assert await _text(db_of(w), 2) == "Mượn hội trường"


def _member(name: str, user_id: str) -> Member:
    return Member(
        id=int(user_id), group_id=1, user_id=user_id, display_name=name, username=None,
        role=Role.DAI_BIEU, active=True, joined_at=START, last_seen_at=START,
    )  # fmt: skip


def test_the_longest_name_after_the_at_wins_and_stops_at_punctuation() -> None:
    members = [_member("Hùng", "1"), _member("Hùng Trần", "2"), _member("Mai", "3")]
    text = "giao @Hùng Trần, @Mai: gửi"
    named = at_name(text, text.index("@"), members)
    assert named is not None
    assert named.written == "@Hùng Trần"
    assert [m.user_id for m in named.members] == ["2"]
    assert at_name("@Hùng gửi", 0, members).written == "@Hùng"  # type: ignore[union-attr]
    assert at_name("@Mai.", 0, members).written == "@Mai"  # type: ignore[union-attr]
    assert at_name("@Tuấn", 0, members) is None


async def test_a_full_name_in_the_other_order_names_the_member(registered: World) -> None:
    w = registered  # Telegram shows Lan as "Lan Nguyễn" (first name, then family name)
    card = await w.say(
        w.group, w.hung, "/viec Chuẩn bị hội trường @Nguyễn Lan hạn trong tuần"
    )  # the example of /help viec
    assert card.text.startswith("Đã tạo việc #1: Chuẩn bị hội trường\n")
    assert "Giao: Lan Nguyễn" in card.text
    assert "Hạn: Chủ nhật, 29/11" in card.text
