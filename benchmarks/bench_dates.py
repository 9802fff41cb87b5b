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

from bot.dates import parse_when, split_when

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

    # Warm-up: fills the lexicon cache and, for the English set, loads dateparser's locales.
    measure(parse, viet + _ENGLISH, 2)
    measure(split, commands, 1)

    print(f"{len(viet)} Vietnamese phrases, {len(_ENGLISH)} English/ISO phrases")
    report("parse_when (Vietnamese)", measure(parse, viet, 20))
    report("split_when (Vietnamese commands)", measure(split, commands, 20))
    report("parse_when (English via dateparser)", measure(parse, _ENGLISH, 20))


if __name__ == "__main__":
    main()
