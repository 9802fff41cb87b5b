"""The group's tasks as an Excel workbook (/ds xuat), built with openpyxl, returned as bytes.

Two sheets: one row per task, and one row per task and assignee (their own part), so a tổ
trưởng can filter by person at the end of a quarter. Times are written in the group's zone
(Excel has no time zones).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

from handlers import tasks_export_text as X
from handlers import tasks_text as T
from handlers.tasks_view import assignee_names, progress, status_text
from storage.tasks import DueState, Task, TaskStatus

MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_DATE_TIME = "dd/mm/yyyy hh:mm"
_DATE = "dd/mm/yyyy"


def _local(moment: datetime | None, zone: ZoneInfo) -> datetime | None:
    return moment.astimezone(zone).replace(tzinfo=None) if moment else None


def _due(task: Task, zone: ZoneInfo) -> tuple[object, str]:
    """The deadline cell and its number format (a date alone when no time was given)."""
    local = _local(task.due_at, zone)
    if local is None:
        return None, "General"
    if task.due_has_time:
        return local, _DATE_TIME
    return local.date(), _DATE


def workbook_bytes(
    group_name: str,
    tasks: Iterable[Task],
    counts: dict[int, dict[str, int]],
    now: datetime,
    zone: ZoneInfo,
) -> bytes:
    """The .xlsx file of `tasks` (open and done), with each task's history counts."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = X.XLSX_SHEET_TASKS
    parts = book.create_sheet(X.XLSX_SHEET_PARTS)
    sheet.append(
        [X.XLSX_TITLE.format(group=group_name, when=f"{now.astimezone(zone):%d/%m/%Y %H:%M}")]
    )
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(list(X.XLSX_TASK_HEADERS))
    parts.append(list(X.XLSX_PART_HEADERS))
    for task in tasks:
        due, due_format = _due(task, zone)
        history = counts.get(task.id, {})
        state = T.STATE_NAMES[task.state(now)] if task.is_open else ""
        sheet.append(
            [
                task.number,
                task.text,
                status_text(task),
                assignee_names(task) if task.assignees else T.LIST_NOBODY,
                progress(task) if task.assignees else "",
                due,
                state if task.state(now) is not DueState.NONE else "",
                task.creator_name,
                _local(task.created_at, zone),
                _local(task.done_at, zone) if task.status is TaskStatus.DONE else None,
                history.get("assigned", 0),
                history.get("due_changed", 0),
                sum(history.values()),
            ]
        )
        row = sheet.max_row
        sheet.cell(row, 6).number_format = due_format
        sheet.cell(row, 9).number_format = _DATE_TIME
        sheet.cell(row, 10).number_format = _DATE_TIME
        for person in task.assignees:
            parts.append(
                [
                    task.number,
                    task.text,
                    person.name,
                    X.XLSX_PART_DONE if person.done else X.XLSX_PART_OPEN,
                    _local(person.done_at, zone),
                    _local(person.assigned_at, zone),
                ]
            )
            parts.cell(parts.max_row, 5).number_format = _DATE_TIME
            parts.cell(parts.max_row, 6).number_format = _DATE_TIME
    for ws, header_row, widths in (
        (sheet, 2, X.XLSX_TASK_WIDTHS),
        (parts, 1, X.XLSX_PART_WIDTHS),
    ):
        for cell in ws[header_row]:
            cell.font = Font(bold=True)
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = ws.cell(header_row + 1, 1)
        last = get_column_letter(len(widths))
        ws.auto_filter.ref = f"A{header_row}:{last}{max(ws.max_row, header_row)}"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
