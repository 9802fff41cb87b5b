"""The kế toán's two attachments: the .xlsx opened with openpyxl and the .zip with zipfile."""

from __future__ import annotations

import asyncio
import os
import zipfile
from datetime import UTC, datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from handlers.claims_estimate import Factors, compute_estimate, factor_key
from handlers.claims_export import ClaimExport, build_export
from handlers.claims_rates import load_rate_tables
from handlers.claims_xlsx import claim_workbook, estimate_workbook
from handlers.claims_zip import claim_zip
from storage.claim_files import Attachment
from storage.claims import ClaimItem

VN = ZoneInfo("Asia/Ho_Chi_Minh")
EVENT = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)  # 08:00 in Hà Nội
TICKED = datetime(2026, 11, 28, 3, 30, tzinfo=UTC)


def _item(
    position: int, phase: str, name: str, done_by: str | None = None, **kw: object
) -> ClaimItem:
    return ClaimItem(
        id=position,
        claim_id=1,
        position=position,
        phase=phase,
        name=name,
        auto=kw.get("auto"),  # type: ignore[arg-type]
        done=done_by is not None,
        done_by=done_by,
        done_at=TICKED if done_by else None,
        link=kw.get("link"),  # type: ignore[arg-type]
    )


def _file(
    position: int, file_id: str, name: str | None = None, mime: str | None = None
) -> Attachment:
    return Attachment(
        id=hash(file_id),
        position=position,
        platform_file_id=file_id,
        file_name=name,
        mime_type=mime,
        sender_id="9",
        message_id="5",
        sent_at=TICKED,
    )


ITEMS = [
    _item(1, "before", "Kế hoạch TXCT của Tổ", "7"),
    _item(2, "on_day", "Biên bản TXCT", "minutes", link="biên bản số 4"),
    _item(3, "after", "Danh sách ký nhận bồi dưỡng (chủ trì, thư ký, cán bộ phục vụ)"),
    _item(4, "after", "Hóa đơn: âm thanh/nước uống"),
]
FILES = [
    _file(1, "k1", "Ke hoach.PDF", "application/pdf"),
    _file(3, "p1"),
    _file(3, "p2"),
    _file(4, "h1", "hoa don", "image/png"),
]


def _export(estimate: bool = True) -> ClaimExport:
    table = {t.province: t for t in load_rate_tables()}["quang_nam"]
    quantities = {factor_key("staff"): 3}
    return build_export(
        group_name="Tổ đại biểu số 3",
        event_title="Tiếp xúc cử tri phường Tân Lập",
        event_start=EVENT,
        deadline=EVENT + timedelta(days=10),
        items=ITEMS,
        attachments=FILES,
        names={"7": "Nguyễn Thị Lan", "9": "Trần Văn Hùng"},
        zone=VN,
        estimate=compute_estimate(table, "txct", Factors(attendees=5), quantities)
        if estimate
        else None,
    )


def test_files_are_named_by_item_with_their_own_extension() -> None:
    names = [f.zip_name for f in _export().files]
    assert names == [
        "01 Kế hoạch TXCT của Tổ.pdf",
        "03 Danh sách ký nhận bồi dưỡng (chủ trì, thư ký, cán bộ phục vụ) (1).jpg",
        "03 Danh sách ký nhận bồi dưỡng (chủ trì, thư ký, cán bộ phục vụ) (2).jpg",
        "04 Hóa đơn âm thanh nước uống.png",
    ]


def test_checklist_sheet_shows_status_who_when_and_files() -> None:
    book = load_workbook(BytesIO(claim_workbook(_export())))
    assert book.sheetnames == ["Hồ sơ thanh toán", "Dự trù kinh phí"]
    sheet = book["Hồ sơ thanh toán"]
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert cells[0][0] == "HỒ SƠ THANH TOÁN – Tiếp xúc cử tri phường Tân Lập"
    assert cells[2][0] == "Thời gian hoạt động: 08:00 27/11/2026"
    assert cells[3][0] == "Hạn nộp hồ sơ: 08:00 07/12/2026"
    assert cells[4][0] == "Còn thiếu: 2/4 mục"
    header = cells.index([
        "STT", "Giai đoạn", "Mục hồ sơ", "Trạng thái", "Người xác nhận", "Thời điểm",
        "Tệp đính kèm (trong tệp .zip)",
    ])  # fmt: skip
    rows = cells[header + 1 :]
    assert rows[0] == [
        1,
        "Trước hoạt động",
        "Kế hoạch TXCT của Tổ",
        "Đã có",
        "Nguyễn Thị Lan",
        "10:30 28/11/2026",
        "01 Kế hoạch TXCT của Tổ.pdf",
    ]
    assert rows[1][2:5] == ["Biên bản TXCT (biên bản số 4)", "Đã có", "Trợ lý (biên bản đã lập)"]
    assert rows[2][3:6] == ["Còn thiếu", None, None]
    assert rows[2][6].splitlines() == [f.zip_name for f in _export().files[1:3]]
    assert len(rows) == 4


