"""The biên bản as a .docx in the form of Nghị định 30/2020/NĐ-CP (Phụ lục III, Mẫu 1.9).

Top to bottom: a borderless two-column header (agency and number left, quốc hiệu and tiêu
ngữ right, each with its rule), BIÊN BẢN and the meeting's name, time and place, attendance,
chair and secretary, content by item, conclusions and tasks, the closing line, THƯ KÝ left and
CHỦ TỌA right, Nơi nhận, and the whole chat as an appendix. The page (Phụ lục I) and the
building blocks are in handlers/minutes_docx_page.py.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt

from handlers import minutes_text as T
from handlers.minutes_doc import (
    MinutesDoc,
    Opinion,
    Person,
    date_words,
    deadline_words,
    moment_words,
)
from handlers.minutes_docx_page import (
    AGENCY_RULE,
    BODY_PT,
    HEADER_LEFT,
    HEADER_RIGHT,
    MOTTO_RULE,
    TEXT_WIDTH,
    borderless_table,
    page_setup,
    para,
    plain_paragraph,
    rule,
    styles,
)


def build_docx(doc: MinutesDoc) -> bytes:
    """The minutes as .docx bytes."""
    document = Document()
    page_setup(document)
    styles(document)
    _header_table(document, doc)
    _title(document, doc)
    _opening(document, doc)
    _content(document, doc)
    _conclusions(document, doc)
    closing = para(document, T.CLOSING.format(when=moment_words(doc.ended_at)))
    closing.paragraph_format.keep_with_next = True  # never a page with only the signatures
    _signatures(document, doc)
    _recipients(document, doc)
    if doc.transcript:
        _appendix(document, doc)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _person(person: Person | None) -> str:
    if person is None:
        return T.TO_FILL
    if person.title:
        return T.PERSON_WITH_TITLE.format(name=person.name, title=person.title)
    return person.name


# -- parts, top to bottom --------------------------------------------------------------------


def _header_table(document: DocxDocument, doc: MinutesDoc) -> None:
    left, right = borderless_table(document, (HEADER_LEFT, HEADER_RIGHT)).rows[0].cells
    if doc.agency_parent:
        para(left, doc.agency_parent.upper(), size=13, center=True, after=0)
    para(left, doc.agency.upper(), bold=True, size=13, center=True, after=0)
    rule(left, AGENCY_RULE)
    para(left, T.NUMBER.format(number=doc.number_text), size=13, center=True, before=4, after=0)
    para(right, T.QUOC_HIEU, bold=True, size=12, center=True, after=0)
    para(right, T.TIEU_NGU, bold=True, size=13, center=True, after=0)
    rule(right, MOTTO_RULE)


def _title(document: DocxDocument, doc: MinutesDoc) -> None:
    para(document, T.DOC_KIND, bold=True, size=BODY_PT, center=True, before=18, after=0)
    para(document, doc.title, bold=True, size=BODY_PT, center=True, after=12)


def _opening(document: DocxDocument, doc: MinutesDoc) -> None:
    para(document, T.STARTED.format(when=moment_words(doc.started_at)))
    para(document, T.PLACE.format(place=doc.place or T.PLACE_ONLINE))
    para(document, T.ATTENDANCE)
    if doc.present:
        people = "; ".join(_person(p) for p in doc.present)
        para(document, T.PRESENT.format(count=len(doc.present), people=people))
    else:
        para(document, T.PRESENT_NONE)
    if doc.absent:
        people = "; ".join(
            T.ABSENT_REASON.format(name=_person(Person(a.name, a.title)), reason=a.reason)
            if a.reason
            else _person(Person(a.name, a.title))
            for a in doc.absent
        )
        para(document, T.ABSENT.format(count=len(doc.absent), people=people))
    else:
        para(document, T.ABSENT_NONE)
    if doc.guests:
        para(document, T.GUESTS.format(guests="; ".join(doc.guests)))
    para(document, T.CHAIR.format(person=_person(doc.chair)))
    para(document, T.SECRETARY.format(person=_person(doc.secretary)))


def _content(document: DocxDocument, doc: MinutesDoc) -> None:
    para(document, T.CONTENT, bold=True)
    numbered = [item for item in doc.items if item.title]
    if not any(item.entries for item in doc.items) and not numbered:
        para(document, T.CONTENT_NONE)
    n = 0
    for item in doc.items:
        if item.title:
            n += 1
            para(document, T.ITEM.format(n=n, title=item.title), bold=True)
        for entry in item.entries:
            if isinstance(entry, Opinion):
                para(document, T.OPINION.format(speaker=entry.speaker, text=entry.text))
            else:
                subject = f" {entry.subject}" if entry.subject else ""
                para(
                    document,
                    T.VOTE.format(
                        subject=subject,
                        yes=entry.yes,
                        no=entry.no,
                        abstain=entry.abstain,
                        total=entry.total,
                    ),
                )
    if doc.transcript:
        para(document, T.TRANSCRIPT_REF, italic=True)


def _conclusions(document: DocxDocument, doc: MinutesDoc) -> None:
    para(document, T.CONCLUSIONS, bold=True)
    numbered = sum(1 for item in doc.items if item.title) > 1
    n = 0
    for item in doc.items:
        n += 1 if item.title else 0
        for text in item.conclusions:
            line = (
                T.CONCLUSION_OF_ITEM.format(n=n, text=text)
                if numbered and item.title
                else T.CONCLUSION.format(text=text)
            )
            para(document, line)
    if not doc.conclusions:
        para(document, T.CONCLUSIONS_NONE)
    if doc.tasks:
        para(document, T.TASKS, bold=True)
    for i, task in enumerate(doc.tasks, start=1):
        ref = T.TASK_REF.format(number=task.number) if task.number else ""
        para(
            document,
            T.TASK.format(
                n=i,
                text=task.text.rstrip("."),
                who=", ".join(task.assignees) or T.TASK_NOBODY,
                when=deadline_words(task) or T.TASK_NO_DEADLINE,
                ref=ref,
            ),
        )


def _signatures(document: DocxDocument, doc: MinutesDoc) -> None:
    half = Length(int(TEXT_WIDTH / 2))
    spacer = para(document, after=0)
    spacer.paragraph_format.keep_with_next = True
    table = borderless_table(document, (half, half))
    row_pr = table.rows[0]._tr.get_or_add_trPr()
    row_pr.append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells
    for cell, role, person in (
        (left, T.SECRETARY_SIGN, doc.secretary),
        (right, T.CHAIR_SIGN, doc.chair),
    ):
        lines = [para(cell, role, bold=True, size=BODY_PT, center=True, after=0)]
        lines.append(para(cell, T.SIGNATURE, italic=True, size=13, center=True, after=0))
        lines += [para(cell, center=True, after=0) for _ in range(3)]
        name = person.name if person else T.TO_FILL
        para(cell, name, bold=True, size=BODY_PT, center=True)
        for line in lines:
            line.paragraph_format.keep_with_next = True


def _recipients(document: DocxDocument, doc: MinutesDoc) -> None:
    para(document, T.RECIPIENTS, bold=True, italic=True, size=12, indent=False, before=12, after=0)
    for name in doc.recipients or T.DEFAULT_RECIPIENTS:
        para(document, T.RECIPIENT.format(name=name), size=11, indent=False, after=0)
    para(document, T.RECIPIENT_LAST, size=11, indent=False, after=0)


def _appendix(document: DocxDocument, doc: MinutesDoc) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    para(document, T.APPENDIX, bold=True, center=True, after=0)
    para(document, T.APPENDIX_TITLE, bold=True, center=True, after=0)
    of = T.APPENDIX_OF.format(number=doc.number_text, date=date_words(doc.started_at))
    para(document, of, italic=True, center=True, after=12)
    style = document.styles.add_style("Transcript", 1)  # a paragraph style: set once, cheap
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(13)
    style.paragraph_format.first_line_indent = Cm(0)
    style.paragraph_format.space_after = Pt(3)
    body = document.element.body
    end = body.find(qn("w:sectPr"))  # paragraphs go before the section properties
    for line in doc.transcript:
        text = line.text if line.is_text and line.text else T.LINE_NOT_TEXT
        suffix = T.LINE_EDITED if line.edited else ""
        end.addprevious(
            plain_paragraph(
                style.style_id,
                [(f"{line.at:%H:%M} ", False), (line.sender, True), (f": {text}{suffix}", False)],
            )
        )
