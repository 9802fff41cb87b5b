"""Wording for checklist templates, estimates (dự trù) and payment claims (hồ sơ thanh toán)."""

# -- names shown to users ----------------------------------------------------------------------
PHASES = {"before": "Trước hoạt động", "on_day": "Trong ngày", "after": "Sau hoạt động"}
# Who ticked an item when it was not a person: the feature that produced the paper.
PRODUCED_BY = {"minutes": "Trợ lý (biên bản đã lập)"}

# The counts an estimate is built from, as users name them (/dutru <số> <tên> <số lượng>).
FACTOR_WORDS = {"daibieu": "attendees", "phucvu": "staff", "buoi": "sessions", "diem": "venues"}
# Attendees not set by hand are those who pressed Tham dự: said so, as it is often 0 early on.
ATTENDEES_CONFIRMED = "{n} đại biểu đã xác nhận tham dự"
FACTOR_LABELS = {
    "attendees": "{n} đại biểu tham dự",
    "staff": "{n} cán bộ phục vụ",
    "sessions": "{n} buổi",
    "venues": "{n} điểm",
}

# -- in the chat -------------------------------------------------------------------------------
SECTION = "Dự trù và thanh toán"
CLAIM_EXAMPLES = (
    "/thanhtoan 3 – mở hồ sơ thanh toán của lịch số 3 (danh mục giấy tờ, có nút đánh dấu)",
    "/thanhtoan 3 xong 1 2 – đánh dấu mục 1 và 2 đã có",
    "/thanhtoan 3 xuat – gửi kế toán bảng kê (.xlsx) và các tệp chứng từ",
    "/thanhtoan – các hồ sơ đang mở, hạn gần nhất trước",
)
BUDGET_EXAMPLES = (
    "/dutru 3 – dự trù kinh phí của lịch số 3 theo định mức của tỉnh",
    "/dutru 3 daibieu 6 – tính cho 6 đại biểu tham dự",
    "/dutru 3 2 4 – mục 2, số lượng 4",
    "/dutru 3 xuat – bảng dự trù dạng .xlsx",
)
TICKED = "☑"
UNTICKED = "☐"
CLIP = "📎"
DAYS_LEFT = "còn {days} ngày"
DUE_TODAY = "hạn là hôm nay"
DAYS_OVERDUE = "đã quá hạn {days} ngày"

EVENT_NUMBER_MISSING = (
    "Anh/chị vui lòng ghi số lịch, ví dụ: /thanhtoan 3. Xem danh sách lịch: /lich."
)
EVENT_NOT_FOUND = "Tổ không có lịch số {number}. Xem danh sách lịch: /lich."
EVENT_CANCELLED = "Lịch số {number} đã hủy nên không mở hồ sơ thanh toán."
ITEM_NOT_FOUND = (
    "Hồ sơ lịch số {number} không có mục {position}. Xem các mục: /thanhtoan {number}."
)