def test_estimate_sheet_has_every_line_and_the_exact_total() -> None:
    book = load_workbook(BytesIO(claim_workbook(_export())))
    cells = list(book["Dự trù kinh phí"].iter_rows(values_only=True))
    assert cells[1][0] == (
        "Căn cứ: Nghị quyết số 42/2022/NQ-HĐND của HĐND tỉnh Quảng Nam, Điều 5 "
        "(hiệu lực từ 01/01/2023)"
    )
    assert "ví dụ" in cells[2][0]
    assert (
        cells[3][0] == "Số liệu: 5 đại biểu đã xác nhận tham dự, 3 cán bộ phục vụ, 1 buổi, 1 điểm"
    )
    header = next(i for i, row in enumerate(cells) if row[0] == "STT")
    lines = cells[header + 1 :]
    # 2,000,000 + 2 × 150,000 + 3 × 120,000 + 0: checked by hand against quang_nam_2022.toml.
    assert [(r[0], r[3], r[4], r[5]) for r in lines[:-1]] == [
        (1, 2_000_000, 1, 2_000_000),
        (2, 150_000, 2, 300_000),
        (3, 120_000, 3, 360_000),
        (4, 3_500_000, 0, 0),
    ]
    assert lines[-1][1] == "Tổng cộng"
    assert lines[-1][5] == 2_660_000
    assert all(isinstance(r[5], int) for r in lines)


def test_workbook_without_estimate_says_why() -> None:
    data = claim_workbook(_export(estimate=False), "tỉnh chưa có bảng định mức")
    cells = list(load_workbook(BytesIO(data))["Dự trù kinh phí"].iter_rows(values_only=True))
    assert cells[1][0] == "Chưa có dự trù: tỉnh chưa có bảng định mức"


def test_estimate_alone_as_a_workbook() -> None:
    export = _export()
    assert export.estimate is not None
    book = load_workbook(BytesIO(estimate_workbook(export.estimate, "TXCT")))
    assert book.sheetnames == ["Dự trù kinh phí"]
    assert list(book.active.iter_rows(values_only=True))[-1][5] == 2_660_000  # type: ignore[union-attr]


async def test_zip_holds_every_file_under_its_item_name() -> None:
    fetched: list[str] = []

    async def fetch(file_id: str) -> bytes:
        fetched.append(file_id)
        return f"bytes of {file_id}".encode()

    result = await claim_zip(_export().files, fetch)
    assert len(result.parts) == 1
    archive = zipfile.ZipFile(BytesIO(result.parts[0]))
    assert archive.testzip() is None
    assert archive.namelist() == [f.zip_name for f in _export().files]
    assert archive.read(
        "03 Danh sách ký nhận bồi dưỡng (chủ trì, thư ký, cán bộ phục vụ) (2).jpg"
    ) == (b"bytes of p2")
    assert sorted(fetched) == ["h1", "k1", "p1", "p2"]
    assert (result.included, result.missing) == (4, ())


async def test_files_that_cannot_be_fetched_are_listed_inside_and_returned() -> None:
    async def fetch(file_id: str) -> bytes:
        if file_id == "p1":
            raise ConnectionError("file is too big")
        return b"x" * 10

    result = await claim_zip(_export().files, fetch)
    archive = zipfile.ZipFile(BytesIO(result.parts[-1]))
    assert result.included == 3
    assert [m.file.platform_file_id for m in result.missing] == ["p1"]
    note = archive.read("TEP_CHUA_TAI_DUOC.txt").decode()
    assert "03 Danh sách ký nhận" in note
    assert "Trần Văn Hùng" in note
    assert "(1).jpg" in note


async def test_archive_is_split_under_the_limit_and_an_oversized_file_named() -> None:
    sizes = {"k1": 200_000, "p1": 30_000, "p2": 30_000, "h1": 30_000}

    async def fetch(file_id: str) -> bytes:
        return os.urandom(sizes[file_id])

    limit = 64 * 1024 + 40_000
    result = await claim_zip(_export().files, fetch, max_bytes=limit, at_once=1)
    assert [m.file.platform_file_id for m in result.missing] == ["k1"]
    assert result.missing[0].reason == "tệp lớn hơn dung lượng gửi được qua nhóm chat"
    assert result.included == 3
    assert len(result.parts) == 3
    assert all(len(part) <= limit for part in result.parts)
    names = [zipfile.ZipFile(BytesIO(part)).namelist() for part in result.parts]
    assert [n for part in names for n in part if n != "TEP_CHUA_TAI_DUOC.txt"] == [
        f.zip_name for f in _export().files[1:]
    ]
    assert "TEP_CHUA_TAI_DUOC.txt" in names[-1]


async def test_no_files_gives_one_empty_archive() -> None:
    async def fetch(file_id: str) -> bytes:
        raise AssertionError("nothing to fetch")

    result = await claim_zip([], fetch)
    assert len(result.parts) == 1
    assert zipfile.ZipFile(BytesIO(result.parts[0])).namelist() == []


async def test_cancellation_is_not_a_missing_file() -> None:
    async def fetch(file_id: str) -> bytes:
        raise asyncio.CancelledError

    with pytest.raises(asyncio.CancelledError):
        await claim_zip(_export().files, fetch)
