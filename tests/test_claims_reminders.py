"""Claim deadline reminders to the chuyên viên and the weekly digest line, on the fake clock."""

from __future__ import annotations

from datetime import datetime

from bot.playground.fake_telegram import SentMessage
from tests.support.claims import label_of, open_claim, press
from tests.support.world import VN, World, at, db_of


def local(day: int, hour: int, minute: int = 0, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VN)


def claim_texts(messages: list[SentMessage]) -> list[str]:
    return [m.text for m in messages if "hồ sơ thanh toán" in m.text.lower()]


async def test_reminders_before_the_deadline_list_what_is_still_missing(
    registered: World,
) -> None:
    w = registered
    await w.say(w.fake.dm(w.lan), w.lan, "/start")
    checklist = await open_claim(w)
    for position in range(1, 15):
        await press(w, checklist, w.lan, label_of(checklist, position))
    rows = await db_of(w).fetchall(
        "SELECT due_at, target_user_id FROM reminders WHERE kind = 'claim_deadline'"
        " ORDER BY due_at"
    )
    # 08:00 Hà Nội on 11/12 (three days before 14/12) and on 14/12, to Lan, the chuyên viên.
    assert [(r["due_at"], r["target_user_id"]) for r in rows] == [
        ("2026-12-11 01:00:00", str(w.lan.id)),
        ("2026-12-14 01:00:00", str(w.lan.id)),
    ]
    await at(w, local(11, 7, 59))
    w.fake.unread(w.group)
    assert claim_texts(w.fake.unread(w.fake.dm(w.lan))) == []
    await at(w, local(11, 8, 0))
    [reminder] = claim_texts(w.fake.unread(w.fake.dm(w.lan)))
    assert reminder.splitlines() == [
        "Tổ đại biểu số 3 – phường Tân Lập",
        "Nhắc hạn hồ sơ thanh toán lịch số 1 (Tiếp xúc cử tri trước kỳ họp cuối năm): "
        "hạn nộp 14/12/2026 (còn 3 ngày).",
        "Còn thiếu 1/15 mục: 15. Giấy đề nghị thanh toán.",
        "Chi tiết: /thanhtoan 1",
    ]
    await press(w, checklist, w.lan, label_of(checklist, 15))
    await at(w, local(14, 8, 0))
    [complete] = claim_texts(w.fake.unread(w.fake.dm(w.lan)))
    assert "đã đủ 15/15 mục; đề nghị chuyển bộ phận kế toán trước hạn 14/12/2026" in complete


async def test_without_a_private_chat_the_reminder_names_the_chuyên_viên_in_the_group(
    registered: World,
) -> None:
    w = registered
    await open_claim(w)
    await at(w, local(11, 8, 0))
    [reminder] = claim_texts(w.fake.unread(w.group))
    assert reminder.startswith("@lan_cv: Nhắc hạn hồ sơ thanh toán lịch số 1")
    assert "Còn thiếu 15/15 mục: 1. Kế hoạch TXCT" in reminder
    assert "… và 7 mục khác" in reminder


async def test_a_closed_claim_is_not_reminded_and_reopening_plans_again(
    registered: World,
) -> None:
    w = registered
    await open_claim(w)
    await w.say(w.group, w.lan, "/thanhtoan 1 dong")
    await at(w, local(11, 8, 0))
    assert claim_texts(w.fake.unread(w.group)) == []
    await w.say(w.group, w.lan, "/thanhtoan 1 mo")
    await at(w, local(14, 8, 0))
    [reminder] = claim_texts(w.fake.unread(w.group))
    assert "hạn nộp 14/12/2026 (hạn là hôm nay)" in reminder


async def test_reminders_survive_a_restart(registered: World) -> None:
    w = registered
    await open_claim(w)
    await w.restart()
    await at(w, local(11, 8, 0))
    assert len(claim_texts(w.fake.unread(w.group))) == 1


async def test_the_monday_digest_lists_open_claims_once_a_week(registered: World) -> None:
    w = registered
    await open_claim(w)
    await w.say(w.group, w.lan, "/thanhtoan 1 xong 1 2")
    for day in range(24, 30):  # Tuesday to Sunday: no claim line
        await at(w, local(day, 7, 0, month=11))
    assert [m for m in w.fake.unread(w.group) if "Hồ sơ thanh toán đang mở" in m.text] == []
    await at(w, local(30, 7, 0, month=11))  # Monday
    [digest] = [m.text for m in w.fake.unread(w.group) if m.text.startswith("Tổng hợp buổi sáng")]
    assert "Hồ sơ thanh toán đang mở (1):" in digest
    assert "• Lịch số 1: còn thiếu 13/15 mục; hạn 14/12/2026 (còn 14 ngày)" in digest
    await at(w, local(1, 7, 0))  # Tuesday: no claim line (and nothing else to say)
    assert [m for m in w.fake.unread(w.group) if "Hồ sơ thanh toán đang mở" in m.text] == []
