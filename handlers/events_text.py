"""Wording for /lich, /huylich, /doilich, attendance (Tham dự / Vắng) and the event reminders."""

SECTION = "Lịch và nhắc việc"

USAGE = "/lich <loại> <khi nào> [tại <địa điểm>] [: nội dung]"
EXAMPLE = (
    "Ví dụ: /lich txct 8h thứ 6 tuần sau tại Nhà văn hóa khu phố 3 : Tiếp xúc cử tri trước kỳ "
    "họp cuối năm\nLoại lịch: txct (tiếp xúc cử tri), giamsat (giám sát), khaosat (khảo sát), "
    "hop (họp Tổ), khac (khác)."
)
UNKNOWN_KIND = "Không có loại lịch “{word}”.\n" + EXAMPLE
NO_TIME = "Anh/chị vui lòng ghi thời gian của lịch.\n" + EXAMPLE
PLACE_NO_TIME = "Anh/chị đã ghi địa điểm nhưng chưa ghi thời gian.\n" + EXAMPLE
PLACE_EMPTY = "Anh/chị vui lòng ghi địa điểm sau chữ “tại”.\n" + EXAMPLE
BAD_TIME = (
    "Trợ lý chưa đọc được thời gian “{text}”. Ví dụ: 8h thứ 6 tuần sau, 14h30 ngày 26/11, "
    "8h sáng mai."
)
NEED_HOUR = "Anh/chị vui lòng ghi giờ bắt đầu, ví dụ: 8h {text}."
PAST = "Thời điểm {when} đã qua. Anh/chị vui lòng kiểm tra lại ngày giờ."
NO_REPEAT = (
    "Lịch của Tổ không lặp lại. Nhắc việc định kỳ dùng /nhac, ví dụ: "
    "/nhac 8h thứ 2 hàng tuần Giao ban tổ."
)
TOO_LONG = "Nội dung hoặc địa điểm quá dài (tối đa {limit} ký tự)."

CREATED = "Đã tạo lịch số {number}: {kind}"
TIME_LINE = "Thời gian: {when}"
PLACE_LINE = "Địa điểm: {place}"
TITLE_LINE = "Nội dung: {title}"
REMINDERS_LINE = "Trợ lý sẽ nhắc trong nhóm: {items}."
REMINDER_ITEM = "{when} (trước {offset})"
NO_REMINDERS = "Lịch đã gần, không còn mốc nhắc nào trước giờ bắt đầu (xem /caidat)."
RSVP_ASK = "Đề nghị các anh/chị xác nhận tham dự bằng nút dưới đây."

LIST_HEADER = "Lịch sắp tới của Tổ ({count}):"
LIST_LINE = "{number}. {when} – {kind}{place}: {title}"
LIST_EMPTY = "Tổ chưa có lịch sắp tới. " + EXAMPLE
LIST_FOOTER = (
    "Xem chi tiết: /lich <số>; hủy: /huylich <số>; dời: /doilich <số> <khi nào>; "
    "tải lịch: /lich ics."
)

DETAIL_HEADER = "Lịch số {number}: {kind}{status}"
CANCELLED_MARK = " (đã hủy)"
ATTEND_YES = "Tham dự ({count}): {names}"
ATTEND_NO = "Vắng ({count}): {names}"
ATTEND_NONE = "Chưa trả lời ({count}): {names}"
REASON = "{name} – lý do: {reason}"
REASON_MISSING = "{name} – chưa nêu lý do"

NUMBER_MISSING = "Anh/chị vui lòng ghi số lịch, ví dụ: {usage}. Xem danh sách: /lich."
NOT_FOUND = "Tổ không có lịch số {number}. Xem danh sách: /lich."
ALREADY_CANCELLED = "Lịch số {number} đã hủy trước đó."
CANCELLED = "Đã hủy lịch số {number}: {kind} lúc {when}. Các nhắc lịch kèm theo cũng đã hủy."
MOVE_USAGE = "/doilich <số> <khi nào>"
MOVED = "Đã dời lịch số {number} ({kind}) sang {when}."
IS_CANCELLED = "Lịch số {number} đã hủy."

RSVP_YES = "Tham dự"
RSVP_NO = "Vắng"
RSVP_YES_DONE = "Đã ghi nhận anh/chị tham dự lịch số {number}."
RSVP_NO_DONE = "Đã ghi nhận anh/chị vắng lịch số {number}."
RSVP_OVER = "Lịch số {number} đã diễn ra, không nhận xác nhận nữa."
REASON_QUESTION = (
    "{who} báo vắng lịch số {number} ({kind}, {when}). Đề nghị anh/chị nhắn lý do vắng mặt "
    "ngay trong nhóm (hoặc trả lời tin nhắn này)."
)
REASON_NOTED = "Đã ghi nhận lý do vắng của {who} (lịch số {number}): {reason}"

REMINDER = "Nhắc lịch: {kind} – lịch số {number}, còn {left}"
REMINDER_COMING = "Đã xác nhận tham dự: {names}"
REMINDER_SILENT = "Chưa xác nhận: {count} người."
REMINDER_PERSONAL = "Anh/chị đã xác nhận tham dự lịch này."
# A promised reminder that will not come (bot/reminders/text.py WITHDRAWN puts these together).
WITHDRAWN_WHAT = "lịch số {number} ({kind})"
WITHDRAWN_STARTED = "lịch đã bắt đầu lúc {time}"
WITHDRAWN_CANCELLED = "lịch đã bị hủy"

ICS_CAPTION = "Lịch sắp tới của {group} ({count} lịch). Mở tệp để thêm vào lịch điện thoại."
ICS_EMPTY = "Tổ chưa có lịch sắp tới để xuất tệp."

# The kinds of event, as shown and as typed (folded spellings).
KIND_NAMES = {
    "txct": "Tiếp xúc cử tri",
    "giamsat": "Giám sát",
    "khaosat": "Khảo sát",
    "hop": "Họp Tổ",
    "khac": "Hoạt động khác",
}
# Folded spellings users type for each kind.
KIND_WORDS = {
    "txct": "txct",
    "tiepxuccutri": "txct",
    "giamsat": "giamsat",
    "gs": "giamsat",
    "khaosat": "khaosat",
    "ks": "khaosat",
    "hop": "hop",
    "hopto": "hop",
    "khac": "khac",
}
