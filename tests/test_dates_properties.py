"""Property tests for bot.dates: no input raises, results are aware and in now's zone."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.dates import (
    Found,
    Repeat,
    When,
    find_when,
    format_span,
    format_when,
    parse_when,
    read_when,
    split_when,
)

ZONES = [
    ZoneInfo("Asia/Ho_Chi_Minh"),
    ZoneInfo("Europe/Paris"),
    ZoneInfo("America/New_York"),
    ZoneInfo("Pacific/Kiritimati"),
    ZoneInfo("UTC"),
    timezone(timedelta(hours=7)),
    timezone(timedelta(hours=-9, minutes=-30)),
]

# Words the grammar knows, so random sentences reach deep into it rather than stopping at once.
VOCAB = (  # noqa: SIM905 - a word list reads best as words
    "thứ thu t cn chủ nhật hôm nay này mai mốt kia ngày mùng tháng năm tuần sau tới toi tối "
    "trước nữa nửa tiếng giờ h g phút p rưỡi kém sáng trưa chiều đêm buổi lúc vào hàng hằng "
    "mỗi mọi các trong và am pm hai ba bốn tư sáu bảy tôi tomorrow next friday in days hours "
    "at từ đến hết cuối đầu giữa âm lịch rằm tết nhuận giêng chạp thời gian hạn chót chậm "
    "nhất bắt kể dự kiến giây qua Mai "
    "/ : - – . , ( ) ’ 0 1 2 5 7 8 9 10 12 14 23 24 25 26 30 31 59 60 2026 2027 99999"
).split()

nows = st.builds(
    lambda d, secs, tz: (
        datetime.combine(d, datetime.min.time(), tzinfo=tz) + timedelta(seconds=secs)
    ),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    st.integers(min_value=0, max_value=86_399),
    st.sampled_from(ZONES),
)
sentences = st.lists(st.sampled_from(VOCAB), max_size=8).map(" ".join)
glued = st.lists(st.sampled_from(VOCAB), max_size=6).map("".join)
texts = st.one_of(st.text(max_size=60), sentences, glued)


def _check(found: object, now: datetime) -> None:
    if found is None:
        return
    at = found.at  # type: ignore[attr-defined]
    assert at.tzinfo is not None
    assert at.utcoffset() is not None
    assert at.tzinfo is now.tzinfo
    assert isinstance(found.has_time, bool)  # type: ignore[attr-defined]
    format_when(at, found.has_time, now)  # type: ignore[attr-defined]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, now=nows)
def test_parse_when_never_raises_and_is_aware(text: str, now: datetime) -> None:
    _check(parse_when(text, now), now)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, tail=st.text(max_size=30), now=nows)
def test_split_when_never_raises_and_rest_is_a_suffix(text: str, tail: str, now: datetime) -> None:
    full = f"{text} {tail}"
    got = split_when(full, now)
    if got is not None:
        when, rest = got
        _check(when, now)
        assert full.rstrip().endswith(rest)


@settings(max_examples=300, deadline=None)
@given(
    d=st.dates(min_value=date(2027, 1, 1), max_value=date(2090, 12, 31)),
    h=st.integers(0, 23),
    m=st.integers(0, 59),
    now=nows,
)
def test_explicit_dates_round_trip(d: date, h: int, m: int, now: datetime) -> None:
    for text in (
        f"{h}h{m:02d} ngày {d.day}/{d.month}/{d.year}",
        f"{d.day}-{d.month}-{d.year} lúc {h}:{m:02d}",
        f"{h} giờ {m} phút ngày {d.day} tháng {d.month} năm {d.year}",
    ):
        got = parse_when(text, now)
        assert got is not None, text
        assert got.has_time
        assert (got.at.date(), got.at.hour, got.at.minute) == (d, h, m), text


@settings(max_examples=200, deadline=None)
@given(now=nows, wd=st.integers(0, 6), h=st.integers(0, 23))
def test_bare_weekday_with_time_is_the_next_occurrence(now: datetime, wd: int, h: int) -> None:
    name = ["thứ 2", "thứ 3", "thứ 4", "thứ 5", "thứ 6", "thứ 7", "chủ nhật"][wd]
    got = parse_when(f"{h}h {name}", now)
    assert got is not None
    assert got.at.weekday() == wd
    assert (got.at.hour, got.at.minute) == (h, 0)
    # Compare wall clocks: the parser reasons in local time, not elapsed time.
    local_now = now.replace(tzinfo=None)
    local_at = got.at.replace(tzinfo=None)
    assert local_now < local_at <= local_now + timedelta(days=7)


@settings(max_examples=200, deadline=None)
@given(
    repeat=st.one_of(
        st.just(Repeat("daily")),
        st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True).map(
            lambda ws: Repeat("weekly", tuple(sorted(ws)))
        ),
        st.integers(1, 31).map(lambda d: Repeat("monthly", day_of_month=d)),
    ),
    previous=nows,
)
def test_next_after_is_later_and_keeps_the_time(repeat: Repeat, previous: datetime) -> None:
    got = repeat.next_after(previous)
    assert got.tzinfo is previous.tzinfo
    assert got.date() > previous.date()
    assert got.time() == previous.time()
    if repeat.kind == "weekly":
        assert got.weekday() in repeat.weekdays
        assert (got.date() - previous.date()).days <= 7
    if repeat.kind == "monthly":
        assert got.day == repeat.day_of_month


def test_huge_input_returns_quickly() -> None:
    now = datetime(2026, 11, 23, 9, tzinfo=ZONES[0])
    nasty = [
        "8" * 100_000,
        "8h " * 50_000,
        "thứ " * 50_000,
        "/1" * 50_000,
        "a\u0301" * 50_000,
        "x" * 1_000_000,
        "ngày " * 200_000,
    ]
    for text in nasty:
        started = time.perf_counter()
        parse_when(text, now)
        split_when(text, now)
        assert time.perf_counter() - started < 0.5


# Phrases built the way people write them, so that most of them are accepted and the
# round-trip properties below test something.
_TIMES = st.sampled_from(
    ["8h", "8h30", "14 giờ 00", "7 giờ 30 phút", "17:00", "9g15", "lúc 10", "2 giờ chiều", ""]
)
_DAYS = st.sampled_from(
    [
        "mai",
        "thứ 6",
        "thứ 2 tuần sau",
        "CN",
        "ngày 26",
        "cuối tháng",
        "đầu tuần sau",
        "hôm nay",
        "",
    ]
)
_DATES = st.builds(
    lambda d, m, y, sep: f"{d}{sep}{m}" + (f"{sep}{y}" if y else ""),
    st.integers(1, 31),
    st.integers(1, 12),
    st.sampled_from([None, 2026, 2027, 2031]),
    st.sampled_from(["/", "-"]),
)
phrases = st.one_of(
    st.builds(lambda t, d: f"{t} {d}".strip(), _TIMES, _DAYS),
    st.builds(lambda t, d: f"{t} ngày {d}".strip(), _TIMES, _DATES),
    st.builds(lambda d, t: f"{d} lúc {t}", _DATES, _TIMES.filter(bool)),
    st.builds(lambda a, b, d: f"từ {a} đến {b} ngày {d}", _TIMES, _TIMES, _DATES),
    sentences,
)


def _minute(at: datetime) -> datetime:
    return at.replace(second=0, microsecond=0)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=phrases, now=nows)
def test_format_when_reads_back_the_same_time(text: str, now: datetime) -> None:
    """Any accepted text, shown by format_when (with its year), parses back to the same time
    (to the minute: the bot shows no seconds)."""
    got = read_when(text, now)
    if not isinstance(got, When) or got.repeat is not None:
        return
    shown = format_when(got.at, got.has_time)
    again = read_when(shown, now)
    assert isinstance(again, When), (text, shown, again)
    assert (_minute(again.at), again.has_time) == (_minute(got.at), got.has_time), (text, shown)
    if got.end is not None:
        span = format_span(got)
        both = read_when(span, now)
        assert isinstance(both, When), (text, span, both)
        assert (both.at, both.end) == (_minute(got.at), got.end), (text, span)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=phrases, tail=st.sampled_from(["Họp tổ", "tại Nhà văn hóa", "", "gửi báo cáo"]), now=nows
)
def test_split_when_agrees_with_parse_when(text: str, tail: str, now: datetime) -> None:
    """split_when never returns a time that parse_when refuses on the same words."""
    command = f"{text} {tail}".strip()
    got = split_when(command, now)
    if got is None:
        return
    found = find_when(command, now)
    assert isinstance(found, Found), (command, found)
    assert (found.when, found.rest) == got
    words = command[found.start : found.end]
    assert parse_when(words, now) == got[0], (command, words)
