"""Issue 9's time readers inside issue 13's everyday machinery: /hoantac after /doilich keeps
an event's end, the year question and the other questions before acting share storage/pending.py
without answering each other's buttons.

"Now" is Monday 23/11/2026 09:00 in Hà Nội.
"""

from __future__ import annotations

from typing import Any

from tests.support.world import World, db_of

RANGE = "/lich giamsat từ 8h00 đến 11h00 ngày 3/12/2026 tại UBND phường : Giám sát sổ đỏ"


async def q(w: World, sql: str) -> list[Any]:
    return [tuple(row) for row in await db_of(w).fetchall(sql)]


async def test_undoing_a_move_brings_the_end_back(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, RANGE)
    moved = await w.say(w.group, w.lan, "/doilich 1 9h ngày 7/12")
    assert moved.text.startswith("Đã dời lịch số 1 (Giám sát) sang 09:00 thứ Hai, 07/12.")
    assert await q(w, "SELECT starts_at, ends_at FROM events") == [("2026-12-07 02:00:00", None)]
    question = await w.say(w.group, w.lan, "/hoantac")
    await w.press(question, w.lan, "Hoàn tác")
    assert await q(w, "SELECT starts_at, ends_at FROM events") == [
        ("2026-12-03 01:00:00", "2026-12-03 04:00:00")
    ]
    shown = await w.say(w.group, w.lan, "/lich 1")
    assert "Thời gian: 08:00–11:00 thứ Năm, 03/12" in shown.text


async def test_doilich_keeps_place_and_content_through_the_year_question(
    registered: World,
) -> None:
    w = registered
    await w.say(w.group, w.lan, RANGE)
    question = await w.say(w.group, w.lan, "/doilich 1 14h 20/11 tại Hội trường : Giám sát lại")
    assert question.labels == ["Đúng, 20/11/2027", "Hủy"]
    assert await q(w, "SELECT place, title FROM events") == [("UBND phường", "Giám sát sổ đỏ")]
    await w.press(question, w.lan, "Đúng, 20/11/2027")
    assert await q(w, "SELECT starts_at, ends_at, place, title FROM events") == [
        ("2027-11-20 07:00:00", None, "Hội trường", "Giám sát lại")
    ]
    # /hoantac takes the whole move back, end, place and content included.
    undo = await w.say(w.group, w.lan, "/hoantac")
    await w.press(undo, w.lan, "Hoàn tác")
    assert await q(w, "SELECT starts_at, ends_at, place, title FROM events") == [
        ("2026-12-03 01:00:00", "2026-12-03 04:00:00", "UBND phường", "Giám sát sổ đỏ")
    ]


async def test_questions_of_each_kind_answer_only_their_own_buttons(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, RANGE)
    year = await w.say(w.group, w.lan, "/lich hop 14h 20/11 : Họp Tổ")
    cancel = await w.say(w.group, w.lan, "/huylich 1")
    assert cancel.labels == ["Hủy lịch", "Không hủy"]
    year_id, cancel_id = [row[0] for row in await q(w, "SELECT id FROM task_pending ORDER BY id")]
    # Forged: the year buttons of /doilich and /nhac, the cancel button, on the wrong questions.
    for data in (f"lmq:ok:{year_id}", f"rnq:ok:{year_id}", f"evp:ok:{year_id}"):
        query = w.fake.press(year, w.lan, data)
        assert "không còn hiệu lực" in (await w.fake.answer_of(query))["text"], data
    query = w.fake.press(cancel, w.lan, f"lnq:ok:{cancel_id}")
    assert "không còn hiệu lực" in (await w.fake.answer_of(query))["text"]
    assert await q(w, "SELECT number, status FROM events") == [(1, "active")]
    # Each question still works with its own button.
    await w.press(year, w.lan, "Đúng, 20/11/2027")
    await w.press(cancel, w.lan, "Hủy lịch")
    assert await q(w, "SELECT number, status FROM events ORDER BY number") == [
        (1, "cancelled"),
        (2, "active"),
    ]
    assert await q(w, "SELECT COUNT(*) FROM task_pending") == [(0,)]
