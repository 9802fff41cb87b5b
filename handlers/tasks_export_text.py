"""Wording of the task spreadsheet (/ds xuat): its caption, sheets and columns."""

from handlers.tasks_text import USAGE_NEW

XLSX_CAPTION = "Danh sách việc của {group} ({count} việc, cả việc đã xong), dạng bảng tính Excel."
XLSX_EMPTY = "Tổ chưa có việc nào để xuất bảng tính. Tạo việc: " + USAGE_NEW
XLSX_SHEET_TASKS = "Việc"
XLSX_SHEET_PARTS = "Người thực hiện"
XLSX_TITLE = "Danh sách việc của {group} (xuất lúc {when})"
XLSX_TASK_HEADERS = (
    "Số",
    "Nội dung",
    "Trạng thái",
    "Người thực hiện",
    "Tiến độ",
    "Hạn",
    "Tình trạng hạn",
    "Người tạo",
    "Ngày tạo",
    "Ngày xong",
    "Số lần giao",
    "Số lần đổi hạn",
    "Số dòng lịch sử",
)
XLSX_TASK_WIDTHS = (6, 50, 22, 30, 10, 17, 15, 20, 17, 17, 11, 14, 15)
XLSX_PART_HEADERS = (
    "Số việc",
    "Nội dung",
    "Người thực hiện",
    "Phần việc",
    "Ngày xong",
    "Ngày được giao",
)
XLSX_PART_WIDTHS = (8, 50, 25, 12, 17, 17)
XLSX_PART_DONE = "Đã xong"
XLSX_PART_OPEN = "Chưa xong"
