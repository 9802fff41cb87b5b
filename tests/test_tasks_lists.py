"""Conversations: /ds with its groups, filters and pages; /viectoi in a direct message."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.support.world import World
from tests.test_tasks import rows


def numbers(text: str) -> list[int]:
    """Task numbers listed in a message, in order."""
    return [int(n) for n in re.findall(r"^#(\d+) ", text, flags=re.MULTILINE)]


async def test_list_groups_by_deadline_state(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/viec Việc không hạn")
    await w.say(w.group, w.lan, "/viec Gửi báo cáo @hung hạn 17h thứ 6 tuần sau")
    await w.say(w.group, w.lan, "/viec In tài liệu Mai hạn 17h hôm nay", links={"Mai": w.mai})
    await w.say(w.group, w.lan, "/viec Đặt hội trường @hung hạn 10h hôm nay")
    w.clock.advance(timedelta(hours=2))  # 11:00: #4 is overdue, #3 due soon
    reply = await w.say(w.group, w.mai, "/ds")
    assert reply.text == (
        "Việc đang mở của Tổ đại biểu số 3 – phường Tân Lập\n"
        "4 việc\n"
        "Quá hạn: 1 · Sắp đến hạn: 1\n"
        "\n"
        "QUÁ HẠN (1)\n"
        "#4 Đặt hội trường\n"
        "   Hùng · Hạn 10:00 thứ Hai, 23/11\n"
        "\n"
        "SẮP ĐẾN HẠN (1)\n"
        "#3 In tài liệu\n"
        "   Mai · Hạn 17:00 thứ Hai, 23/11\n"
        "\n"
        "CÒN HẠN (1)\n"
        "#2 Gửi báo cáo\n"
        "   Hùng · Hạn 17:00 thứ Sáu, 04/12\n"
        "\n"
        "CHƯA CÓ HẠN (1)\n"
        "#1 Việc không hạn\n"
        "   chưa giao · Chưa có hạn\n"
        "\n"
        "Xem chi tiết: /viec <số>. Đánh dấu xong: /xong <số>."
    )
    assert reply.buttons == []


async def test_date_only_deadline_is_overdue_only_after_its_day(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/viec Nộp báo cáo hạn thứ 3")
    w.clock.advance(timedelta(days=1, hours=14))  # Tuesday 23:00
    reply = await w.say(w.group, w.lan, "/ds quahan")
    assert reply.text == "Không có việc nào quá hạn."
    w.clock.advance(timedelta(hours=1))  # Wednesday 00:00
    reply = await w.say(w.group, w.lan, "/ds quahan")
    assert reply.text.startswith("Việc quá hạn của Tổ đại biểu số 3 – phường Tân Lập\n1 việc")
    assert numbers(reply.text) == [1]


async def test_filters_mine_person_overdue_done(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/viec Việc của Hùng @hung hạn 10h hôm nay")
    await w.say(w.group, w.lan, "/viec Việc của Mai Mai", links={"Mai": w.mai})
    await w.say(w.group, w.hung, "/viec Hùng tự ghi, chưa giao ai")
    await w.say(w.group, w.lan, "/viec Việc chung @hung Mai", links={"Mai": w.mai})
    await w.say(w.group, w.lan, "/viec Việc đã xong @hung")
    await w.say(w.group, w.hung, "/xong 5")
    w.clock.advance(timedelta(hours=2))
    reply = await w.say(w.group, w.hung, "/ds toi")
    assert reply.text.startswith("Việc của Hùng (Tổ đại biểu số 3 – phường Tân Lập)\n3 việc")
    assert numbers(reply.text) == [1, 3, 4]
    reply = await w.say(w.group, w.lan, "/ds Mai", links={"Mai": w.mai})
    assert numbers(reply.text) == [2, 4]
    reply = await w.say(w.group, w.lan, "/ds @hung")
    assert numbers(reply.text) == [1, 3, 4]
    reply = await w.say(w.group, w.lan, "/ds quá hạn")
    assert numbers(reply.text) == [1]
    reply = await w.say(w.group, w.lan, "/tasks xong")
    assert reply.text.startswith("Việc đã xong gần đây của Tổ đại biểu số 3 – phường Tân Lập")
    assert numbers(reply.text) == [5]
    assert "Xong 09:00 thứ Hai, 23/11 (Hùng)" in reply.text
    reply = await w.say(w.group, w.lan, "/ds toi")
    assert reply.text == "Lan Nguyễn không có việc nào đang mở."
    reply = await w.say(w.group, w.lan, "/ds linh tinh")
    assert "chưa hiểu bộ lọc “linh tinh”" in reply.text
    reply = await w.say(w.group, w.lan, "/ds @tam")
    assert "@tam chưa có trong danh sách thành viên" in reply.text


async def test_long_list_is_paged_never_cut(registered: World) -> None:
    w = registered
    for index in range(1, 38):
        w.fake.say(w.group, w.lan, f"/viec Việc số {index} hạn {index % 28 + 1}/12")
    await w.settle()
    w.fake.unread(w.group)
    first = await w.say(w.group, w.hung, "/ds")
    assert "Trang 1/3 · 37 việc" in first.text
    assert first.labels == ["Sau ▶"]
    seen = numbers(first.text)
    assert len(seen) == 15
    w.fake.press(first, w.hung, "Sau ▶")
    second = await w.fake.next_reply(w.group)
    assert second.edited
    assert "Trang 2/3 · 37 việc" in second.text
    assert second.labels == ["◀ Trước", "Sau ▶"]
    seen += numbers(second.text)
    w.fake.press(second, w.mai, "Sau ▶")
    third = await w.fake.next_reply(w.group)
    assert "Trang 3/3 · 37 việc" in third.text
    assert third.labels == ["◀ Trước"]
    seen += numbers(third.text)
    assert sorted(seen) == list(range(1, 38))
    w.fake.press(third, w.mai, "◀ Trước")
    back = await w.fake.next_reply(w.group)
    assert "Trang 2/3" in back.text


async def test_page_past_the_end_shows_the_last_page(registered: World) -> None:
    w = registered
    for index in range(1, 18):
        w.fake.say(w.group, w.lan, f"/viec Việc số {index}")
    await w.settle()
    w.fake.unread(w.group)
    first = await w.say(w.group, w.lan, "/ds")
    assert "Trang 1/2 · 17 việc" in first.text
    for number in range(1, 4):
        await w.say(w.group, w.lan, f"/xong {number}")
    w.fake.press(first, w.lan, "Sau ▶")
    page = await w.fake.next_reply(w.group)
    assert page.text.startswith("Việc đang mở của Tổ đại biểu số 3 – phường Tân Lập\n14 việc")
    assert numbers(page.text) == list(range(4, 18))


async def test_list_buttons_refuse_outsiders_and_forged_data(registered: World) -> None:
    w = registered
    for index in range(1, 18):
        w.fake.say(w.group, w.lan, f"/viec Việc số {index}")
    await w.settle()
    w.fake.unread(w.group)
    first = await w.say(w.group, w.lan, "/ds")
    query = w.fake.press(first, w.outsider, "Sau ▶")
    assert "không phải thành viên" in (await w.fake.answer_of(query))["text"]
    for forged in ("tkl:zz:2", "tkl:a", f"tkl:u{w.outsider.id}:1", "tkl:a:x"):
        query = w.fake.press(first, w.lan, forged)
        answer = await w.fake.answer_of(query)
        assert answer.get("text"), forged
    await w.settle()
    assert w.fake.unread(w.group) == []


async def test_my_tasks_in_a_dm_across_groups(registered: World) -> None:
    w = registered
    w.fake.chats[w.other_group.id].members.add(w.hung.id)
    await w.say(w.other_group, w.outsider, "/dangky Tổ đại biểu số 5")
    await w.say(w.other_group, w.hung, "/viec Việc ở Tổ 5 @hung hạn 17h thứ 3")
    await w.say(w.group, w.lan, "/viec Gửi giấy mời @hung hạn 10h hôm nay")
    await w.say(w.group, w.lan, "/viec Việc của Mai Mai", links={"Mai": w.mai})
    await w.say(w.group, w.hung, "/viec Việc Hùng tự ghi")
    w.clock.advance(timedelta(hours=2))
    reply = await w.say(w.fake.dm(w.hung), w.hung, "/viectoi")
    assert reply.text == (
        "Việc của anh/chị Hùng (3 việc):\n"
        "\n"
        "Tổ đại biểu số 3 – phường Tân Lập\n"
        "#1 Gửi giấy mời\n"
        "   Hùng · Hạn 10:00 thứ Hai, 23/11 (Quá hạn)\n"
        "#3 Việc Hùng tự ghi\n"
        "   chưa giao · Chưa có hạn\n"
        "\n"
        "Tổ đại biểu số 5\n"
        "#1 Việc ở Tổ 5\n"
        "   Hùng · Hạn 17:00 thứ Ba, 24/11 (Sắp đến hạn)"
    )
    # ✅ under each; Đổi hạn only where Hùng may change the deadline (the tasks he created).
    assert reply.labels == [
        "✅ Xong #1",
        "✅ Xong #3",
        "✏️ Đổi hạn #3",
        "✅ Xong #1",
        "✏️ Đổi hạn #1",
    ]
    reply = await w.say(w.fake.dm(w.mai), w.mai, "/mytasks")
    assert "#2 Việc của Mai" in reply.text
    assert "Gửi giấy mời" not in reply.text
    # In a group: only that group's tasks (the other group's stay private).
    reply = await w.say(w.group, w.hung, "/viectoi")
    assert reply.text.startswith("Việc của anh/chị Hùng ở Tổ đại biểu số 3 – phường Tân Lập")
    assert "Việc ở Tổ 5" not in reply.text
    reply = await w.say(w.fake.dm(w.outsider), w.outsider, "/viectoi")
    assert reply.text == "Anh/chị không có việc nào đang mở ở các Tổ."


async def test_left_member_no_longer_sees_the_group_tasks_in_dm(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/viec Gửi giấy mời @hung")
    w.fake.leave(w.group, w.hung)
    await w.settle()
    reply = await w.say(w.fake.dm(w.hung), w.hung, "/viectoi")
    assert "chưa thuộc Tổ nào" in reply.text
    assert len(rows(w, "SELECT * FROM task_assignees")) == 1


async def test_page_boundary_and_sections_that_continue_on_the_next_page(
    registered: World,
) -> None:
    w = registered
    for index in range(1, 16):
        w.fake.say(w.group, w.lan, f"/viec Quá hạn {index} hạn 10h hôm nay")
    await w.settle()
    w.fake.unread(w.group)
    w.clock.advance(timedelta(hours=2))
    full = await w.say(w.group, w.lan, "/ds")
    assert "\n15 việc\n" in full.text
    assert full.buttons == []
    await w.say(w.group, w.lan, "/viec Chưa có hạn")
    first = await w.say(w.group, w.lan, "/ds")
    assert "Trang 1/2 · 16 việc" in first.text
    assert "QUÁ HẠN (15)" in first.text
    assert "CHƯA CÓ HẠN" not in first.text
    assert numbers(first.text) == list(range(1, 16))
    w.fake.press(first, w.lan, "Sau ▶")
    second = await w.fake.next_reply(w.group)
    assert "Trang 2/2 · 16 việc" in second.text
    assert "CHƯA CÓ HẠN (1)\n#16 Chưa có hạn" in second.text
    assert "QUÁ HẠN" not in second.text
    assert second.labels == ["◀ Trước"]


async def test_my_tasks_are_paged_like_the_list(registered: World) -> None:
    """Ten tasks a page, each with its buttons; the group that goes on is named again."""
    w = registered
    w.fake.chats[w.other_group.id].members.add(w.hung.id)
    await w.say(w.other_group, w.outsider, "/dangky Tổ đại biểu số 5")
    for index in range(1, 16):
        w.fake.say(w.group, w.lan, f"/viec Việc {index} ở Tổ 3 @hung hạn {index}/12")
    for index in range(1, 6):
        w.fake.say(w.other_group, w.hung, f"/viec Việc {index} ở Tổ 5 @hung")
    await w.settle()
    dm = w.fake.dm(w.hung)
    first = await w.say(dm, w.hung, "/viectoi")
    assert first.text.startswith(
        "Việc của anh/chị Hùng (20 việc):\nTrang 1/2\n\nTổ đại biểu số 3 – phường Tân Lập\n#1 "
    )
    assert numbers(first.text) == list(range(1, 11))
    assert [label for label in first.labels if label.startswith("✅")] == [
        f"✅ Xong #{n}" for n in range(1, 11)
    ]
    assert first.labels[-1] == "Sau ▶"
    assert "◀ Trước" not in first.labels
    w.fake.press(first, w.hung, "Sau ▶")
    second = await w.fake.next_reply(dm)
    assert second.edited
    # The group that goes on from the first page is named again, then the next group.
    assert second.text.startswith(
        "Việc của anh/chị Hùng (20 việc):\nTrang 2/2\n\nTổ đại biểu số 3 – phường Tân Lập\n#11 "
    )
    assert "\n\nTổ đại biểu số 5\n#1 Việc 1 ở Tổ 5" in second.text
    assert numbers(second.text) == [11, 12, 13, 14, 15, 1, 2, 3, 4, 5]
    assert second.labels[-1] == "◀ Trước"
    assert "Sau ▶" not in second.labels
    # ✅ on the second page finishes that task and redraws the same page in place.
    w.fake.press(second, w.hung, "✅ Xong #11")
    second = await w.fake.next_reply(dm)
    assert second.edited
    assert second.text.startswith("Việc của anh/chị Hùng (19 việc):\nTrang 2/2\n")
    assert numbers(second.text) == [12, 13, 14, 15, 1, 2, 3, 4, 5]
    w.fake.press(second, w.hung, "◀ Trước")
    back = await w.fake.next_reply(dm)
    assert numbers(back.text) == list(range(1, 11))


async def test_my_tasks_page_past_the_end_and_forged_pages(registered: World) -> None:
    w = registered
    for index in range(1, 13):
        w.fake.say(w.group, w.lan, f"/viec Việc {index} @hung")
    await w.settle()
    dm = w.fake.dm(w.hung)
    first = await w.say(dm, w.hung, "/viectoi")
    assert "Trang 1/2" in first.text
    for number in range(1, 4):
        await w.say(w.group, w.hung, f"/xong {number}")
    await w.settle()  # chats are handled side by side: the group's /xong first, then the press
    w.fake.press(first, w.hung, "Sau ▶")
    page = await w.fake.next_reply(dm)
    assert page.text.startswith("Việc của anh/chị Hùng (9 việc):\n\n")
    assert numbers(page.text) == list(range(4, 13))
    assert "Sau ▶" not in page.labels
    assert "◀ Trước" not in page.labels
    for forged in ("tkm:x", "tkm", "tkm:1:2", "tkm:99999999999"):
        query = w.fake.press(first, w.hung, forged)
        assert (await w.fake.answer_of(query)).get("text"), forged
    await w.settle()
    assert w.fake.unread(dm) == []
