"""Conversations: /dutru from the province's rate file, quantities set by hand, the .xlsx,
and the claim settings in /caidat. Every amount below was worked out by hand from
handlers/claims_data/rates/*.toml."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from tests.support.claims import txct_event
from tests.support.world import World, db_of


async def test_estimate_needs_a_province_chosen_in_settings(registered: World) -> None:
    w = registered
    await txct_event(w)
    reply = await w.say(w.group, w.lan, "/dutru 1")
    assert "Tổ chưa chọn tỉnh để áp dụng định mức." in reply.text
    assert "quang_nam (Quảng Nam)" in reply.text
    refused = await w.say(w.group, w.mai, "/caidat tinh quang nam")
    assert refused.text.startswith("Chỉ chuyên viên, Tổ trưởng hoặc Tổ phó mới thay đổi")
    unknown = await w.say(w.group, w.lan, "/caidat tinh Hà Giang")
    assert unknown.text.startswith("Chưa có bảng định mức của “Hà Giang”.")
    reply = await w.say(w.group, w.lan, "/caidat tinh Quảng Nam")
    assert reply.text == "Từ nay dự trù kinh phí áp dụng định mức của Quảng Nam (quang_nam)."
    overview = await w.say(w.group, w.mai, "/caidat")
    assert "Định mức dự trù kinh phí: Quảng Nam (quang_nam)" in overview.text
    assert "Hạn nộp hồ sơ thanh toán: 10 ngày sau hoạt động" in overview.text


async def test_txct_estimate_lines_total_and_adjustments(registered: World) -> None:
    w = registered
    await txct_event(w)
    await w.say(w.group, w.lan, "/caidat tinh quang_nam")
    reply = await w.say(w.group, w.mai, "/dutru 1")
    lines = reply.text.splitlines()
    assert (
        lines[0]
        == "Dự trù kinh phí – lịch số 1: Tiếp xúc cử tri trước kỳ họp cuối năm (04/12/2026)"
    )
    assert lines[1].startswith("Dự trù áp dụng định mức theo Nghị quyết số 42/2022/NQ-HĐND")
    assert lines[2].startswith("Lưu ý: đây là bảng định mức ví dụ")
    assert lines[3] == "Số liệu: 2 đại biểu đã xác nhận tham dự, 0 cán bộ phục vụ, 1 buổi, 1 điểm."
    assert lines[4] == (
        "1. Hỗ trợ điểm tiếp xúc cử tri (trang trí, âm thanh, hội trường, nước uống, bảo vệ…): "
        "2.000.000 đ/điểm × 1 = 2.000.000 đồng"
    )
    assert lines[5].endswith("150.000 đ/người/buổi × 2 = 300.000 đồng")
    assert lines[6].endswith("120.000 đ/người/buổi × 0 = 0 đồng")
    assert lines[7].endswith("3.500.000 đ/người/năm × 0 = 0 đồng")
    assert lines[8] == "Tổng dự kiến: 2.300.000 đồng."
    # 3 support staff, 2 sessions: 2,000,000 + 2×2×150,000 + 3×2×120,000 = 3,320,000.
    await w.say(w.group, w.lan, "/dutru 1 phucvu 3")
    reply = await w.say(w.group, w.lan, "/budget 1 buoi 2")
    assert reply.text.startswith("Đã cập nhật dự trù.")
    assert "Tổng dự kiến: 3.320.000 đồng." in reply.text
    # Line 4 by hand: 2 delegates' lump sum, + 7,000,000.
    reply = await w.say(w.group, w.lan, "/dutru 1 4 2")
    assert "× 2 (đã điều chỉnh) = 7.000.000 đồng" in reply.text
    assert "Tổng dự kiến: 10.320.000 đồng." in reply.text
    reply = await w.say(w.group, w.lan, "/dutru 1 4 macdinh")
    assert "Tổng dự kiến: 3.320.000 đồng." in reply.text
    rows = await db_of(w).fetchall("SELECT key, quantity FROM estimate_quantities ORDER BY key")
    assert [(r["key"], r["quantity"]) for r in rows] == [
        ("factor:sessions", 2),
        ("factor:staff", 3),
    ]


async def test_bad_estimate_input_changes_nothing(registered: World) -> None:
    w = registered
    await txct_event(w)
    await w.say(w.group, w.lan, "/caidat tinh quang_nam")
    for text, answer in (
        ("/dutru 1 3 ba", "Số lượng phải là số nguyên từ 0 đến 100.000"),
        ("/dutru 1 3 -1", "Số lượng phải là số nguyên từ 0 đến 100.000"),
        ("/dutru 1 3 2.5", "Số lượng phải là số nguyên từ 0 đến 100.000"),
        ("/dutru 1 9 2", "Dự trù lịch số 1 có 4 mục; không có mục 9."),
        ("/dutru 1 nguoi 2", "Trợ lý chưa hiểu “nguoi”."),
        ("/dutru 1 3", "Cách dùng: /dutru 1 <số mục> <số lượng>"),
        ("/dutru 5", "Tổ không có lịch số 5."),
    ):
        reply = await w.say(w.group, w.lan, text)
        assert reply.text.startswith(answer), text
    refused = await w.say(w.group, w.mai, "/dutru 1 3 2")
    assert refused.text.startswith("Chỉ chuyên viên, Tổ trưởng hoặc Tổ phó")
    assert await db_of(w).fetchone("SELECT * FROM estimate_quantities") is None


async def test_supervision_estimate_from_the_city_example(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/caidat tinh vi_du_thanh_pho")
    created = await w.say(
        w.group, w.lan, "/lich giamsat 8h ngày 1/12 : Giám sát an toàn thực phẩm"
    )
    for person in (w.hung, w.mai):
        w.fake.press(created, person, "Tham dự")
    await w.settle()
    w.fake.unread(w.group)
    reply = await w.say(w.group, w.lan, "/dutru 1")
    # Plan 700,000 + report 500,000 + head 200,000 + (2 − 1) member × 100,000 + no staff.
    assert "Tổng dự kiến: 1.500.000 đồng." in reply.text
    assert "16/2012/NQ-HĐND" in reply.text
    # A meeting under Quảng Nam's TXCT-only table has no rates: said plainly.
    await w.say(w.group, w.lan, "/caidat tinh quang_nam")
    reply = await w.say(w.group, w.lan, "/dutru 1")
    assert "Bảng định mức của Quảng Nam chưa có định mức cho hoạt động Giám sát" in reply.text


async def test_estimate_as_xlsx(registered: World) -> None:
    w = registered
    await txct_event(w)
    await w.say(w.group, w.lan, "/caidat tinh quang_nam")
    await w.say(w.group, w.lan, "/dutru 1 phucvu 2")
    reply = await w.say(w.group, w.mai, "/dutru 1 xuat")
    assert reply.document_name == "du-tru-lich-1.xlsx"
    assert reply.text == "Dự trù kinh phí lịch số 1: tổng dự kiến 2.540.000 đồng."
    assert reply.document is not None
    rows = list(load_workbook(BytesIO(reply.document)).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert (rows[-1][1], rows[-1][5]) == ("Tổng cộng", 2_540_000)
    assert [r[5] for r in rows if isinstance(r[0], int)] == [2_000_000, 300_000, 240_000, 0]


async def test_deadline_days_setting_applies_to_claims_opened_after(registered: World) -> None:
    w = registered
    await txct_event(w)
    for text in ("/caidat hanhoso 200", "/caidat hanhoso mười"):
        reply = await w.say(w.group, w.lan, text)
        assert reply.text == "Hạn nộp hồ sơ phải từ 0 đến 90 ngày, ví dụ: /caidat hanhoso 10."
    reply = await w.say(w.group, w.lan, "/caidat hanhoso 5 ngày")
    assert reply.text.startswith("Từ nay hạn nộp hồ sơ thanh toán là 5 ngày sau hoạt động")
    checklist = await w.say(w.group, w.lan, "/thanhtoan 1")
    assert "Hạn nộp hồ sơ: 09/12/2026 (còn 16 ngày)" in checklist.text


async def test_before_anyone_answers_the_estimate_says_where_its_count_comes_from(
    registered: World,
) -> None:
    w = registered
    await txct_event(w, attendees=0)
    await w.say(w.group, w.lan, "/caidat tinh quang_nam")
    lines = (await w.say(w.group, w.mai, "/dutru 1")).text.splitlines()
    assert lines[3] == "Số liệu: 0 đại biểu đã xác nhận tham dự, 0 cán bộ phục vụ, 1 buổi, 1 điểm."
    assert lines[4] == (
        "Chưa đại biểu nào bấm Tham dự lịch này; để dự trù theo số dự kiến, gõ"
        " /dutru 1 daibieu <số đại biểu>."
    )
    reply = await w.say(w.group, w.lan, "/dutru 1 daibieu 6")
    assert "Số liệu: 6 đại biểu tham dự, 0 cán bộ phục vụ" in reply.text
    assert "Chưa đại biểu nào bấm Tham dự" not in reply.text
