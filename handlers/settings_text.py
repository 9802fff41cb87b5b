"""Wording for /caidat (reminder offsets, morning digest, task reminder hour, catch-up limit)."""

SECTION = "Lịch và nhắc việc"

USAGE = (
    "/caidat [nhac <loại> 3d 1d 2h | tonghop 7h | tonghop tat | hanviec 16h | tre 24h"
    " | tinh <mã tỉnh> | hanhoso 10]"
)
HEADER = "Cài đặt nhắc việc của {group}:"
OFFSETS_HEADER = "Nhắc trước sự kiện:"
OFFSET_LINE = "• {kind}: {offsets}"
NO_OFFSETS = "không nhắc"
DIGEST_LINE = "Bản tổng hợp buổi sáng: {value}"
DIGEST_OFF = "tắt"
TASK_LINE = "Nhắc hạn công việc: {value} ngày hôm trước, và đúng hạn"
GRACE_LINE = (
    "Gửi bù nhắc việc bị lỡ khi Trợ lý ngừng hoạt động: trong vòng {hours} giờ "
    "(quá thời hạn này, Trợ lý chỉ báo danh sách cho chuyên viên)"
)
HOW_TO = (
    "Cách thay đổi:\n"
    "/caidat nhac txct 3d 1d 2h – mốc nhắc trước (d: ngày, h: giờ, p: phút; “tat” để không nhắc)\n"
    "/caidat tonghop 7h – giờ gửi bản tổng hợp (/caidat tonghop tat để tắt)\n"
    "/caidat hanviec 16h – giờ nhắc hạn công việc ngày hôm trước\n"
    "/caidat tre 24h – thời hạn gửi bù nhắc việc bị lỡ"
)
DM_ALL_OK = "Tất cả thành viên đã nhận được tin nhắn riêng từ Trợ lý."
DM_MISSING = (
    "Chưa nhận được tin nhắn riêng (Trợ lý sẽ nhắc tên trong nhóm): {names}.\n"
    "Đề nghị các anh/chị này mở tin nhắn riêng với Trợ lý và bấm Start (Bắt đầu)."
)

UNKNOWN_KEY = "Trợ lý chưa hiểu cài đặt “{word}”.\n" + HOW_TO
UNKNOWN_KIND = (
    "Không có loại lịch “{word}”. Các loại: txct (tiếp xúc cử tri), giamsat (giám sát), "
    "khaosat (khảo sát), hop (họp Tổ), khac (khác)."
)
BAD_OFFSETS = (
    "Trợ lý chưa đọc được các mốc nhắc “{text}”. Ví dụ: /caidat nhac txct 3d 1d 2h "
    "(tối đa {limit} mốc, mỗi mốc không quá 30 ngày)."
)
BAD_TIME = "Trợ lý chưa đọc được giờ “{text}”. Ví dụ: 7h, 7h30, 16:00."
BAD_GRACE = "Thời hạn gửi bù phải từ 1 đến 168 giờ, ví dụ: /caidat tre 24h."

OFFSETS_SET = "Đã đặt mốc nhắc trước cho {kind}: {offsets}. Đã cập nhật {count} lịch sắp tới."
DIGEST_SET = "Từ nay Trợ lý gửi bản tổng hợp lúc {time} mỗi sáng."
DIGEST_TURNED_OFF = "Đã tắt bản tổng hợp buổi sáng."
TASK_SET = "Từ nay Trợ lý nhắc hạn công việc lúc {time} ngày hôm trước."
GRACE_SET = "Từ nay Trợ lý gửi bù nhắc việc bị lỡ trong vòng {hours} giờ."
