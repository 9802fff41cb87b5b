"""Wording for linking accounts and chats across platforms, /kenh, and Zalo registration."""

SECTION = "Liên kết Telegram – Zalo"

PLATFORM_NAMES = {"telegram": "Telegram", "zalo": "Zalo"}
USAGE_LINK = "/lienket [mã | huy]"
SUMMARY_LINK = "Liên kết tài khoản (hoặc nhóm chat) Telegram và Zalo bằng mã một lần"
USAGE_CHANNEL = "/kenh <zalo|telegram|tudong>"
SUMMARY_CHANNEL = "Chọn nơi nhận nhắc việc cá nhân"

PERSON_CODE = (
    "Mã liên kết của anh/chị: {code}\n"
    "Mã dùng một lần, hết hạn sau 15 phút. Anh/chị mở {other}, nhắn riêng cho Trợ lý:\n"
    "/lienket {code}\n"
    "Sau khi liên kết, công việc, vai trò và nhắc việc của anh/chị là một, dù dùng ứng dụng nào."
)
ALREADY_BOTH = (
    "Tài khoản {here} của anh/chị đã liên kết với {other}. Gõ /lienket huy để gỡ liên kết "
    "(dữ liệu vẫn được giữ nguyên)."
)
LINKED = (
    "Đã liên kết tài khoản {here} này với tài khoản {other} của anh/chị. Từ nay công việc, vai "
    "trò và nhắc việc là một trên cả hai ứng dụng; nhắc việc cá nhân gửi tới nơi anh/chị nhắn "
    "Trợ lý gần nhất (đổi bằng /kenh)."
)
UNLINKED = (
    "Đã gỡ liên kết tài khoản {other}. Dữ liệu của Tổ vẫn được giữ nguyên, gắn với tài khoản "
    "{owner}."
)
NOTHING_TO_UNLINK = "Tài khoản này chưa liên kết với ứng dụng nào khác."
CODE_UNKNOWN = (
    "Mã {code} không đúng. Anh/chị kiểm tra lại, hoặc gõ /lienket ở ứng dụng kia để lấy mã mới."
)
CODE_EXPIRED = (
    "Mã {code} đã hết hạn (mã dùng được 15 phút). Anh/chị gõ /lienket ở ứng dụng kia để lấy "
    "mã mới."
)
CODE_USED = "Mã {code} đã được dùng. Mỗi mã chỉ dùng một lần; anh/chị lấy mã mới bằng /lienket."
CODE_SAME_PLATFORM = (
    "Mã {code} được tạo trên {here}, nên cần gõ trên ứng dụng kia ({other}), trong tin nhắn "
    "riêng với Trợ lý."
)
CODE_PERSON_IN_GROUP = (
    "Mã {code} là mã liên kết tài khoản: anh/chị gõ mã này trong tin nhắn riêng với Trợ lý, "
    "không gõ trong nhóm."
)
CODE_GROUP_IN_PRIVATE = (
    "Mã {code} là mã gắn nhóm chat: anh/chị gõ /lienket {code} trong nhóm chat cần gắn vào Tổ "
    "(trên Zalo, nhắc tên Trợ lý trước lệnh)."
)
CODE_INVITE_HERE = "Mã {code} là mã mời đăng ký Tổ: gõ /dangky {code} <tên Tổ> trong nhóm Zalo."
LOCKED_OUT = (
    "Anh/chị đã nhập sai mã nhiều lần. Vì an toàn, Trợ lý tạm không nhận mã trong 15 phút."
)
LINK_SAME_PLATFORM = "Hai tài khoản cùng trên {here}: mã liên kết phải gõ trên ứng dụng kia."
LINK_JOINER_LINKED = (
    "Tài khoản {here} này đã liên kết với một tài khoản khác. Gõ /lienket huy để gỡ trước, rồi "
    "dùng mã lại (mã vẫn còn hạn nếu chưa quá 15 phút)."
)
LINK_PLATFORM_TAKEN = (
    "Người tạo mã đã liên kết với một tài khoản {here} khác. Mỗi người liên kết được một tài "
    "khoản trên mỗi ứng dụng; gỡ liên kết cũ trước (/lienket huy)."
)
GROUP_CODE = (
    "Mã gắn nhóm của {group}: {code}\n"
    "Mã dùng một lần, hết hạn sau 15 phút. Trong nhóm chat {other} của Tổ, nhắc tên Trợ lý và "
    "gõ: /lienket {code}\n"
    "Sau đó việc, lịch và nhắc việc của Tổ dùng chung ở cả hai nhóm."
)
GROUP_BOUND = (
    "Đã gắn nhóm chat này với {group}. Việc, lịch và nhắc việc của Tổ dùng chung với nhóm "
    "{other}; ai trong nhóm này nhắn Trợ lý sẽ được ghi nhận là thành viên."
)
GROUP_ALREADY_THIS = "Nhóm chat này đã thuộc {group}."
GROUP_OTHER = "Nhóm chat này đã thuộc một Tổ khác ({group}); mỗi nhóm chat chỉ thuộc một Tổ."
GROUP_PLATFORM_TAKEN = (
    "{group} đã có một nhóm chat {here} khác. Mỗi Tổ gắn được một nhóm trên mỗi ứng dụng."
)
GROUP_CODE_WHERE = (
    "Gõ /lienket (không kèm mã) trong nhóm chat của Tổ đã đăng ký để lấy mã gắn nhóm, hoặc "
    "/lienket <mã> trong nhóm cần gắn."
)
CHANNEL_SET = "Từ nay nhắc việc cá nhân gửi tới anh/chị qua {platform}."
CHANNEL_AUTO = "Từ nay nhắc việc cá nhân gửi tới nơi anh/chị nhắn riêng cho Trợ lý gần nhất."
CHANNEL_NOT_LINKED = (
    "Anh/chị chưa có tài khoản {platform} liên kết với Trợ lý. Gõ /lienket để liên kết trước."
)
CHANNEL_UNKNOWN = "Anh/chị chọn một trong: /kenh zalo, /kenh telegram, /kenh tudong."
CHANNEL_SHOW = "Nhắc việc cá nhân hiện gửi qua: {platform}. Đổi bằng " + USAGE_CHANNEL + "."
CHANNEL_NONE = "chưa có (anh/chị nhắn riêng cho Trợ lý một lần để nhận nhắc việc)"

NEED_INVITE = (
    "Ứng dụng này không cho Trợ lý biết ai quản trị nhóm, nên đăng ký Tổ cần mã mời của quản "
    "trị hệ thống (lệnh todaibieu invite trên máy chủ). Cú pháp: /dangky <mã mời> <tên Tổ>.\n"
    "Nếu Tổ đã có nhóm Telegram, gõ /lienket trong nhóm Telegram để lấy mã gắn nhóm."
)
INVITE_USED_NAME_MISSING = "Anh/chị vui lòng ghi tên Tổ sau mã mời: /dangky <mã mời> <tên Tổ>."
