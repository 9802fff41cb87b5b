"""Table-driven tests for bot.dates: Vietnamese time phrases typed on a phone.

"now" is Monday 2026-11-23 09:00 in Asia/Ho_Chi_Minh unless a test says otherwise.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.dates import Repeat, When, examples, format_when, parse_when, split_when

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=VN)  # a Monday


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=VN)


# (typed, expected moment, has_time)
TIMED = [
    # the table
    ("8h sáng mai", at(2026, 11, 24, 8), True),
    ("8g sáng mai", at(2026, 11, 24, 8), True),
    ("8 giờ sáng mai", at(2026, 11, 24, 8), True),
    ("14h thứ 5", at(2026, 11, 26, 14), True),
    ("T5 14h", at(2026, 11, 26, 14), True),
    ("chiều thứ 2 tuần tới", at(2026, 11, 30, 14), True),
    ("thu 5 tuan sau 9h", at(2026, 12, 3, 9), True),
    ("tối nay 21h", at(2026, 11, 23, 21), True),
    ("9 giờ tối nay", at(2026, 11, 23, 21), True),
    ("3 tiếng nữa", at(2026, 11, 23, 12), True),
    ("180 phút nữa", at(2026, 11, 23, 12), True),
    ("14h30 ngày 26/11", at(2026, 11, 26, 14, 30), True),
    ("26/11 lúc 14h30", at(2026, 11, 26, 14, 30), True),
    ("T7 10h", at(2026, 11, 28, 10), True),
    ("8 giờ tối thứ 6", at(2026, 11, 27, 20), True),
    ("trước 16h thứ 4", at(2026, 11, 25, 16), True),
    ("tomorrow 3pm", at(2026, 11, 24, 15), True),
    # accents, case, spacing
    ("8H SÁNG MAI", at(2026, 11, 24, 8), True),
    ("8h sang mai", at(2026, 11, 24, 8), True),
    ("  8h   sáng    mai  ", at(2026, 11, 24, 8), True),
    ("THU 5 TUAN SAU 9H", at(2026, 12, 3, 9), True),
    ("Thứ Năm tuần sau 9h", at(2026, 12, 3, 9), True),
    ("t5 14h", at(2026, 11, 26, 14), True),
    ("toi nay 21h", at(2026, 11, 23, 21), True),
    ("chieu thu 2 tuan toi", at(2026, 11, 30, 14), True),
    ("8h sáng mai.", at(2026, 11, 24, 8), True),
    ("8h, sáng mai", at(2026, 11, 24, 8), True),
    # decomposed Unicode (some phone keyboards send it)
    ("8h sa\u0301ng mai", at(2026, 11, 24, 8), True),
    # time forms
    ("8h30 sáng mai", at(2026, 11, 24, 8, 30), True),
    ("8g30 sáng mai", at(2026, 11, 24, 8, 30), True),
    ("8:30 sáng mai", at(2026, 11, 24, 8, 30), True),
    ("8 giờ 30 sáng mai", at(2026, 11, 24, 8, 30), True),
    ("8 giờ 30 phút sáng mai", at(2026, 11, 24, 8, 30), True),
    ("8h30p mai", at(2026, 11, 24, 8, 30), True),
    ("8 rưỡi sáng mai", at(2026, 11, 24, 8, 30), True),
    ("8h rưỡi mai", at(2026, 11, 24, 8, 30), True),
    ("8h kém 15 mai", at(2026, 11, 24, 7, 45), True),
    ("2 giờ chiều mai", at(2026, 11, 24, 14), True),
    ("8 giờ tối mai", at(2026, 11, 24, 20), True),
    ("11 giờ đêm nay", at(2026, 11, 23, 23), True),
    ("12 giờ trưa mai", at(2026, 11, 24, 12), True),
    ("1 giờ trưa mai", at(2026, 11, 24, 13), True),
    ("3pm mai", at(2026, 11, 24, 15), True),
    ("10:30am thứ 6", at(2026, 11, 27, 10, 30), True),
    # parts of day without an hour
    ("sáng mai", at(2026, 11, 24, 8), True),
    ("trưa mai", at(2026, 11, 24, 12), True),
    ("chiều mai", at(2026, 11, 24, 14), True),
    ("tối mai", at(2026, 11, 24, 19), True),
    ("tối nay", at(2026, 11, 23, 19), True),
    ("buổi chiều thứ 6", at(2026, 11, 27, 14), True),
    # a time of day with no date: today if ahead, else tomorrow
    ("17h", at(2026, 11, 23, 17), True),
    ("8h", at(2026, 11, 24, 8), True),
    ("9h", at(2026, 11, 24, 9), True),  # exactly now is not ahead
    ("lúc 8", at(2026, 11, 24, 8), True),
    ("vào lúc 15 giờ", at(2026, 11, 23, 15), True),
    ("chiều", at(2026, 11, 23, 14), True),
    # weekdays
    ("8 giờ tối thứ sáu", at(2026, 11, 27, 20), True),
    ("thứ 6 tối", at(2026, 11, 27, 19), True),
    ("thu 6 toi", at(2026, 11, 27, 19), True),  # unaccented "toi" after a weekday: evening
    ("14h thứ 2", at(2026, 11, 23, 14), True),  # Monday, still ahead today
    ("8h thứ 2", at(2026, 11, 30, 8), True),  # Monday, already past today
    ("ngày thứ 6 lúc 17h", at(2026, 11, 27, 17), True),
    ("17h chủ nhật", at(2026, 11, 29, 17), True),
    ("17h CN", at(2026, 11, 29, 17), True),
    # dates with times
    ("14h30 26/11/2026", at(2026, 11, 26, 14, 30), True),
    ("14h30 26-11-2026", at(2026, 11, 26, 14, 30), True),
    ("ngày 26 tháng 11 năm 2026 lúc 8h", at(2026, 11, 26, 8), True),
    ("2 giờ đêm thứ 6", at(2026, 11, 28, 2), True),  # the night of Friday, after midnight
    ("thứ 5 ngày 26/11 9h", at(2026, 11, 26, 9), True),
    # relative
    ("nửa tiếng nữa", at(2026, 11, 23, 9, 30), True),
    ("1 tiếng rưỡi nữa", at(2026, 11, 23, 10, 30), True),
    ("2 giờ nữa", at(2026, 11, 23, 11), True),
    ("ba tiếng nữa", at(2026, 11, 23, 12), True),
    ("45 phút nữa", at(2026, 11, 23, 9, 45), True),
    ("3 ngày nữa lúc 8h", at(2026, 11, 26, 8), True),
    ("in 3 hours", at(2026, 11, 23, 12), True),
    ("2026-12-01T10:00", at(2026, 12, 1, 10), True),
]

DATE_ONLY = [
    ("thứ 6 tuần sau", at(2026, 12, 4)),
    ("thu 6 tuan sau", at(2026, 12, 4)),
    ("Thứ Sáu tuần sau", at(2026, 12, 4)),
    ("thứ sáu tuần tới", at(2026, 12, 4)),
    ("T6 tuần sau", at(2026, 12, 4)),
    ("4 ngày nữa", at(2026, 11, 27)),
    ("bốn ngày nữa", at(2026, 11, 27)),
    ("sau 4 ngày", at(2026, 11, 27)),
    ("4 ngày sau", at(2026, 11, 27)),
    ("2 tuần nữa", at(2026, 12, 7)),
    ("1 tháng nữa", at(2026, 12, 23)),
    ("mùng 2 tháng 12", at(2026, 12, 2)),
    ("mồng 2 tháng 12", at(2026, 12, 2)),
    ("mung 2 thang 12", at(2026, 12, 2)),
    ("ngày 7/1", at(2027, 1, 7)),
    ("7/1", at(2027, 1, 7)),
    ("23/11", at(2026, 11, 23)),  # today counts as the next such date
    ("22/11", at(2027, 11, 22)),
    ("CN tuần sau", at(2026, 12, 6)),
    ("chủ nhật tuần sau", at(2026, 12, 6)),
    ("cn tuan sau", at(2026, 12, 6)),
    ("thứ 6 tuần sau nữa", at(2026, 12, 11)),
    ("thứ 6 tuần này", at(2026, 11, 27)),
    ("thứ 6 này", at(2026, 11, 27)),
    ("thứ 6", at(2026, 11, 27)),
    ("thứ 2", at(2026, 11, 30)),  # today is Monday; a date-only weekday is the next one
    ("mai", at(2026, 11, 24)),
    ("ngày mai", at(2026, 11, 24)),
    ("mốt", at(2026, 11, 25)),
    ("ngày mốt", at(2026, 11, 25)),
    ("ngày kia", at(2026, 11, 25)),
    ("hôm nay", at(2026, 11, 23)),
    ("hôm qua", at(2026, 11, 22)),  # read, so callers say "already past", not "unreadable"
    ("ngày hôm qua", at(2026, 11, 22)),
    ("tuần sau", at(2026, 11, 30)),
    ("tháng sau", at(2026, 12, 23)),
    ("ngày 5 tháng sau", at(2026, 12, 5)),
    ("ngày 26", at(2026, 11, 26)),
    ("ngày 20", at(2026, 12, 20)),
    ("ngày 31", at(2026, 12, 31)),  # November has no 31st
    ("26/11/2026", at(2026, 11, 26)),
    ("26/11/26", at(2026, 11, 26)),
    ("26-11-2026", at(2026, 11, 26)),
    ("26.11.2026", at(2026, 11, 26)),
    ("2026-12-01", at(2026, 12, 1)),
    ("2026/12/01", at(2026, 12, 1)),
    ("ngày 26 tháng 11 năm 2026", at(2026, 11, 26)),
    ("29/2/2028", at(2028, 2, 29)),
    ("thứ 5 ngày 26/11", at(2026, 11, 26)),
    ("next friday", at(2026, 11, 27)),
    ("in 3 days", at(2026, 11, 26)),
]

NOT_A_TIME = [
    "",
    "   ",
    "hello",
    "thứ 9",
    "thứ 1",
    "thu 9",
    "31/4",
    "31/11",
    "29/2",  # the next 29/2 would be in 2027, which has none
    "29/2/2027",
    "0/11",
    "26/13",
    "26h",
    "25h",
    "24h",
    "8h75",
    "25:00",
    "14h sáng",
    "3 tối",
    "Gửi báo cáo",
    "tôi",  # "I", not "tối" (evening)
    "thứ tự",  # "order", not "thứ tư"
    "8h tôi",
    "mai mai",
    "8h 9h",
    "thứ 6 ngày 26/11",  # 26/11/2026 is a Thursday: contradiction, ask the user
    "thứ 6 tuần trước",
    "5",
    "123456789012345678901234567890",
    "khu 3",
    "3 giờ nữa nữa",
    "3pm 4pm",
    "tomorrow hello",
    "thu\u0301 10",  # decomposed "thú 10" must not reach dateparser as English "thu"
    "thứ 2 và thứ 5",  # several weekdays only for a recurrence
    "hàng tuần",  # weekly needs a weekday
    "hàng tháng",  # monthly needs a day
    "0 ngày nữa",
    "99999 ngày nữa",
    "!!!",
    "8h sáng mai " + "x" * 500,
]


@pytest.mark.parametrize(("text", "expected", "has_time"), TIMED)
def test_timed_phrases(text: str, expected: datetime, has_time: bool) -> None:
    got = parse_when(text, NOW)
    assert got is not None, text
    assert (got.at, got.has_time, got.repeat) == (expected, has_time, None)
    assert got.at.tzinfo is VN


@pytest.mark.parametrize(("text", "expected"), DATE_ONLY)
def test_date_only_phrases(text: str, expected: datetime) -> None:
    got = parse_when(text, NOW)
    assert got is not None, text
    assert (got.at, got.has_time, got.repeat) == (expected, False, None), text


@pytest.mark.parametrize("text", NOT_A_TIME)
def test_not_a_time(text: str) -> None:
    assert parse_when(text, NOW) is None


@pytest.mark.parametrize(
    ("text", "expected", "repeat"),
    [
        ("8h thứ 2 hàng tuần", at(2026, 11, 30, 8), Repeat("weekly", (0,))),
        ("thứ 2 hàng tuần 8h", at(2026, 11, 30, 8), Repeat("weekly", (0,))),
        ("hằng tuần vào thứ 2 lúc 8h", at(2026, 11, 30, 8), Repeat("weekly", (0,))),
        ("14h thứ 2 hàng tuần", at(2026, 11, 23, 14), Repeat("weekly", (0,))),
        ("thứ 2 và thứ 5 hàng tuần", at(2026, 11, 26), Repeat("weekly", (0, 3))),
        ("7h thứ 5 và thứ 2 hàng tuần", at(2026, 11, 26, 7), Repeat("weekly", (0, 3))),
        ("thứ 2, 4, 6 hàng tuần 17h", at(2026, 11, 23, 17), Repeat("weekly", (0, 2, 4))),
        ("mỗi tuần thứ 7 9h", at(2026, 11, 28, 9), Repeat("weekly", (5,))),
        ("hàng ngày 7h", at(2026, 11, 24, 7), Repeat("daily")),
        ("7h hằng ngày", at(2026, 11, 24, 7), Repeat("daily")),
        ("mỗi ngày 17h", at(2026, 11, 23, 17), Repeat("daily")),
        ("hang ngay 7h30", at(2026, 11, 24, 7, 30), Repeat("daily")),
        ("các ngày trong tuần 7h30", at(2026, 11, 24, 7, 30), Repeat("weekly", (0, 1, 2, 3, 4))),
        ("ngày 5 hàng tháng", at(2026, 12, 5), Repeat("monthly", day_of_month=5)),
        ("8h ngày 25 hằng tháng", at(2026, 11, 25, 8), Repeat("monthly", day_of_month=25)),
        ("mùng 1 hàng tháng 9h", at(2026, 12, 1, 9), Repeat("monthly", day_of_month=1)),
        ("ngày 31 hàng tháng 9h", at(2026, 12, 31, 9), Repeat("monthly", day_of_month=31)),
    ],
)
def test_recurrence(text: str, expected: datetime, repeat: Repeat) -> None:
    got = parse_when(text, NOW)
    assert got is not None, text
    assert (got.at, got.repeat) == (expected, repeat)
    assert got.has_time == (expected.hour != 0 or expected.minute != 0)


@pytest.mark.parametrize(
    "text",
    ["hàng ngày thứ 2", "hàng tuần mai", "ngày 5/12 hàng tháng", "hàng tuần 3 ngày nữa"],
)
def test_contradictory_recurrence(text: str) -> None:
    assert parse_when(text, NOW) is None


# -- split_when ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "rest"),
    [
        ("8h thứ 2 hàng tuần Giao ban tổ", at(2026, 11, 30, 8), "Giao ban tổ"),
        ("thứ 6 tuần sau tại Nhà văn hóa khu 3", at(2026, 12, 4), "tại Nhà văn hóa khu 3"),
        ("17h thứ 6 Gửi báo cáo", at(2026, 11, 27, 17), "Gửi báo cáo"),
        ("8h mai Mai gửi báo cáo", at(2026, 11, 24, 8), "Mai gửi báo cáo"),
        ("3 tiếng nữa gọi anh Tư", at(2026, 11, 23, 12), "gọi anh Tư"),
        ("14h30 ngày 26/11 tại UBND phường", at(2026, 11, 26, 14, 30), "tại UBND phường"),
        ("17h thứ 6 lúc nào đó", at(2026, 11, 27, 17), "lúc nào đó"),
        ("8H SÁNG MAI   Họp  tổ  ", at(2026, 11, 24, 8), "Họp  tổ"),
        ("8h sáng mai, họp tổ", at(2026, 11, 24, 8), "họp tổ"),
        ("8h tôi đi họp", at(2026, 11, 24, 8), "tôi đi họp"),
        ("8h 5 người họp", at(2026, 11, 24, 8), "5 người họp"),
        ("8h 30 phút họp", at(2026, 11, 24, 8, 30), "họp"),
        ("8 giờ 26/11 họp", at(2026, 11, 26, 8), "họp"),
        ("thứ 6 tuần sau", at(2026, 12, 4), ""),
        ("tomorrow 3pm call the ward", at(2026, 11, 24, 15), "call the ward"),
        ("3pm tomorrow call the ward", at(2026, 11, 24, 15), "call the ward"),
        ("at 3pm on friday: call", at(2026, 11, 27, 15), ": call"),
        ("2026-12-01T10:00 họp", at(2026, 12, 1, 10), "họp"),
        ("8h sa\u0301ng mai ho\u0323p", at(2026, 11, 24, 8), "ho\u0323p"),
    ],
)
def test_split_when(text: str, expected: datetime, rest: str) -> None:
    got = split_when(text, NOW)
    assert got is not None, text
    when, tail = got
    assert when.at == expected
    assert tail == rest


def test_split_when_keeps_recurrence() -> None:
    got = split_when("8h thứ 2 hàng tuần Giao ban tổ", NOW)
    assert got is not None
    assert got[0] == When(at(2026, 11, 30, 8), True, Repeat("weekly", (0,)))


@pytest.mark.parametrize(
    "text",
    ["Gửi báo cáo", "", "31/11 họp tổ", "thứ 9 họp", "25h họp", "hello world", "Họp 8h mai"],
)
def test_split_when_none(text: str) -> None:
    assert split_when(text, NOW) is None


def test_split_when_long_text_is_fast_and_correct() -> None:
    text = "8h sáng mai " + "nội dung rất dài " * 20_000
    got = split_when(text, NOW)
    assert got is not None
    assert got[0].at == at(2026, 11, 24, 8)
    assert got[1] == text[len("8h sáng mai ") :].strip()


# -- zones and the past ---------------------------------------------------------------------------


def test_result_is_in_nows_zone() -> None:
    now = NOW.astimezone(UTC)  # 02:00 UTC, same instant
    got = parse_when("8h sáng mai", now)
    assert got is not None
    assert got.at == datetime(2026, 11, 24, 8, tzinfo=UTC)  # "mai" and "8h" are read in UTC
    assert got.at.tzinfo is UTC


def test_fixed_offset_zone_with_fallback() -> None:
    tz = timezone(timedelta(hours=-5, minutes=-30))
    now = datetime(2026, 11, 23, 9, tzinfo=tz)
    got = parse_when("tomorrow 3pm", now)
    assert got == When(datetime(2026, 11, 24, 15, tzinfo=tz), True)


def test_relative_hours_across_dst() -> None:
    # Europe/Paris leaves DST at 03:00 on 2026-10-25: two elapsed hours from 01:30 is 02:30 CET.
    paris = ZoneInfo("Europe/Paris")
    now = datetime(2026, 10, 25, 1, 30, tzinfo=paris)
    got = parse_when("2 tiếng nữa", now)
    assert got is not None
    assert (got.at.hour, got.at.utcoffset()) == (2, timedelta(hours=1))
    assert got.at.astimezone(UTC) == now.astimezone(UTC) + timedelta(hours=2)


def test_relative_durations_keep_seconds() -> None:
    now = datetime(2026, 11, 23, 9, 0, 42, 5, tzinfo=VN)
    got = parse_when("30 phút nữa", now)
    assert got == When(datetime(2026, 11, 23, 9, 30, 42, 5, tzinfo=VN), True)
    got = parse_when("1 phút nữa", now)
    assert got is not None
    assert got.at - now == timedelta(seconds=60)


def test_explicit_today_in_the_past_is_returned_as_typed() -> None:
    got = parse_when("8h hôm nay", NOW)
    assert got == When(at(2026, 11, 23, 8), True)
    assert got.at < NOW


def test_this_week_past_weekday_is_returned_as_typed() -> None:
    now = datetime(2026, 11, 27, 9, tzinfo=VN)  # Friday
    got = parse_when("thứ 3 tuần này", now)
    assert got == When(at(2026, 11, 24), False)


def test_year_end_rollover() -> None:
    now = datetime(2026, 12, 31, 22, tzinfo=VN)
    assert parse_when("8h sáng mai", now) == When(at(2027, 1, 1, 8), True)
    assert parse_when("thứ 6 tuần sau", now) == When(at(2027, 1, 8), False)
    assert parse_when("ngày 5", now) == When(at(2027, 1, 5), False)
    assert parse_when("3 tiếng nữa", now) == When(at(2027, 1, 1, 1), True)


def test_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="aware"):
        parse_when("8h", datetime(2026, 11, 23, 9))
    with pytest.raises(ValueError, match="aware"):
        split_when("8h họp", datetime(2026, 11, 23, 9))


def test_fallback_does_not_accept_garbage() -> None:
    # dateparser alone turns these into dates; the guard must stop them.
    for text in ["thứ 9", "5", "hello 5", "khu 3", "a", "at the", "on"]:
        assert parse_when(text, NOW) is None, text


# -- Repeat ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("repeat", "previous", "expected"),
    [
        (Repeat("daily"), at(2026, 11, 30, 8), at(2026, 12, 1, 8)),
        (Repeat("daily"), at(2026, 12, 31, 23, 59), at(2027, 1, 1, 23, 59)),
        (Repeat("weekly", (0,)), at(2026, 11, 30, 8), at(2026, 12, 7, 8)),
        (Repeat("weekly", (0, 3)), at(2026, 11, 30, 8), at(2026, 12, 3, 8)),
        (Repeat("weekly", (0, 3)), at(2026, 12, 3, 8), at(2026, 12, 7, 8)),
        (Repeat("weekly", (0, 1, 2, 3, 4)), at(2026, 11, 27, 7), at(2026, 11, 30, 7)),
        (Repeat("weekly", (4,)), at(2026, 12, 25, 9), at(2027, 1, 1, 9)),
        (Repeat("weekly"), at(2026, 11, 25, 9), at(2026, 12, 2, 9)),
        (Repeat("monthly", day_of_month=5), at(2026, 12, 5, 9), at(2027, 1, 5, 9)),
        (Repeat("monthly", day_of_month=5), at(2026, 12, 1, 9), at(2026, 12, 5, 9)),
        (Repeat("monthly", day_of_month=31), at(2027, 1, 31, 9), at(2027, 3, 31, 9)),
        (Repeat("monthly", day_of_month=30), at(2027, 1, 30, 9), at(2027, 3, 30, 9)),
        (Repeat("monthly", day_of_month=29), at(2027, 1, 29, 9), at(2027, 3, 29, 9)),
        (Repeat("monthly", day_of_month=29), at(2028, 1, 29, 9), at(2028, 2, 29, 9)),
        (Repeat("monthly"), at(2026, 11, 15, 9), at(2026, 12, 15, 9)),
    ],
)
def test_next_after(repeat: Repeat, previous: datetime, expected: datetime) -> None:
    got = repeat.next_after(previous)
    assert got == expected
    assert got.tzinfo is previous.tzinfo


def test_next_after_keeps_wall_clock_across_dst() -> None:
    paris = ZoneInfo("Europe/Paris")
    previous = datetime(2026, 10, 24, 8, tzinfo=paris)  # CEST, the day before the change
    got = Repeat("daily").next_after(previous)
    assert (got.hour, got.minute, got.utcoffset()) == (8, 0, timedelta(hours=1))


def test_repeat_rejects_bad_values() -> None:
    with pytest.raises(ValueError, match="weekdays"):
        Repeat("weekly", (7,))
    with pytest.raises(ValueError, match="day_of_month"):
        Repeat("monthly", day_of_month=32)


def test_next_after_rejects_naive() -> None:
    with pytest.raises(ValueError, match="aware"):
        Repeat("daily").next_after(datetime(2026, 11, 23, 8))


@pytest.mark.parametrize(
    ("repeat", "text"),
    [
        (Repeat("daily"), "hằng ngày"),
        (Repeat("weekly", (0, 3)), "hằng tuần vào thứ Hai, thứ Năm"),
        (Repeat("weekly", (6,)), "hằng tuần vào Chủ nhật"),
        (Repeat("weekly", (0, 1, 2, 3, 4)), "các ngày trong tuần"),
        (Repeat("monthly", day_of_month=5), "ngày 5 hằng tháng"),
    ],
)
def test_describe(repeat: Repeat, text: str) -> None:
    assert repeat.describe() == text


# -- display --------------------------------------------------------------------------------------


def test_format_when() -> None:
    assert format_when(at(2026, 11, 27, 17), True, NOW) == "17:00 thứ Sáu, 27/11"
    assert format_when(at(2026, 11, 27), False, NOW) == "thứ Sáu, 27/11"
    assert format_when(at(2027, 11, 27), False, NOW) == "thứ Bảy, 27/11/2027"
    assert format_when(at(2026, 11, 29, 8, 5), True) == "08:05 Chủ nhật, 29/11/2026"
    # shown in now's zone: 10:00 UTC is 17:00 in Vietnam
    assert format_when(datetime(2026, 11, 27, 10, tzinfo=UTC), True, NOW) == (
        "17:00 thứ Sáu, 27/11"
    )


def test_examples_parse() -> None:
    shown = examples()
    assert len(shown) == 3
    for text in shown:
        assert parse_when(text, NOW) is not None, text
