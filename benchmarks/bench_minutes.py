"""Time and memory to produce the minutes .docx of a 2,000-message meeting.

Run: .venv/bin/python benchmarks/bench_minutes.py [--messages 2000] [--out minutes.docx]
     [--example example.docx]

--example writes the short example meeting whose first page is docs/minutes-example.png
(soffice --headless --convert-to pdf example.docx; pdftoppm -png -r 80 -f 1 -l 1 example.pdf).

Two figures. "close": 2,000 messages captured into a real SQLite file (WAL) through
MinutesStore, one agenda item per 100 messages, an opinion every 5th, a conclusion per item and
a task every 50 (deadline "hạn 17h thứ 6"); then what /bienban ketthuc does: read the capture,
plan the tasks, close (number, tasks, content) in one transaction, build the .docx.
"resend": the stored content read back from JSON and the .docx built from it (what
/bienban <số> does), best of three. Memory is the peak traced by tracemalloc during one run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
import tracemalloc
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handlers.minutes_assemble import assemble, plan_tasks, task_lines
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
from handlers.minutes_settings import minutes_settings
from storage.db import Database
from storage.groups import GroupStore
from storage.minutes import MinutesStore, NewMarker, NewMessage
from storage.tasks import TaskStore
from tests.minutes_example import STARTED, VN, example_doc

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


async def close_meeting(messages: int, folder: Path) -> tuple[float, float, int, int]:
    """Capture a meeting, then close it as /bienban ketthuc does; (capture s, close s, ...)."""
    db = await Database.open(folder / "bench.sqlite3")
    groups, tasks = GroupStore(db), TaskStore(db)
    minutes = MinutesStore(db, tasks)
    group = await groups.register(
        platform="telegram",
        chat_id="-1",
        name="Tổ đại biểu số 3",
        timezone=VN,
        registered_by="1",
        now=STARTED,
    )
    for i, name in enumerate(SPEAKERS):
        await groups.record_member(
            group.id, user_id=str(i), display_name=name, username=f"u{i}", now=STARTED
        )
    recording = await minutes.start(
        group_id=group.id,
        title="Họp Tổ",
        started_by="0",
        now=STARTED,
        auto_close_at=STARTED + timedelta(hours=6),
    )
    began = time.perf_counter()
    for i in range(messages):
        sender = str(i % len(SPEAKERS))
        marker = None
        if i % 100 == 0:
            text, marker = (
                f"#noidung Nội dung {i // 100 + 1}",
                NewMarker("noidung", sender, {"text": f"Nội dung {i // 100 + 1}"}),
            )
        elif i % 50 == 0:
            task = f"Việc {i} hạn 17h thứ 6"
            text, marker = (
                f"#giaoviec {task} @u1",
                NewMarker(
                    "giaoviec",
                    sender,
                    {"text": task, "people": [{"id": "1", "name": SPEAKERS[1]}], "unknown": []},
                ),
            )
        elif i % 100 == 99:
            text, marker = (
                f"#ketluan Thống nhất {i}",
                NewMarker("ketluan", sender, {"text": f"Thống nhất {i}"}),
            )
        elif i % 5 == 0:
            text, marker = (
                f"#ykien Ý kiến {i}",
                NewMarker("ykien", sender, {"text": f"Ý kiến {i}"}),
            )
        else:
            text = f"Tin nhắn {i + 1}: ý kiến về dự thảo nghị quyết và kiến nghị của cử tri."
        await minutes.capture(
            recording.id,
            NewMessage(
                str(i),
                sender,
                SPEAKERS[int(sender)],
                STARTED + timedelta(seconds=20 * i),
                "text",
                text,
            ),
            marker=marker,
        )
    captured = time.perf_counter() - began
    began = time.perf_counter()
    markers = await minutes.markers(recording.id)
    lines = await minutes.messages(recording.id)
    members = {m.user_id: m for m in await groups.members(group.id)}
    plans = plan_tasks(markers, VN)

    def compose(number: int, created: object) -> dict[str, object]:
        doc = assemble(
            recording=recording,
            settings=minutes_settings(group),
            number=number,
            markers=markers,
            messages=lines,
            members=members,
            tasks=task_lines(plans, created),  # type: ignore[arg-type]
            ended_at=lines[-1].sent_at,
            zone=VN,
        )
        return to_json(doc)

    closed = await minutes.close(
        recording,
        now=STARTED + timedelta(hours=3),
        closed_by="0",
        reason="manual",
        year=2026,
        zone=VN,
        tasks=[p.spec for p in plans],
        compose=compose,
    )
    assert closed is not None
    content = build_docx(from_json(closed.content))
    elapsed = time.perf_counter() - began
    await db.close()
    return captured, elapsed, len(closed.task_ids), len(content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--out", type=Path, help="write the .docx here")
    parser.add_argument("--example", type=Path, help="write the short example meeting here")
    args = parser.parse_args()
    if args.example:
        args.example.write_bytes(build_docx(example_doc()))
    with tempfile.TemporaryDirectory() as folder:
        captured, closing, task_count, size = asyncio.run(
            close_meeting(args.messages, Path(folder) / "timed")
        )
        tracemalloc.start()  # a second run for memory: tracing slows everything down
        asyncio.run(close_meeting(args.messages, Path(folder) / "traced"))
        _, close_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(
        f"capture: {args.messages} messages, one transaction each, in {captured:.2f} s"
        f" ({args.messages / captured:.0f}/s)"
    )
    print(
        f"close: read the capture, {task_count} tasks created, content stored,"
        f" .docx {size / 1024:.0f} KiB, in {closing:.2f} s;"
        f" peak traced memory {close_peak / 2**20:.1f} MiB (capture included)"
    )
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
        f"resend .docx: {len(content) / 1024:.0f} KiB in {min(timings):.2f} s (best of 3;"
        f" worst {max(timings):.2f} s), peak traced memory {peak / 2**20:.1f} MiB"
    )


if __name__ == "__main__":
    main()
