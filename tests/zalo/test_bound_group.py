"""A Zalo group bound to a Telegram Tổ: one task list, reminders in both chats."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from storage.quota import QuotaStore
from tests.support.world import VN, db_of, sched
from tests.support.zalo_world import BothWorld, make_both_world
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
    # A group reminder is snoozed by its creator or a leader: Hùng, once his Zalo is linked.
    refused = await both.zsay(both.zgroup, both.zhung, "1")
    assert "mới hẹn nhắc lại cho cả Tổ được" in refused.text
    made = await tg.say(tg.fake.dm(tg.hung), tg.hung, "/lienket")
    await both.zsay(both.zfake.dm(both.zhung), both.zhung, f"/lienket {code_in(made.text)}")
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


async def test_past_the_zalo_quota_the_telegram_group_carries_the_reminder(
    tmp_path: Path,
) -> None:
    both = make_both_world(tmp_path, monthly_quota=40)
    await both.start()
    try:
        await _bind(both)
        tg = both.tg
        await tg.say(tg.group, tg.hung, "/nhac 10h hôm nay Gửi báo cáo")
        await QuotaStore(db_of(tg)).record_sent("zalo", tg.clock.now(), VN, 40, count=40)
        tg.clock.set(datetime(2026, 11, 23, 10, 0, tzinfo=VN))
        assert (await sched(tg).run_due()).sent == 1
        assert "Gửi báo cáo" in (await tg.fake.next_reply(tg.group)).text
        assert both.zfake.unread(both.zgroup) == []
    finally:
        await both.stop()


async def test_a_file_asked_for_on_zalo_goes_to_the_linked_telegram_chat(
    both: BothWorld,
) -> None:
    tg = both.tg
    await _bind(both)
    made = await tg.say(tg.fake.dm(tg.hung), tg.hung, "/lienket")
    await both.zsay(both.zfake.dm(both.zhung), both.zhung, f"/lienket {code_in(made.text)}")
    await tg.say(tg.group, tg.lan, "/lich hop 8h thu 4: Họp Tổ")
    reply = await both.zsay(both.zgroup, both.zhung, "lich ics")
    assert "đã được gửi vào Telegram của anh/chị" in reply.text
    sent = await tg.fake.next_reply(tg.fake.dm(tg.hung))
    assert sent.document_name is not None
    assert sent.document_name.endswith(".ics")
