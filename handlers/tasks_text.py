"""Wording for the shared task list (Vietnamese first; plain text, no Markdown, no emoji
except the three button icons)."""

from storage.tasks import DueState

SECTION = "Việc của Tổ"

# -- buttons --------------------------------------------------------------------------------------
BTN_DONE = "✅ Xong"
BTN_DUE = "✏️ Đổi hạn"
BTN_ASSIGN = "👤 Giao"
BTN_PREV = "◀ Trước"
BTN_NEXT = "Sau ▶"
BTN_CONFIRM = "Vẫn tạo"
BTN_CONFIRM_DUE = "Vẫn đổi hạn"
BTN_CANCEL = "Hủy"
BTN_PLUS_DAY = "+1 ngày ({day})"
BTN_PLUS_WEEK = "+1 tuần ({day})"
BTN_FRIDAY = "{when}"
BTN_NO_DUE = "Bỏ hạn"
BTN_ASSIGNED = "{name} – đã giao"
BTN_CLOSE = "Đóng"
BTN_REOPEN = "Mở lại"
BTN_RESTORE = "Khôi phục"
BTN_CLOSE_ALL = "Đóng cho tất cả"
BTN_DELETE = "Xóa"
BTN_KEEP = "Không xóa"
BTN_DONE_NUMBER = "✅ Xong #{number}"
BTN_DUE_NUMBER = "✏️ Đổi hạn #{number}"

# -- usages ---------------------------------------------------------------------------------------
USAGE_NEW = "/viec <nội dung> [@ai …] [hạn <khi nào>]"
USAGE_LIST = "/ds [toi | quahan | @ai | xong | xuat]"
USAGE_DONE = "/xong <số việc> [<số> …]"
USAGE_REOPEN = "/mo <số việc>"
USAGE_ASSIGN = "/giao <số việc> @ai …"
USAGE_TAKE = "/nhan <số việc>"
USAGE_DUE = "/han <số việc> <khi nào>"
USAGE_EDIT = "/sua <số việc> <nội dung mới>"
USAGE_DELETE = "/xoa <số việc> [<số> …]"
USAGE_MINE = "/viectoi"

SUMMARY_NEW = "Tạo việc (giao cho ai, hạn khi nào); /viec <số> xem chi tiết"
SUMMARY_LIST = "Danh sách việc đang mở của Tổ"
SUMMARY_DONE = "Đánh dấu việc (hoặc phần việc của mình) đã xong"
SUMMARY_REOPEN = "Mở lại việc đã xong, hoặc khôi phục việc đã xóa"
SUMMARY_ASSIGN = "Giao việc cho thành viên (người tạo việc, chuyên viên, Tổ trưởng, Tổ phó)"
SUMMARY_TAKE = "Nhận một việc chưa giao cho ai"
SUMMARY_DUE = "Đổi hạn của việc"
SUMMARY_EDIT = "Sửa nội dung của việc"
SUMMARY_DELETE = "Xóa việc khỏi danh sách (hỏi lại trước; vẫn lưu lịch sử)"
SUMMARY_MINE = "Việc của tôi ở tất cả các Tổ, có nút ✅ Xong"
SUMMARIES_EN = {
    "viec": "Create a task; show one",
    "xong": "Mark tasks (your part) done",
    "mo": "Reopen a done task, restore a deleted one",
    "giao": "Assign a task",
    "nhan": "Take an unassigned task",
    "han": "Change a task's deadline",
    "sua": "Edit a task's text",
    "xoa": "Delete tasks (asks first)",
}

