"""Wording shared by every command that reads a time (/viec … hạn, /han, /lich, /doilich,
/nhac): the question back when a time cannot be read, and the question about a missing year."""

UNREADABLE = (
    "Trợ lý chưa đọc được thời gian “{words}”: {reason}.\n"
    "Anh/chị gõ lại theo dạng 8h ngày 5/12 (hoặc 14h30 thứ 6 tuần sau); Trợ lý chưa lưu gì."
)
YEAR_QUESTION = (
    "Anh/chị ghi “{words}” không kèm năm. Ý anh/chị là {when}?{detail}\n"
    "Chưa có gì được lưu cho đến khi anh/chị chọn; nếu không phải, bấm Hủy rồi gõ lại kèm năm."
)
BTN_YES = "Đúng, {day}"
BTN_CANCEL = "Hủy"
CANCELLED = "Đã hủy, chưa có gì được lưu. Anh/chị gõ lại lệnh với ngày kèm năm, ví dụ 20/11/2026."
CANCELLED_NOTICE = "Đã hủy."
