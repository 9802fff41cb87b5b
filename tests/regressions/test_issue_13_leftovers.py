"""Issue 13's last item, closed by issue 9's readers: the words of a deadline never stay in a
task's text ("… due 25/11", "… thời", "… trước 17h thứ 6" with "Hạn: chưa có").

"Now" is Monday 23/11/2026 09:00 in Hà Nội.
"""

from __future__ import annotations

from tests.support.world import World, db_of


async def _tasks(w: World) -> list[tuple[str, str | None]]:
    rows = await db_of(w).fetchall("SELECT text, due_at FROM tasks ORDER BY number")
    return [(row["text"], row["due_at"]) for row in rows]


async def test_deadline_words_do_not_stay_in_the_title(registered: World) -> None:
    w = registered
    due = await w.say(w.group, w.lan, "/viec Gửi báo cáo due 25/11")
    assert due.text.splitlines()[0] == "Đã tạo việc #1: Gửi báo cáo"
    assert "Hạn: thứ Tư, 25/11" in due.text
    period = await w.say(w.group, w.lan, "/viec Gửi báo cáo thời hạn 25/11")
    assert period.text.splitlines()[0] == "Đã tạo việc #2: Gửi báo cáo"
    before = await w.say(w.group, w.lan, "/viec Gửi báo cáo trước 17h thứ 6")
    assert before.text.splitlines()[0] == "Đã tạo việc #3: Gửi báo cáo"
    assert "Hạn: 17:00 thứ Sáu, 27/11" in before.text
    assert "Hạn: chưa có" not in before.text
    plain = await w.say(w.group, w.lan, "/viec Gui bao cao truoc 17h thu 6")
    assert plain.text.splitlines()[0] == "Đã tạo việc #4: Gui bao cao"
    assert "Hạn: 17:00 thứ Sáu, 27/11" in plain.text
    assert await _tasks(w) == [
        ("Gửi báo cáo", "2026-11-24 17:00:00"),
        ("Gửi báo cáo", "2026-11-24 17:00:00"),
        ("Gửi báo cáo", "2026-11-27 10:00:00"),
        ("Gui bao cao", "2026-11-27 10:00:00"),
    ]


async def test_deadline_words_that_are_not_a_time_are_asked_back(registered: World) -> None:
    w = registered
    for command in (
        "/viec Nộp báo cáo hạn thời",
        "/viec Nộp báo cáo trước 17h thứ",  # the weekday cut off: not 17h today, "thứ" kept
        "/viec Nop bao cao han 8h ngay",
    ):
        reply = await w.say(w.group, w.lan, command)
        assert reply.text.startswith("Chưa tạo việc. Trợ lý chưa đọc được thời hạn"), command
    assert await _tasks(w) == []
    # /han says the same and leaves the task as it was.
    await w.say(w.group, w.lan, "/viec Nộp báo cáo")
    reply = await w.say(w.group, w.lan, "/han 1 trước 17h thứ")
    assert "Trợ lý chưa đọc được thời" in reply.text
    assert await _tasks(w) == [("Nộp báo cáo", None)]