EXAMPLES_NEW = (
    "/viec Gửi giấy mời MTTQ xã @hung hạn 17h thứ 6",
    "/viec Tổng hợp kiến nghị cử tri @hung @mai hạn 25/11",
    "/viec Chuẩn bị hội trường @Nguyễn Lan hạn trong tuần – gọi người nhận bằng tên hiển thị"
    " (như Zalo gọi tên)",
    "/viec 5 – xem việc số 5 và lịch sử của nó",
    "Trả lời (reply) một tin nhắn bằng /viec @hung hạn mai – lấy tin đó làm nội dung việc",
)
EXAMPLES_DONE = (
    "/xong 5 – phần việc của anh/chị",
    "/xong 5 6 – nhiều việc một lúc",
    "/xong 5 tatca – đóng việc cho tất cả (người tạo việc, lãnh đạo Tổ)",
)
EXAMPLES_REOPEN = ("/mo 5",)
EXAMPLES_ASSIGN = ("/giao 5 @hung", "/giao 5 Mai Hùng")
EXAMPLES_TAKE = ("/nhan 5",)
EXAMPLES_DUE = ("/han 5 17h thứ 6", "/han 5 25/11", "/han 5 bo – bỏ hạn")
EXAMPLES_EDIT = ("/sua 5 Gửi giấy mời MTTQ và các đoàn thể xã",)
EXAMPLES_DELETE = ("/xoa 5", "/xoa 5 6")
EXAMPLES_LIST = (
    "/ds – việc đang mở",
    "/ds toi – việc của anh/chị",
    "/ds quahan – việc quá hạn",
    "/ds @hung – việc của một người",
    "/ds xong – việc đã xong gần đây",
    "/ds xuat – bảng tính Excel mọi việc của Tổ",
)

# -- states ---------------------------------------------------------------------------------------
STATE_NAMES = {
    DueState.OVERDUE: "Quá hạn",
    DueState.SOON: "Sắp đến hạn",
    DueState.LATER: "Còn hạn",
    DueState.NONE: "Chưa có hạn",
}
STATUS_OPEN = "Đang thực hiện"
STATUS_DONE = "Đã xong"
STATUS_DELETED = "Đã xóa"
PROGRESS = "{done}/{total} xong"

# -- creating -------------------------------------------------------------------------------------
CREATED = "Đã tạo việc #{number}: {text}"
WEEK_AHEAD = (
    "(Hôm nay là {weekday}: Trợ lý hiểu “{words}” là {weekday} tuần sau, {day}. Nếu là hôm nay,"
    " anh/chị gõ /han {number} {today}.)"
)
TIME_IN_TEXT = (
    "(Trợ lý thấy “{words}” trong nội dung nhưng chưa đặt làm hạn. Nếu đó là hạn, anh/chị gõ"
    " /han {number} {words}.)"
)
LINE_ASSIGNEES = "Giao: {names}"
LINE_NO_ASSIGNEE = "Giao: chưa giao cho ai"
LINE_DUE = "Hạn: {when}"
LINE_NO_DUE = "Hạn: chưa có"
NOT_CREATED = "Chưa tạo việc."
NOT_CREATED_MARK = "chưa tạo việc"
TEXT_MISSING = (
    "Anh/chị vui lòng ghi nội dung việc sau lệnh, ví dụ:\n"
    "/viec Gửi giấy mời MTTQ xã @hung hạn 17h thứ 6\n"
    "Hoặc trả lời (reply) một tin nhắn bằng /viec để lấy nội dung tin đó làm việc."
)
TEXT_TOO_LONG = (
    "Nội dung việc quá dài ({length} ký tự). Anh/chị vui lòng rút gọn dưới {limit} ký tự."
)
DUE_UNREADABLE = (
    "Trợ lý chưa đọc được thời hạn “{words}”, nên chưa lưu gì.\n"
    "Anh/chị vui lòng ghi hạn theo cách như: {examples}.\n"
    "Ví dụ: {example_command}"
)
DUE_REFUSED = (
    "Trợ lý chưa đọc được thời hạn “{words}”: {reason}, nên chưa lưu gì.\n"
    "Anh/chị gõ lại theo dạng 8h ngày 5/12, hoặc như: {examples}.\n"
    "Ví dụ: {example_command}"
)
DUE_EMPTY = (
    "Sau chữ “hạn” chưa có thời gian. Anh/chị vui lòng ghi hạn theo cách như: {examples}.\n"
    "Ví dụ: {example_command}"
)
DUE_TWO_MOMENTS = "đây là hai thời điểm (nối bằng “và”), mà hạn của một việc chỉ là một thời điểm"
DUE_REPEATS = (
    "Hạn của một việc là một thời điểm, không lặp lại (“{words}”). Việc định kỳ anh/chị vui lòng "
    "tạo nhắc việc riêng; với việc này, đề nghị ghi một ngày cụ thể, ví dụ: {examples}."
)
EXAMPLE_NEW = "/viec Gửi giấy mời MTTQ xã @hung hạn 17h thứ 6"
EXAMPLE_DUE = "/han {number} 17h thứ 6"
PAST_CREATE = (
    "Hạn “{when}” đã qua. Anh/chị vẫn tạo việc “{text}” với hạn này, hay hủy để gõ lại với hạn "
    "khác?\nChưa có gì được lưu cho đến khi anh/chị chọn."
)
PAST_DUE = (
    "Hạn “{when}” đã qua. Anh/chị vẫn đổi hạn việc #{number} thành thời điểm này, hay hủy để gõ "
    "lại?"
)
FAR_CREATE = " (hạn của việc “{text}”)"
FAR_DUE = " (hạn mới của việc #{number})"
PENDING_CANCELLED = "Đã hủy, chưa có việc nào được tạo hoặc thay đổi."
PENDING_CANCELLED_NOTICE = "Đã hủy."

