"""Time and memory to produce the minutes .docx of a 2,000-message meeting.

Run: .venv/bin/python benchmarks/bench_minutes.py [--messages 2000] [--out minutes.docx]
     [--example example.docx]

--example writes the short example meeting whose first page is docs/minutes-example.png
(soffice --headless --convert-to pdf example.docx; pdftoppm -png -r 80 -f 1 -l 1 example.pdf).

The meeting has one agenda item per 100 messages, an opinion every 5th message, a vote and a
conclusion per item and a task every 50 messages; every message is in the appendix. Timed:
the stored content read back from JSON and the .docx built from it (what /bienban <số> does),
best of three; memory is the peak traced by tracemalloc during one build.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handlers.minutes_doc import (
    Item,
    Line,
    MinutesDoc,
    Opinion,
    TaskLine,
    VoteResult,
    from_json,
    to_json,
)
from handlers.minutes_docx import build_docx
from tests.minutes_example import STARTED, example_doc

SPEAKERS = ["Trần Văn Hùng", "Lê Thị Mai", "Nguyễn Thị Lan", "Phạm Minh Đức", "Võ Thanh Bình"]


def big_meeting(messages: int) -> MinutesDoc:
    """A long meeting with markers sprinkled through it."""
    lines = tuple(
        Line(
            STARTED + timedelta(seconds=20 * i),
            SPEAKERS[i % len(SPEAKERS)],
            f"Tin nhắn {i + 1}: ý kiến về dự thảo nghị quyết, số liệu giải ngân và kiến nghị"
            " của cử tri tại các xã trên địa bàn.",
        )
        for i in range(messages)
    )
    items = tuple(
        Item(
            f"Nội dung {n + 1}: thảo luận dự thảo số {n + 1}",
            (
                *(
                    Opinion(SPEAKERS[k % len(SPEAKERS)], f"Ý kiến {k} về nội dung {n + 1}.")
                    for k in range(20)
                ),
                VoteResult(f"thông qua nội dung {n + 1}", 4, 0, 1),
            ),
            (f"Thống nhất nội dung {n + 1}.",),
        )
        for n in range(max(1, messages // 100))
    )
    tasks = tuple(
        TaskLine(
            f"Việc số {k + 1}",
            (SPEAKERS[k % len(SPEAKERS)],),
            None,
            number=k + 1,
            needs_deadline=True,
        )
        for k in range(messages // 50)
    )
    return replace(
        example_doc(transcript_lines=0),
        items=items,
        tasks=tasks,
        transcript=lines,
        ended_at=lines[-1].at if lines else STARTED,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--out", type=Path, help="write the .docx here")
    parser.add_argument("--example", type=Path, help="write the short example meeting here")
    args = parser.parse_args()
    if args.example:
        args.example.write_bytes(build_docx(example_doc()))
    stored = json.dumps(to_json(big_meeting(args.messages)), ensure_ascii=False)
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        content = build_docx(from_json(json.loads(stored)))
        timings.append(time.perf_counter() - start)
    tracemalloc.start()
    build_docx(from_json(json.loads(stored)))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    if args.out:
        args.out.write_bytes(content)
    print(f"meeting: {args.messages} messages, stored content {len(stored) / 1024:.0f} KiB")
    print(
        f".docx: {len(content) / 1024:.0f} KiB in {min(timings):.2f} s (best of 3;"
        f" worst {max(timings):.2f} s), peak traced memory {peak / 2**20:.1f} MiB"
    )


if __name__ == "__main__":
    main()
