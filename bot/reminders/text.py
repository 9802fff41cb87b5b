"""Wording the engine itself adds to reminders (Vietnamese first): late and resend marks,
"Nhắc lại", and the list of reminders missed while the bot was down."""

from __future__ import annotations

from datetime import timedelta

AGAIN = "Nhắc lại – "
SNOOZE_LABEL = "Nhắc lại sau 1 giờ"
RESEND_NOTE = (
    "(Trợ lý gửi lại nhắc việc này sau một sự cố; nếu anh/chị đã nhận, xin bỏ qua tin này.)"
)
MISSED_HEADER = (
    "Trong thời gian Trợ lý ngừng hoạt động, {count} nhắc việc của {group} đã quá {hours} giờ "
    "nên Trợ lý không gửi bù, xin báo để anh/chị nắm:"
)
MISSED_LINE = "• {when} – {what}"
WHILE_OUT_HEADER = (
    "Trợ lý đã trở lại nhóm. Trong thời gian Trợ lý không ở trong nhóm, "
    "{count} nhắc việc đã không gửi được:"
)
WHILE_OUT_FOOTER = "Anh/chị gõ /lich, /ds hoặc /nhac để xem những gì còn sắp tới."
SOMETHING = "Nhắc việc"
# A promised reminder that can no longer be kept is said, never dropped (render.Withdrawn).
GONE = "nội dung đã được hủy hoặc đã hoàn thành"
WITHDRAWN = "Trợ lý không gửi nhắc việc “{what}” như đã hẹn, vì {why}."
MISSED_MORE = "… và {count} nhắc việc khác."


def late_note(late: timedelta) -> str:
    """'trễ 42 phút', 'trễ 3 giờ 5 phút'."""
    minutes = int(late.total_seconds() // 60)
    hours, mins = divmod(minutes, 60)
    if hours:
        return f"trễ {hours} giờ {mins} phút" if mins else f"trễ {hours} giờ"
    return f"trễ {mins} phút"


QUOTA_WARNING = (
    "Trợ lý đã gửi {sent}/{quota} tin nhắn {platform} trong tháng {month}, tức 80% hạn mức tháng "
    "của gói {platform} đang dùng. Khi hết hạn mức, nhắc việc cá nhân sẽ chuyển sang Telegram cho "
    "những người đã liên kết tài khoản (/lienket); đề nghị anh/chị nhắc các đại biểu liên kết, "
    "hoặc nâng cấp gói."
)