# -- finding a task -------------------------------------------------------------------------------
NUMBER_MISSING = "Anh/chị vui lòng ghi số việc. Cách dùng: {usage}"
NUMBER_BAD = "“{word}” không phải số việc. Cách dùng: {usage}"
NOT_FOUND = "Không tìm thấy việc #{number} trong Tổ này. Gõ /ds để xem danh sách việc."
NOT_FOUND_BUTTON = "Không tìm thấy việc này trong Tổ."
DELETED_ALREADY = "Việc #{number} đã bị xóa; xem lịch sử: /viec {number}; khôi phục: /mo {number}."
DONE_ALREADY = "Việc #{number} đã xong. Mở lại: /mo {number}."

# -- finishing ------------------------------------------------------------------------------------
PART_DONE = "Đã ghi nhận {name} hoàn thành phần việc #{number}: {text} ({progress})."
TASK_DONE = "Việc #{number} đã hoàn thành: {text}"
PART_ALREADY = "Phần việc #{number} của anh/chị đã ghi nhận xong; đang chờ: {waiting}."
NOT_ASSIGNED = (
    "Việc #{number} không giao cho anh/chị. Chỉ người tạo việc, chuyên viên, Tổ trưởng hoặc "
    "Tổ phó mới đóng được việc này."
)
DONE_ALL_WORDS = ("tatca", "het", "all", "ca")
NOTICE_PART_DONE = "Đã ghi nhận phần việc của anh/chị ({progress})."
NOTICE_TASK_DONE = "Việc #{number} đã hoàn thành."
NOTICE_ASKED = "Còn người chưa xong phần việc: Trợ lý hỏi lại trước khi đóng."
CLOSE_ASK = (
    "Việc #{number}: {text}\nCòn {names} chưa xong phần việc. Anh/chị đóng việc này cho tất "
    "cả?\nChưa có gì thay đổi cho đến khi anh/chị chọn."
)
CLOSE_ASK_MANY = "Anh/chị xác nhận (chưa có gì thay đổi cho đến khi anh/chị chọn):"
CLOSE_ASK_LINE = "• #{number} {text} – đóng cho tất cả; còn {names} chưa xong"
CLOSE_ASK_LINE_PART = "• #{number} {text} – phần việc của anh/chị"
CLOSE_ASK_NOBODY = "không ai"

# -- reopening ------------------------------------------------------------------------------------
REOPENED = "Đã mở lại việc #{number}."
RESTORED = "Đã khôi phục việc #{number}."
PART_REOPENED = "Đã mở lại phần việc #{number} của anh/chị."
ALREADY_OPEN = "Việc #{number} đang thực hiện, không cần mở lại."