# /thanhtoan
CLAIM_USAGE = "/thanhtoan [<số lịch> [xong <mục> | bo <mục> | xuat | dong | mo]]"
CLAIM_OPENED = (
    "Đã mở hồ sơ thanh toán. Trợ lý sẽ nhắc chuyên viên trước hạn nộp những mục còn thiếu."
)
CLAIM_HEADER = "Hồ sơ thanh toán – lịch số {number}: {title}{closed}"
CLAIM_CLOSED_MARK = " (đã đóng)"
CLAIM_EVENT = "{kind}: {when}{place}"
CLAIM_PLACE = " tại {place}"
CLAIM_DEADLINE = "Hạn nộp hồ sơ: {day} ({left})"
MINUTES_LINK = "biên bản số {number} (/bienban {short})"
CLAIM_LINKED = "☑ {position}. {name}: {link}"
CLAIM_MISSING = "Còn thiếu {missing}/{total} mục:"
CLAIM_MISSING_MORE = "… và {count} mục khác."
CLAIM_COMPLETE = (
    "Đã đủ {total}/{total} mục. Xuất hồ sơ cho kế toán: /thanhtoan {number} xuat; "
    "sau khi nộp: /thanhtoan {number} dong."
)
CLAIM_HOW_BUTTONS = "Bấm vào từng mục để đánh dấu đã có (☑) hoặc bỏ đánh dấu (☐)."
CLAIM_HOW_TEXT = (
    "Đánh dấu: /thanhtoan <số lịch> xong <mục>; bỏ đánh dấu: /thanhtoan <số lịch> bo <mục>."
)
CLAIM_HOW_FILES = (
    "Gửi ảnh hoặc tệp làm chứng từ: trả lời tin này kèm số mục trong chú thích, hoặc ghi "
    "“#hoso {number} <mục>” trong chú thích ở bất kỳ tin nào trong nhóm."
)
CLAIM_HOW_FILES_REPLY_ONLY = (
    "Gửi ảnh hoặc tệp làm chứng từ: trả lời tin này kèm số mục trong chú thích (Trợ lý chỉ "
    "nhận được tin trả lời mình trong nhóm này, nên “#hoso” ở tin khác chưa dùng được)."
)
CLAIM_NOT_OPENED = (
    "Hồ sơ thanh toán của lịch số {number} chưa được mở. Chuyên viên, Tổ trưởng hoặc Tổ phó "
    "mở bằng lệnh /thanhtoan {number}."
)
CLAIM_MARK_USAGE = "Anh/chị vui lòng ghi số mục, ví dụ: /thanhtoan {number} xong 3 5."
CLAIM_IS_CLOSED = (
    "Hồ sơ lịch số {number} đã đóng nên không thay đổi được. Mở lại: /thanhtoan {number} mo."
)
CLAIM_CLOSED = (
    "Đã đóng hồ sơ thanh toán lịch số {number} (đã chuyển kế toán). Trợ lý thôi nhắc hạn nộp."
)
CLAIM_ALREADY_CLOSED = "Hồ sơ lịch số {number} đã đóng trước đó."
CLAIM_REOPENED = "Đã mở lại hồ sơ thanh toán lịch số {number}."
CLAIM_ALREADY_OPEN = "Hồ sơ lịch số {number} đang mở."
CLAIM_UNKNOWN_ACTION = (
    "Trợ lý chưa hiểu “{word}”. Dùng: /thanhtoan {number} (xem), /thanhtoan {number} xong <mục>, "
    "/thanhtoan {number} bo <mục>, /thanhtoan {number} xuat, /thanhtoan {number} dong."
)
PRESS_DONE = "Đã đánh dấu mục {position}: đã có."
PRESS_UNDONE = "Đã bỏ đánh dấu mục {position}."
PRESS_ALREADY_DONE = "Mục {position} đã được đánh dấu trước đó."
PRESS_ALREADY_UNDONE = "Mục {position} đã được bỏ đánh dấu trước đó."

LIST_HEADER = "Hồ sơ thanh toán đang mở ({count}), hạn gần nhất trước:"
LIST_LINE = "• Lịch số {number} – {kind} {day}: {missing}; hạn {deadline} ({left})"
LIST_MISSING = "còn thiếu {missing}/{total} mục"
LIST_COMPLETE = "đã đủ, chờ nộp kế toán"
LIST_FOOTER = "Chi tiết: /thanhtoan <số lịch>."
LIST_EMPTY = (
    "Tổ không có hồ sơ thanh toán nào đang mở. Mở hồ sơ của một lịch: /thanhtoan <số lịch>."
)

# Evidence
EVIDENCE_SAVED = "Đã lưu tệp vào mục {position} “{name}” của hồ sơ lịch số {number} ({count} tệp)."
EVIDENCE_ALREADY = "Tệp này đã có trong mục {position} “{name}” của hồ sơ lịch số {number}."
EVIDENCE_NO_FILE = (
    "Anh/chị vui lòng gửi ảnh hoặc tệp và ghi “#hoso <số lịch> <mục>” trong chú thích của tệp."
)
EVIDENCE_USAGE = "Anh/chị vui lòng ghi cả số lịch và số mục, ví dụ: #hoso 3 5."
EVIDENCE_WHICH_ITEM = (
    "Tệp này thuộc mục nào? Anh/chị vui lòng gửi lại tệp, trả lời danh mục hồ sơ và ghi số "
    "mục trong chú thích, ví dụ: 5."
)
EVIDENCE_NO_CLAIM = (
    "Hồ sơ thanh toán của lịch số {number} chưa được mở nên Trợ lý chưa lưu tệp. Chuyên viên "
    "mở hồ sơ bằng /thanhtoan {number}, sau đó anh/chị gửi lại tệp."
)
EVIDENCE_CLOSED = (
    "Hồ sơ lịch số {number} đã đóng nên Trợ lý không lưu thêm tệp. Chuyên viên có thể mở lại "
    "bằng /thanhtoan {number} mo."
)

