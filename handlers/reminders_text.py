"""Wording for /nhac, the reminder messages the dispatcher sends, and snoozing."""

SECTION = "Lịch và nhắc việc"

USAGE = "/nhac <khi nào> <nội dung>"
LIST_USAGE = "/huynhac <số>"
HELP_EXAMPLES = (
    "/nhac 8h sáng mai Gửi báo cáo kết quả TXCT",
    "/nhac 8h thứ 2 hàng tuần Giao ban tổ",
    "/nhac 7h30 ngày 1 hằng tháng Tổng hợp báo cáo tháng",
    "/nhac 30 phút nữa Gọi điện cho UBND xã",
    "/nhac – xem các nhắc việc đang đặt",
)
EXAMPLES = "Ví dụ:\n" + "\n".join(HELP_EXAMPLES[:2])
BAD_TIME = "Trợ lý chưa đọc được thời gian nhắc. " + EXAMPLES
NO_TEXT = "Anh/chị vui lòng ghi nội dung cần nhắc sau thời gian. " + EXAMPLES
PAST = "Thời điểm {when} đã qua. Anh/chị vui lòng chọn thời điểm sắp tới."
TOO_LONG = "Nội dung nhắc quá dài (tối đa {limit} ký tự)."
CREATED = "Đã đặt nhắc việc số {number}: {text}\nTrợ lý sẽ nhắc trong nhóm lúc {when}{repeat}."
REPEAT_SUFFIX = ", sau đó {repeat}"
LIST_HEADER = "Nhắc việc đang đặt của Tổ ({count}):"
LIST_LINE = "{number}. {when} – {text}{repeat}"
LIST_EMPTY = "Tổ chưa đặt nhắc việc nào. " + EXAMPLES
LIST_FOOTER = "Hủy: /huynhac <số>."
NUMBER_MISSING = (
    "Anh/chị vui lòng ghi số nhắc việc cần hủy, ví dụ: /huynhac 2. Xem danh sách: /nhac."
)
NOT_FOUND = "Tổ không có nhắc việc số {number}. Xem danh sách: /nhac."
ALREADY_CANCELLED = "Nhắc việc số {number} đã hủy trước đó."
ALREADY_DONE = "Nhắc việc số {number} đã gửi xong, không còn gì để hủy."
CANCELLED = "Đã hủy nhắc việc số {number}: {text}."
NOT_OWNER = (
    "Chỉ người đặt nhắc việc, chuyên viên, Tổ trưởng hoặc Tổ phó mới hủy được nhắc việc này."
)

# Messages the dispatcher sends.
FREE = "Nhắc việc: {text}"
FREE_REPEAT = "(Nhắc định kỳ {repeat}; hủy: /huynhac {number})"

SNOOZED = "Trợ lý sẽ nhắc lại lúc {time}."
SNOOZED_BEFORE_START = (
    "Lịch bắt đầu lúc {start}, nên Trợ lý sẽ nhắc lại lúc {time} ({margin} phút trước giờ "
    "bắt đầu)."
)
SNOOZE_TOO_LATE = (
    "Lịch bắt đầu lúc {start}, chỉ còn {left} phút, nên Trợ lý không nhắc lại được nữa."
)
SNOOZE_GONE = "Nội dung này đã được hủy hoặc đã hoàn thành, Trợ lý không nhắc lại."
