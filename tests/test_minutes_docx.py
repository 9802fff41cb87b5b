"""The biên bản .docx, opened again with python-docx: Mẫu 1.9's parts and Phụ lục I's layout."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from handlers.minutes_doc import Item, Line, MinutesDoc, Opinion, from_json, to_json
from handlers.minutes_docx import build_docx
from handlers.minutes_docx_page import safe
from tests.minutes_example import STARTED, example_doc


def _open(doc: MinutesDoc) -> DocxDocument:
    return docx.Document(io.BytesIO(build_docx(doc)))


def _texts(document: DocxDocument) -> list[str]:
    return [p.text for p in document.paragraphs]


def _cell_lines(cell: docx.table._Cell) -> list[tuple[str, bool]]:
    return [(p.text, bool(p.runs and p.runs[0].bold)) for p in cell.paragraphs if p.text]


@pytest.fixture(scope="module")
def example() -> DocxDocument:
    return _open(example_doc())


def test_header_is_a_borderless_two_column_table_agency_left_national_title_right(
    example: DocxDocument,
) -> None:
    header = example.tables[0]
    assert len(header.columns) == 2
    left, right = header.rows[0].cells
    assert _cell_lines(left) == [
        ("HĐND TỈNH QUẢNG NAM", False),
        ("TỔ ĐẠI BIỂU SỐ 3", True),
        ("Số: 05/BB-TĐB", False),
    ]
    assert _cell_lines(right) == [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
        ("Độc lập - Tự do - Hạnh phúc", True),
    ]
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}
    # The rules under the agency and the motto: a bordered empty paragraph in each column.
    for cell in (left, right):
        assert any(
            p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None
            for p in cell.paragraphs
        )
    # No place-and-date line in a Mẫu 1.9 header.
    assert not any("ngày" in p.text for c in (left, right) for p in c.paragraphs)


def test_numbers_below_ten_get_a_leading_zero() -> None:
    assert replace(example_doc(), number=5).number_text == "05/BB-TĐB"
    assert replace(example_doc(), number=12).number_text == "12/BB-TĐB"


def test_title_and_meeting_name_are_bold_and_centred(example: DocxDocument) -> None:
    paragraphs = example.paragraphs
    title = next(i for i, p in enumerate(paragraphs) if p.text == "BIÊN BẢN")
    name = paragraphs[title + 1]
    assert name.text == "Họp Tổ đại biểu số 3 chuẩn bị kỳ họp thứ mười hai, HĐND tỉnh khóa X"
    for p in (paragraphs[title], name):
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert p.runs[0].bold


def test_opening_time_place_attendance_chair_and_secretary(example: DocxDocument) -> None:
    texts = _texts(example)
    expected = [
        "Thời gian bắt đầu: 14 giờ 00 phút, ngày 25 tháng 11 năm 2026.",
        "Địa điểm: Phòng họp số 2, Văn phòng Đoàn ĐBQH và HĐND tỉnh.",
        "Thành phần tham dự:",
        "- Có mặt (4): Trần Văn Hùng, Tổ trưởng; Lê Thị Mai, Tổ phó; Phạm Minh Đức, Đại biểu;"
        " Nguyễn Thị Lan, Chuyên viên.",
        "- Vắng mặt (1): Võ Thanh Bình, Đại biểu (lý do: đi công tác tại Hà Nội).",
        "- Khách mời: Ông Nguyễn Văn Cường, Phó Chủ tịch UBND xã Tân Lập.",
        "Chủ trì (chủ tọa): Trần Văn Hùng, Tổ trưởng.",
        "Thư ký (người ghi biên bản): Nguyễn Thị Lan, Chuyên viên.",
    ]
    start = texts.index(expected[0])
    assert texts[start : start + len(expected)] == expected


def test_content_by_item_with_opinions_and_votes_in_order(example: DocxDocument) -> None:
    texts = _texts(example)
    start = texts.index("Nội dung (theo diễn biến cuộc họp):")
    assert texts[start + 1 : start + 7] == [
        "1. Thảo luận dự thảo Nghị quyết về kế hoạch đầu tư công trung hạn",
        "- Lê Thị Mai: Đề nghị bổ sung số liệu giải ngân 10 tháng đầu năm.",
        "- Phạm Minh Đức: Thống nhất với dự thảo, lưu ý tiến độ tuyến ĐT 609.",
        "- Biểu quyết thông qua ý kiến góp ý của Tổ: tán thành 4/4, không tán thành 0/4,"
        " không ý kiến 0/4.",
        "2. Tổng hợp kiến nghị cử tri sau đợt tiếp xúc",
        "- Trần Văn Hùng: Phân loại theo thẩm quyền tỉnh và cấp xã.",
    ]


def test_conclusions_tasks_and_closing_line(example: DocxDocument) -> None:
    texts = _texts(example)
    start = texts.index("Kết luận của chủ tọa:")
    assert texts[start + 1 : start + 7] == [
        "- Về nội dung 1: Tổ thống nhất các ý kiến góp ý; giao chuyên viên tổng hợp gửi"
        " Thường trực.",
        "- Về nội dung 2: Hoàn thành báo cáo tổng hợp kiến nghị trước kỳ họp.",
        "Phân công thực hiện:",
        "1. Soạn báo cáo tổng hợp ý kiến, kiến nghị cử tri của Tổ. Người thực hiện:"
        " Nguyễn Thị Lan. Thời hạn: 17 giờ 00 phút, ngày 27/11/2026. (việc số 12)",
        "2. Liên hệ UBND xã Tân Lập về số liệu. Người thực hiện: Lê Thị Mai."
        " Thời hạn: cần bổ sung hạn. (việc số 13)",
        "Cuộc họp kết thúc vào 16 giờ 30 phút, ngày 25 tháng 11 năm 2026./.",
    ]


def test_signature_block_secretary_left_chair_right_then_recipients(
    example: DocxDocument,
) -> None:
    signatures = example.tables[1]
    left, right = signatures.rows[0].cells
    assert _cell_lines(left) == [("THƯ KÝ", True), ("(Chữ ký)", False), ("Nguyễn Thị Lan", True)]
    assert _cell_lines(right) == [("CHỦ TỌA", True), ("(Chữ ký)", False), ("Trần Văn Hùng", True)]
    texts = _texts(example)
    start = texts.index("Nơi nhận:")
    assert texts[start : start + 4] == [
        "Nơi nhận:",
        "- Các thành viên Tổ;",
        "- Thường trực HĐND tỉnh (để báo cáo);",
        "- Lưu: VT, Hồ sơ.",
    ]
    label = example.paragraphs[start].runs[0]
    assert (label.bold, label.italic, label.font.size) == (True, True, Pt(12))
    assert example.paragraphs[start + 1].runs[0].font.size == Pt(11)


def test_page_setup_a4_margins_and_page_numbers_from_page_two(example: DocxDocument) -> None:
    (section,) = example.sections

    def mm(length: int | None) -> float:
        return round((length or 0) / Mm(1), 1)  # stored in twentieths of a point

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (20, 20)
    assert (mm(section.left_margin), mm(section.right_margin)) == (30, 15)
    assert section.different_first_page_header_footer
    assert all(not p.text for p in section.first_page_header.paragraphs)
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    instructions = [el.text for el in header._p.iter(qn("w:instrText"))]
    assert instructions == [" PAGE "]


def test_font_is_times_new_roman_for_every_script_with_body_indent(
    example: DocxDocument,
) -> None:
    defaults = example.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert dict(fonts.attrib) == {
        qn(a): "Times New Roman" for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
    }
    normal = example.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(14)
    assert normal.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert normal.paragraph_format.first_line_indent == Cm(1.27)
    assert normal.paragraph_format.space_after == Pt(6)
    # No run anywhere asks for another font.
    body = example.element.body
    assert {f.get(qn("w:ascii")) for f in body.iter(qn("w:rFonts"))} <= {None, "Times New Roman"}


def test_the_transcript_is_an_appendix_with_every_line(example: DocxDocument) -> None:
    texts = _texts(example)
    start = texts.index("DIỄN BIẾN TRAO ĐỔI TRONG NHÓM")
    assert texts[start - 1] == "Phụ lục"
    assert texts[start + 1] == "(Kèm theo Biên bản số 05/BB-TĐB ngày 25 tháng 11 năm 2026)"
    lines = texts[start + 2 :]
    assert len(lines) == 12
    assert lines[0] == (
        "14:00 Trần Văn Hùng: Ý kiến trao đổi số 1 về nội dung kỳ họp, số liệu"
        " và kiến nghị cử tri."
    )
    assert lines[3].endswith("(đã sửa)")
    assert lines[5] == "14:05 Lê Thị Mai: [nhãn dán, ảnh hoặc tệp không có chú thích]"


def test_control_characters_are_dropped_and_the_document_still_opens() -> None:
    nasty = "Đồng\x00 ý\x07 với\x1b[31m dự thảo\u202e\ufffe\r\ndòng hai"
    doc = replace(
        example_doc(transcript_lines=0),
        title="Họp\x0b Tổ\x0c",
        items=(Item("Nội\x01 dung", (Opinion("Mai\x02", nasty),), ("Kết\x03 luận",)),),
        transcript=(Line(STARTED, "Hùng\x08", nasty),),
    )
    texts = _texts(_open(doc))
    assert "Họp Tổ" in texts
    assert "- Mai: Đồng ý với[31m dự thảo\ndòng hai" in texts
    assert "- Kết luận" in texts
    assert "14:00 Hùng: Đồng ý với[31m dự thảo\ndòng hai" in texts
    assert safe("a\ud800b") == "ab"


def test_a_meeting_with_nothing_marked_leaves_blanks_to_fill_by_hand() -> None:
    doc = MinutesDoc(
        agency_parent="",
        agency="Tổ đại biểu số 3",
        number=1,
        code="BB-TĐB",
        title="Họp Tổ",
        started_at=STARTED,
        ended_at=STARTED,
        place="",
    )
    document = _open(doc)
    texts = _texts(document)
    assert "Địa điểm: trao đổi trực tuyến trong nhóm của Tổ." in texts
    assert "- Có mặt: ……………………………………" in texts
    assert "- Vắng mặt: không." in texts
    assert "Chủ trì (chủ tọa): ……………………………………." in texts
    after_content = texts[texts.index("Nội dung (theo diễn biến cuộc họp):") + 1]
    assert after_content.startswith("……")
    assert "Phân công thực hiện:" not in texts
    assert "Phụ lục" not in texts
    assert _cell_lines(document.tables[0].rows[0].cells[0])[0] == ("TỔ ĐẠI BIỂU SỐ 3", True)


def test_the_stored_content_reads_back_as_the_same_document() -> None:
    doc = example_doc()
    stored = json.loads(json.dumps(to_json(doc), ensure_ascii=False))
    assert from_json(stored) == doc
