"""Wording for the pointer the bot gives when someone writes to it without a command."""

# Folded words of a message -> the commands that help (first ones first).
TOPICS = (
    (("viec", "cong viec", "nhiem vu", "task", "lam gi"), ("viectoi", "ds", "viec")),
    (("han", "qua han", "den han", "deadline"), ("viectoi", "han", "ds")),
    (("xong", "hoan thanh", "lam xong", "da lam"), ("xong", "viectoi")),
    (
        ("lich", "hop", "tiep xuc", "txct", "giam sat", "khao sat", "cuoc hop", "ngay mai"),
        ("lich", "doilich"),
    ),
    (("nhac", "nho", "hen gio", "bao thuc"), ("nhac", "lich")),
    (("thanh vien", "vai tro", "to truong", "to pho", "chuyen vien"), ("thanhvien", "vaitro")),
    (("excel", "bang tinh", "xuat", "thong ke", "bao cao"), ("ds",)),
    (("huy", "xoa", "bo di"), ("xoa", "huylich", "huynhac")),
    (("nham", "sai", "hoan tac", "lam lai", "undo"), ("hoantac", "mo", "sua")),
    (("sua", "doi noi dung", "sua lai"), ("sua", "sualich")),
    (("cai dat", "tong hop", "buoi sang"), ("caidat",)),
)
MAX_SHOWN = 3

INTRO = "Trợ lý làm việc theo lệnh bắt đầu bằng dấu “/”. Với nội dung anh/chị hỏi, có thể dùng:"
INTRO_NO_TOPIC = "Trợ lý làm việc theo lệnh bắt đầu bằng dấu “/”. Anh/chị có thể bắt đầu với:"
LINE = "{usage} – {summary}"
DEFAULTS = ("viectoi", "lich", "help")
FOOTER = "Gõ /help để xem mọi lệnh, /help <lệnh> để xem ví dụ."
