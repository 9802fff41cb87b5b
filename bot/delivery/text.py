"""Wording the delivery path adds to messages (Vietnamese first)."""

RESEND_NOTE = (
    "(Trợ lý gửi lại tin này sau một sự cố kết nối; nếu anh/chị đã nhận, xin bỏ qua tin này.)"
)
# A button's notice that could no longer be shown to the presser (the press was too old) goes
# to the chat instead, naming the presser.
NOTICE_AS_MESSAGE = "{who}: {notice}"
