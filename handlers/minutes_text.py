"""Wording of the minutes feature: the document's fixed text (Mẫu 1.9) and the chat messages."""

from __future__ import annotations

# -- the document (Nghị định 30/2020/NĐ-CP, Phụ lục III, Mẫu 1.9) ----------------------------

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
NUMBER = "Số: {number}"
DOC_KIND = "BIÊN BẢN"
STARTED = "Thời gian bắt đầu: {when}."
PLACE = "Địa điểm: {place}."
PLACE_ONLINE = "trao đổi trực tuyến trong nhóm của Tổ"
ATTENDANCE = "Thành phần tham dự:"
PRESENT = "- Có mặt ({count}): {people}."
PRESENT_NONE = "- Có mặt: ……………………………………"
ABSENT = "- Vắng mặt ({count}): {people}."
ABSENT_NONE = "- Vắng mặt: không."
ABSENT_REASON = "{name} (lý do: {reason})"
GUESTS = "- Khách mời: {guests}."
CHAIR = "Chủ trì (chủ tọa): {person}."
SECRETARY = "Thư ký (người ghi biên bản): {person}."
TO_FILL = "……………………………………"
PERSON_WITH_TITLE = "{name}, {title}"
CONTENT = "Nội dung (theo diễn biến cuộc họp):"
CONTENT_NONE = "……………………………………………………………………………"
ITEM = "{n}. {title}"
OPINION = "- {speaker}: {text}"
VOTE = (
    "- Biểu quyết{subject}: tán thành {yes}/{total}, không tán thành {no}/{total},"
    " không ý kiến {abstain}/{total}."
)
CONCLUSIONS = "Kết luận của chủ tọa:"
CONCLUSION = "- {text}"
CONCLUSION_OF_ITEM = "- Về nội dung {n}: {text}"
CONCLUSIONS_NONE = "……………………………………………………………………………"
TASKS = "Phân công thực hiện:"
TASK = "{n}. {text}. Người thực hiện: {who}. Thời hạn: {when}.{ref}"
TASK_NOBODY = "chưa phân công"
TASK_NO_DEADLINE = "cần bổ sung hạn"
TASK_REF = " (việc số {number})"
TRANSCRIPT_REF = "Diễn biến trao đổi trong nhóm được ghi đầy đủ tại Phụ lục kèm theo Biên bản này."
CLOSING = "Cuộc họp kết thúc vào {when}./."
SECRETARY_SIGN = "THƯ KÝ"
CHAIR_SIGN = "CHỦ TỌA"
SIGNATURE = "(Chữ ký)"
RECIPIENTS = "Nơi nhận:"
RECIPIENT = "- {name};"
RECIPIENT_LAST = "- Lưu: VT, Hồ sơ."
DEFAULT_RECIPIENTS = ("Các thành viên Tổ",)
APPENDIX = "Phụ lục"
APPENDIX_TITLE = "DIỄN BIẾN TRAO ĐỔI TRONG NHÓM"
APPENDIX_OF = "(Kèm theo Biên bản số {number} {date})"
LINE = "{time} {sender}: {text}"
LINE_EDITED = " (đã sửa)"
LINE_NOT_TEXT = "[nhãn dán, ảnh hoặc tệp không có chú thích]"

# -- chat: commands ---------------------------------------------------------------------------

SECTION = "Biên bản họp"
SUMMARY = "Ghi biên bản cuộc họp của Tổ ngay trong nhóm, xuất .docx theo Mẫu 1.9"
SUMMARY_EN = "Record a meeting in the chat; minutes as .docx (form 1.9, Decree 30/2020)"
USAGE = (
    "/bienban batdau [tiêu đề | số lịch] – bắt đầu ghi\n"
    "/bienban – xem những gì đã ghi\n"
    "/bienban ketthuc – kết thúc, lập biên bản và giao việc\n"
    "/bienban ds – các biên bản đã lập\n"
    "/bienban <số> [text] – gửi lại biên bản (.docx, hoặc dạng chữ)"
)
START_WORDS = frozenset({"batdau", "bd", "start", "mo", "begin"})
STOP_WORDS = frozenset({"ketthuc", "kt", "stop", "end", "dong", "xong"})
LIST_WORDS = frozenset({"ds", "danhsach", "list"})
TEXT_WORDS = frozenset({"text", "chu", "van ban", "vanban", "txt"})
EVENT_WORDS = frozenset({"lich", "so", "lich so"})

