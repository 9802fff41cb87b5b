"""Wording for registration, members, roles, /start and /help."""

from storage.models import Role

SECTION = "Tổ và thành viên"

ROLE_NAMES = {
    Role.CHUYEN_VIEN: "Chuyên viên",
    Role.TO_TRUONG: "Tổ trưởng",
    Role.TO_PHO: "Tổ phó",
    Role.DAI_BIEU: "Đại biểu",
    Role.THANH_VIEN: "Thành viên",
}

WELCOME_PRIVATE = (
    "Kính chào anh/chị {name}. Trợ lý Tổ đại biểu hỗ trợ các Tổ đại biểu HĐND và chuyên viên "
    "giúp việc:"
)
WELCOME_SECTION = "• {section}: {commands}"
WELCOME_HELP = (
    "Các lệnh về việc, lịch và nhắc việc dùng được ngay trong tin nhắn riêng này cho Tổ của "
    "anh/chị. Gõ /help để xem mọi lệnh, /help <lệnh> để xem ví dụ."
)
START_IN_GROUP = (
    "Kính chào anh/chị {name}. Trợ lý đang giúp {group} theo dõi việc, lịch và nhắc việc. "
    "Gõ /help để xem các lệnh; nhắn riêng cho Trợ lý và bấm Start để nhận nhắc việc cá nhân."
)
HELP_UNKNOWN = "Không có lệnh /{name}.{hint} Gõ /help để xem danh sách lệnh."
HELP_GUESS = " Có phải anh/chị muốn xem /{guess}?"
YOUR_GROUPS = "Anh/chị đang là thành viên của:"
YOUR_GROUP_LINE = "• {group} ({role})"
NO_GROUPS = (
    "Anh/chị chưa thuộc Tổ nào. Đề nghị thêm Trợ lý vào nhóm chat của Tổ và gõ /dangky <tên Tổ>."
)
# Where the platform cannot say who administers a group (Zalo), registering takes an invitation.
NO_GROUPS_INVITE = (
    "Anh/chị chưa thuộc Tổ nào. Đề nghị thêm Trợ lý vào nhóm chat của Tổ và gõ "
    "/dangky <mã mời> <tên Tổ> (mã mời do quản trị hệ thống cấp), hoặc gắn nhóm với Tổ đã có "
    "bằng /lienket."
)
DM_READY = "Từ nay Trợ lý sẽ gửi nhắc việc cá nhân cho anh/chị qua tin nhắn riêng này."
HELP_HEADER = "Trợ lý Tổ đại biểu – các lệnh:"
HELP_FOOTER = (
    "Lệnh gõ được cả không dấu. Ví dụ: /dangky Tổ đại biểu số 3 – phường Tân Lập; "
    "/vaitro @hung totruong."
)

GREETING_NEW_GROUP = (
    "Kính chào các anh/chị. Trợ lý Tổ đại biểu đã tham gia nhóm: Trợ lý giúp theo dõi công việc, "
    "lịch tiếp xúc cử tri, giám sát, họp Tổ và nhắc việc của Tổ.\n"
    "Đề nghị quản trị viên nhóm gõ /dangky <tên Tổ> để bắt đầu, ví dụ:\n"
    "/dangky Tổ đại biểu số 3 – phường Tân Lập"
)
BACK_IN_GROUP = "Trợ lý đã trở lại nhóm của {group}. Dữ liệu của Tổ vẫn được giữ nguyên."
NAME_MISSING = (
    "Anh/chị vui lòng ghi tên Tổ sau lệnh, ví dụ:\n/dangky Tổ đại biểu số 3 – phường Tân Lập"
)
NAME_TOO_LONG = "Tên Tổ quá dài (tối đa {limit} ký tự)."
REGISTERED = (
    "Đã đăng ký {group}. Anh/chị {name} là chuyên viên giúp việc của Tổ.\n"
    "Tiếp theo: gõ /vaitro @tên totruong để phân Tổ trưởng; /thanhvien để xem thành viên; "
    "/help để xem các lệnh."
)
RENAMED = "Đã đổi tên Tổ thành: {group}."
ALREADY_REGISTERED = "Nhóm này đã đăng ký là {group}."

MEMBERS_HEADER = "Thành viên {group} ({count} người):"
MEMBER_LINE = "{index}. {name}{username} – {role}"
# Telegram bots cannot list a group's members: the bot learns people as they write or join.
# With privacy mode on (the default) it only sees commands, hence "/start" in the advice.
MEMBERS_NOTE = (
    "Trợ lý chỉ biết những người đã nhắn tin hoặc mới vào nhóm từ khi Trợ lý có mặt. Ai chưa có "
    "trong danh sách, đề nghị {how}."
)
# How someone the bot does not know yet makes it see them (people.how_to_be_known).
HOW_START = "gõ /start trong nhóm"
# Zalo shows a group message to the bot only when it mentions the bot or replies to it.
HOW_MENTION = "nhắn một tin trong nhóm có gọi Trợ lý (gõ @ rồi chọn Trợ lý), ví dụ “@Trợ lý start”"

ROLE_USAGE = "/vaitro @tên <chuyenvien|totruong|topho|daibieu>"
ROLE_EXAMPLES = (
    "/vaitro @hung totruong",
    "/vaitro Hùng tổ trưởng – gõ tên cũng được",
    "Trả lời (reply) tin nhắn của người đó bằng /vaitro topho",
)
ROLE_UNKNOWN = (
    "Không có vai trò “{word}”. Vai trò hợp lệ: chuyenvien (Chuyên viên), totruong (Tổ trưởng), "
    "topho (Tổ phó), daibieu (Đại biểu)."
)
ROLE_WHO_MISSING = (
    "Anh/chị vui lòng nêu người được phân vai trò: /vaitro @tên totruong, hoặc trả lời tin nhắn "
    "của người đó bằng /vaitro totruong."
)
NOT_A_MEMBER_NAME = (
    "{who} chưa có trong danh sách thành viên của Tổ. Đề nghị người đó {how} để Trợ lý ghi nhận."
)
ROLE_SET = "Đã phân {name} làm {role} của {group}."
ROLE_SET_REPLACED = "Đã phân {name} làm {role} của {group} (thay {previous})."
NO_SUCH_NAME = (
    "Không tìm thấy thành viên tên “{name}” trong Tổ. Xem danh sách: /thanhvien; hoặc ghi @tên."
)
SEVERAL_NAMED = (
    "Có {count} thành viên tên “{name}”: {who}. Anh/chị vui lòng ghi rõ họ tên hoặc @tên."
)
ROLE_ALREADY = "{name} đã là {role}; chưa thay đổi gì."
ROLE_WHICH = "Có {count} thành viên tên “{name}”. Anh/chị phân vai trò {role} cho ai?"
ROLE_PICK_GONE = "Người này không còn là thành viên của Tổ."
LAST_SPECIALIST = (
    "{name} là chuyên viên duy nhất của Tổ. Tổ luôn cần ít nhất một chuyên viên: anh/chị vui lòng "
    "phân chuyên viên khác trước (/vaitro @tên chuyenvien), rồi mới đổi vai trò của {name}."
)
ROLE_LOWER_ASK = (
    "Anh/chị đang là {mine}. Sau thay đổi này ({name} làm {role}), anh/chị sẽ mất một số quyền "
    "trong Tổ. Anh/chị xác nhận?"
)
ROLE_KEPT = "Đã hủy, vai trò giữ nguyên."
BTN_CONFIRM = "Xác nhận"
BTN_CANCEL = "Hủy"
