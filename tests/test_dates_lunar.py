"""Lunar dates as Vietnam counts them (bot.dates.lunar, lunar-vn underneath).

"now" is Monday 2026-11-23 09:00 in Asia/Ho_Chi_Minh: lunar 15/10 of year 2026 (Bính Ngọ).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.dates import Refusal, read_when
from bot.dates.lunar import lunar_year, to_solar
from bot.dates.reasons import Invalid

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=VN)


@pytest.mark.parametrize(
    ("year", "tet"),
    [
        # Vietnam's UTC+7 calendar and China's UTC+8 one start these years on other days:
        # China had its New Year on 20/2/1985 and 18/2/2007.
        (1985, date(1985, 1, 21)),
        (2007, date(2007, 2, 17)),
        (2023, date(2023, 1, 22)),
        (2024, date(2024, 2, 10)),
        (2025, date(2025, 1, 29)),
        (2026, date(2026, 2, 17)),
        (2027, date(2027, 2, 6)),
    ],
)
def test_tet_is_vietnams(year: int, tet: date) -> None:
    assert to_solar(1, 1, year, leap=False) == tet


def test_leap_month_of_2025_is_the_sixth() -> None:
    assert to_solar(1, 6, 2025, leap=True) == date(2025, 7, 25)
    with pytest.raises(Invalid, match="không có tháng 6 nhuận"):
        to_solar(1, 6, 2026, leap=True)


def test_a_day_the_month_does_not_have_is_refused() -> None:
    # Tháng Chạp of lunar 2026 has 29 days: "30 tháng Chạp" must not become mùng 1 Tết.
    assert to_solar(29, 12, 2026, leap=False) == date(2027, 2, 5)
    with pytest.raises(Invalid, match="không có ngày 30"):
        to_solar(30, 12, 2026, leap=False)


def test_lunar_year_turns_at_tet() -> None:
    assert lunar_year(date(2027, 2, 5)) == 2026
    assert lunar_year(date(2027, 2, 6)) == 2027


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=VN)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mùng 10 tháng Chạp", at(2027, 1, 17)),
        ("mung 10 thang chap", at(2027, 1, 17)),
        ("15/11 âm lịch", at(2026, 12, 23)),
        ("15/11 am lich", at(2026, 12, 23)),
        ("15/11 (âm lịch)", at(2026, 12, 23)),
        ("15/11 ÂL", at(2026, 12, 23)),
        ("ngày 15 tháng 11 âm lịch", at(2026, 12, 23)),
        ("rằm tháng Giêng", at(2027, 2, 20)),
        ("ram thang gieng", at(2027, 2, 20)),
        ("mùng 1 Tết", at(2027, 2, 6)),
        ("mùng 2 tết", at(2027, 2, 7)),
        ("mồng một tháng Giêng", at(2027, 2, 6)),
        ("8h sáng mùng 10 tháng Chạp", at(2027, 1, 17, 8)),
        ("rằm tháng 7", at(2027, 8, 16)),
        ("15/10 âm lịch", at(2026, 11, 23)),  # today is lunar 15/10: today counts
        ("16/10 âm lịch", at(2026, 11, 24)),
        ("14/10 âm lịch", at(2027, 11, 11)),  # already past this lunar year
        ("mùng 5 tháng Một âm lịch", at(2026, 12, 13)),  # tháng Một: the 11th lunar month
        ("ngày 15 tháng 8 năm 2027 âm lịch", at(2027, 9, 15)),
        ("rằm", at(2026, 11, 23)),  # the next full-moon day: today
        ("mùng 1 tháng 5 nhuận", at(2028, 6, 23)),  # the next year with a leap 5th month
        ("mùng 1 tháng 6 nhuận", at(2036, 7, 23)),  # … and with a leap 6th month
    ],
)
def test_lunar_phrases(text: str, expected: datetime) -> None:
    got = read_when(text, NOW)
    assert not isinstance(got, Refusal), got
    assert got is not None, text
    assert got.at == expected


def test_lunar_without_year_asks_when_far() -> None:
    got = read_when("14/10 âm lịch", NOW)
    assert got is not None
    assert not isinstance(got, Refusal)
    assert got.year_implied
    assert got.far_without_year(NOW)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("30 tháng Chạp âm lịch", "không có ngày 30"),
        ("ngày 1 tháng 6 nhuận năm 2026 âm lịch", "không có tháng 6 nhuận"),
        ("mùng 10 tháng Chạp năm 2150", "từ năm 1900 đến 2100"),
    ],
)
def test_lunar_refusals_say_why(text: str, reason: str) -> None:
    got = read_when(text, NOW)
    assert isinstance(got, Refusal), got
    assert reason in got.reason
