"""Conversations: /thanhtoan <số> xuat sends the kế toán the .xlsx and the .zip of the files."""

from __future__ import annotations

import asyncio
import zipfile
from io import BytesIO

from openpyxl import load_workbook

from tests.support.claims import label_of, open_claim, press
from tests.support.world import World


async def _attach(w: World, caption: str, content: bytes, **kw: object) -> None:
    w.fake.send_file(w.group, w.mai, content, caption=caption, **kw)  # type: ignore[arg-type]
    assert (await w.fake.next_reply(w.group)).text.startswith("Đã lưu tệp")


async def test_export_sends_the_workbook_and_the_files_named_by_item(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/caidat tinh quang_nam")
    checklist = await open_claim(w)
    await press(w, checklist, w.lan, label_of(checklist, 1))
    await _attach(w, "#hoso 1 11", b"\xff\xd8 danh sach 1")
    await _attach(w, "#hoso 1 11", b"\xff\xd8 danh sach 2")
    await _attach(
        w, "#hoso 1 13", b"%PDF hoa don", file_name="HD 0012.pdf", mime_type="application/pdf"
    )
    w.fake.say(w.group, w.hung, "/thanhtoan 1 xuat")
    fetching = await w.fake.next_reply(w.group)
    workbook = await w.fake.next_reply(w.group)
    archive = await w.fake.next_reply(w.group)
    assert fetching.text.startswith("Trợ lý đang tải 3 tệp chứng từ")
    assert workbook.document_name == "ho-so-thanh-toan-lich-1.xlsx"
    assert workbook.text.endswith("Lưu ý: còn thiếu 14/15 mục.")
    assert archive.document_name == "chung-tu-lich-1.zip"
    assert archive.text == "Chứng từ lịch số 1: 3 tệp, đặt tên theo mục."
    assert workbook.document is not None
    assert archive.document is not None

    book = load_workbook(BytesIO(workbook.document))
    rows = list(book["Hồ sơ thanh toán"].iter_rows(values_only=True))
    by_number = {r[0]: r for r in rows if isinstance(r[0], int)}
    assert by_number[1][3:5] == ("Đã có", "Lan Nguyễn")
    assert by_number[2][3] == "Còn thiếu"
    item_11 = "11 Danh sách ký nhận bồi dưỡng (chủ trì, thư ký, cán bộ phục vụ)"
    assert by_number[11][6].splitlines() == [
        f"{item_11} (1).jpg",
        f"{item_11} (2).jpg",
    ]
    estimate = list(book["Dự trù kinh phí"].iter_rows(values_only=True))
    assert estimate[-1][1:] == ("Tổng cộng", None, None, None, 2_300_000)

    files = zipfile.ZipFile(BytesIO(archive.document))
    assert files.namelist() == [
        f"{item_11} (1).jpg",
        f"{item_11} (2).jpg",
        "13 Hóa đơn (âm thanh, nước uống, băng rôn).pdf",
    ]
    assert files.read("13 Hóa đơn (âm thanh, nước uống, băng rôn).pdf") == b"%PDF hoa don"
    assert files.read(f"{item_11} (2).jpg") == b"\xff\xd8 danh sach 2"


async def test_a_file_the_platform_no_longer_has_is_named_not_lost(registered: World) -> None:
    w = registered
    await open_claim(w)
    await _attach(w, "#hoso 1 9", b"anh 1")
    photo = w.fake.send_file(w.group, w.mai, b"anh 2", caption="#hoso 1 9")
    await w.fake.next_reply(w.group)
    del w.fake.files[photo.file_id or ""]
    w.fake.say(w.group, w.lan, "/thanhtoan 1 xuat")
    replies = [await w.fake.next_reply(w.group) for _ in range(4)]
    archive, missing = replies[2], replies[3]
    assert archive.document is not None
    files = zipfile.ZipFile(BytesIO(archive.document))
    assert files.namelist() == ["09 Ảnh hội nghị (1).jpg", "TEP_CHUA_TAI_DUOC.txt"]
    assert missing.text.startswith("1 tệp chưa đưa được vào tệp nén, đề nghị gửi lại:")
    assert "09 Ảnh hội nghị (2).jpg (không tải được)" in missing.text
    # Without a province the workbook says why there is no estimate.
    assert replies[1].document is not None
    sheet = load_workbook(BytesIO(replies[1].document))["Dự trù kinh phí"]
    assert str(sheet["A2"].value).startswith("Chưa có dự trù: Tổ chưa chọn tỉnh")


async def test_export_without_files_and_before_the_claim_exists(registered: World) -> None:
    w = registered
    await w.say(w.group, w.lan, "/lich hop 14h30 ngày 26/11 : Họp Tổ")
    reply = await w.say(w.group, w.lan, "/thanhtoan 1 xuat")
    assert reply.text.startswith("Hồ sơ thanh toán của lịch số 1 chưa được mở.")
    await w.say(w.group, w.lan, "/thanhtoan 1")
    w.fake.say(w.group, w.mai, "/thanhtoan 1 xuat")
    workbook = await w.fake.next_reply(w.group)
    note = await w.fake.next_reply(w.group)
    assert workbook.document_name == "ho-so-thanh-toan-lich-1.xlsx"
    assert note.text == "Hồ sơ lịch số 1 chưa có tệp chứng từ nào nên không có tệp nén."


async def test_the_archive_follows_even_if_the_bot_dies_while_fetching_the_files(
    registered: World,
) -> None:
    """The crash window of a delivery hook: the "fetching" message is out and the bot dies
    while downloading. The next start resends the message (saying it may be a repeat), and
    the archive still comes."""
    w = registered
    await open_claim(w)
    await _attach(w, "#hoso 1 11", b"\xff\xd8 danh sach 1")
    assert w.bot is not None
    worker = w.bot.assistant.intake.worker
    hook = worker.on_delivered
    dying = asyncio.Event()

    async def die_while_downloading(*args: object) -> list[object]:
        dying.set()
        await asyncio.Event().wait()  # the process is gone: nothing after this runs
        return []

    worker.on_delivered = die_while_downloading  # type: ignore[assignment]
    w.fake.say(w.group, w.hung, "/thanhtoan 1 xuat")
    fetching = await w.fake.next_reply(w.group)
    await asyncio.wait_for(dying.wait(), 5)
    assert fetching.text.startswith("Trợ lý đang tải 1 tệp chứng từ")
    worker.on_delivered = hook
    await w.restart()
    again = await w.fake.next_reply(w.group)
    workbook = await w.fake.next_reply(w.group)
    archive = await w.fake.next_reply(w.group)
    assert again.text.startswith("Trợ lý đang tải 1 tệp chứng từ")
    assert "gửi lại tin này" in again.text  # the note of a message that may be a repeat
    assert workbook.document_name == "ho-so-thanh-toan-lich-1.xlsx"
    assert archive.document_name == "chung-tu-lich-1.zip"
    assert archive.document is not None
    assert len(zipfile.ZipFile(BytesIO(archive.document)).namelist()) == 1
    await w.settle()
    assert not w.fake.unread(w.group)  # and nothing twice