# -- assigning ------------------------------------------------------------------------------------
ASSIGN_WHO_MISSING = "Anh/chị vui lòng nêu người được giao. Cách dùng: " + USAGE_ASSIGN
ASSIGNED = "Đã giao việc #{number} cho {names}.\nNgười thực hiện: {all}"
ASSIGNED_NOTHING = "Việc #{number} đã giao cho {names} từ trước.\nNgười thực hiện: {all}"
ASSIGN_PICKER = (
    "Giao việc #{number}: {text}\nNgười thực hiện: {all}\n"
    "Bấm tên để giao hoặc bỏ giao; hoặc gõ /giao {number} @tên."
)
ASSIGN_NOBODY = "chưa có"
ASSIGN_CLOSED = "Việc #{number}: {text}\nNgười thực hiện: {all}"
NOTICE_ASSIGNED = "Đã giao cho {name}."
NOTICE_UNASSIGNED = "Đã bỏ giao {name}."
NOTICE_NOT_MEMBER = "Người này không còn là thành viên của Tổ."
TAKEN = "{name} đã nhận việc #{number}: {text}"
TAKE_ALREADY_YOURS = "Việc #{number} đã giao cho anh/chị."
TAKE_HAS_PEOPLE = (
    "Việc #{number} đã giao cho {names}. Muốn cùng làm, anh/chị đề nghị người tạo việc hoặc "
    "lãnh đạo Tổ giao thêm: /giao {number} @tên."
)
NOTE_ASSIGNED = (
    "{group}: anh/chị được giao việc #{number}: {text}\n{due}\nNgười giao: {by}\n"
    "Khi xong, anh/chị bấm ✅ Xong dưới đây (hoặc gõ /xong {number})."
)

# -- deadlines ------------------------------------------------------------------------------------
DUE_WHEN_MISSING = (
    "Anh/chị vui lòng ghi hạn mới. Cách dùng: " + USAGE_DUE + " (hoặc /han <số> bo để bỏ hạn)."
)
DUE_REMOVE_WORDS = ("bo", "bohan", "khong", "xoa", "none")
DUE_CHANGED = "Đã đổi hạn việc #{number}: {text}\nHạn mới: {when}"
DUE_REMOVED = "Đã bỏ hạn của việc #{number}: {text}"
DUE_PROMPT = (
    "Đổi hạn việc #{number}: {text}\nHạn hiện tại: {current}\n"
    "Anh/chị gõ: /han {number} <khi nào>, ví dụ /han {number} 17h thứ 6; hoặc chọn nhanh:"
)
DUE_CURRENT_NONE = "chưa có"
NOTICE_DUE_CHANGED = "Đã đổi hạn."
QUICK_DUE_PAST = "Thời điểm này đã qua; anh/chị vui lòng chọn lại hoặc gõ /han {number} <khi nào>."

# -- editing --------------------------------------------------------------------------------------
EDITED = "Đã sửa việc #{number}: {text}\n(Nội dung cũ: {old})"
EDIT_TEXT_MISSING = "Anh/chị vui lòng ghi nội dung mới, ví dụ: /sua {number} Gửi giấy mời MTTQ xã"
EDIT_SAME = "Nội dung mới giống nội dung hiện tại của việc #{number}; chưa thay đổi gì."

# -- deleting -------------------------------------------------------------------------------------
DELETE_ASK = (
    "Xóa việc #{number}: {text} khỏi danh sách?\n"
    "Việc vẫn lưu trong lịch sử; khôi phục được bằng /mo {number}."
)
DELETE_ASK_MANY = "Xóa {count} việc khỏi danh sách?"
DELETE_ASK_LINE = "• #{number} {text}"
DELETE_ASK_FOOTER = "Các việc vẫn lưu trong lịch sử; khôi phục được bằng /mo <số>."
DELETED = (
    "Đã xóa việc #{number}: {text} khỏi danh sách (vẫn lưu trong lịch sử; xem: /viec {number}; "
    "khôi phục: /mo {number})."
)