# Export
EXPORT_NO_DOCUMENTS = "Nền tảng chat này không gửi được tệp; Trợ lý chưa xuất được hồ sơ."
EXPORT_XLSX_NAME = "ho-so-thanh-toan-lich-{number}.xlsx"
EXPORT_ZIP_NAME = "chung-tu-lich-{number}.zip"
EXPORT_ZIP_PART_NAME = "chung-tu-lich-{number}-phan-{part}-{parts}.zip"
EXPORT_XLSX_CAPTION = (
    "Hồ sơ thanh toán lịch số {number}: danh mục và dự trù. "
    "Lưu ý: còn thiếu {missing}/{total} mục."
)
EXPORT_XLSX_COMPLETE = "Hồ sơ thanh toán lịch số {number}: đủ {total}/{total} mục, kèm dự trù."
EXPORT_FETCHING = (
    "Trợ lý đang tải {count} tệp chứng từ để nén, anh/chị vui lòng chờ trong giây lát."
)
EXPORT_ZIP_CAPTION = "Chứng từ lịch số {number}: {count} tệp, đặt tên theo mục."
EXPORT_NO_FILES = "Hồ sơ lịch số {number} chưa có tệp chứng từ nào nên không có tệp nén."
EXPORT_MISSING = "{count} tệp chưa đưa được vào tệp nén, đề nghị gửi lại:\n{names}"

# /dutru
BUDGET_USAGE = "/dutru <số lịch> [xuat | <mục> <số lượng> | <mục> macdinh]"
BUDGET_HOW = (
    "Anh/chị vui lòng ghi số lịch, ví dụ: /dutru 3. Điều chỉnh số lượng: /dutru 3 <mục> "
    "<số lượng>; tải .xlsx: /dutru 3 xuat."
)
BUDGET_HEADER = "Dự trù kinh phí – lịch số {number}: {title} ({day})"
BUDGET_BASIS = "Dự trù áp dụng định mức theo {resolution} (hiệu lực từ {effective})."
BUDGET_EXAMPLE = (
    "Lưu ý: đây là bảng định mức ví dụ, cần đối chiếu văn bản của tỉnh trước khi trình."
)
BUDGET_COUNTS = "Số liệu: {counts}."
BUDGET_NOBODY_YET = (
    "Chưa đại biểu nào bấm Tham dự lịch này; để dự trù theo số dự kiến, gõ"
    " /dutru {number} daibieu <số đại biểu>."
)
BUDGET_LINE = "{number}. {name}: {rate} {unit} × {quantity}{by_hand} = {amount} đồng"
BUDGET_BY_HAND = " (đã điều chỉnh)"
BUDGET_TOTAL = "Tổng dự kiến: {total} đồng."
BUDGET_ADJUST = (
    "Điều chỉnh: /dutru {number} <số mục> <số lượng>; số người, buổi, điểm: /dutru {number} "
    "daibieu|phucvu|buoi|diem <số>; tải .xlsx: /dutru {number} xuat."
)
BUDGET_UPDATED = "Đã cập nhật dự trù."
BUDGET_SET_USAGE = "Cách dùng: /dutru {number} <số mục> <số lượng>, ví dụ: /dutru {number} 3 4."
BUDGET_NO_LINE = "Dự trù lịch số {number} có {count} mục; không có mục {line}."
BUDGET_UNKNOWN_WORD = (
    "Trợ lý chưa hiểu “{word}”. Ghi số mục, hoặc daibieu (đại biểu tham dự), phucvu (cán bộ "
    "phục vụ), buoi (số buổi), diem (số điểm), ví dụ: /dutru {number} phucvu 3."
)
BUDGET_BAD_QUANTITY = (
    "Số lượng phải là số nguyên từ 0 đến {limit}, ví dụ: /dutru {number} 3 4. "
    "Quay về số lượng tự tính: /dutru {number} 3 macdinh."
)
BUDGET_NO_PROVINCE = (
    "Tổ chưa chọn tỉnh để áp dụng định mức. Chuyên viên chọn bằng /caidat tinh <mã tỉnh>; "
    "hiện có: {choices}."
)
BUDGET_NO_TABLE = (
    "Bảng định mức của {province} chưa có định mức cho hoạt động {kind} vào ngày {day}. "
    "Đề nghị liên hệ Văn phòng để bổ sung tệp định mức."
)
BUDGET_XLSX_NAME = "du-tru-lich-{number}.xlsx"
BUDGET_XLSX_CAPTION = "Dự trù kinh phí lịch số {number}: tổng dự kiến {total} đồng."

