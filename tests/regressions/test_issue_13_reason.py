"""Issue 13: after Vắng, ordinary chat is never taken (and announced) as the absence reason."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.support.world import World, db_of

TXCT = "/lich txct 8h thứ 6 tuần sau tại Nhà văn hóa khu phố 3 : Tiếp xúc cử tri trước kỳ họp"


async def reasons(w: World) -> list[Any]:
    rows = await db_of(w).fetchall("SELECT user_id, answer, reason FROM attendance")
    return [tuple(row) for row in rows]


async def absent(w: World) -> Any:
    """Hùng presses Vắng under a new event; returns the bot's question."""
    created = await w.say(w.group, w.lan, TXCT)
    w.fake.press(created, w.hung, "Vắng")
    return await w.fake.next_reply(w.group)


async def test_ordinary_chat_is_not_a_reason(registered: World) -> None:
    w = registered
    question = await absent(w)
    assert question.text.startswith("@hung báo vắng lịch số 1 (Tiếp xúc cử tri, 08:00 thứ Sáu")
    assert "bấm Trả lời (Reply) vào tin nhắn này và ghi lý do" in question.text
    assert question.asks_answer  # a force reply: Hùng's phone opens the reply box
    for said in ("Các đồng chí nhớ mang theo tài liệu kỳ họp nhé", "ok a"):
        w.fake.say(w.group, w.hung, said)
    await w.settle()
    assert w.fake.unread(w.group) == []  # nothing announced
    assert await reasons(w) == [(str(w.hung.id), "no", None)]
    # A reply to the question is the reason, whatever it says.
    noted = await w.say(w.group, w.hung, "Em trùng lịch họp HĐND xã", reply_to=question)
    assert noted.text == "Đã ghi nhận lý do vắng của Hùng (lịch số 1): Em trùng lịch họp HĐND xã"
    assert await reasons(w) == [(str(w.hung.id), "no", "Em trùng lịch họp HĐND xã")]


async def test_a_clear_answer_soon_after_counts_without_reply(registered: World) -> None:
    w = registered
    await absent(w)
    w.clock.advance(timedelta(minutes=3))
    noted = await w.say(w.group, w.hung, "Lý do: đi công tác tỉnh")
    assert noted.text.endswith("(lịch số 1): Lý do: đi công tác tỉnh")


async def test_late_plain_message_is_not_taken_but_a_reply_still_is(registered: World) -> None:
    w = registered
    question = await absent(w)
    w.clock.advance(timedelta(minutes=30))
    w.fake.say(w.group, w.hung, "Em bận việc gia đình")
    await w.settle()
    assert w.fake.unread(w.group) == []
    assert await reasons(w) == [(str(w.hung.id), "no", None)]
    noted = await w.say(w.group, w.hung, "Em bận việc gia đình", reply_to=question)
    assert noted.text.endswith("Em bận việc gia đình")


async def test_someone_elses_reply_and_replies_to_other_messages_are_ignored(
    registered: World,
) -> None:
    w = registered
    question = await absent(w)
    other = w.fake.say(w.group, w.lan, "Nhớ mang theo tài liệu nhé")
    await w.settle()
    w.fake.say(w.group, w.mai, "Anh Hùng đi công tác", reply_to=question)
    w.fake.say(w.group, w.hung, "Con ốm", reply_to=other)  # answers Lan, not the bot
    await w.settle()
    assert w.fake.unread(w.group) == []
    assert await reasons(w) == [(str(w.hung.id), "no", None)]


def test_what_counts_as_a_clear_answer() -> None:
    from handlers.absence_reason import looks_like_reason

    for reason in (
        "Con ốm",
        "con om",
        "Lý do: họp chi bộ",
        "ly do hop chi bo",
        "Bận rồi anh ạ",
        "Em đi công tác Hà Nội",
        "vì trùng lịch",
        "Em xin phép vắng",
    ):
        assert looks_like_reason(reason), reason
    for chat in (
        "ok a",
        "Các đồng chí nhớ mang theo tài liệu kỳ họp nhé",
        "Các bạn ơi",
        "Cảm ơn anh chị",
        "/lich 1",
        "Dạ vâng",
        "họp ở đâu ạ?",
    ):
        assert not looks_like_reason(chat), chat
