"""Why a time was refused, in Vietnamese: every reason a Refusal can carry is worded here.

A reason is a clause that a command puts after "Trợ lý chưa đọc được thời gian “…”:", so it
starts in lower case and ends without a full stop.
"""

from __future__ import annotations

from datetime import date

from bot.dates.values import WEEKDAY_NAMES


class Invalid(Exception):
    """The text clearly means a time but an impossible or contradictory one."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def day_text(d: date) -> str:
    """'27/11/2026'."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def unread(words: str) -> str:
    return f"Trợ lý chưa hiểu phần “{words}”"


def no_weekday(n: int) -> str:
    return f"không có thứ {n} (chỉ có thứ 2 đến thứ 7 và Chủ nhật)"


def no_hour(text: str) -> str:
    return f"không có giờ “{text}” (giờ từ 0 đến 23, phút từ 0 đến 59)"


def no_day(day: int, month: int, year: int | None) -> str:
    where = f"tháng {month}/{year}" if year is not None else f"tháng {month}"
    return f"{where} không có ngày {day}"


def bad_date(text: str) -> str:
    return f"“{text}” không phải một ngày có thật"


def weekday_mismatch(d: date, wanted: int) -> str:
    actual, other = WEEKDAY_NAMES[d.weekday()], WEEKDAY_NAMES[wanted]
    return f"ngày {day_text(d)} là {actual}, không phải {other}"


def weekday_past(d: date) -> str:
    return (
        f"ngày {day_text(d)} ({WEEKDAY_NAMES[d.weekday()]}) đã qua; năm sau ngày này không "
        "còn đúng thứ đó"
    )


def outside_week(d: date, monday: date) -> str:
    sunday = date.fromordinal(monday.toordinal() + 6)
    return (
        f"ngày {day_text(d)} không thuộc tuần đã ghi (từ {day_text(monday)} đến "
        f"{day_text(sunday)})"
    )


def day_word_mismatch(word: str, meant: date, other: date) -> str:
    return f"“{word}” là {day_text(meant)}, không phải {day_text(other)}"


def outside_period(word: str, d: date) -> str:
    return f"ngày {day_text(d)} không thuộc “{word}”"


def period_needs_day(word: str, first: date, last: date) -> str:
    return (
        f"“{word}” là từ {WEEKDAY_NAMES[first.weekday()]} {day_text(first)} đến "
        f"{WEEKDAY_NAMES[last.weekday()]} {day_text(last)}, chưa rõ ngày nào"
    )


def dotted_ambiguous(text: str, hour: int, minute: int) -> str:
    return f"“{text}” có thể là {hour} giờ {minute:02d} hoặc ngày {hour}/{minute}"


def end_before_start(start: str, end: str) -> str:
    return f"thời gian kết thúc ({end}) không sau thời gian bắt đầu ({start})"


def two_times(first: str, second: str) -> str:
    return f"có hai thời gian khác nhau: “{first}” và “{second}”"


def two_choices(second: str) -> str:
    return f"có thêm thời gian thứ hai để chọn (“{second}”); anh/chị vui lòng ghi một thời gian"


def two_joined(second: str) -> str:
    return (
        f"có thêm thời gian thứ hai (“{second}”); mỗi lịch, mỗi việc chỉ có một thời gian,"
        " anh/chị tạo riêng cho từng ngày"
    )


def unmarked() -> str:
    return (
        "thời gian này nằm giữa nội dung, chưa rõ có phải thời gian của việc cần làm; anh/chị "
        "đặt thời gian lên đầu, hoặc sau “lúc”, “vào lúc”, “thời gian:”"
    )


def no_leap_month(month: int, year: int) -> str:
    return f"năm {year} âm lịch không có tháng {month} nhuận"


def no_lunar_day(day: int, month: int, year: int) -> str:
    return f"tháng {month} âm lịch năm {year} không có ngày {day}"


def lunar_out_of_range() -> str:
    return "Trợ lý chỉ đổi được âm lịch từ năm 1900 đến 2100"


def no_yearly() -> str:
    return "Trợ lý chưa nhắc được hằng năm; anh/chị đặt một lần, hoặc hằng tháng"


def no_every_n() -> str:
    return (
        "Trợ lý chưa nhắc được cách quãng nhiều tuần; anh/chị chọn hằng ngày, hằng tuần "
        "hoặc hằng tháng"
    )


def past_week() -> str:
    return "tuần trước đã qua"


def past_month() -> str:
    return "tháng trước đã qua"


def past_quarter() -> str:
    return "quý trước đã qua"


def no_quarter(text: str) -> str:
    return f"không có quý {text} (một năm có bốn quý: I, II, III, IV)"


def before_quarter(quarter: str) -> str:
    return (
        f"“trước {quarter}” chưa rõ là trước khi {quarter} bắt đầu hay trước khi {quarter} kết"
        f" thúc; anh/chị vui lòng ghi “đầu {quarter}”, “cuối {quarter}” hoặc một ngày cụ thể"
    )


def other_tet(words: str) -> str:
    return (
        "Trợ lý chỉ hiểu “Tết” là Tết Nguyên đán (hoặc Tết Dương lịch); với "
        f"“{words}”, anh/chị vui lòng ghi ngày cụ thể"
    )


def which_tet(words: str) -> str:
    return (
        f"“{words}” chưa rõ là Tết năm nào; anh/chị vui lòng ghi “Tết” (Tết sắp tới) hoặc "
        "kèm năm, ví dụ “Tết 2028”"
    )


def tet_offset(words: str) -> str:
    return f"Trợ lý chưa tính được “{words}”; anh/chị vui lòng ghi ngày cụ thể"


def said_twice(what: str) -> str:
    return f"có hai {what} khác nhau"


def vague(word: str) -> str:
    return f"“{word}” chưa rõ là ngày nào"


def toi_ambiguous(words: str) -> str:
    return f"“{words}” là buổi tối hay “tới” (sắp tới)? Anh/chị gõ có dấu giúp Trợ lý"


def too_far() -> str:
    return "khoảng thời gian quá xa"