# /mau
TEMPLATE_USAGE = (
    "/mau <loại> [them [truoc|trongngay|sau] <mục> | sua <số> <tên> | xoa <số> | macdinh]"
)
TEMPLATE_KINDS = (
    "Danh mục hồ sơ theo loại hoạt động: /mau txct (tiếp xúc cử tri), /mau giamsat (giám sát), "
    "/mau khaosat (khảo sát), /mau hop (họp Tổ), /mau congtacphi (công tác phí)."
)
TEMPLATE_UNKNOWN_KIND = "Không có loại hoạt động “{word}”.\n" + TEMPLATE_KINDS
TEMPLATE_HEADER = "Danh mục hồ sơ – {name} ({kind}), {whose}:"
TEMPLATE_OWN = "bản riêng của Tổ"
TEMPLATE_DEFAULT = "bản mặc định"
TEMPLATE_AUTO = " (tự đánh dấu khi có biên bản)"
TEMPLATE_FOOTER = (
    "Sửa: /mau {kind} them [truoc|trongngay|sau] <mục>, /mau {kind} sua <số> <tên mới>, "
    "/mau {kind} xoa <số>, /mau {kind} macdinh. Hồ sơ đã mở giữ danh mục cũ."
)
TEMPLATE_ADDED = "Đã thêm mục “{name}”."
TEMPLATE_RENAMED = "Đã đổi tên mục {position} thành “{name}”."
TEMPLATE_REMOVED = "Đã xóa mục {position}."
TEMPLATE_RESET = "Đã quay về danh mục mặc định."
TEMPLATE_NUMBER_MISSING = "Anh/chị vui lòng ghi số mục, ví dụ: /mau {kind} xoa 3."
TEMPLATE_NAME_MISSING = (
    "Anh/chị vui lòng ghi tên mục, ví dụ: /mau {kind} them sau Bảng kê chi tiền."
)
TEMPLATE_NAME_TOO_LONG = "Tên mục dài quá {limit} ký tự; anh/chị vui lòng rút gọn."
TEMPLATE_DUPLICATE = "Mục “{name}” đã có trong danh mục (số {position})."
TEMPLATE_NO_ITEM = "Danh mục {kind} có {count} mục; không có mục {position}."
TEMPLATE_WOULD_BE_EMPTY = (
    "Không xóa được: danh mục phải còn ít nhất một mục. Anh/chị có thể đổi tên mục này "
    "bằng /mau <loại> sua <số> <tên mới>."
)
TEMPLATE_FULL = "Danh mục đã có {limit} mục, không thêm được nữa."
TEMPLATE_UNKNOWN_ACTION = (
    "Trợ lý chưa hiểu “{word}”. Dùng: /mau {kind} them …, /mau {kind} sua <số> …, "
    "/mau {kind} xoa <số>, /mau {kind} macdinh."
)

# Reminders and the digest
REMIND_MISSING = (
    "Nhắc hạn hồ sơ thanh toán lịch số {number} ({title}): hạn nộp {day} ({left}).\n"
    "Còn thiếu {missing}/{total} mục: {items}.\nChi tiết: /thanhtoan {number}"
)
REMIND_MORE = "; … và {count} mục khác"
REMIND_COMPLETE = (
    "Hồ sơ thanh toán lịch số {number} ({title}) đã đủ {total}/{total} mục; đề nghị chuyển bộ "
    "phận kế toán trước hạn {day} ({left}): /thanhtoan {number} xuat."
)
DIGEST_HEADER = "Hồ sơ thanh toán đang mở ({count}):"
DIGEST_LINE = "• Lịch số {number}: {status}; hạn {day} ({left})"

# /caidat
SETTINGS_PROVINCE_LINE = "Định mức dự trù kinh phí: {value}"
SETTINGS_PROVINCE_VALUE = "{name} ({code})"
SETTINGS_PROVINCE_UNSET = "chưa chọn tỉnh"
SETTINGS_DEADLINE_LINE = "Hạn nộp hồ sơ thanh toán: {days} ngày sau hoạt động"
SETTINGS_HOW_TO = (
    "/caidat tinh <mã tỉnh> – tỉnh áp dụng định mức dự trù\n"
    "/caidat hanhoso 10 – số ngày sau hoạt động phải nộp hồ sơ thanh toán"
)
SETTINGS_UNKNOWN_PROVINCE = "Chưa có bảng định mức của “{word}”. Hiện có: {choices}."
SETTINGS_PROVINCE_SET = "Từ nay dự trù kinh phí áp dụng định mức của {name} ({code})."
SETTINGS_BAD_DAYS = "Hạn nộp hồ sơ phải từ 0 đến {limit} ngày, ví dụ: /caidat hanhoso 10."
SETTINGS_DEADLINE_SET = (
    "Từ nay hạn nộp hồ sơ thanh toán là {days} ngày sau hoạt động (áp dụng cho hồ sơ mở từ nay)."
)
