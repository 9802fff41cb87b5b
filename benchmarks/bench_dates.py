"""Time per parse_when / split_when call over a few hundred realistic expressions.

Run: .venv/bin/python benchmarks/bench_dates.py

Prints the median and p99 after a warm-up.  The Vietnamese set never touches dateparser; the
English set goes through the guarded dateparser fallback and is shown apart so that its cost
does not hide in the main figure.
"""

from __future__ import annotations

import itertools
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.dates import find_when, parse_when, split_when

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

_TIMES = ["8h", "8h30", "14h", "9 giờ", "17h", "7g30", "10:15", "2 giờ chiều", "8 rưỡi", ""]
_DAYS = [
    "sáng mai",
    "thứ 6 tuần sau",
    "thứ 5",
    "T7",
    "CN tuần sau",
    "ngày 26/11",
    "mùng 2 tháng 12",
    "tối nay",
    "chiều thứ 2 tuần tới",
    "thu 5 tuan sau",
    "ngày mốt",
    "26/11/2026",
]
_OTHERS = [
    "3 tiếng nữa",
    "180 phút nữa",
    "4 ngày nữa",
    "nửa tiếng nữa",
    "sau 3 ngày",
    "8h thứ 2 hàng tuần",
    "thứ 2 và thứ 5 hàng tuần 8h",
    "các ngày trong tuần 7h30",
    "ngày 5 hàng tháng 9h",
    "hàng ngày 7h",
    "trước 16h thứ 4",
    "thứ 9",
    "31/11",
    "hello",
    "Gửi báo cáo",
    "26h",
]
# Shapes copied from invitations, plans and notices (see tests/test_dates_documents.py).
_DOCUMENTS = [
    "Thời gian: 14 giờ 00, ngày 27/11/2026 (thứ Sáu).",
    "Thời gian: Vào lúc 7 giờ 30 phút, ngày 02 tháng 12 năm 2026 (Thứ Tư).",
    "Thời gian: 01 buổi, bắt đầu từ 8 giờ 00, ngày 03/12/2026.",
    "Thời gian: Từ 8 giờ 00 đến 11 giờ 30, sáng thứ Năm, ngày 03/12/2026.",
    "Vào hồi 14 giờ 00 phút, ngày 20 tháng 12 năm 2026",
    "8h00' - 11h00' ngày 03/12/2026",
    "Sáng ngày 28/11/2026 (thứ Bảy), từ 7 giờ 30",
    "từ ngày 08-10/12/2026",
    "Thời gian thực hiện: từ ngày 01/12/2026 đến ngày 15/12/2026",
    "Chậm nhất là ngày 10/12/2026",
    "Hạn chót: 17h ngày 4/12",
    "mùng 10 tháng Chạp",
    "15/11 âm lịch",
    "cuối tuần",
    "7h30 mỗi sáng thứ hai",
    "14h00 ngày 26/11/2026 (thứ Sáu)",
]
_PASTED = [
    "Tiếp xúc cử tri vào lúc 7 giờ 30 phút ngày 29/11/2026 tại Nhà văn hóa tổ dân phố 5",
    "Hội nghị giao ban, thời gian: 14 giờ 00, ngày 27/11/2026 (thứ Sáu), địa điểm: Hội trường",
    "Khảo sát tại xã A từ 8h00 đến 11h00 ngày 3/12",
    "Họp tổ ngày 29/11 lúc 8h tại phòng họp số 2",
    "Tiếp xúc cử tri tổ dân phố 5 tại nhà văn hóa",
]
_ENGLISH = ["tomorrow 3pm", "next friday", "in 3 days", "2026-12-01T10:00", "Dec 5 2026 10:00"]


def vietnamese_phrases() -> list[str]:
    """Time-and-day combinations in both orders, plus relative, recurring and bad forms.

    Combinations that contradict themselves ("14h sáng mai", "2 giờ chiều tối nay") are not
    what people type, so they are dropped; the deliberate bad inputs are in ``_OTHERS``.
    """
    out: list[str] = []
    for t, d in itertools.product(_TIMES, _DAYS):
        for phrase in (f"{t} {d}".strip(), f"{d} lúc {t}" if t else ""):
            if phrase and parse_when(phrase, NOW) is not None:
                out.append(phrase)
    out += _OTHERS
    out += [p.upper() for p in out[:40]]
    return out


def measure(fn: Callable[[str], object], phrases: list[str], rounds: int) -> list[float]:
    """Per-call times in milliseconds, each phrase called ``rounds`` times."""
    times: list[float] = []
    for _ in range(rounds):
        for phrase in phrases:
            started = time.perf_counter()
            fn(phrase)
            times.append((time.perf_counter() - started) * 1000)
    return times


def report(label: str, times: list[float]) -> None:
    times = sorted(times)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(
        f"{label:<36} n={len(times):>6}  median={statistics.median(times):.3f} ms  "
        f"p99={p99:.3f} ms  max={times[-1]:.3f} ms"
    )


def main() -> None:
    viet = vietnamese_phrases()
    commands = [f"{p} Họp tổ đại biểu tại Nhà văn hóa khu 3" for p in viet]

    def parse(text: str) -> object:
        return parse_when(text, NOW)

    def split(text: str) -> object:
        return split_when(text, NOW)

    def find(text: str) -> object:
        return find_when(text, NOW)

    # Warm-up: fills the lexicon cache and, for the English set, loads dateparser's locales.
    measure(parse, viet + _ENGLISH, 2)
    measure(split, commands, 1)
    measure(find, _PASTED, 2)

    print(
        f"{len(viet)} Vietnamese phrases, {len(_DOCUMENTS)} document shapes, "
        f"{len(_PASTED)} pasted sentences, {len(_ENGLISH)} English/ISO phrases"
    )
    report("parse_when (Vietnamese)", measure(parse, viet, 20))
    report("split_when (Vietnamese commands)", measure(split, commands, 20))
    report("parse_when (document shapes)", measure(parse, _DOCUMENTS, 100))
    report("find_when (pasted sentences)", measure(find, _PASTED, 100))
    report("parse_when (English via dateparser)", measure(parse, _ENGLISH, 20))


if __name__ == "__main__":
    main()
