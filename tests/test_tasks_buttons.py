"""Conversations: the task card's buttons, and presses by outsiders or with forged data."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.core.permissions import NOT_A_MEMBER
from bot.playground.fake_telegram import SentMessage
from tests.support.world import VN, World
from tests.test_tasks import rows


async def answer(w: World, message: SentMessage, user: object, button: str) -> str:
    """Press a button and return the notice shown to the presser ('' if none)."""
    query = w.fake.press(message, user, button)  # type: ignore[arg-type]
    return str((await w.fake.answer_of(query)).get("text", ""))


def due_of(w: World, number: int = 1) -> tuple[str | None, int]:
    (row,) = rows(w, "SELECT due_at, due_has_time FROM tasks WHERE number = ?", number)
    return row["due_at"], row["due_has_time"]


async def test_change_deadline_button_offers_command_and_quick_choices(registered: World) -> None:
    w = registered
    card = await w.say(w.group, w.lan, "/viec Gửi giấy mời @hung hạn 17h thứ 6")
    w.fake.press(card, w.lan, "✏️ Đổi hạn")
    prompt = await w.fake.next_reply(w.group)
    assert not prompt.edited
    assert prompt.text == (
        "Đổi hạn việc #1: Gửi giấy mời\n"
        "Hạn hiện tại: 17:00 thứ Sáu, 27/11\n"
        "Anh/chị gõ: /han 1 <khi nào>, ví dụ /han 1 17h thứ 6; hoặc chọn nhanh:"
    )
    assert prompt.labels == [
        "+1 ngày (28/11)",
        "+1 tuần (04/12)",
        "17:00 thứ Sáu, 27/11",
        "Bỏ hạn",
    ]
    notice = await answer(w, prompt, w.lan, "+1 ngày (28/11)")
    assert notice == "Đã đổi hạn."
    edited = await w.fake.next_reply(w.group)
    assert edited.edited
    assert edited.text == "Đã đổi hạn việc #1: Gửi giấy mời\nHạn mới: 17:00 thứ Bảy, 28/11"
    assert due_of(w) == ("2026-11-28 10:00:00", 1)
    w.fake.press(card, w.lan, "✏️ Đổi hạn")
    prompt = await w.fake.next_reply(w.group)
    w.fake.press(prompt, w.lan, "Bỏ hạn")
    edited = await w.fake.next_reply(w.group)
    assert edited.text == "Đã bỏ hạn của việc #1: Gửi giấy mời"
    assert due_of(w) == (None, 0)


async def test_quick_choices_without_deadline_and_friday(registered: World) -> None:
    w = registered
    card = await w.say(w.group, w.mai, "/viec In tài liệu")
    w.fake.press(card, w.mai, "✏️ Đổi hạn")  # Mai created it
    prompt = await w.fake.next_reply(w.group)
    assert "Hạn hiện tại: chưa có" in prompt.text
    assert prompt.labels[:2] == ["+1 ngày (24/11)", "+1 tuần (30/11)"]
    w.fake.press(prompt, w.mai, "17:00 thứ Sáu, 27/11")
    edited = await w.fake.next_reply(w.group)
    assert edited.text.endswith("Hạn mới: 17:00 thứ Sáu, 27/11")
    assert due_of(w) == ("2026-11-27 10:00:00", 1)


async def test_quick_choice_already_past_is_refused(registered: World) -> None:
    w = registered
    card = await w.say(w.group, w.lan, "/viec Gửi giấy mời hạn 17h hôm nay")
    w.fake.press(card, w.lan, "✏️ Đổi hạn")
    prompt = await w.fake.next_reply(w.group)
    w.clock.set(datetime(2026, 11, 30, 9, 0, tzinfo=VN))  # a week later
    notice = await answer(w, prompt, w.lan, "+1 ngày (24/11)")
    assert notice.startswith("Thời điểm này đã qua")
    assert due_of(w) == ("2026-11-23 10:00:00", 1)


async def test_overdue_task_quick_choices_start_from_today(registered: World) -> None:
    w = registered
    card = await w.say(w.group, w.lan, "/viec Gửi giấy mời hạn 17h hôm nay")
    w.clock.advance(timedelta(days=2))  # Wednesday 09:00, overdue since Monday 17:00
    w.fake.press(card, w.lan, "✏️ Đổi hạn")
    prompt = await w.fake.next_reply(w.group)
    assert prompt.labels[:2] == ["+1 ngày (26/11)", "+1 tuần (02/12)"]


async def test_deadline_and_assign_buttons_need_the_right(registered: World) -> None:
    w = registered
    card = await w.say(w.group, w.lan, "/viec Gửi giấy mời @hung hạn 17h thứ 6")
    for button in ("✏️ Đổi hạn", "👤 Giao"):
        notice = await answer(w, card, w.hung, button)
        assert notice.startswith("Chỉ người tạo việc, chuyên viên, Tổ trưởng hoặc Tổ phó")
    await w.settle()
    assert w.fake.unread(w.group) == []


async def test_assign_button_toggles_members(registered: World) -> None:
    w = registered
    card = await w.say(w.group, w.lan, "/viec Chuẩn bị hội trường @hung")
    w.fake.press(card, w.lan, "👤 Giao")
    picker = await w.fake.next_reply(w.group)
    assert picker.text == (
        "Giao việc #1: Chuẩn bị hội trường\nNgười thực hiện: Hùng\n"
        "Bấm tên để giao hoặc bỏ giao; hoặc gõ /giao 1 @tên."
    )
    assert picker.labels == ["Lan Nguyễn", "Hùng – đã giao", "Mai", "Đóng"]
    assert await answer(w, picker, w.lan, "Mai") == "Đã giao cho Mai."
    picker = await w.fake.next_reply(w.group)
    assert picker.edited
    assert "Người thực hiện: Hùng, Mai" in picker.text
    assert picker.labels == ["Lan Nguyễn", "Hùng – đã giao", "Mai – đã giao", "Đóng"]
    assert await answer(w, picker, w.lan, "Hùng – đã giao") == "Đã bỏ giao Hùng."
    picker = await w.fake.next_reply(w.group)
    assert "Người thực hiện: Mai" in picker.text
    assignees = rows(w, "SELECT user_id FROM task_assignees")
    assert [r["user_id"] for r in assignees] == [str(w.mai.id)]
    actions = [r["action"] for r in rows(w, "SELECT action FROM task_events ORDER BY id")]
    assert actions == ["created", "assigned", "assigned", "unassigned"]
    w.fake.press(picker, w.lan, "Đóng")
    closed = await w.fake.next_reply(w.group)
    assert closed.text == "Việc #1: Chuẩn bị hội trường\nNgười thực hiện: Mai"
    assert closed.buttons == []


async def test_unassigning_the_last_unfinished_person_completes_the_task(
    registered: World,
) -> None:
    w = registered
    card = await w.say(w.group, w.lan, "/viec In tài liệu @hung Mai", links={"Mai": w.mai})
    await w.say(w.group, w.hung, "/xong 1")
    w.fake.press(card, w.lan, "👤 Giao")
    picker = await w.fake.next_reply(w.group)
    w.fake.press(picker, w.lan, "Mai – đã giao")
    picker = await w.fake.next_reply(w.group)
    assert picker.buttons == []
    assert rows(w, "SELECT status FROM tasks")[0]["status"] == "done"


async def test_outsider_presses_change_nothing(registered: World) -> None:
    w = registered
    card = await w.say(w.group, w.lan, "/viec Gửi giấy mời @hung hạn 17h thứ 6")
    for button in ("✅ Xong", "✏️ Đổi hạn", "👤 Giao"):
        notice = await answer(w, card, w.outsider, button)
        assert notice == NOT_A_MEMBER
    await w.settle()
    assert w.fake.unread(w.group) == []
    (task,) = rows(w, "SELECT status, due_at FROM tasks")
    assert (task["status"], task["due_at"]) == ("open", "2026-11-27 10:00:00")
    assert rows(w, "SELECT done_at FROM task_assignees")[0]["done_at"] is None


async def test_forged_callbacks_for_another_groups_task_are_not_found(registered: World) -> None:
    w = registered
    await w.say(w.other_group, w.outsider, "/dangky Tổ đại biểu số 5")
    await w.say(w.other_group, w.outsider, "/viec Việc riêng của Tổ 5 @tam hạn 17h thứ 6")
    past = await w.say(w.other_group, w.outsider, "/viec Việc cũ hạn 8h hôm nay")
    assert past.labels == ["Vẫn tạo", "Hủy"]
    (secret,) = rows(w, "SELECT id FROM tasks")
    (pending,) = rows(w, "SELECT id FROM task_pending")
    card = await w.say(w.group, w.lan, "/viec Việc của Tổ 3")
    (own,) = rows(w, "SELECT id FROM tasks WHERE id != ?", secret["id"])
    task_id = secret["id"]
    minutes = int(datetime(2026, 12, 1, 17, 0, tzinfo=VN).timestamp()) // 60
    for forged in (
        f"tk:d:{task_id}",
        f"tk:h:{task_id}",
        f"tk:g:{task_id}",
        f"tkh:{task_id}:{minutes}:1",
        f"tkh:{task_id}:x:0",
        f"tkg:{task_id}:{w.lan.id}",
        f"tkg:{task_id}:close",
    ):
        notice = await answer(w, card, w.lan, forged)
        assert notice == "Không tìm thấy việc này trong Tổ.", forged
    notice = await answer(w, card, w.lan, f"tkp:ok:{pending['id']}")
    assert notice == "Yêu cầu này đã được xử lý hoặc không còn hiệu lực."
    for garbage in ("tk:d:abc", "tk:d", "tk:z:1", "tkh:1:2", "tkp:ok:x", f"tk:q:{own['id']}"):
        assert await answer(w, card, w.lan, garbage), garbage
    await w.settle()
    assert w.fake.unread(w.group) == []
    # Nothing of Tổ 5 changed and nothing of it was shown.
    (task,) = rows(w, "SELECT status, due_at FROM tasks WHERE id = ?", task_id)
    assert (task["status"], task["due_at"]) == ("open", "2026-11-27 10:00:00")
    assert len(rows(w, "SELECT * FROM task_assignees WHERE task_id = ?", task_id)) == 1
    assert len(rows(w, "SELECT * FROM task_pending")) == 1
    assert len(rows(w, "SELECT * FROM tasks")) == 2


async def test_outsider_forging_a_task_of_our_group_from_their_chat(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/viec Gửi giấy mời @hung")
    await w.say(w.other_group, w.outsider, "/dangky Tổ đại biểu số 5")
    card = await w.say(w.other_group, w.outsider, "/viec Việc của Tổ 5")
    (ours,) = rows(w, "SELECT id FROM tasks WHERE number = 1 AND text = 'Gửi giấy mời'")
    for forged in (f"tk:d:{ours['id']}", f"tkg:{ours['id']}:{w.outsider.id}"):
        notice = await answer(w, card, w.outsider, forged)
        assert notice == "Không tìm thấy việc này trong Tổ."
    assert rows(w, "SELECT status FROM tasks WHERE id = ?", ours["id"])[0]["status"] == "open"


async def test_buttons_keep_working_after_restart(registered: World) -> None:
    w = registered
    card = await w.say(w.group, w.lan, "/viec Gửi giấy mời @hung")
    await w.restart()
    w.fake.press(card, w.hung, "✅ Xong")
    edited = await w.fake.next_reply(w.group)
    assert "Trạng thái: Đã xong" in edited.text


async def test_buttons_on_a_deleted_task(registered: World) -> None:
    w = registered
    card = await w.say(w.group, w.lan, "/viec Gửi giấy mời @hung")
    await w.press(await w.say(w.group, w.lan, "/xoa 1"), w.lan, "Xóa")
    notice = await answer(w, card, w.hung, "✅ Xong")
    assert notice == "Việc #1 đã bị xóa; xem lịch sử: /viec 1; khôi phục: /mo 1."
    notice = await answer(w, card, w.lan, "👤 Giao")
    assert notice.startswith("Việc #1 đã bị xóa")
