"""Issue 14, defect 7: forged callback data (numbers too large for SQLite, absurd minute
counts, digits of other scripts, wrong shapes) is refused with "Nút này không còn hiệu lực"
before it reaches storage: no crash, nothing changed."""

from __future__ import annotations

import pytest

from bot.core import text as T
from tests.support.world import World, db_of

HUGE = str(2**70)

FORGED = [
    f"tk:d:{HUGE}",  # a task id too large for SQLite
    "tk:d:²",  # passes str.isdigit, not int()
    "tk:d:١٢",  # Arabic-Indic digits
    "tk:d:-1",
    "tk:d:0",
    "tk:x:1",  # an action that does not exist
    "tk:d",  # a field missing
    "tk:d:1:1",  # a field too many
    "tkh:1:99999999999999:1",  # a deadline in the year 190 million
    f"tkh:1:{HUGE}:1",
    "tkh:1:1:1",  # 1970
    "tkh:1:29500000:7",  # neither with nor without a time
    "tkg:1:" + "9" * 80,  # longer than any platform id (and than 64 bytes)
    "tkg:1:hùng",  # not ASCII
    "tkg:1:a b",
    f"tkp:ok:{HUGE}",
    "tkp:maybe:1",
    f"tkl:a:{HUGE}",  # the list's page (a route that declares no fields)
    "tkl:a:²",
    f"rsvp:{HUGE}:y",
    "rsvp:1:x",
    f"snz:{HUGE}",
    "snz:",
    "nope:1",
    "",
    ":",
    "tk:d:1\u202e",  # a bidi override
]


@pytest.fixture
async def with_task(registered: World) -> World:
    w = registered
    await w.say(w.group, w.lan, "/viec Gửi báo cáo @hung hạn 17h thứ 6")
    await w.say(w.group, w.lan, "/lich hop 14h30 ngày 26/11 : Họp Tổ")
    return w


async def snapshot(w: World) -> list[tuple[object, ...]]:
    rows = []
    for table in ("tasks", "task_assignees", "task_events", "events", "attendance", "reminders"):
        rows += [tuple(r) for r in await db_of(w).fetchall(f"SELECT * FROM {table}")]
    return rows


@pytest.mark.parametrize("data", FORGED)
async def test_forged_button_data_is_refused_and_changes_nothing(
    with_task: World, data: str
) -> None:
    w = with_task
    before = await snapshot(w)
    [card] = [m for m in w.fake.dm(w.lan).outbox + w.group.outbox if m.buttons][:1]
    for presser in (w.lan, w.hung):
        query = w.fake.press(card, presser, data)
        answer = await w.fake.answer_of(query)
        assert answer.get("text") == T.BUTTON_EXPIRED, data
    assert await snapshot(w) == before
    row = await db_of(w).fetchone("SELECT COUNT(*) FROM inbox WHERE status = 'failed'")
    assert row is not None
    assert row[0] == 0  # no handler crashed


async def test_a_real_quick_deadline_button_still_works(with_task: World) -> None:
    w = with_task
    card = next(m for m in w.group.outbox if "✏️ Đổi hạn" in m.labels)
    w.fake.press(card, w.lan, "✏️ Đổi hạn")
    prompt = await w.fake.next_reply(w.group)
    while not prompt.labels or "Bỏ hạn" not in " ".join(prompt.labels):
        prompt = await w.fake.next_reply(w.group)
    query = w.fake.press(prompt, w.lan, prompt.labels[0])
    assert (await w.fake.answer_of(query)).get("text") == "Đã đổi hạn."
