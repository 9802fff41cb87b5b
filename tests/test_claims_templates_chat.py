"""Conversations: /mau shows and edits a group's checklist; claims keep the one they had."""

from __future__ import annotations

from tests.support.claims import txct_event
from tests.support.world import World, db_of


async def test_show_the_default_checklist_grouped_by_phase(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.mai, "/mau congtacphi")
    assert reply.text.splitlines()[:9] == [
        "Danh mục hồ sơ – Công tác phí (congtacphi), bản mặc định:",
        "Trước hoạt động:",
        "1. Văn bản cử đi công tác hoặc kế hoạch",
        "Trong ngày:",
        "2. Giấy đi đường có xác nhận nơi đến",
        "Sau hoạt động:",
        "3. Vé tàu xe, hóa đơn",
        "4. Hóa đơn lưu trú hoặc đề nghị thanh toán khoán",
        "5. Bảng kê chi tiền",
    ]
    hop = await w.say(w.group, w.mai, "/template họp tổ")
    assert "5. Biên bản họp (Mẫu 1.9, Nghị định 30/2020/NĐ-CP) (tự đánh dấu khi có biên bản)" in (
        hop.text
    )
    kinds = await w.say(w.group, w.mai, "/mau")
    assert kinds.text.startswith("Danh mục hồ sơ theo loại hoạt động: /mau txct")
    unknown = await w.say(w.group, w.mai, "/mau tiepdan")
    assert unknown.text.startswith("Không có loại hoạt động “tiepdan”.")


async def test_add_rename_remove_make_the_groups_own_copy(registered: World) -> None:
    w = registered
    reply = await w.say(w.group, w.lan, "/mau hop them truoc Danh sách khách mời")
    lines = reply.text.splitlines()
    assert lines[0] == "Đã thêm mục “Danh sách khách mời”."
    assert lines[1] == "Danh mục hồ sơ – Họp Tổ (hop), bản riêng của Tổ:"
    assert lines[6] == "4. Danh sách khách mời"
    reply = await w.say(w.group, w.lan, "/mau hop them Bảng kê chi tiền")
    assert reply.text.splitlines()[-2] == "11. Bảng kê chi tiền"
    reply = await w.say(w.group, w.lan, "/mau hop sua 4 Danh sách khách mời dự họp")
    assert reply.text.startswith("Đã đổi tên mục 4 thành “Danh sách khách mời dự họp”.")
    reply = await w.say(w.group, w.lan, "/mau hop xoa 3")
    assert reply.text.startswith("Đã xóa mục 3.")
    assert "Tài liệu họp" not in reply.text
    # The other group still has the default.
    await w.say(w.other_group, w.outsider, "/dangky Tổ đại biểu số 5")
    other = await w.say(w.other_group, w.outsider, "/mau hop")
    assert "bản mặc định" in other.text
    assert "3. Tài liệu họp" in other.text
    reset = await w.say(w.group, w.lan, "/mau hop macdinh")
    assert reset.text.startswith("Đã quay về danh mục mặc định.")
    assert "3. Tài liệu họp" in reset.text


async def test_bad_edits_are_refused_and_change_nothing(registered: World) -> None:
    w = registered
    for text, answer in (
        ("/mau hop xoa 30", "Danh mục hop có 9 mục; không có mục 30."),
        ("/mau hop xoa", "Anh/chị vui lòng ghi số mục"),
        ("/mau hop them", "Anh/chị vui lòng ghi tên mục"),
        ("/mau hop them sau tài liệu HỌP", "Mục “Tài liệu họp” đã có trong danh mục (số 3)."),
        ("/mau hop sua 2 Tài liệu họp", "Mục “Tài liệu họp” đã có trong danh mục (số 3)."),
        ("/mau hop them " + "x" * 201, "Tên mục dài quá 200 ký tự"),
        ("/mau hop doiten 2 X", "Trợ lý chưa hiểu “doiten”."),
    ):
        reply = await w.say(w.group, w.lan, text)
        assert reply.text.startswith(answer), text
    refused = await w.say(w.group, w.mai, "/mau hop them sau Giấy mời")
    assert refused.text.startswith("Chỉ chuyên viên, Tổ trưởng hoặc Tổ phó")
    assert await db_of(w).fetchone("SELECT * FROM claim_template_items") is None


async def test_a_checklist_cannot_be_emptied(registered: World) -> None:
    w = registered
    for _ in range(5):
        await w.say(w.group, w.lan, "/mau congtacphi xoa 1")
    reply = await w.say(w.group, w.lan, "/mau congtacphi xoa 1")
    assert reply.text.startswith("Không xóa được: danh mục phải còn ít nhất một mục.")
    shown = await w.say(w.group, w.lan, "/mau congtacphi")
    assert "1. Giấy đề nghị thanh toán" in shown.text


async def test_claims_use_the_groups_copy_and_keep_it_after_later_edits(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/mau txct them trongngay Danh sách cử tri phát biểu")
    await txct_event(w)
    checklist = await w.say(w.group, w.lan, "/thanhtoan 1")
    assert "☐ 10. Danh sách cử tri phát biểu" in checklist.labels
    assert len(checklist.labels) == 16
    await w.say(w.group, w.lan, "/mau txct xoa 10")
    again = await w.say(w.group, w.lan, "/thanhtoan 1")
    assert len(again.labels) == 16
