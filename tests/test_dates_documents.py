"""Times as officials write them: shapes from invitations (giấy mời), plans (kế hoạch) and
notices (thông báo), each also typed without diacritics.

"now" is Monday 2026-11-23 09:00 in Asia/Ho_Chi_Minh.  27/11/2026 is a Friday.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.dates import Found, Refusal, When, find_deadline, find_when, read_when, split_when
from bot.textnorm import fold

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=VN)


def at(d: int, mo: int, h: int | None = None, mi: int = 0, y: int = 2026) -> datetime:
    return datetime(y, mo, d, h or 0, mi, tzinfo=VN)


# (text, start, end or None, has_time)
READ: list[tuple[str, datetime, datetime | None, bool]] = [
    # invitations
    ("Thời gian: 14 giờ 00, ngày 27/11/2026 (thứ Sáu).", at(27, 11, 14), None, True),
    (
        "Thời gian: Vào lúc 7 giờ 30 phút, ngày 02 tháng 12 năm 2026 (Thứ Tư).",
        at(2, 12, 7, 30),
        None,
        True,
    ),
    ("Thời gian: 01 buổi, bắt đầu từ 8 giờ 00, ngày 03/12/2026.", at(3, 12, 8), None, True),
    ("Thời gian: 08h00, thứ Năm, ngày 03/12/2026", at(3, 12, 8), None, True),
    (
        "Thời gian: Từ 8 giờ 00 đến 11 giờ 30, sáng thứ Năm, ngày 03/12/2026.",
        at(3, 12, 8),
        at(3, 12, 11, 30),
        True,
    ),
    (
        "Thời gian: 1/2 ngày, buổi chiều ngày 04/12/2026 (bắt đầu từ 13 giờ 30).",
        at(4, 12, 13, 30),
        None,
        True,
    ),
    ("Vào hồi 14 giờ 00 phút, ngày 20 tháng 12 năm 2026", at(20, 12, 14), None, True),
    ("Chiều thứ Sáu, ngày 27/11/2026, lúc 14h00", at(27, 11, 14), None, True),
    ("14h00’ ngày 27/11/2026", at(27, 11, 14), None, True),
    ("8h00' - 11h00' ngày 03/12/2026", at(3, 12, 8), at(3, 12, 11), True),
    ("Sáng ngày 28/11/2026 (thứ Bảy), từ 7 giờ 30", at(28, 11, 7, 30), None, True),
    ("Ngày 05/12/2026 (Thứ Bảy), từ 07 giờ 30 phút", at(5, 12, 7, 30), None, True),
    ("07g30 ngày 10/12/2026", at(10, 12, 7, 30), None, True),
    ("7 giờ 30, Chủ nhật, ngày 29/11/2026", at(29, 11, 7, 30), None, True),
    ("Vào lúc 13 giờ 30 phút ngày 01/12/2026 (Thứ Ba)", at(1, 12, 13, 30), None, True),
    ("từ 13h30 đến 17h00 ngày 02/12/2026", at(2, 12, 13, 30), at(2, 12, 17), True),
    ("8h00 – 11h30, ngày 3/12/2026", at(3, 12, 8), at(3, 12, 11, 30), True),
    ("14g00 thứ Sáu (27/11/2026)", at(27, 11, 14), None, True),
    ("lúc 8 giờ, ngày 22-12-2026", at(22, 12, 8), None, True),
    ("08 giờ 00 phút, ngày 12 tháng 12 năm 2026", at(12, 12, 8), None, True),
    ("ngày 12.12.2026, lúc 8h", at(12, 12, 8), None, True),
    ("8h30 ngày 12.12", at(12, 12, 8, 30), None, True),
    ("Vào lúc 8 giờ 00, ngày 30/11/2026 (thứ hai)", at(30, 11, 8), None, True),
    ("Từ 7h30 phút đến 17h00 pút ngày 29/11/2026", at(29, 11, 7, 30), at(29, 11, 17), True),
    ("Bắt đầu từ 19h30 phút ngày 29/11/2026", at(29, 11, 19, 30), None, True),
    ("sáng thứ Tư (02/12/2026)", at(2, 12, 8), None, True),
    ("từ 7h30-11h00 ngày 2/12", at(2, 12, 7, 30), at(2, 12, 11), True),
    ("(từ 8h00 - 11h00) ngày 3/12", at(3, 12, 8), at(3, 12, 11), True),
    ("lúc 9h, thứ Tư, 2/12/2026", at(2, 12, 9), None, True),
    ("7 giờ 30 phút, ngày 29 tháng 11 năm 2026", at(29, 11, 7, 30), None, True),
    ("ngày 02-12 (chiều)", at(2, 12, 14), None, True),
    ("sáng 28/11 (thứ Bảy)", at(28, 11, 8), None, True),
    ("Thứ Năm, ngày 03/12/2026, lúc 8 giờ 00", at(3, 12, 8), None, True),
    ("14:00 ngày 27/11/2026", at(27, 11, 14), None, True),
    ("14.00 ngày 27/11", at(27, 11, 14), None, True),
    ("14.30 ngày 27/11", at(27, 11, 14, 30), None, True),
    ("8 giờ ngày 3 - 12 - 2026", at(3, 12, 8), None, True),
    ("vào 8h00 ngày 3/12", at(3, 12, 8), None, True),
    ("chiều ngày 9/12", at(9, 12, 14), None, True),
    ("01 buổi, chiều ngày 9/12", at(9, 12, 14), None, True),
    ("từ 7 giờ sáng đến 7 giờ tối ngày 20/12/2026", at(20, 12, 7), at(20, 12, 19), True),
    ("từ 2 đến 5 giờ chiều ngày 4/12", at(4, 12, 14), at(4, 12, 17), True),
    ("vào lúc 14h ngày 27/11 (thứ 6)", at(27, 11, 14), None, True),
    ("14h ngày 27/11 (T6)", at(27, 11, 14), None, True),
    ("chiều thứ 6 (27/11)", at(27, 11, 14), None, True),
    ("10h ngày 1/12 (thứ 3)", at(1, 12, 10), None, True),
    ("7h30 sáng Chủ nhật 29/11", at(29, 11, 7, 30), None, True),
    ("13g30 chiều 1/12", at(1, 12, 13, 30), None, True),
    ("Từ 14h00 ngày 27/11/2026", at(27, 11, 14), None, True),
    ("từ 8h ngày 3/12 đến 17h ngày 4/12", at(3, 12, 8), at(4, 12, 17), True),
    # plans and notices: periods and deadlines
    ("Thời gian thực hiện: từ ngày 01/12/2026 đến ngày 15/12/2026", at(1, 12), at(15, 12), False),
    ("Thời gian: Từ ngày 8 đến ngày 10/12/2026", at(8, 12), at(10, 12), False),
    ("từ ngày 08-10/12/2026", at(8, 12), at(10, 12), False),
    ("02 ngày (từ ngày 10-11/12/2026)", at(10, 12), at(11, 12), False),
    ("từ ngày 28 đến ngày 2/12", at(28, 11), at(2, 12), False),
    ("Từ ngày 29/11/2026 đến hết ngày 03/12/2026", at(29, 11), at(3, 12), False),
    ("ngày 12 và 13/12/2026", at(12, 12), at(13, 12), False),
    ("Thời gian hoàn thành: trước ngày 15/12/2026", at(15, 12), None, False),
    ("Chậm nhất là ngày 10/12/2026", at(10, 12), None, False),
    ("chậm nhất trước 17 giờ 00 ngày 04/12/2026", at(4, 12, 17), None, True),
    ("Hạn chót: 17h ngày 4/12", at(4, 12, 17), None, True),
    ("Hạn nộp: 17h ngày 4/12", at(4, 12, 17), None, True),
    ("Thời hạn: trước 16 giờ 30 ngày 07/12/2026", at(7, 12, 16, 30), None, True),
    ("trước 17h ngày 4/12", at(4, 12, 17), None, True),
    ("đến 17h ngày 4/12", at(4, 12, 17), None, True),
    ("trong tháng 12/2026", at(1, 12), at(31, 12), False),
    ("Dự kiến: 8 giờ 00 ngày 15/12/2026", at(15, 12, 8), None, True),
    ("Kể từ ngày 01/01/2027", at(1, 1, y=2027), None, False),
    ("ngày 23 – 12 – 2026", at(23, 12), None, False),
    ("Thứ Hai, ngày 30/11/2026", at(30, 11), None, False),
    ("vào ngày 21", at(21, 12), None, False),
    # chat shorthand next to official pieces
    ("sáng mai 24/11", at(24, 11, 8), None, True),
    ("mai thứ Ba", at(24, 11), None, False),
    ("8h sáng mai (thứ Ba, 24/11)", at(24, 11, 8), None, True),
    ("hôm nay (thứ Hai) lúc 16h", at(23, 11, 16), None, True),
    ("ngày 15 tới", at(15, 12), None, False),
    ("ngày 15 tới lúc 9h", at(15, 12, 9), None, True),
    ("thứ 6 tuần này lúc 10h", at(27, 11, 10), None, True),
    ("thứ 2 tuần sau, 8h", at(30, 11, 8), None, True),
    ("ngày mai, 24/11/2026", at(24, 11), None, False),
    ("Thứ Bảy, 28/11", at(28, 11), None, False),
    ("17:00 thứ Sáu, 27/11", at(27, 11, 17), None, True),
    ("08:00–11:00 thứ Năm, 03/12", at(3, 12, 8), at(3, 12, 11), True),
    ("cuối tuần", at(28, 11), at(29, 11), False),
    ("cuối tuần sau", at(5, 12), at(6, 12), False),
    ("đầu tuần sau", at(30, 11), None, False),
    ("8h đầu tuần sau", at(30, 11, 8), None, True),
    ("trong tuần này", at(23, 11), at(29, 11), False),
    ("trong tuần sau", at(30, 11), at(6, 12), False),
    ("cuối tháng", at(30, 11), None, False),
    ("17h cuối tháng", at(30, 11, 17), None, True),
    ("cuối tháng 12", at(31, 12), None, False),
    ("đầu tháng sau", at(1, 12), None, False),
    ("trong tháng này", at(23, 11), at(30, 11), False),
    # A length of months: to the same day that many months on.
    ("trong vòng 1 tháng", at(23, 11), at(23, 12), False),
    ("trong 3 thang toi", at(23, 11), at(23, 2, y=2027), False),
    # A length of hours: one moment that long from now ("trong 48 giờ" was read as 48:00).
    ("trong vòng 24 giờ", at(24, 11, 9), None, True),
    ("trong 48 gio toi", at(25, 11, 9), None, True),
    ("trong 2 tiếng", at(23, 11, 11), None, True),
    ("trong 3 ngày tới", at(23, 11), at(26, 11), False),
    ("cuối năm", at(31, 12), None, False),
    ("Hạn chót nộp hồ sơ: 17h00 ngày 04/12/2026", at(4, 12, 17), None, True),
    ("Thời gian tổ chức: dự kiến trong tháng 12/2026", at(1, 12), at(31, 12), False),
    ("Vào lúc: 14 giờ 00, ngày 20/12/2026", at(20, 12, 14), None, True),
    ("không muộn hơn ngày 30/11/2026", at(30, 11), None, False),
    ("trong năm 2026", at(23, 11), at(31, 12), False),
    ("Thời gian: 7h00-11h00, Thứ Bảy ngày 28/11/2026", at(28, 11, 7), at(28, 11, 11), True),
    ("Sáng thứ Bảy, 28/11/2026 (từ 7 giờ 30)", at(28, 11, 7, 30), None, True),
    ("Chiều 02/12/2026 (Thứ Tư), bắt đầu lúc 14 giờ", at(2, 12, 14), None, True),
    ("Thời gian: 02 ngày, từ ngày 10/12/2026 đến ngày 11/12/2026", at(10, 12), at(11, 12), False),
    ("từ 13 giờ 30 đến 17 giờ, chiều thứ Năm (26/11)", at(26, 11, 13, 30), at(26, 11, 17), True),
    ("30/11-01/12", at(30, 11), at(1, 12), False),
    ("ngày 5 tháng 12 năm sau", at(5, 12, y=2027), None, False),
    ("trong tháng 12 năm nay", at(1, 12), at(31, 12), False),
    # A period already over keeps its own days (its start is not moved to today, past its end).
    ("trong tháng 10/2026", at(1, 10), at(31, 10), False),
    ("trong năm 2025", at(1, 1, y=2025), at(31, 12, y=2025), False),
    ("trong tháng này", at(23, 11), at(30, 11), False),
    # A length of months: to the same day that many months on.
    ("trong vòng 1 tháng", at(23, 11), at(23, 12), False),
    ("trong 3 thang toi", at(23, 11), at(23, 2, y=2027), False),
    # A length of hours: one moment that long from now ("trong 48 giờ" was read as 48:00).
    ("trong vòng 24 giờ", at(24, 11, 9), None, True),
    ("trong 48 gio toi", at(25, 11, 9), None, True),
    ("trong 2 tiếng", at(23, 11, 11), None, True),
    ("15/8 âm", at(15, 9, y=2027), None, False),
    ("27/11 (T6) 8h30", at(27, 11, 8, 30), None, True),
    ("14 giờ thứ Năm 26.11.2026", at(26, 11, 14), None, True),
    # pasted lines: bullets, numbering, quotes, capitals
    ("- Vào lúc 8 giờ 00, ngày 21/12/2026 (thứ hai)", at(21, 12, 8), None, True),
    ("2. Thời gian: 14 giờ 00, ngày 27/11/2026 (thứ Sáu).", at(27, 11, 14), None, True),
    ("“8h sáng mai”", at(24, 11, 8), None, True),
    ("17h30’’ ngày 5/12", at(5, 12, 17, 30), None, True),
    ("THỜI GIAN: 14 GIỜ 00, NGÀY 27/11/2026 (THỨ SÁU)", at(27, 11, 14), None, True),
    ("8.30 sáng mai", at(24, 11, 8, 30), None, True),
    ("sang 14h thứ 6 tuần sau", at(4, 12, 14), None, True),  # "dời sang …": to, not morning
    ("thứ 7 cuối tuần này", at(28, 11), None, False),
    ("1 tiếng 30 phút nữa", at(23, 11, 10, 30), None, True),
    ("30 giây nữa", datetime(2026, 11, 23, 9, 0, 30, tzinfo=VN), None, True),
]

# Unaccented typing merges a few words the accented text keeps apart; these stay accented.
_ACCENT_ONLY = {"ngày 15 tới", "ngày 15 tới lúc 9h", "sang 14h thứ 6 tuần sau"}


@pytest.mark.parametrize(("text", "start", "end", "has_time"), READ)
@pytest.mark.parametrize("accents", [True, False], ids=["accents", "plain"])
def test_read(
    text: str, start: datetime, end: datetime | None, has_time: bool, accents: bool
) -> None:
    if not accents:
        if text in _ACCENT_ONLY:
            pytest.skip("accents tell tới (next) from tối (evening), sang (to) from sáng")
        text = fold(text)
    got = read_when(text, NOW)
    assert isinstance(got, When), (text, got)
    assert (got.at, got.end, got.has_time) == (start, end, has_time), text
    if end is not None and got.end_has_time:
        assert got.deadline == (end, True)


RECURRING = [
    ("7h30 mỗi sáng thứ hai", at(30, 11, 7, 30), (0,)),
    ("mỗi sáng thứ Hai", at(30, 11, 8), (0,)),
    ("mọi thứ 6 lúc 16h", at(27, 11, 16), (4,)),
    ("hằng thứ 2 và thứ 5 lúc 8h", at(26, 11, 8), (0, 3)),
    ("hàng tuần vào chiều thứ 6", at(27, 11, 14), (4,)),
    ("vào các ngày thứ 2, thứ 4 lúc 7h", at(25, 11, 7), (0, 2)),
    ("moi sang thu hai 7h30", at(30, 11, 7, 30), (0,)),
]


@pytest.mark.parametrize(("text", "first", "weekdays"), RECURRING)
def test_recurring(text: str, first: datetime, weekdays: tuple[int, ...]) -> None:
    got = read_when(text, NOW)
    assert isinstance(got, When), got
    assert got.at == first
    assert got.repeat is not None
    assert (got.repeat.kind, got.repeat.weekdays) == ("weekly", weekdays)


def test_every_morning_is_daily() -> None:
    got = read_when("mỗi sáng 7h", NOW)
    assert isinstance(got, When)
    assert got.repeat is not None
    assert got.repeat.kind == "daily"
    assert got.at == at(24, 11, 7)


# (text, words of the reason): time words that must never become a time.
REFUSED = [
    ("14h00 ngày 26/11/2026 (thứ Sáu)", "là thứ Năm, không phải thứ Sáu"),
    ("8h thứ 5 ngày 27/11", "là thứ Sáu, không phải thứ Năm"),
    ("Thứ Sáu, ngày 28/11/2026", "là thứ Bảy, không phải thứ Sáu"),
    ("thứ Sáu 20/11", "đã qua"),
    ("sáng mai 25/11", "“mai” là 24/11/2026"),
    ("mai thứ Tư", "là thứ Ba, không phải thứ Tư"),
    ("hôm nay 25/11", "“hôm nay” là 23/11/2026"),
    ("8.12", "8 giờ 12 hoặc ngày 8/12"),
    ("8h cuối tuần", "chưa rõ ngày nào"),
    ("ngày 31/11/2026", "không có ngày 31"),
    ("29/2", "không có ngày 29"),
    ("từ 11h đến 8h", "không sau thời gian bắt đầu"),
    ("hằng năm vào ngày 20/11", "hằng năm"),
    ("mỗi 2 tuần", "cách quãng"),
    ("8h ngày hai mươi", "ngày hai mươi"),
    ("17h00 ngàyy 29/11", "ngàyy 29/11"),
    ("giữa tuần sau", "chưa rõ"),
    ("8h thứ 9", "không có thứ 9"),
    ("25h ngày 5/12", "25"),
    ("14h sáng mai", "14 giờ sáng"),
    ("8h 9h", "hai giờ"),
    ("thứ 6 tuần trước", "tuần trước"),
    ("tháng trước", "tháng trước đã qua"),
    ("trong 8 gio toi", "là buổi tối hay “tới”"),
    ("8h ngay 15 toi", "buổi tối hay “tới”"),
    ("8h tuần sau", "“tuần sau” chưa rõ"),
    ("8h tháng sau", "“tháng sau” chưa rõ"),
    ("ngày 7/12 (thứ 2, tuần sau)", "không thuộc tuần đã ghi"),
    # A second day joined by "và" after a range: never dropped into the title.
    ("7h–11h ngày 28 và 29/11", "thời gian thứ hai (“29/11”)"),
    ("7h-11h ngay 28 va 29/11", "thời gian thứ hai (“29/11”)"),
    ("8h30-11h30 ngày 28/11 và chiều 29/11", "(“chiều 29/11”)"),
    # Two times to choose from: which one is asked, not picked.
    ("10/12 hoặc 11/12", "thứ hai để chọn (“11/12”)"),
    ("8h ngày 10/12 hoac 14h ngày 11/12", "thứ hai để chọn (“14h ngày 11/12”)"),
]


@pytest.mark.parametrize(("text", "why"), [*REFUSED, ("8h mai nhé", "“nhé”")])
def test_refused_with_a_reason(text: str, why: str) -> None:
    got = read_when(text, NOW)
    assert isinstance(got, Refusal), got
    assert why in got.reason
    assert got.words


@pytest.mark.parametrize(("text", "why"), REFUSED)
def test_refused_also_at_the_start_of_a_command(text: str, why: str) -> None:
    command = f"{text} Họp tổ đại biểu"
    assert split_when(command, NOW) is None
    got = find_when(command, NOW)
    assert isinstance(got, Refusal), got


# -- a time inside a pasted sentence ------------------------------------------------------------

FOUND = [
    (
        "Tiếp xúc cử tri vào lúc 7 giờ 30 phút ngày 29/11/2026 tại Nhà văn hóa tổ dân phố 5",
        at(29, 11, 7, 30),
        "Tiếp xúc cử tri tại Nhà văn hóa tổ dân phố 5",
    ),
    (
        "Hội nghị giao ban, thời gian: 14 giờ 00, ngày 27/11/2026 (thứ Sáu), địa điểm: "
        "Hội trường UBND phường",
        at(27, 11, 14),
        "Hội nghị giao ban, địa điểm: Hội trường UBND phường",
    ),
    ("Họp tổ ngày 29/11 lúc 8h tại phòng họp số 2", at(29, 11, 8), "Họp tổ tại phòng họp số 2"),
    ("Khảo sát tại xã A từ 8h00 đến 11h00 ngày 3/12", at(3, 12, 8), "Khảo sát tại xã A"),
    ("Giao ban mỗi sáng thứ hai lúc 7h30", at(30, 11, 7, 30), "Giao ban"),
    ("Định kỳ ngày 25 hàng tháng", at(25, 11), "Định kỳ"),
    # Time words before the marker that contradict it are the title's.
    ("Kỷ niệm ngày 20/11 lúc 8h ngày 19/11/2027", at(19, 11, 8, y=2027), "Kỷ niệm ngày 20/11"),
    (
        "Tiếp xúc cử tri trước kỳ họp ngày 10/12 vào lúc 8h ngày 29/11",
        at(29, 11, 8),
        "Tiếp xúc cử tri trước kỳ họp ngày 10/12",
    ),
    ("Tiếp dân vào sáng thứ Năm (26/11)", at(26, 11, 8), "Tiếp dân"),
    (
        "Hội nghị (từ 8h00 đến 11h00 ngày 3/12) tại hội trường",
        at(3, 12, 8),
        "Hội nghị tại hội trường",
    ),
    ("Họp sáng nay lúc 10h", at(23, 11, 10), "Họp"),
    ("8h sáng mai, họp tổ", at(24, 11, 8), "họp tổ"),
    ("Mai gửi báo cáo lúc 16h", at(23, 11, 16), "Mai gửi báo cáo"),  # Mai is a name
    (
        "Thời gian: 8 giờ 00, ngày 01/12/2026. Địa điểm: Hội trường",
        at(1, 12, 8),
        "Địa điểm: Hội trường",
    ),
    (
        "tiep xuc cu tri vao luc 7 gio 30 ngay 29/11/2026 tai nha van hoa",
        at(29, 11, 7, 30),
        "tiep xuc cu tri tai nha van hoa",
    ),
]


@pytest.mark.parametrize(("text", "start", "rest"), FOUND)
def test_find_when(text: str, start: datetime, rest: str) -> None:
    got = find_when(text, NOW)
    assert isinstance(got, Found), got
    assert got.when.at == start
    assert got.rest == rest
    # The span covers the time words, and reading them alone gives the same time.
    spanned = read_when(text[got.start : got.end], NOW)
    assert isinstance(spanned, When), text[got.start : got.end]
    assert spanned.at == got.when.at
    # The words to quote back are the time words, without "vào lúc" / "thời gian:".
    assert got.words
    assert text[got.start : got.end].endswith(got.words)
    assert not fold(got.words).startswith(("vao luc", "thoi gian", "luc "))


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Họp vào lúc 8h ngày 29/11, hạn 17h ngày 27/11", "hai thời gian"),
        ("Tiếp xúc cử tri 7h30 ngày 29/11", "nằm giữa nội dung"),
        ("Tiếp xúc cử tri vào lúc 7 giờ 30 ngày 31/11/2026", "không có ngày 31"),
    ],
)
def test_find_when_refuses(text: str, why: str) -> None:
    got = find_when(text, NOW)
    assert isinstance(got, Refusal), got
    assert why in got.reason


@pytest.mark.parametrize(
    "text", ["Tiếp xúc cử tri tổ 5", "Kiểm tra lúc nào cũng được", "Quà từ 5 xã", "Gửi báo cáo"]
)
def test_find_when_no_time(text: str) -> None:
    assert find_when(text, NOW) is None


@pytest.mark.parametrize(
    ("text", "due", "rest"),
    [
        (
            "Gửi báo cáo kết quả giám sát về Thường trực chậm nhất ngày 10/12/2026",
            at(10, 12),
            "Gửi báo cáo kết quả giám sát về Thường trực",
        ),
        ("Nộp báo cáo hạn 17h thứ 6", at(27, 11, 17), "Nộp báo cáo"),
        ("Tổng hợp ý kiến cử tri trước 17h ngày 4/12", at(4, 12, 17), "Tổng hợp ý kiến cử tri"),
        (
            "Chuẩn bị TXCT lúc 8h ngày 29/11 hạn 17h ngày 27/11",
            at(27, 11, 17),
            "Chuẩn bị TXCT lúc 8h ngày 29/11",
        ),
        ("Rà soát danh sách, hạn chót: cuối tuần", at(28, 11), "Rà soát danh sách"),
        ("Gửi báo cáo không quá 17h ngày 4/12", at(4, 12, 17), "Gửi báo cáo"),
        ("Gửi hồ sơ, không muộn hơn ngày 30/11/2026", at(30, 11), "Gửi hồ sơ"),
    ],
)
def test_find_deadline(text: str, due: datetime, rest: str) -> None:
    got = find_deadline(text, NOW)
    assert isinstance(got, Found), got
    assert got.when.at == due
    assert got.rest == rest


@pytest.mark.parametrize(
    "text", ["Gia hạn hợp đồng", "Báo cáo trước HĐND ngày 5/12", "Chuyển tài liệu đến 5 xã"]
)
def test_find_deadline_none(text: str) -> None:
    assert find_deadline(text, NOW) is None


# -- a day/month already past, without its year ---------------------------------------------


def test_past_day_month_without_year_asks() -> None:
    got = read_when("20/11 14h", NOW)  # typed on 23/11: next year, a year away
    assert isinstance(got, When)
    assert got.at == at(20, 11, 14, y=2027)
    assert got.year_implied
    assert got.far_without_year(NOW)


@pytest.mark.parametrize("text", ["20/11/2027 14h", "5/12 14h", "mai 14h", "ngày 20 14h"])
def test_no_question_when_the_year_is_written_or_near(text: str) -> None:
    got = read_when(text, NOW)
    assert isinstance(got, When), got
    assert not got.far_without_year(NOW)
