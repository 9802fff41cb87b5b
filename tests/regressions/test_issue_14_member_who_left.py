"""Issue 14, defect 6: a member who left the chat while the bot was not watching cannot act:
the platform is asked (answers cached briefly), and they are marked inactive."""

from __future__ import annotations

from datetime import timedelta

from bot.core.permissions import NOT_A_MEMBER
from tests.support.world import World, db_of, tick


async def active(w: World, user_id: int) -> int:
    row = await db_of(w).fetchone("SELECT active FROM members WHERE user_id = ?", (str(user_id),))
    assert row is not None
    return int(row["active"])


def asked(w: World) -> int:
    return len(w.fake.calls_of("getChatMember"))


async def test_a_member_who_left_unseen_cannot_press_or_command(registered: World) -> None:
    w = registered
    card = await w.say(w.group, w.lan, "/viec Gửi báo cáo giám sát @hung")
    w.group.members.discard(w.hung.id)  # Hùng left; Telegram told the bot nothing
    query = w.fake.press(card, w.hung, "✅ Xong")
    assert (await w.fake.answer_of(query))["text"] == NOT_A_MEMBER
    assert await active(w, w.hung.id) == 0
    reply = await w.say(w.group, w.hung, "/xong 1")
    assert reply.text == NOT_A_MEMBER
    row = await db_of(w).fetchone("SELECT status FROM tasks WHERE number = 1")
    assert row is not None
    assert row["status"] == "open"


async def test_the_answer_is_kept_briefly_then_asked_again(registered: World) -> None:
    w = registered
    await w.say(w.group, w.hung, "/viec Việc một")
    calls = asked(w)
    await w.say(w.group, w.hung, "/viec Việc hai")
    assert asked(w) == calls  # still in the chat a minute ago: not asked again
    await tick(w, timedelta(minutes=6).total_seconds())
    await w.say(w.group, w.hung, "/viec Việc ba")
    assert asked(w) == calls + 1


async def test_a_leader_is_checked_after_a_long_silence(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/viec Việc của Tổ")
    calls = asked(w)
    await w.say(w.group, w.lan, "/viec Việc khác")
    assert asked(w) == calls  # leaders are not asked on every write
    w.group.members.discard(w.lan.id)
    w.group.admins.discard(w.lan.id)
    w.group.creator = None
    await tick(w, timedelta(days=15).total_seconds())
    reply = await w.say(w.group, w.lan, "/ds")
    assert reply.text == NOT_A_MEMBER
    assert await active(w, w.lan.id) == 0


async def test_members_still_in_the_chat_act_as_before(registered: World) -> None:
    w = registered
    card = await w.say(w.group, w.lan, "/viec Gửi báo cáo giám sát @hung")
    query = w.fake.press(card, w.hung, "✅ Xong")
    assert (await w.fake.answer_of(query))["text"] == "Việc #1 đã hoàn thành."
    assert await active(w, w.hung.id) == 1
