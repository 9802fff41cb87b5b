"""Steps the claims conversations share: an event with attendees, and its open claim."""

from __future__ import annotations

from bot.playground.fake_telegram import SentMessage
from tests.support.world import World

TXCT = (
    "/lich txct 8h thứ 6 tuần sau tại Nhà văn hóa khu phố 3 : "
    "Tiếp xúc cử tri trước kỳ họp cuối năm"
)


async def txct_event(w: World, *, attendees: int = 2) -> SentMessage:
    """Lan schedules the TXCT of Friday 04/12 08:00 (lịch số 1); Hùng (and Mai) attend."""
    created = await w.say(w.group, w.lan, TXCT)
    for person in (w.hung, w.mai)[:attendees]:
        w.fake.press(created, person, "Tham dự")
    await w.settle()
    w.fake.unread(w.group)
    return created


async def open_claim(w: World) -> SentMessage:
    """The TXCT event and its claim, opened by Lan; returns the checklist message."""
    await txct_event(w)
    return await w.say(w.group, w.lan, "/thanhtoan 1")


async def press(w: World, message: SentMessage, user: object, label: str) -> tuple[str, str]:
    """A press on the checklist; returns (the notice shown, the edited text)."""
    query = w.fake.press(message, user, label)  # type: ignore[arg-type]
    answer = await w.fake.answer_of(query)
    await w.settle()
    edited = w.fake.unread(w.group)
    return answer.get("text", ""), edited[-1].text if edited else ""


def label_of(message: SentMessage, position: int) -> str:
    """The label of item `position`'s button."""
    return next(label for label in message.labels if label.split(" ", 2)[1] == f"{position}.")
