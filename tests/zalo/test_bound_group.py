"""A Zalo group bound to a Telegram Tổ: one task list, reminders in both chats."""

from __future__ import annotations

from datetime import datetime

from tests.support.world import VN, sched
from tests.support.zalo_world import BothWorld
from tests.zalo.test_linking import code_in


async def _bind(both: BothWorld) -> None:
    tg = both.tg
    await tg.register()
    made = await tg.say(tg.group, tg.lan, "/lienket")
    assert made.text.startswith("Mã gắn nhóm của Tổ đại biểu số 3 – phường Tân Lập:")
    bound = await both.zsay(both.zgroup, both.zlan, f"/lienket {code_in(made.text)}")
    assert bound.text.startswith("Đã gắn nhóm chat này với Tổ đại biểu số 3 – phường Tân Lập.")


async def test_only_leaders_give_a_binding_code(both: BothWorld) -> None:
    tg = both.tg
    await tg.register()
    refused = await tg.say(tg.group, tg.mai, "/lienket")
    assert "Chỉ chuyên viên, Tổ trưởng hoặc Tổ phó mới gắn được nhóm chat" in refused.text


async def test_a_task_made_on_telegram_is_finished_in_the_zalo_group(both: BothWorld) -> None:
    tg = both.tg
    await _bind(both)
    await tg.say(tg.group, tg.lan, "/viec Tổng hợp kiến nghị cử tri @hung hạn 17h thứ 6")
    listing = await both.zsay(both.zgroup, both.zhung, "/ds")
    assert "Tổng hợp kiến nghị cử tri" in listing.text
    # Not linked yet, Zalo's Hùng is another person: the task is not his to tick.
    refused = await both.zsay(both.zgroup, both.zhung, "xong 1")
    assert refused.text.startswith("Việc #1 không giao cho anh/chị.")
    made = await tg.say(tg.fake.dm(tg.hung), tg.hung, "/lienket")
    await both.zsay(both.zfake.dm(both.zhung), both.zhung, f"/lienket {code_in(made.text)}")
    done = await both.zsay(both.zgroup, both.zhung, "xong 1")
    assert "#1" in done.text
    card = await tg.say(tg.group, tg.mai, "/viec 1")
    assert "Trạng thái: Đã xong" in card.text
    members = await tg.say(tg.group, tg.lan, "/thanhvien")
    assert members.text.count("Hùng") == 1  # his two memberships were folded into one


async def test_group_reminders_reach_both_chats(both: BothWorld) -> None:
    tg = both.tg
    await _bind(both)
    await tg.say(tg.group, tg.hung, "/nhac 10h hôm nay Gửi báo cáo kết quả TXCT")
    tg.clock.set(datetime(2026, 11, 23, 10, 0, tzinfo=VN))
    report = await sched(tg).run_due()
    assert report.sent == 1
    on_telegram = await tg.fake.next_reply(tg.group)
    on_zalo = await both.zfake.next_reply(both.zgroup)
    assert on_telegram.text == on_zalo.text.split("\n\n")[0]
    assert "Gửi báo cáo kết quả TXCT" in on_zalo.text
    assert on_zalo.text.endswith("Anh/chị trả lời bằng số:\n1. Nhắc lại sau 1 giờ")
    snoozed = await both.zsay(both.zgroup, both.zhung, "1")
    assert "11:00" in snoozed.text


async def test_a_zalo_outage_does_not_stop_the_telegram_reminder(both: BothWorld) -> None:
    tg = both.tg
    await _bind(both)
    await tg.say(tg.group, tg.hung, "/nhac 10h hôm nay Gửi báo cáo")
    both.zfake.fail("sendMessage", 503, "Service Unavailable", times=10)
    tg.clock.set(datetime(2026, 11, 23, 10, 0, tzinfo=VN))
    report = await sched(tg).run_due()
    assert report.sent == 1
    assert "Gửi báo cáo" in (await tg.fake.next_reply(tg.group)).text
    assert both.zfake.unread(both.zgroup) == []
