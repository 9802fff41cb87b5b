"""Wording for /lich, /huylich, /doilich, attendance (Tham dự / Vắng) and the event reminders."""

SECTION = "Lịch và nhắc việc"

USAGE = "/lich <loại> <khi nào> [tại <địa điểm>] [: nội dung]"
EXAMPLE = (
    "Ví dụ: /lich txct 8h thứ 6 tuần sau tại Nhà văn hóa khu phố 3 : Tiếp xúc cử tri trước kỳ "
    "họp cuối năm\nLoại lịch (gõ mã hoặc chữ): txct (tiếp xúc cử tri), giamsat (giám sát), "
    "khaosat (khảo sát), hop (họp Tổ), khac (khác)."
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
LIST_LINE = "{number}. {when} – {kind}{place}{title}"  # title: ": …" or ""
LIST_EMPTY = "Tổ chưa có lịch sắp tới. " + EXAMPLE
LIST_FOOTER = (
    "Xem chi tiết: /lich <số>; hủy: /huylich <số>; dời: /doilich <số> <khi nào>; "
    "sửa địa điểm, nội dung: /sualich <số>; tải lịch: /lich ics."
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
CANCELLED = (
    "Đã hủy lịch số {number}: {kind} lúc {when}. Các nhắc lịch kèm theo cũng đã hủy.\n"
    "Nếu hủy nhầm: /hoantac, hoặc /lich {number} rồi bấm Khôi phục lịch."
)
BTN_RESTORE = "Khôi phục lịch"
RESTORED = "Đã khôi phục lịch số {number}: {kind}"
NOT_CANCELLED = "Lịch số {number} đang hoạt động, không cần khôi phục."
RESTORE_PAST = "Lịch số {number} đã qua giờ bắt đầu, không khôi phục được."
MOVE_USAGE = "/doilich <số> <khi nào> [tại <địa điểm>] [: nội dung]"
MOVED = "Đã dời lịch số {number} ({kind}) sang {when}."
IS_CANCELLED = "Lịch số {number} đã hủy."

RSVP_YES = "Tham dự"
RSVP_NO = "Vắng"
RSVP_YES_DONE = "Đã ghi nhận anh/chị tham dự lịch số {number}."
RSVP_NO_DONE = "Đã ghi nhận anh/chị vắng lịch số {number}."
RSVP_OVER = "Lịch số {number} đã diễn ra, không nhận xác nhận nữa."
REASON_QUESTION = (
    "{who} báo vắng lịch số {number} ({kind}, {when}). Đề nghị anh/chị cho biết lý do vắng "
    "mặt: bấm Trả lời (Reply) vào tin nhắn này và ghi lý do, hoặc nhắn “Lý do: …” trong nhóm."
)
REASON_QUESTION_PRIVATE = (
    "{group}: anh/chị báo vắng lịch số {number} ({kind}, {when}). Đề nghị anh/chị cho biết lý "
    "do: bấm Trả lời (Reply) vào tin nhắn này và ghi lý do, hoặc nhắn “Lý do: …”."
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
    "tiepxuc": "txct",
    "giamsat": "giamsat",
    "gs": "giamsat",
    "khaosat": "khaosat",
    "ks": "khaosat",
    "hop": "hop",
    "hopto": "hop",
    "cuochop": "hop",
    "khac": "khac",
    "hoatdongkhac": "khac",
}

EXAMPLES = (
    "/lich txct 8h thứ 6 tuần sau tại Nhà văn hóa khu phố 3 : Tiếp xúc cử tri trước kỳ họp",
    "/lich giám sát 14h ngày 26/11 tại UBND xã : Giám sát việc giải quyết kiến nghị",
    "/lich họp tổ 8h30 thứ 2",
    "/lich – lịch sắp tới; /lich 2 – xem lịch số 2 và ai tham dự",
    "/lich ics – tải lịch về điện thoại",
)
SAME_TIME = "Lưu ý: trùng giờ với {items}."
SAME_TIME_ITEM = "lịch số {number} ({kind}, {when})"
OLD_ANSWERS = "Trả lời cho giờ cũ (không còn tính): {items}"
OLD_ANSWER = "{name} – {answer} ({when})"

CANCEL_ASK = (
    "Hủy lịch số {number}: {kind} lúc {when}? Các nhắc lịch kèm theo cũng sẽ hủy.\n"
    "Chưa có gì thay đổi cho đến khi anh/chị chọn."
)
BTN_CANCEL_EVENT = "Hủy lịch"
BTN_KEEP = "Không hủy"
CANCEL_KEPT = "Đã giữ nguyên lịch, không hủy."
CANCEL_GONE = "Lịch này không còn trong Tổ."

MOVE_EXAMPLES = (
    "/doilich 2 8h thứ 6 tuần sau",
    "/doilich 2 14h ngày 27/11 tại Hội trường UBND xã",
    "/doilich 2 8h thứ 2 tại Nhà văn hóa : Tiếp xúc cử tri sau kỳ họp",
)
ASK_AGAIN = "Lịch đã đổi giờ: đề nghị các anh/chị xác nhận lại tham dự bằng nút dưới đây."
ASK_AGAIN_NAMED = (
    "Lịch đã đổi giờ: đề nghị các anh/chị xác nhận lại tham dự bằng nút dưới đây (đã xác nhận "
    "cho giờ cũ: {names})."
)

EDIT_USAGE = "/sualich <số> [tại <địa điểm>] [: nội dung]"
EDIT_EXAMPLES = (
    "/sualich 2 tại Hội trường UBND xã",
    "/sualich 2 : Giám sát việc giải quyết kiến nghị cử tri",
    "/sualich 2 tại Nhà văn hóa khu phố 3 : Tiếp xúc cử tri trước kỳ họp",
)
EDITED = "Đã sửa lịch số {number}: {kind}"
EDIT_NOTHING = (
    "Anh/chị vui lòng ghi địa điểm hoặc nội dung mới, ví dụ: /sualich {number} tại Hội trường "
    "UBND xã, hoặc /sualich {number} : Nội dung mới."
)
EDIT_UNCLEAR = (
    "Trợ lý chưa rõ phần nào là địa điểm, phần nào là nội dung. Ví dụ: /sualich {number} tại "
    "Hội trường UBND xã : Nội dung mới."
)
EDIT_LOOKS_LIKE_TIME = (
    "“{text}” là thời gian; để dời lịch, anh/chị gõ /doilich {number} {text}. Để ghi đó là nội "
    "dung, gõ /sualich {number} : {text}."
)
EDIT_SAME = "Lịch số {number} đã có địa điểm và nội dung này; chưa thay đổi gì."
