"""Wording shared by every feature (Vietnamese first; the register follows shared/domain.md)."""

UNKNOWN_COMMAND = "Trợ lý chưa hiểu lệnh /{name}. Anh/chị gõ /help để xem danh sách lệnh."
UNKNOWN_COMMAND_GUESS = (
    "Trợ lý chưa hiểu lệnh /{name}. Có phải anh/chị muốn dùng /{guess}?\nCách dùng: {usage}"
)
GROUP_ONLY = (
    "Lệnh /{name} dùng trong nhóm chat của Tổ đại biểu. Anh/chị vui lòng gõ lệnh này trong nhóm."
)
NO_GROUP_YET = (
    "Lệnh /{name} dùng trong nhóm chat của Tổ đại biểu, hoặc nhắn riêng ở đây khi Trợ lý đã ghi "
    "nhận anh/chị là thành viên của Tổ: anh/chị nhắn một tin (hoặc gõ /start) trong nhóm của Tổ "
    "trước."
)
PRIVATE_ONLY = "Lệnh /{name} dùng khi nhắn riêng với Trợ lý. Anh/chị vui lòng mở tin nhắn riêng."
GROUP_NOT_REGISTERED = (
    "Nhóm này chưa đăng ký Tổ đại biểu. Quản trị viên nhóm gõ /dangky <tên Tổ>, ví dụ:\n"
    "/dangky Tổ đại biểu số 3 – phường Tân Lập"
)
ANONYMOUS_SENDER = (
    "Anh/chị đang gửi tin ẩn danh với tư cách quản trị viên nhóm nên Trợ lý không biết ai đang "
    "yêu cầu. Vui lòng tắt “Gửi ẩn danh” (Remain anonymous) trong quyền quản trị rồi gõ lại lệnh."
)
BUTTON_EXPIRED = "Nút này không còn hiệu lực."
TOO_LONG = "Nội dung quá dài ({length} ký tự). Anh/chị vui lòng rút gọn dưới {limit} ký tự."
CONTROL_CHARS = (
    "Nội dung có ký tự điều khiển không hợp lệ. Anh/chị vui lòng gõ lại bằng văn bản thông thường."
)
USAGE = "Cách dùng: {usage}"
INTERNAL_ERROR = (
    "Xin lỗi, Trợ lý gặp sự cố khi xử lý yêu cầu này. Anh/chị vui lòng thử lại sau ít phút; "
    "nếu vẫn lỗi, đề nghị báo Văn phòng."
)
PICK_GROUP = "Anh/chị là thành viên của nhiều Tổ. Lệnh /{name} dùng cho Tổ nào?"
PICKED = "/{name} – {group}"
QUESTION_GONE = "Yêu cầu này đã được xử lý hoặc không còn hiệu lực."
QUESTION_NOT_YOURS = "Chỉ người gửi yêu cầu mới xác nhận được."
QUESTION_TOO_OLD = (
    "Câu hỏi này đã quá 24 giờ nên không còn hiệu lực; anh/chị vui lòng gõ lại lệnh."
)
HELP_ONE = "{usage}\n{summary}"
HELP_ALIASES = "Tên khác: {names}"
HELP_EXAMPLES = "Ví dụ:"
GROUP_NOT_REGISTERED_INVITE = (
    "Nhóm này chưa đăng ký Tổ đại biểu. Đăng ký cần mã mời của quản trị hệ thống: "
    "/dangky <mã mời> <tên Tổ>. Nếu Tổ đã có nhóm trên ứng dụng khác, gõ /lienket trong nhóm đó "
    "để lấy mã gắn nhóm, rồi gõ /lienket <mã> ở đây."
)
