"""Quarters and Tết, as plans and notices write deadlines and periods: "quý IV", "trong quý
IV/2026", "cuối quý", "đầu quý sau", "trước Tết", "Tết Nguyên đán".

Each phrase is read at a fixed "now" of the table, in Asia/Ho_Chi_Minh:

* Q4: Monday 23/11/2026 09:00 (the "now" of the other date tests);
* DEC: Tuesday 15/12/2026, when "quý I" is next year's;
* Q3_LAST: Wednesday 30/09/2026, the last day of a quarter; Q4_FIRST: Thursday 01/10/2026;
* YEAR_LAST: Thursday 31/12/2026;
* EARLY: Tuesday 05/01/2027, early in the year and a month before Tết (06/02/2027);
* TET_EVE: Friday 05/02/2027 (29 tháng Chạp); TET_DAY: 06/02/2027; AFTER_TET: 07/02/2027.

Tết of lunar 2027 is 06/02/2027, of 2028 is 26/01/2028.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.dates import Found, Refusal, When, find_deadline, find_when, read_when, split_when
from bot.textnorm import fold

VN = ZoneInfo("Asia/Ho_Chi_Minh")
Q4 = datetime(2026, 11, 23, 9, 0, tzinfo=VN)
DEC = datetime(2026, 12, 15, 9, 0, tzinfo=VN)
Q3_LAST = datetime(2026, 9, 30, 9, 0, tzinfo=VN)
Q4_FIRST = datetime(2026, 10, 1, 9, 0, tzinfo=VN)
YEAR_LAST = datetime(2026, 12, 31, 9, 0, tzinfo=VN)
EARLY = datetime(2027, 1, 5, 9, 0, tzinfo=VN)
TET_EVE = datetime(2027, 2, 5, 9, 0, tzinfo=VN)
TET_DAY = datetime(2027, 2, 6, 9, 0, tzinfo=VN)
AFTER_TET = datetime(2027, 2, 7, 9, 0, tzinfo=VN)


def at(d: int, mo: int, y: int, h: int | None = None) -> datetime:
    return datetime(y, mo, d, h or 0, 0, tzinfo=VN)


# (now, text, at, end, has_time, year_implied, far_without_year)
READ: list[tuple[datetime, str, datetime, datetime | None, bool, bool, bool]] = [
    # a quarter: from its first day (today, inside it) to its last, as "trong tháng 12"
    (Q4, "quý IV", at(23, 11, 2026), at(31, 12, 2026), False, True, False),
    (Q4, "Quý IV", at(23, 11, 2026), at(31, 12, 2026), False, True, False),
    (Q4, "QUÝ IV", at(23, 11, 2026), at(31, 12, 2026), False, True, False),
    (Q4, "quý 4", at(23, 11, 2026), at(31, 12, 2026), False, True, False),
    (Q4, "quí IV", at(23, 11, 2026), at(31, 12, 2026), False, True, False),
    (Q4, "quý tư", at(23, 11, 2026), at(31, 12, 2026), False, True, False),
    (Q4, "trong quý IV", at(23, 11, 2026), at(31, 12, 2026), False, True, False),
    (Q4, "trong quý 4", at(23, 11, 2026), at(31, 12, 2026), False, True, False),
    (Q4, "trong vòng quý này", at(23, 11, 2026), at(31, 12, 2026), False, False, False),
    (Q4, "quý IV/2026", at(23, 11, 2026), at(31, 12, 2026), False, False, False),
    (Q4, "quý IV năm 2026", at(23, 11, 2026), at(31, 12, 2026), False, False, False),
    (Q4, "quý IV năm nay", at(23, 11, 2026), at(31, 12, 2026), False, False, False),
    (Q4, "quý này", at(23, 11, 2026), at(31, 12, 2026), False, False, False),
    (Q4, "trong quý", at(23, 11, 2026), at(31, 12, 2026), False, False, False),
    (Q4, "quý I", at(1, 1, 2027), at(31, 3, 2027), False, True, False),
    (Q4, "quý I năm 2027", at(1, 1, 2027), at(31, 3, 2027), False, False, False),
    (Q4, "quý 1/2027", at(1, 1, 2027), at(31, 3, 2027), False, False, False),
    (Q4, "quý 1 năm sau", at(1, 1, 2027), at(31, 3, 2027), False, False, False),
    (Q4, "quý sau", at(1, 1, 2027), at(31, 3, 2027), False, False, False),
    (Q4, "quý tới", at(1, 1, 2027), at(31, 3, 2027), False, False, False),
    (Q4, "trong quý sau", at(1, 1, 2027), at(31, 3, 2027), False, False, False),
    (Q4, "quý sau nữa", at(1, 4, 2027), at(30, 6, 2027), False, False, False),
    (Q4, "quý II", at(1, 4, 2027), at(30, 6, 2027), False, True, True),
    (Q4, "quý hai", at(1, 4, 2027), at(30, 6, 2027), False, True, True),
    (Q4, "quý III", at(1, 7, 2027), at(30, 9, 2027), False, True, True),  # just over: ask
    (Q4, "quý IV năm trước", at(1, 10, 2025), at(31, 12, 2025), False, False, False),
    # edges of a quarter, as "cuối tháng", "đầu tháng sau"
    (Q4, "cuối quý", at(31, 12, 2026), None, False, False, False),
    (Q4, "cuối quý này", at(31, 12, 2026), None, False, False, False),
    (Q4, "cuối quý IV", at(31, 12, 2026), None, False, True, False),
    (Q4, "cuối quý sau", at(31, 3, 2027), None, False, False, False),
    (Q4, "cuối quý I", at(31, 3, 2027), None, False, True, True),
    (Q4, "17h cuối quý", at(31, 12, 2026, 17), None, True, False, False),
    (Q4, "đầu quý", at(1, 1, 2027), None, False, False, False),
    (Q4, "đầu quý sau", at(1, 1, 2027), None, False, False, False),
    (Q4, "đầu quý IV", at(1, 10, 2027), None, False, True, True),  # already started
    # as documents announce them
    (Q4, "Hạn: quý IV", at(23, 11, 2026), at(31, 12, 2026), False, True, False),
    (Q4, "hạn chót: cuối quý IV/2026", at(31, 12, 2026), None, False, False, False),
    (
        Q4,
        "Thời hạn: trong quý IV năm 2026",
        at(23, 11, 2026),
        at(31, 12, 2026),
        False,
        False,
        False,
    ),
    (
        Q4,
        "Thời gian: dự kiến quý IV/2026",
        at(23, 11, 2026),
        at(31, 12, 2026),
        False,
        False,
        False,
    ),
    (Q4, "chậm nhất là quý 1 năm sau", at(1, 1, 2027), at(31, 3, 2027), False, False, False),
    (Q4, "đến hết quý IV", at(23, 11, 2026), at(31, 12, 2026), False, True, False),
    (Q4, "- Quý IV/2026", at(23, 11, 2026), at(31, 12, 2026), False, False, False),
    # in December, "quý I" is next year's, and near
    (DEC, "quý I", at(1, 1, 2027), at(31, 3, 2027), False, True, False),
    (DEC, "quý IV", at(15, 12, 2026), at(31, 12, 2026), False, True, False),
    (DEC, "cuối quý I", at(31, 3, 2027), None, False, True, True),
    # on the last day of a quarter: a period of one day has no end
    (Q3_LAST, "quý III", at(30, 9, 2026), None, False, True, False),
    (Q3_LAST, "trong quý này", at(30, 9, 2026), None, False, False, False),
    (Q3_LAST, "cuối quý", at(30, 9, 2026), None, False, False, False),
    (Q3_LAST, "đầu quý", at(1, 10, 2026), None, False, False, False),
    (Q3_LAST, "quý sau", at(1, 10, 2026), at(31, 12, 2026), False, False, False),
    (Q3_LAST, "quý IV", at(1, 10, 2026), at(31, 12, 2026), False, True, False),
    (Q4_FIRST, "đầu quý", at(1, 10, 2026), None, False, False, False),
    (Q4_FIRST, "đầu quý IV", at(1, 10, 2026), None, False, True, False),
    (Q4_FIRST, "quý III", at(1, 7, 2027), at(30, 9, 2027), False, True, True),
    (YEAR_LAST, "quý IV", at(31, 12, 2026), None, False, True, False),
    (YEAR_LAST, "cuối quý", at(31, 12, 2026), None, False, False, False),
    (YEAR_LAST, "quý sau", at(1, 1, 2027), at(31, 3, 2027), False, False, False),
    (EARLY, "quý I", at(5, 1, 2027), at(31, 3, 2027), False, True, False),
    (EARLY, "quý IV", at(1, 10, 2027), at(31, 12, 2027), False, True, True),
    (EARLY, "cuối quý", at(31, 3, 2027), None, False, False, False),
    (EARLY, "đầu quý", at(1, 4, 2027), None, False, False, False),
    # Tết: mùng 1 tháng Giêng of the coming lunar year, as "mùng 1 Tết"
    (Q4, "Tết", at(6, 2, 2027), None, False, True, True),
    (Q4, "Tết Nguyên đán", at(6, 2, 2027), None, False, True, True),
    (Q4, "Tết Nguyên Đán", at(6, 2, 2027), None, False, True, True),
    (Q4, "tết âm lịch", at(6, 2, 2027), None, False, True, True),
    (Q4, "Tết cổ truyền", at(6, 2, 2027), None, False, True, True),
    (Q4, "Tết này", at(6, 2, 2027), None, False, True, True),
    (Q4, "trước Tết", at(6, 2, 2027), None, False, True, True),  # as "trước 15/12": that day
    (Q4, "trước Tết Nguyên đán", at(6, 2, 2027), None, False, True, True),
    (Q4, "trước ngày Tết", at(6, 2, 2027), None, False, True, True),
    (Q4, "hạn chót: Tết", at(6, 2, 2027), None, False, True, True),
    (Q4, "8h sáng Tết", at(6, 2, 2027, 8), None, True, True, True),
    (Q4, "mùng 2 Tết Nguyên đán", at(7, 2, 2027), None, False, True, True),
    (Q4, "Tết 2028", at(26, 1, 2028), None, False, False, False),
    (Q4, "Tết Nguyên đán năm 2028", at(26, 1, 2028), None, False, False, False),
    (Q4, "từ nay đến Tết", at(23, 11, 2026), at(6, 2, 2027), False, True, False),
    (Q4, "Tết Dương lịch", at(1, 1, 2027), None, False, True, False),
    (Q4, "Tết Tây", at(1, 1, 2027), None, False, True, False),
    (DEC, "Tết", at(6, 2, 2027), None, False, True, False),
    (EARLY, "Tết", at(6, 2, 2027), None, False, True, False),
    (EARLY, "trước Tết", at(6, 2, 2027), None, False, True, False),
    (EARLY, "Tết Dương lịch", at(1, 1, 2028), None, False, True, True),  # just over: ask
    (YEAR_LAST, "Tết Dương lịch", at(1, 1, 2027), None, False, True, False),
    (TET_EVE, "Tết", at(6, 2, 2027), None, False, True, False),
    (TET_EVE, "trước Tết", at(6, 2, 2027), None, False, True, False),
    (TET_DAY, "Tết", at(6, 2, 2027), None, False, True, False),  # today counts
    (AFTER_TET, "Tết", at(26, 1, 2028), None, False, True, True),
    (AFTER_TET, "trước Tết", at(26, 1, 2028), None, False, True, True),
]

# Unaccented typing merges "tới" (next) into "tối"; "quý tư" is "quy tu" ("từ"): kept accented.
_ACCENT_ONLY = {"quý tư"}


@pytest.mark.parametrize(("now", "text", "start", "end", "has_time", "implied", "far"), READ)
@pytest.mark.parametrize("accents", [True, False], ids=["accents", "plain"])
def test_read(
    now: datetime,
    text: str,
    start: datetime,
    end: datetime | None,
    has_time: bool,
    implied: bool,
    far: bool,
    accents: bool,
) -> None:
    if not accents:
        if text in _ACCENT_ONLY:
            pytest.skip("unaccented “quy tu” reads “tư” as “từ”")
        text = fold(text)
    got = read_when(text, now)
    assert isinstance(got, When), (text, got)
    assert (got.at, got.end, got.has_time) == (start, end, has_time), text
    assert (got.year_implied, got.far_without_year(now)) == (implied, far), text
    assert got.repeat is None
    assert got.at.tzinfo is VN


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("quý IV", at(31, 12, 2026)),
        ("trong quý IV", at(31, 12, 2026)),
        ("quý này", at(31, 12, 2026)),
        ("quý sau", at(31, 3, 2027)),
        ("quý 1/2027", at(31, 3, 2027)),
        ("cuối quý", at(31, 12, 2026)),
        ("đầu quý sau", at(1, 1, 2027)),
        ("trước Tết", at(6, 2, 2027)),
        ("từ nay đến Tết", at(6, 2, 2027)),
    ],
)
def test_a_deadline_is_the_end_of_the_quarter(text: str, deadline: datetime) -> None:
    got = read_when(text, Q4)
    assert isinstance(got, When), got
    assert got.deadline == (deadline, False)


# (text, words of the reason), read at Q4
REFUSED = [
    ("quý trước", "quý trước đã qua"),
    ("cuối quý trước", "quý trước đã qua"),
    ("quý 5", "không có quý 5 (một năm có bốn quý: I, II, III, IV)"),
    ("trong quý 0", "không có quý 0"),
    ("quý 4/26", "“năm 26” không phải một ngày có thật"),
    ("giữa quý", "“giữa quý” chưa rõ là ngày nào"),
    ("giữa quý IV", "“giữa quý” chưa rõ là ngày nào"),
    ("trước quý IV", "“trước quý IV” chưa rõ là trước khi quý IV bắt đầu hay trước khi"),
    ("sau quý IV", "“sau quý IV” chưa rõ là ngày nào"),
    ("8h quý IV", "“quý IV” là từ thứ Hai 23/11/2026 đến thứ Năm 31/12/2026, chưa rõ ngày"),
    ("8h trong quý sau", "chưa rõ ngày nào"),
    ("quý IV, ngày 5/1", "ngày 05/01/2027 không thuộc “quý IV”"),
    ("sau Tết", "“sau Tết” chưa rõ là ngày nào"),
    ("tuần sau Tết", "“sau Tết” chưa rõ là ngày nào"),
    ("hết Tết", "“hết Tết” chưa rõ là ngày nào"),
    ("đến hết Tết", "“hết Tết” chưa rõ là ngày nào"),
    ("trong Tết", "“trong Tết” chưa rõ là ngày nào"),
    ("Tết Trung thu", "chỉ hiểu “Tết” là Tết Nguyên đán"),
    ("trước Tết Đoan ngọ", "chỉ hiểu “Tết” là Tết Nguyên đán"),
    ("Tết năm sau", "“Tết năm sau” chưa rõ là Tết năm nào"),
    ("trước Tết 10 ngày", "chưa tính được “trước Tết 10 ngày”"),
]


@pytest.mark.parametrize(("text", "why"), REFUSED)
@pytest.mark.parametrize("accents", [True, False], ids=["accents", "plain"])
def test_refused_with_a_reason(text: str, why: str, accents: bool) -> None:
    if not accents:
        text, why = fold(text), ""
    got = read_when(text, Q4)
    assert isinstance(got, Refusal), (text, got)
    assert why in got.reason
    assert got.words


def test_a_refusal_quotes_the_whole_quarter() -> None:
    got = read_when("trước quý IV", Q4)
    assert isinstance(got, Refusal)
    assert got.words == "trước quý IV"


# A bare "quý" before an ordinary word is that word's ("quý khách", "quy định"): not here.
@pytest.mark.parametrize(("text", "why"), [r for r in REFUSED if not r[0].endswith("quý")])
def test_refused_also_at_the_start_of_a_command(text: str, why: str) -> None:
    command = f"{text} Họp tổ đại biểu"
    assert split_when(command, Q4) is None
    got = find_when(command, Q4)
    assert isinstance(got, Refusal), got
    assert why in got.reason


# "quý" and "Tết" are also ordinary words: none of these is a time.
@pytest.mark.parametrize(
    "text",
    [
        "quý khách",
        "quý vị đại biểu",
        "quy định",
        "quỹ 4",
        "quỹ này",
        "trong quy định",
        "trong quỹ",
        "cuối quy trình",
        "Quý",
        "tết tóc",
        "mỗi quý",
        "hằng quý",
    ],
)
def test_ordinary_words_are_no_time(text: str) -> None:
    assert not isinstance(read_when(text, Q4), When), text


# (text, due, rest): a task's text, as find_deadline cuts it.
DEADLINES = [
    ("Nộp báo cáo giám sát hạn quý IV", at(31, 12, 2026), "Nộp báo cáo giám sát"),
    ("nop bao cao giam sat han quy iv", at(31, 12, 2026), "nop bao cao giam sat"),
    ("Nộp báo cáo, hạn chót: cuối quý IV/2026", at(31, 12, 2026), "Nộp báo cáo"),
    ("Tổng kết chậm nhất là quý 1 năm sau", at(31, 3, 2027), "Tổng kết"),
    (
        "Rà soát danh sách trong quý này hạn cuối quý",
        at(31, 12, 2026),
        "Rà soát danh sách trong quý này",
    ),
    ("Thăm hỏi gia đình chính sách trước Tết", at(6, 2, 2027), "Thăm hỏi gia đình chính sách"),
    ("Gửi quà trước Tết Nguyên đán", at(6, 2, 2027), "Gửi quà"),
    # The words stay in the task's text when they only name something.
    ("Báo cáo quý IV hạn 15/1", at(15, 1, 2027), "Báo cáo quý IV"),
    ("Nộp báo cáo quý 4 trước ngày 15/12", at(15, 12, 2026), "Nộp báo cáo quý 4"),
    ("Chuẩn bị quà Tết hạn 20/1", at(20, 1, 2027), "Chuẩn bị quà Tết"),
    ("Thực hiện theo quy định hạn 15/12", at(15, 12, 2026), "Thực hiện theo quy định"),
    ("Kính gửi quý cơ quan trước 17h ngày 4/12", at(4, 12, 2026, 17), "Kính gửi quý cơ quan"),
]


@pytest.mark.parametrize(("text", "due", "rest"), DEADLINES)
def test_find_deadline(text: str, due: datetime, rest: str) -> None:
    got = find_deadline(text, Q4)
    assert isinstance(got, Found), got
    assert got.when.deadline[0] == due
    assert got.rest == rest


@pytest.mark.parametrize(
    "text",
    ["Báo cáo quý IV", "Triển khai sau Tết", "Trực cơ quan trong thời gian Tết", "Chúc Tết"],
)
def test_find_deadline_none(text: str) -> None:
    assert find_deadline(text, Q4) is None


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Xây dựng kế hoạch hạn sau Tết", "“sau Tết” chưa rõ là ngày nào"),
        ("Báo cáo hạn giữa quý", "“giữa quý” chưa rõ là ngày nào"),
        ("Nộp báo cáo hạn quý 5", "không có quý 5"),
        # Two deadlines: which one is meant is asked.
        ("Chuẩn bị quà trước Tết, hạn 20/1", "có hai thời gian khác nhau"),
    ],
)
def test_find_deadline_refuses(text: str, why: str) -> None:
    got = find_deadline(text, Q4)
    assert isinstance(got, Refusal), got
    assert why in got.reason


@pytest.mark.parametrize(
    ("text", "start", "rest"),
    [
        ("Trao quà Tết lúc 8h tại UBND", at(24, 11, 2026, 8), "Trao quà Tết tại UBND"),
        ("Kính gửi quý cơ quan vào lúc 8h mai", at(24, 11, 2026, 8), "Kính gửi quý cơ quan"),
        ("Kiểm tra cuối quy trình lúc 8h mai", at(24, 11, 2026, 8), "Kiểm tra cuối quy trình"),
        ("Họp tổng kết quý IV lúc 8h ngày 20/12", at(20, 12, 2026, 8), "Họp tổng kết quý IV"),
        ("Họp trong quý IV lúc 8h ngày 20/12", at(20, 12, 2026, 8), "Họp"),
    ],
)
def test_find_when(text: str, start: datetime, rest: str) -> None:
    got = find_when(text, Q4)
    assert isinstance(got, Found), got
    assert got.when.at == start
    assert got.rest == rest


@pytest.mark.parametrize("text", ["Thực hiện trong quy định", "thuc hien trong quy dinh"])
def test_find_when_none(text: str) -> None:
    assert find_when(text, Q4) is None
