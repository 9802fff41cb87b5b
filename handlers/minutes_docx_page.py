"""Phụ lục I of Nghị định 30/2020/NĐ-CP on a python-docx page, and the pieces documents use.

A4 portrait; margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman for every
script; body 14 pt, justified, first-line indent 1.27 cm, 6 pt after each paragraph, single
line spacing; page numbers centred in the top margin from page 2 on (a PAGE field in the
header, with a different, empty first-page header). Every string written through this module
is stripped of characters XML cannot hold, so the document always opens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import etree  # python-docx's own XML library

FONT = "Times New Roman"
BODY_PT = 14
TEXT_WIDTH = Mm(210 - 30 - 15)
HEADER_LEFT = Mm(68)  # agency block
HEADER_RIGHT = TEXT_WIDTH - HEADER_LEFT  # quốc hiệu, tiêu ngữ
# Rule lengths: under the agency about a third of its column; under the tiêu ngữ as long as the
# line "Độc lập - Tự do - Hạnh phúc" in 13 pt bold Times New Roman (measured on a render).
AGENCY_RULE = Mm(24)
MOTTO_RULE = Mm(60)

_W_P, _W_PPR, _W_PSTYLE, _W_R, _W_RPR, _W_B, _W_BR, _W_T, _W_VAL = (
    qn(f"w:{tag}") for tag in ("p", "pPr", "pStyle", "r", "rPr", "b", "br", "t", "val")
)
_XML_SPACE = qn("xml:space")

# XML 1.0 cannot hold these; direction overrides can disguise text, so they go too.
_UNSAFE_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff"
    "\u202a-\u202e\u2066-\u2069\u200b\ufeff]"
)


def safe(text: str) -> str:
    """Text that python-docx and every word processor accept (line breaks kept)."""
    return _UNSAFE_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def page_setup(document: DocxDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True  # page 1 has no number
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.paragraph_format.first_line_indent = Cm(0)
    _field(header, "PAGE")


def _field(paragraph: Paragraph, code: str) -> None:
    """A Word field (e.g. PAGE): begin, instruction, separate, a cached result, end."""
    parts: list[OxmlElement] = [_fld_char("begin"), _instr(code), _fld_char("separate")]
    for part in parts:
        paragraph.add_run()._r.append(part)
    paragraph.add_run("2")  # shown until the word processor updates the field
    paragraph.add_run()._r.append(_fld_char("end"))


def _instr(code: str) -> OxmlElement:
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = f" {code} "
    return element


def _fld_char(kind: str) -> OxmlElement:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def styles(document: DocxDocument) -> None:
    # The defaults of python-docx's template name theme fonts (Calibri), which win over an
    # explicit font name: replace them, for every script, and mark the text Vietnamese.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = r_pr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    r_pr.find(qn("w:lang")).set(qn("w:val"), "vi-VN")
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(1.27)
    fmt.space_before, fmt.space_after = Pt(0), Pt(6)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.widow_control = True


# -- building blocks -------------------------------------------------------------------------


def para(
    parent: DocxDocument | _Cell,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: int | None = None,
    center: bool = False,
    indent: bool = True,
    after: int | None = None,
    before: int | None = None,
) -> Paragraph:
    paragraph = parent.add_paragraph()
    if text:
        run = paragraph.add_run(safe(text))
        run.bold, run.italic = bold or None, italic or None
        if size is not None:
            run.font.size = Pt(size)
    fmt = paragraph.paragraph_format
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if center or not indent:
        fmt.first_line_indent = Cm(0)
    if after is not None:
        fmt.space_after = Pt(after)
    if before is not None:
        fmt.space_before = Pt(before)
    return paragraph


def rule(cell: _Cell, width: Length) -> None:
    """A centred horizontal line of the given width (a bordered empty paragraph)."""
    paragraph = para(cell, center=True, after=0, before=3)  # a gap between text and line
    side = int((cell.width - width) / 2) if cell.width else 0
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Length(max(side, 0))
    fmt.line_spacing = Pt(2)
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (
        ("w:val", "single"),
        ("w:sz", "6"),
        ("w:space", "1"),
        ("w:color", "000000"),
    ):
        top.set(qn(key), value)
    borders.append(top)
    p_pr.append(borders)


def borderless_table(document: DocxDocument, widths: Iterable[Length]) -> Table:
    widths = list(widths)
    table = document.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    tbl_pr.append(borders)
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = width
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    return table


def plain_paragraph(style_id: str, runs: list[tuple[str, bool]]) -> etree._Element:
    """A paragraph of plain and bold runs, written as XML directly.

    python-docx's add_paragraph/add_run look up the style and search the body on every call;
    for the appendix of a 2,000-message meeting that alone took seconds. The result is the
    same markup python-docx writes.
    """
    p = etree.Element(_W_P)
    etree.SubElement(etree.SubElement(p, _W_PPR), _W_PSTYLE, {_W_VAL: style_id})
    for text, bold in runs:
        r = etree.SubElement(p, _W_R)
        if bold:
            etree.SubElement(etree.SubElement(r, _W_RPR), _W_B)
        for i, piece in enumerate(safe(text).split("\n")):
            if i:
                etree.SubElement(r, _W_BR)
            t = etree.SubElement(r, _W_T)
            t.text = piece
            t.set(_XML_SPACE, "preserve")
    return p