MARKER_HELP = (
    "Đánh dấu ở đầu tin nhắn (có dấu hay không dấu đều được):\n"
    "#chutri @ai · #thuky @ai · #comat @ai … · #vang @ai lý do · #khach tên, chức vụ\n"
    "#noidung … (một nội dung; các ý sau thuộc nội dung này) · #ykien … · #ketluan …\n"
    "#giaoviec <việc> @ai hạn <khi nào> · #bieuquyet <nội dung> 7/0/1\n"
    "#bo hoặc #undo: bỏ đánh dấu gần nhất của chính anh/chị."
)
RECORDING_STARTED = (
    "Trợ lý bắt đầu ghi biên bản: {title}.\n"
    "Từ bây giờ mọi tin nhắn trong nhóm (kể cả chú thích ảnh, tệp) được ghi lại cùng người gửi"
    " và thời gian. Tin nhắn sửa trong cuộc họp sẽ được cập nhật.\n{event}"
    "Gõ /bienban để xem những gì đã ghi; /bienban ketthuc để kết thúc.\n"
    "Nếu quên kết thúc, Trợ lý tự kết thúc lúc {auto_close} và báo trong nhóm.\n\n" + MARKER_HELP
)
RECORDING_STARTED_CALLED = (
    "Trợ lý bắt đầu ghi biên bản: {title}.\n"
    "Trên Zalo, Trợ lý chỉ nhận được tin nhắn có gọi Trợ lý: anh/chị gõ @ chọn Trợ lý rồi ghi"
    " các dấu dưới đây (ví dụ “@Trợ lý #ykien Đề nghị sửa đường liên xã”); tin nhắn thường không"
    " được ghi. Người có mặt ghi bằng #comat.\n{event}"
    "Gõ /bienban để xem những gì đã ghi; /bienban ketthuc để kết thúc.\n"
    "Nếu quên kết thúc, Trợ lý tự kết thúc lúc {auto_close} và báo trong nhóm.\n\n" + MARKER_HELP
)
STARTED_FROM_EVENT = "Theo lịch số {number}: {when}, {place}; đã ghi thành phần theo xác nhận.\n"
ALREADY = (
    "Tổ đang ghi biên bản “{title}” (bắt đầu {when}). Gõ /bienban để xem, /bienban ketthuc"
    " để kết thúc trước khi bắt đầu cuộc họp khác."
)
NOT_RECORDING = "Tổ chưa ghi biên bản nào. Gõ /bienban batdau [tiêu đề] để bắt đầu."
NO_EVENT = "Không có lịch số {number} của Tổ. Gõ /lich để xem các lịch sắp tới."
EVENT_CANCELLED = "Lịch số {number} đã hủy; đề nghị kiểm tra lại số lịch."
TITLE_TOO_LONG = "Tiêu đề cuộc họp dài quá ({length} ký tự); vui lòng rút gọn dưới {limit} ký tự."
CANNOT_SEE = (
    "Trợ lý chưa đọc được các tin nhắn thường trong nhóm này (chế độ riêng tư của bot đang bật"
    " và Trợ lý chưa là quản trị viên), nên chưa ghi được biên bản. Có hai cách khắc phục:\n"
    "1. Đặt Trợ lý làm quản trị viên của nhóm (không cần quyền nào thêm); hoặc\n"
    "2. Người quản lý bot mở @BotFather, gõ /setprivacy, chọn bot và chọn Disable; sau đó"
    " xóa Trợ lý khỏi nhóm rồi thêm lại.\n"
    "Xong một trong hai cách, gõ lại /bienban batdau."
)
DEFAULT_TITLE = "Họp {group}"

# -- chat: capture ----------------------------------------------------------------------------

UNDONE = "Đã bỏ đánh dấu #{kind} của {name}: {text}"
NOTHING_TO_UNDO = "Anh/chị chưa có đánh dấu nào trong cuộc họp này để bỏ."
PROBLEM_EMPTY = "Đánh dấu #{kind} chưa có nội dung. Ví dụ: {example}"
PROBLEM_VOTES = (
    "Chưa đọc được kết quả biểu quyết. Ghi số tán thành/không tán thành/không ý kiến, ví dụ:"
    " #bieuquyet Thông qua kế hoạch giám sát 7/0/1"
)
EXAMPLES = {
    "comat": "#comat @hung @mai",
    "vang": "#vang @mai đi công tác",
    "khach": "#khach Ông Nguyễn Văn C, Phó Chủ tịch UBND xã",
    "noidung": "#noidung Thảo luận dự thảo nghị quyết",
    "ykien": "#ykien Đề nghị bổ sung số liệu",
    "ketluan": "#ketluan Thống nhất thông qua",
    "giaoviec": "#giaoviec Soạn báo cáo @lan hạn 17h thứ 6",
    "bieuquyet": "#bieuquyet Thông qua kế hoạch 7/0/1",
}
UNKNOWN_PEOPLE = (
    "Trợ lý chưa biết {names} trong Tổ (người này chưa nhắn trong nhóm); đã ghi đúng tên như"
    " anh/chị viết. Đề nghị người đó nhắn một tin trong nhóm để Trợ lý ghi nhận."
)
TASK_UNKNOWN_PEOPLE = (
    "Trợ lý chưa biết {names} trong Tổ nên chưa giao được việc này cho họ; việc vẫn được ghi."
    " Đề nghị người đó nhắn một tin trong nhóm, rồi giao lại bằng /giao sau cuộc họp."
)

