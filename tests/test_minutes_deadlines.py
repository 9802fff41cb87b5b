"""A #giaoviec's deadline that /viec would ask about first is not filed from the minutes.

"hạn 20/11" written on 23/11 reads as 20/11 next year, and "hạn hôm qua" is over before the
meeting ends: the task is created without a deadline, its text keeps the words as typed, and
the closing notes tell the chuyên viên why, the date Trợ lý would have guessed, and the /han
command to type. The document never shows the guess.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from bot.dates import When, read_when
from bot.playground.fake_telegram import SentMessage
from handlers.timewords import typed_when
from storage.timefmt import from_db
from tests.support.world import VN, World, db_of
from tests.test_minutes import BEGIN, leaders, quiet, texts_of


async def close(w: World) -> tuple[SentMessage, list[str], SentMessage]:
    """Lan closes the recording: the summary, the document's texts, and the notes."""
    w.fake.say(w.group, w.lan, "/bienban ketthuc")
    summary = await w.fake.next_reply(w.group)
    document = texts_of(await w.fake.next_reply(w.group))
    notes = await w.fake.next_reply(w.group)
    return summary, document, notes


async def task_rows(w: World) -> list[tuple[int, str, datetime | None, bool]]:
    """(number, text, due_at in Hà Nội time, needs_deadline) of each task the minutes made."""
    rows = await db_of(w).fetchall(
        "SELECT t.number, t.text, t.due_at, l.needs_deadline FROM tasks t"
        " JOIN minutes_tasks l ON l.task_id = t.id ORDER BY t.number"
    )
    return [(r["number"], r["text"], due(r["due_at"]), bool(r["needs_deadline"])) for r in rows]


def due(stored: str | None) -> datetime | None:
    return from_db(stored).astimezone(VN) if stored else None


def suggested(notes: SentMessage, number: int) -> str:
    """The command the note for task #number says to type, exactly as written there."""
    match = re.search(rf"gõ (/han {number} [^;<]+?)(?:;|\.$|\. )", notes.text, re.MULTILINE)
    assert match is not None, notes.text
    return match.group(1)


@pytest.mark.parametrize(
    ("written", "said", "text"),
    [
        ("#giaoviec Soạn báo cáo @lan_cv hạn 20/11", "hạn 20/11", "Soạn báo cáo"),
        ("#giao viec Soan bao cao @lan_cv han 20/11", "han 20/11", "Soan bao cao"),
    ],
)
async def test_a_date_without_its_year_months_away_is_explained_not_filed(
    registered: World, written: str, said: str, text: str
) -> None:
    w = registered
    await leaders(w)
    await w.say(w.group, w.lan, BEGIN)  # Monday 23/11/2026 09:00
    await quiet(
        w,
        (w.hung, written),
        (w.hung, "#giaoviec Gửi giấy mời @hung hạn 17h thứ 6"),
        (w.hung, "#giaoviec Rà soát kiến nghị @hung hạn 14h30 ngày 20/11"),
    )
    summary, doc, notes = await close(w)

    lines = summary.text.splitlines()
    assert f"• #1 {text} {said} – Lan Nguyễn – cần bổ sung hạn" in lines
    assert "• #2 Gửi giấy mời – Hùng – 17:00 thứ Sáu, 27/11" in lines
    assert "• #3 Rà soát kiến nghị hạn 14h30 ngày 20/11 – Hùng – cần bổ sung hạn" in lines
    assert notes.text.splitlines()[:3] == [
        "@lan_cv: Trợ lý chưa đặt hạn cho các việc sau vì hạn ghi trong cuộc họp cần anh/chị"
        " xác nhận:",
        f"#1 {text}: “{said}” không kèm năm, Trợ lý chưa đặt hạn. Nếu là 20/11/2027, anh/chị"
        " gõ /han 1 20/11/2027; nếu không, gõ /han 1 <ngày/tháng/năm>.",
        "#3 Rà soát kiến nghị: “hạn 14h30 ngày 20/11” không kèm năm, Trợ lý chưa đặt hạn. Nếu"
        " là 14h30 20/11/2027, anh/chị gõ /han 3 14h30 20/11/2027; nếu không, gõ /han 3"
        " <ngày/tháng/năm>.",
    ]
    assert "chưa có hạn rõ ràng" not in notes.text  # no task was left without deadline words

    # The database: no deadline, the words kept, the task marked as needing one; #2 as before.
    assert await task_rows(w) == [
        (1, f"{text} {said}", None, True),
        (2, "Gửi giấy mời", datetime(2026, 11, 27, 17, 0, tzinfo=VN), False),
        (3, "Rà soát kiến nghị hạn 14h30 ngày 20/11", None, True),
    ]
    # The document says what was typed and that a deadline is needed, never the guess.
    assert (
        f"1. {text} {said}. Người thực hiện: Lan Nguyễn. Thời hạn: cần bổ sung hạn. (việc số 1)"
        in doc
    )
    assert (
        "2. Gửi giấy mời. Người thực hiện: Hùng. Thời hạn: 17 giờ 00 phút, ngày 27/11/2026."
        " (việc số 2)" in doc
    )
    assert not any("2027" in t for t in doc)
    card = await w.say(w.group, w.mai, "/viec 1")
    assert "Biên bản chưa ghi rõ hạn: đề nghị bổ sung hạn cho việc này." in card.text

    # The commands the note suggests work as typed, by the chuyên viên the note is for.
    first = await w.say(w.group, w.lan, suggested(notes, 1))
    assert first.text == f"Đã đổi hạn việc #1: {text} {said}\nHạn mới: thứ Bảy, 20/11/2027"
    third = await w.say(w.group, w.lan, suggested(notes, 3))
    assert third.text.endswith("Hạn mới: 14:30 thứ Bảy, 20/11/2027")
    rows = await task_rows(w)
    assert [(number, due) for number, _, due, _ in rows] == [
        (1, datetime(2027, 11, 20, 0, 0, tzinfo=VN)),
        (2, datetime(2026, 11, 27, 17, 0, tzinfo=VN)),
        (3, datetime(2027, 11, 20, 14, 30, tzinfo=VN)),
    ]
    card = await w.say(w.group, w.mai, "/viec 1")
    assert "Biên bản chưa ghi rõ hạn" not in card.text


