"""Wording for /hoantac (undo)."""

SECTION = "Tổ và thành viên"
USAGE = "/hoantac"
SUMMARY = "Hoàn tác thay đổi gần nhất của anh/chị (trong {minutes} phút)"
EXAMPLES = ("/hoantac – Trợ lý nêu thay đổi gần nhất, anh/chị bấm Hoàn tác để xác nhận",)

NOTHING = (
    "Trong {minutes} phút qua anh/chị chưa có thay đổi nào ở Tổ này để hoàn tác. Việc cũ hơn: "
    "mở lại bằng /mo <số>, đổi hạn bằng /han, sửa bằng /sua."
)
ASK = "Thay đổi gần nhất của anh/chị ({ago}): {what}.\nAnh/chị muốn hoàn tác (trả lại như trước)?"
AGO_NOW = "vừa xong"
AGO_MINUTES = "{minutes} phút trước"
BTN_UNDO = "Hoàn tác"
BTN_KEEP = "Giữ nguyên"
KEPT = "Đã giữ nguyên, không hoàn tác."
DONE = "Đã hoàn tác: {what}."
GONE = "Thay đổi này đã được hoàn tác hoặc không còn hiệu lực."
TOO_OLD = "Thay đổi này đã quá lâu để hoàn tác; anh/chị vui lòng sửa trực tiếp."
CHANGED_SINCE = (
    "{what} đã thay đổi sau đó, nên Trợ lý không hoàn tác được; anh/chị vui lòng sửa trực tiếp."
)

# What each change was, in words.
TASK_CREATED = "tạo việc #{number}: {text}"
TASK_DELETED = "xóa việc {numbers}"
TASK_EDITED = "sửa nội dung việc #{number} (từ “{old}” thành “{new}”)"
TASK_PART_DONE = "ghi nhận xong phần việc #{number}"
TASK_CLOSED = "đóng việc #{number}"
TASK_RESTORED = "khôi phục việc #{number}"
TASK_REOPENED = "mở lại việc #{number}"
TASK_PART_REOPENED = "mở lại phần việc #{number}"
TASK_ASSIGNED = "giao việc #{number} cho {names}"
TASK_DUE = "đổi hạn việc #{number} (từ {old} sang {new})"
TASK_SUBJECT = "Việc #{number}"
EVENT_CREATED = "tạo lịch số {number} ({kind}, {when})"
EVENT_CANCELLED = "hủy lịch số {number} ({kind}, {when})"
EVENT_RESTORED = "khôi phục lịch số {number} ({kind}, {when})"
EVENT_MOVED = "dời lịch số {number} từ {old} sang {new}"
EVENT_EDITED = "sửa địa điểm, nội dung lịch số {number}"
EVENT_SUBJECT = "Lịch số {number}"
EVENT_PAST = "Lịch số {number} đã qua giờ bắt đầu, không khôi phục được."
ROLE_SET = "phân {name} làm {role} (trước đó: {old})"
ROLE_SUBJECT = "Vai trò của {name}"
SEVERAL = "; "
