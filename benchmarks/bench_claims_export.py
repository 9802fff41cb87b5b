"""Time to build the kế toán's export (.xlsx + .zip) of a claim with 200 attached files.

Run: .venv/bin/python benchmarks/bench_claims_export.py [--files 200] [--kib 150] [--latency-ms 0]

A TXCT claim (the shipped default checklist, 15 items) is written to a real SQLite file with
--files attachments spread over its items. Each run reads the claim back from storage, builds
the export rows, the workbook and the archive; the fetch callback returns --kib KiB of
incompressible bytes per file after --latency-ms (the platform download, simulated: 0 measures
our own work only). Prints the median and worst of the runs for each step.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handlers.claims_estimate import Factors, compute_estimate
from handlers.claims_export import build_export
from handlers.claims_rates import load_rate_tables
from handlers.claims_templates import load_default_checklists
from handlers.claims_xlsx import claim_workbook
from handlers.claims_zip import claim_zip
from storage.claim_files import ClaimFileStore
from storage.claims import ClaimStore
from storage.db import Database
from storage.events import EventStore
from storage.groups import GroupStore

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


async def _setup(db: Database, files: int) -> int:
    group = await GroupStore(db).register(
        platform="telegram", chat_id="-1", name="Tổ 3", timezone=VN, registered_by="1", now=NOW
    )
    event = await EventStore(db).create(
        group_id=group.id,
        kind="txct",
        starts_at=NOW,
        place="Nhà văn hóa",
        title="Tiếp xúc cử tri",
        created_by="1",
        now=NOW,
        reminders=[],
    )
    items = load_default_checklists()["txct"].items
    claim = await ClaimStore(db).open(
        group_id=group.id,
        event_id=event.id,
        kind="txct",
        items=items,
        deadline=NOW + timedelta(days=10),
        by="1",
        now=NOW,
    )
    store = ClaimFileStore(db)
    for number in range(files):
        photo = number % 3 != 0
        await store.attach(
            claim.id,
            number % len(items) + 1,
            platform_file_id=f"file-{number}",
            file_name=None if photo else f"chung tu {number}.pdf",
            mime_type=None if photo else "application/pdf",
            sender_id=str(number % 5),
            message_id=str(1000 + number),
            now=NOW + timedelta(minutes=number),
        )
    return claim.id


async def _run(args: argparse.Namespace) -> None:
    payload = os.urandom(args.kib * 1024)
    table = {t.province: t for t in load_rate_tables()}["quang_nam"]

    async def fetch(file_id: str) -> bytes:
        if args.latency_ms:
            await asyncio.sleep(args.latency_ms / 1000)
        return payload

    with tempfile.TemporaryDirectory() as folder:
        db = await Database.open(Path(folder) / "bench.sqlite3")
        claim_id = await _setup(db, args.files)
        claims, files = ClaimStore(db), ClaimFileStore(db)
        timings: dict[str, list[float]] = {"read": [], "xlsx": [], "zip": [], "total": []}
        sizes = (0, 0)
        for _ in range(args.runs):
            start = time.perf_counter()
            claim = await claims.by_id(claim_id)
            assert claim is not None
            items = await claims.items(claim_id)
            attachments = await files.attachments(claim_id)
            read = time.perf_counter()
            export = build_export(
                group_name="Tổ 3",
                event_title="Tiếp xúc cử tri",
                event_start=NOW,
                deadline=claim.deadline,
                items=items,
                attachments=attachments,
                names={str(n): f"Người {n}" for n in range(5)},
                zone=VN,
                estimate=compute_estimate(table, "txct", Factors(attendees=8), {}),
            )
            workbook = claim_workbook(export)
            built = time.perf_counter()
            archive = await claim_zip(export.files, fetch)
            done = time.perf_counter()
            assert archive.included == args.files, archive.missing
            sizes = (len(workbook), sum(len(part) for part in archive.parts))
            timings["read"].append(read - start)
            timings["xlsx"].append(built - read)
            timings["zip"].append(done - built)
            timings["total"].append(done - start)
        await db.close()
    print(
        f"claim export: {args.files} files of {args.kib} KiB, fetch latency {args.latency_ms} ms,"
        f" {args.runs} runs"
    )
    for step, values in timings.items():
        print(
            f"  {step:<5} median {statistics.median(values) * 1000:8.1f} ms"
            f"   worst {max(values) * 1000:8.1f} ms"
        )
    print(f"  .xlsx {sizes[0] / 1024:.1f} KiB, .zip {sizes[1] / 1024 / 1024:.1f} MiB")


def main() -> None:
    """Parse the options and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--kib", type=int, default=150)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--runs", type=int, default=5)
    asyncio.run(_run(parser.parse_args()))


if __name__ == "__main__":
    main()