async def test_a_deadline_already_past_when_written_is_explained_not_filed(
    registered: World,
) -> None:
    w = registered
    await leaders(w)
    w.clock.set(datetime(2026, 11, 23, 17, 30, tzinfo=VN))
    await w.say(w.group, w.lan, BEGIN)
    w.clock.set(datetime(2026, 11, 23, 18, 0, tzinfo=VN))
    await quiet(
        w,
        (w.hung, "#giaoviec Rà soát kiến nghị @hung"),
        (w.hung, "#giaoviec Nộp danh sách @lan_cv hạn hôm qua"),
        (w.hung, "#giaoviec Gửi công văn @hung hạn 17h hôm nay"),
        (w.hung, "#giaoviec Liên hệ UBND xã @hung hạn 17h"),  # 17h at 18:00: tomorrow's
        (w.hung, "#giaoviec Chốt số liệu @lan_cv han 20/11/2026"),
    )
    summary, doc, notes = await close(w)

    lines = summary.text.splitlines()
    assert "• #2 Nộp danh sách hạn hôm qua – Lan Nguyễn – cần bổ sung hạn" in lines
    assert "• #3 Gửi công văn hạn 17h hôm nay – Hùng – cần bổ sung hạn" in lines
    assert "• #4 Liên hệ UBND xã – Hùng – 17:00 thứ Ba, 24/11" in lines
    assert notes.text.splitlines()[:6] == [
        "@lan_cv: các việc sau chưa có hạn rõ ràng trong biên bản, đề nghị bổ sung bằng"
        " /han <số> <khi nào>: #1 Rà soát kiến nghị.",
        "Trợ lý chưa đặt hạn cho các việc sau vì hạn ghi trong cuộc họp cần anh/chị xác nhận:",
        "#2 Nộp danh sách: “hạn hôm qua” là 22/11/2026, đã qua khi được ghi lúc 18:00"
        " 23/11/2026, nên Trợ lý chưa đặt hạn. Anh/chị gõ /han 2 <hạn mới>, ví dụ /han 2 17h"
        " thứ 6.",
        "#3 Gửi công văn: “hạn 17h hôm nay” là 17h 23/11/2026, đã qua khi được ghi lúc 18:00"
        " 23/11/2026, nên Trợ lý chưa đặt hạn. Anh/chị gõ /han 3 <hạn mới>, ví dụ /han 3 17h"
        " thứ 6.",
        "#5 Chốt số liệu: “han 20/11/2026” là 20/11/2026, đã qua khi được ghi lúc 18:00"
        " 23/11/2026, nên Trợ lý chưa đặt hạn. Anh/chị gõ /han 5 <hạn mới>, ví dụ /han 5 17h"
        " thứ 6.",
        "Chưa ghi nhận có mặt hay vắng: Mai.",
    ]
    assert await task_rows(w) == [
        (1, "Rà soát kiến nghị", None, True),
        (2, "Nộp danh sách hạn hôm qua", None, True),
        (3, "Gửi công văn hạn 17h hôm nay", None, True),
        (4, "Liên hệ UBND xã", datetime(2026, 11, 24, 17, 0, tzinfo=VN), False),
        (5, "Chốt số liệu han 20/11/2026", None, True),
    ]
    tasks_in_doc = [t for t in doc if "Người thực hiện" in t]
    assert tasks_in_doc[1:3] == [
        "2. Nộp danh sách hạn hôm qua. Người thực hiện: Lan Nguyễn. Thời hạn: cần bổ sung hạn."
        " (việc số 2)",
        "3. Gửi công văn hạn 17h hôm nay. Người thực hiện: Hùng. Thời hạn: cần bổ sung hạn."
        " (việc số 3)",
    ]
    assert not any("22/11/2026" in t or "23/11/2026" in t for t in tasks_in_doc)
    card = await w.say(w.group, w.hung, "/viec 2")
    assert "Biên bản chưa ghi rõ hạn: đề nghị bổ sung hạn cho việc này." in card.text

    # The example the note gives is a command that works.
    changed = await w.say(w.group, w.lan, "/han 2 17h thứ 6")
    assert changed.text == (
        "Đã đổi hạn việc #2: Nộp danh sách hạn hôm qua\nHạn mới: 17:00 thứ Sáu, 27/11"
    )


@pytest.mark.parametrize(
    ("at", "has_time"),
    [
        (datetime(2027, 11, 20, tzinfo=VN), False),
        (datetime(2027, 1, 5, 9, 0, tzinfo=VN), True),
        (datetime(2027, 11, 20, 14, 30, tzinfo=VN), True),
        (datetime(2027, 2, 28, 0, 5, tzinfo=VN), True),
        (datetime(2027, 12, 31, 23, 59, tzinfo=VN), True),
    ],
)
def test_the_suggested_time_reads_back_as_the_same_moment(at: datetime, has_time: bool) -> None:
    typed = typed_when(at, has_time)
    when = read_when(typed, datetime(2026, 11, 23, 9, 0, tzinfo=VN))
    assert isinstance(when, When), typed
    assert (when.at, when.has_time, when.year_implied) == (at, has_time, False)
