"""Minutes on Zalo: the bot sees only messages that call it, so the meeting is recorded from
its markers written after @Trợ lý, and the start says so (on Telegram it asks to be let see
every message instead)."""

from __future__ import annotations

from tests.support.zalo_world import ZaloWorld
from tests.zalo.helpers import register


async def test_a_zalo_meeting_is_recorded_from_the_markers_that_call_the_bot(
    zw: ZaloWorld,
) -> None:
    await register(zw)
    call = zw.fake.mention
    await zw.say(zw.group, zw.lan, f"{call} vaitro @Hùng totruong")
    started = await zw.say(zw.group, zw.hung, f"{call} bienban batdau Họp Tổ tháng 12")
    assert started.text.startswith("Trợ lý bắt đầu ghi biên bản: Họp Tổ tháng 12.\n")
    assert "Trên Zalo, Trợ lý chỉ nhận được tin nhắn có gọi Trợ lý" in started.text
    assert "chọn Disable" not in started.text  # no Telegram advice on Zalo
    for text in (
        "#comat @Mai",
        "#ykien Đề nghị sửa đường liên xã",
        "#giaoviec Chuẩn bị hội trường @Mai hạn 8h thứ 7",
        "#ketluan Thống nhất kế hoạch TXCT",
    ):
        zw.fake.say(zw.group, zw.hung, f"{call} {text}")
    await zw.settle()
    assert zw.fake.unread(zw.group) == []  # markers get no answer
    summary = await zw.say(zw.group, zw.hung, f"{call} bienban ketthuc")
    assert summary.text.startswith("Đã kết thúc ghi biên bản: Họp Tổ tháng 12\n")
    assert "Có mặt (3): Hùng, Mai, Nguyễn Lan" in summary.text
    assert "• Thống nhất kế hoạch TXCT" in summary.text
    assert "• #1 Chuẩn bị hội trường – Mai – 08:00 thứ Bảy, 28/11" in summary.text
    rows = await zw.db.fetchall(
        "SELECT t.text, m.display_name FROM tasks t JOIN task_assignees a ON a.task_id = t.id"
        " JOIN members m ON m.group_id = t.group_id AND m.user_id = a.user_id"
    )
    assert [tuple(r) for r in rows] == [("Chuẩn bị hội trường", "Mai")]
    minutes = await zw.db.fetchone("SELECT content FROM minutes")
    assert minutes is not None
    assert "Đề nghị sửa đường liên xã" in minutes["content"]
