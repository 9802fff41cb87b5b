"""Wording of the documents and data files of claims: rate/checklist file errors, the .xlsx
for the kế toán, the note inside the .zip."""

# -- the shipped data files (read by whoever maintains them: the Văn phòng's IT staff) --------
FILE_AT_LINE = "{file}, dòng {line}"
FILE_SYNTAX = "sai cú pháp TOML ({detail})"
FILE_UNKNOWN_KEY = "khóa “{key}” không được dùng ở đây (dùng được: {allowed})"
FILE_MISSING_KEY = "thiếu “{key}”"
FILE_NOT_TEXT = "“{key}” phải là chuỗi chữ không rỗng"
FILE_TEXT_TOO_LONG = "“{key}” dài quá {limit} ký tự"
FILE_NOT_LIST = "“{key}” phải là danh sách"
FILE_NOT_BOOL = "“{key}” phải là true hoặc false"
FILE_NOT_DATE = "“{key}” phải là ngày dạng 2025-07-21"
FILE_NOT_CODE = "“{key}” chỉ gồm chữ thường không dấu, số và dấu gạch dưới (ví dụ: quang_nam)"
FILE_UNKNOWN_KIND = "không có loại hoạt động “{kind}” (dùng được: {allowed})"
FILE_MISSING_KIND = "thiếu danh mục cho loại hoạt động “{kind}”"
FILE_EMPTY_CHECKLIST = "danh mục “{kind}” không có mục nào"
FILE_DUPLICATE_ITEM = "mục “{name}” lặp lại trong danh mục “{kind}”"
FILE_BAD_ITEM = 'mỗi mục là một chuỗi chữ, hoặc {{ name = "…", auto = "minutes" }}'
FILE_UNKNOWN_AUTO = "“auto” chỉ nhận: {allowed}"
FILE_RATE_MISSING = "mục “{code}” thiếu định mức “rate” (số nguyên đồng)"
FILE_RATE_NOT_INT = "định mức “rate” của mục “{code}” phải là số nguyên đồng, không có phần lẻ"
FILE_RATE_NEGATIVE = "định mức “rate” của mục “{code}” là số âm ({rate})"
FILE_BAD_QUANTITY = (
    "“quantity” của mục “{code}” là một số nguyên không âm hoặc danh sách các thừa số "
    "(số nguyên, {factors})"
)
FILE_NOT_TABLE = "mỗi mục của bảng định mức là một bảng [[items]] gồm code, name, unit, rate"
FILE_NO_ITEMS = "bảng định mức không có mục nào ([[items]])"
FILE_NO_KINDS = "mục “{code}” không thuộc loại hoạt động nào (ghi “kinds”)"
FILE_DUPLICATE_CODE = "mã mục “{code}” lặp lại"
FILE_DUPLICATE_TABLE = "tỉnh “{province}” đã có bảng định mức hiệu lực từ {effective} ({other})"

# -- the workbook for the kế toán --------------------------------------------------------------
XLSX_CHECKLIST_SHEET = "Hồ sơ thanh toán"
XLSX_ESTIMATE_SHEET = "Dự trù kinh phí"
XLSX_TITLE = "HỒ SƠ THANH TOÁN – {event}"
XLSX_GROUP = "Đơn vị: {group}"
XLSX_EVENT_WHEN = "Thời gian hoạt động: {when}"
XLSX_DEADLINE = "Hạn nộp hồ sơ: {deadline}"
XLSX_MISSING = "Còn thiếu: {missing}/{total} mục"
XLSX_COMPLETE = "Đã đủ {total}/{total} mục"
XLSX_CHECKLIST_HEADER = (
    "STT",
    "Giai đoạn",
    "Mục hồ sơ",
    "Trạng thái",
    "Người xác nhận",
    "Thời điểm",
    "Tệp đính kèm (trong tệp .zip)",
)
XLSX_DONE = "Đã có"
XLSX_NOT_DONE = "Còn thiếu"
XLSX_ESTIMATE_TITLE = "DỰ TRÙ KINH PHÍ – {event}"
XLSX_BASIS = "Căn cứ: {resolution} (hiệu lực từ {effective})"
XLSX_EXAMPLE = "Lưu ý: bảng định mức ví dụ, cần đối chiếu văn bản của tỉnh trước khi trình."
XLSX_COUNTS = "Số liệu: {counts}"
XLSX_ESTIMATE_HEADER = (
    "STT",
    "Nội dung chi",
    "Đơn vị tính",
    "Định mức (đồng)",
    "Số lượng",
    "Thành tiền (đồng)",
)
XLSX_TOTAL = "Tổng cộng"
XLSX_NO_ESTIMATE = "Chưa có dự trù: {reason}"

# -- the .zip -----------------------------------------------------------------------------------
ZIP_MISSING_FILE = "TEP_CHUA_TAI_DUOC.txt"
ZIP_MISSING_HEADER = "Các tệp sau chưa tải được từ nhóm chat, đề nghị gửi lại:"
ZIP_MISSING_LINE = "- {name} (người gửi: {sender}, lúc {when}): {reason}"
ZIP_REASON_FETCH = "không tải được"
ZIP_REASON_TOO_BIG = "tệp lớn hơn dung lượng gửi được qua nhóm chat"
