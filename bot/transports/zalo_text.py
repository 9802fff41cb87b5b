"""Wording the Zalo transport adds (Vietnamese first): numbered choices, files, odd messages."""

CHOICES_HEADER = "Anh/chị trả lời bằng số:"
CHOICE_LINE = "{number}. {label}"
NO_CHOICE_WAITING = (
    "Trợ lý không có lựa chọn nào đang chờ anh/chị trả lời bằng số. Anh/chị gõ /help để xem "
    "các lệnh."
)
CHOICE_EXPIRED = "Lựa chọn trước đã hết hạn. Anh/chị vui lòng gõ lại lệnh để Trợ lý hỏi lại."
CHOICE_OUT_OF_RANGE = "Không có lựa chọn số {number}. Anh/chị chọn từ 1 đến {count}."
FILE_LINK = "Tệp {name}: {url}\n(Đường dẫn dùng được đến {expires}.)"
FILE_SENT_ELSEWHERE = (
    "Zalo chưa cho phép Trợ lý gửi tệp: tệp {name} đã được gửi vào {platform} của anh/chị."
)
FILE_NOT_SENT = (
    "Zalo chưa cho phép Trợ lý gửi tệp {name}. Anh/chị liên kết tài khoản Telegram (/lienket) "
    "để nhận tệp ở đó."
)
ONLY_TEXT = "Trợ lý chỉ đọc được tin nhắn chữ. Anh/chị vui lòng gõ lệnh, ví dụ /help."
NOTICE = "{text}"
