"""The claim as an .xlsx workbook for the kế toán: the checklist sheet and the estimate sheet.

Amounts and the total are written as values, not formulas: openpyxl does not compute formulas,
so a file written with them has no cached results and phone previews (and any reader that does
not recalculate) would show empty cells where the money is. The values come from
handlers/claims_estimate.py, where they are exact integers.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from handlers import claims_doc_text as text
from handlers import claims_text
from handlers.claims_estimate import Estimate
from handlers.claims_export import ClaimExport

MONEY = "#,##0"
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def claim_workbook(export: ClaimExport, no_estimate_reason: str = "") -> bytes:
    """The .xlsx of a claim: sheet 1 the checklist, sheet 2 the estimate."""
    book = Workbook()
    checklist = book.active
    assert checklist is not None
    checklist.title = text.XLSX_CHECKLIST_SHEET
    _checklist_sheet(checklist, export)
    estimate_sheet = book.create_sheet(text.XLSX_ESTIMATE_SHEET)
    if export.estimate is None:
        estimate_sheet.append([text.XLSX_ESTIMATE_TITLE.format(event=export.event_title)])
        estimate_sheet.append([text.XLSX_NO_ESTIMATE.format(reason=no_estimate_reason)])
    else:
        estimate_sheet_rows(estimate_sheet, export.estimate, export.event_title)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def estimate_workbook(estimate: Estimate, event_title: str) -> bytes:
    """The .xlsx of an estimate alone (/dutru … xuat)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = text.XLSX_ESTIMATE_SHEET
    estimate_sheet_rows(sheet, estimate, event_title)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _checklist_sheet(sheet: Worksheet, export: ClaimExport) -> None:
    sheet.append([text.XLSX_TITLE.format(event=export.event_title)])
    sheet["A1"].font = _BOLD
    sheet.append([text.XLSX_GROUP.format(group=export.group_name)])
    sheet.append([text.XLSX_EVENT_WHEN.format(when=export.event_when)])
    sheet.append([text.XLSX_DEADLINE.format(deadline=export.deadline)])
    missing, total = len(export.missing), len(export.rows)
    status = (
        text.XLSX_MISSING.format(missing=missing, total=total)
        if missing
        else text.XLSX_COMPLETE.format(total=total)
    )
    sheet.append([status])
    sheet.append([])
    sheet.append(list(text.XLSX_CHECKLIST_HEADER))
    for cell in sheet[sheet.max_row]:
        cell.font = _BOLD
    for row in export.rows:
        files = "\n".join(file.zip_name for file in row.files)
        sheet.append(
            [
                row.position,
                row.phase,
                row.name + (f" ({row.link})" if row.link else ""),
                text.XLSX_DONE if row.done else text.XLSX_NOT_DONE,
                row.who,
                row.when,
                files,
            ]
        )
        for cell in sheet[sheet.max_row]:
            cell.alignment = _WRAP
    for column, width in zip("ABCDEFG", (5, 16, 60, 11, 22, 17, 50), strict=True):
        sheet.column_dimensions[column].width = width


def estimate_sheet_rows(sheet: Worksheet, estimate: Estimate, event_title: str) -> None:
    """Write the estimate: basis, counts, one row per line and the exact total."""
    table = estimate.table
    sheet.append([text.XLSX_ESTIMATE_TITLE.format(event=event_title)])
    sheet["A1"].font = _BOLD
    effective = table.effective.strftime("%d/%m/%Y")
    sheet.append([text.XLSX_BASIS.format(resolution=table.resolution, effective=effective)])
    if table.example:
        sheet.append([text.XLSX_EXAMPLE])
    sheet.append([text.XLSX_COUNTS.format(counts=counts_line(estimate))])
    sheet.append([])
    sheet.append(list(text.XLSX_ESTIMATE_HEADER))
    for cell in sheet[sheet.max_row]:
        cell.font = _BOLD
    for line in estimate.lines:
        sheet.append([line.number, line.name, line.unit, line.rate, line.quantity, line.amount])
        sheet.cell(sheet.max_row, 2).alignment = _WRAP
        sheet.cell(sheet.max_row, 4).number_format = MONEY
        sheet.cell(sheet.max_row, 6).number_format = MONEY
    sheet.append(["", text.XLSX_TOTAL, "", "", "", estimate.total])
    for cell in sheet[sheet.max_row]:
        cell.font = _BOLD
    sheet.cell(sheet.max_row, 6).number_format = MONEY
    for column, width in zip("ABCDEF", (5, 60, 14, 16, 10, 18), strict=True):
        sheet.column_dimensions[column].width = width


def counts_line(estimate: Estimate) -> str:
    """'5 đại biểu tham dự, 0 cán bộ phục vụ, 1 buổi, 1 điểm' ('… đã xác nhận tham dự' when
    the count is the Tham dự answers, not set by hand)."""
    factors = estimate.factors
    labels = dict(claims_text.FACTOR_LABELS)
    if "attendees" not in estimate.factors_set_by_hand:
        labels["attendees"] = claims_text.ATTENDEES_CONFIRMED
    return ", ".join(label.format(n=factors.value(name)) for name, label in labels.items())