# -- one task -------------------------------------------------------------------------------------
DETAIL_HEADER = "Việc #{number}: {text}"
DETAIL_STATUS = "Trạng thái: {status}"
DETAIL_ASSIGNEES = "Người thực hiện:"
DETAIL_ASSIGNEE_DONE = "• {name} – đã xong ({when})"
DETAIL_ASSIGNEE_OPEN = "• {name} – chưa xong"
DETAIL_CREATOR = "Người tạo: {name}, {when}"
DETAIL_HISTORY = "Lịch sử:"
HISTORY_LINE = "• {when} – {text}"
EVENTS = {
    "created": "{actor} tạo việc",
    "assigned": "{actor} giao cho {user}",
    "unassigned": "{actor} bỏ giao {user}",
    "due_changed": "{actor} đổi hạn: {old} → {new}",
    "part_done": "{actor} hoàn thành phần việc",
    "done": "{actor} đánh dấu việc đã xong",
    "done_by_assignees": "Việc hoàn thành (tất cả người thực hiện đã xong)",
    "reopened": "{actor} mở lại việc",
    "part_reopened": "{actor} mở lại phần việc",
    "deleted": "{actor} xóa việc",
    "restored": "{actor} khôi phục việc",
    "edited": "{actor} sửa nội dung (trước: {old})",
}

# -- lists ----------------------------------------------------------------------------------------
LIST_TITLE_ALL = "Việc đang mở của {group}"
LIST_TITLE_OVERDUE = "Việc quá hạn của {group}"
LIST_TITLE_PERSON = "Việc của {name} ({group})"
LIST_TITLE_DONE = "Việc đã xong gần đây của {group}"
LIST_COUNT = "{total} việc"
LIST_PAGE = "Trang {page}/{pages} · {total} việc"
LIST_SUMMARY = "Quá hạn: {overdue} · Sắp đến hạn: {soon}"
LIST_SECTION = "{name} ({count})"
LIST_LINE = "#{number} {text}"
LIST_DETAIL = "   {who} · {due}"
LIST_DONE_DETAIL = "   Xong {when} ({who})"
LIST_NOBODY = "chưa giao"
LIST_EMPTY_ALL = "Tổ chưa có việc nào đang mở. Tạo việc: " + USAGE_NEW + "\nVí dụ: " + EXAMPLE_NEW
LIST_EMPTY_OVERDUE = "Không có việc nào quá hạn."
LIST_EMPTY_PERSON = "{name} không có việc nào đang mở."
LIST_EMPTY_DONE = "Chưa có việc nào hoàn thành."
LIST_FOOTER = "Xem chi tiết: /viec <số>. Đánh dấu xong: /xong <số>."
LIST_FILTER_UNKNOWN = (
    "Trợ lý chưa hiểu bộ lọc “{word}”. Cách dùng: " + USAGE_LIST + "\n"
    "toi: việc của tôi; quahan: việc quá hạn; @ai: việc của một người; xong: việc đã xong; "
    "xuat: tải bảng tính Excel."
)
TEXT_CUT = "…"

MINE_TITLE = "Việc của anh/chị {name} ({count} việc):"
MINE_PAGE = "Trang {page}/{pages}"
MINE_GROUP = "{group}"
MINE_EMPTY = "Anh/chị không có việc nào đang mở ở các Tổ."
MINE_NO_GROUPS = (
    "Anh/chị chưa thuộc Tổ nào. Trợ lý ghi nhận thành viên khi anh/chị nhắn tin trong nhóm "
    "chat của Tổ."
)

# Deadline reminders the dispatcher sends.
TASK_BEFORE = "Nhắc hạn công việc: việc số {number} “{text}” đến hạn {when}."
TASK_AT = "Đến hạn công việc: việc số {number} “{text}” (hạn {when})."
TASK_OVERDUE = "Công việc quá hạn: việc số {number} “{text}” (hạn {when}) chưa hoàn thành."
TASK_OVERDUE_CREATOR = (
    "Công việc anh/chị giao đã quá hạn: việc số {number} “{text}” (hạn {when}); "
    "người thực hiện: {people}."
)

# -- /viectoi -------------------------------------------------------------------------------------
MINE_TITLE_HERE = "Việc của anh/chị {name} ở {group} ({count} việc):"
MINE_EMPTY_HERE = "Anh/chị {name} không có việc nào đang mở ở Tổ này."
MINE_SENT_PRIVATELY = (
    "Anh/chị {name} có {count} việc đang mở; Trợ lý đã gửi danh sách qua tin nhắn riêng."
)