# -- chat: what was captured, and the summary at the end ------------------------------------

STATUS_HEADER = "Đang ghi biên bản: {title}\nBắt đầu {when}; đã ghi {count} tin nhắn."
STATUS_AUTO = "Trợ lý tự kết thúc lúc {when} nếu chưa có /bienban ketthuc."
CLOSED_HEADER = (
    "Đã kết thúc ghi biên bản: {title}\nBiên bản số {number}; {start}–{end}; {count} tin nhắn."
)
AUTO_CLOSED_HEADER = (
    "Cuộc họp “{title}” đã ghi quá {hours} giờ mà chưa có /bienban ketthuc, nên Trợ lý đã tự"
    " kết thúc và lập biên bản số {number} ({count} tin nhắn)."
)
LINE_PRESENT = "Có mặt ({count}): {names}"
LINE_ABSENT = "Vắng ({count}): {names}"
LINE_GUESTS = "Khách mời: {names}"
LINE_CHAIR = "Chủ trì: {chair}; Thư ký: {secretary}"
LINE_NOT_SET = "chưa ghi"
LINE_ITEMS = "Nội dung:"
LINE_ITEM = "{n}. {title} ({opinions} ý kiến{votes})"
LINE_ITEM_VOTES = ", {count} biểu quyết"
LINE_CONCLUSIONS = "Kết luận:"
LINE_CONCLUSION = "• {text}"
LINE_TASKS = "Việc được giao:"
LINE_TASKS_CREATED = "Việc đã giao (đã thêm vào danh sách việc của Tổ):"
LINE_TASK = "• {ref}{text} – {who} – {when}"
LINE_TASK_REF = "#{number} "
LINE_TASK_NO_DUE = "cần bổ sung hạn"
LINE_TASK_NOBODY = "chưa giao cho ai"
LINE_UNCONFIRMED = "Chưa ghi nhận có mặt hay vắng: {names}."
DOCX_CAPTION = "Biên bản số {number} ({date}) theo Mẫu 1.9, Nghị định 30/2020/NĐ-CP."
DOCX_CAPTION_HINT = " Vui lòng kiểm tra, bổ sung trước khi trình ký."
AUTO_CLOSED_GET = "Gõ /bienban {number} để nhận tệp biên bản (.docx)."
NEEDS_DEADLINE = (
    "{mention}: các việc sau chưa có hạn rõ ràng trong biên bản, đề nghị bổ sung bằng"
    " /han <số> <khi nào>: {tasks}."
)
HELD_HEADER = (
    "{mention}: Trợ lý chưa đặt hạn cho các việc sau vì hạn ghi trong cuộc họp cần anh/chị"
    " xác nhận:"
)
HELD_FAR = (
    "#{number} {task}: “{said}” không kèm năm, Trợ lý chưa đặt hạn. Nếu là {when}, anh/chị gõ"
    " /han {number} {when}; nếu không, gõ /han {number} <ngày/tháng/năm>."
)
HELD_PAST = (
    "#{number} {task}: “{said}” là {when}, đã qua khi được ghi lúc {written}, nên Trợ lý chưa"
    " đặt hạn. Anh/chị gõ /han {number} <hạn mới>, ví dụ /han {number} 17h thứ 6."
)
NEEDS_AGENCY = (
    "Tên cơ quan ở đầu biên bản chưa được cài đặt; đặt bằng"
    " /caidat coquan HĐND tỉnh … / Tổ đại biểu số …"
)

# -- chat: past minutes ------------------------------------------------------------------------

LIST_HEADER = "Biên bản của Tổ (mới nhất trước):"
LIST_LINE = "• Số {number} – {date} – {title} (/bienban {short})"
LIST_EMPTY = "Tổ chưa có biên bản nào. Gõ /bienban batdau [tiêu đề] để ghi cuộc họp tới."
MINUTES_NOT_FOUND = "Không có biên bản số {number} của Tổ. Gõ /bienban ds để xem danh sách."
BAD_NUMBER = "Trợ lý chưa hiểu “{word}”.\n" + USAGE

# -- task card ------------------------------------------------------------------------------

TASK_ORIGIN = "Từ biên bản số {number}: {title} (/bienban {short})"
TASK_ORIGIN_NEEDS_DEADLINE = "Biên bản chưa ghi rõ hạn: đề nghị bổ sung hạn cho việc này."


ROLE_TITLES = {
    "totruong": "Tổ trưởng",
    "topho": "Tổ phó",
    "daibieu": "Đại biểu",
    "chuyenvien": "Chuyên viên",
    "thanhvien": "",
}
