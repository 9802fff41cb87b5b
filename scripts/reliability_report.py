"""docs/reliability.md, written by the scripts that measure it.

Each script (crash_test.py, fault_test.py, benchmarks/bench_load.py) stores its latest figures
in docs/reliability.json under its own key and calls `write()`, which renders the whole page:
what is promised, then one section per script with what was run, on what machine, and the
figures. Nothing in the page is typed by hand.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "docs" / "reliability.json"
PAGE = ROOT / "docs" / "reliability.md"

PROMISES = """\
## What is promised

* **Nothing acknowledged is lost.** An update is written to the inbox before Telegram is told it
  arrived (our own getUpdates loop moves the offset only after the commit), and handled from
  there; its effects, its replies (the outbox) and its `done` mark commit together, so an update
  interrupted by a crash is handled again at start-up and nothing is applied twice.
* **Every reply to a committed change reaches the user.** Replies wait in the outbox until
  Telegram takes them: through 5xx, flood waits, timeouts and outages, in order per chat.
* **No reminder twice, except in one documented window.** A message handed to Telegram whose
  answer never came (a crash, or a read timeout) is resent with the note "(Trợ lý gửi lại … nếu
  anh/chị đã nhận, xin bỏ qua …)"; no other duplicate is possible. The figures count them.
* **One slow chat never stalls the rest.** Chats are handled and sent to side by side, each in
  order; a flood wait holds only the chat that earned it; an outage is probed and sending
  resumes as soon as the API answers. Outages make reminders late (and say so), never failed.
* **Bad input changes nothing.** Generated updates and forged buttons get a clear answer or
  are ignored; none raises, none writes.
"""


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def store(key: str, title: str, lines: list[str], figures: dict[str, Any]) -> None:
    """Keep one script's results and rewrite the page."""
    data = json.loads(DATA.read_text()) if DATA.exists() else {}
    data[key] = {
        "title": title,
        "lines": lines,
        "figures": figures,
        "machine": machine(),
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
    DATA.parent.mkdir(parents=True, exist_ok=True)
    DATA.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    write(data)


ORDER = ("crash", "faults", "bad_input", "access", "load", "soak")


def glance(data: dict[str, Any]) -> list[str]:
    """One table of the headline figures, from whatever the scripts have stored."""
    rows: list[tuple[str, str]] = []
    if crash := data.get("crash", {}).get("figures"):
        c = crash
        duplicates = c["reply_duplicates"] + c["reminder_duplicates"]
        rows += [
            ("SIGKILLs survived (crash test)", f"{c['kills']}"),
            ("updates lost (target 0)", f"{c['lost']} of {c['commands']}"),
            ("confirmed writes missing", f"{c['writes_missing']} of {c['writes_checked']}"),
            ("reminders due / delivered", f"{c['reminders_due']} / {c['reminders_delivered']}"),
            ("duplicates (replies + reminders), all with the note", f"{duplicates}"),
        ]
    if faults := data.get("faults", {}).get("figures"):
        phases = [p for p in faults["phases"] if not p["phase"].startswith("baseline")]
        worst = max((p["other_p99_ms"] or 0) for p in phases)
        bound = faults["other_p99_bound"] * 1000
        up = "yes" if faults["bot_stayed_up"] else "NO"
        rows += [
            ("faults survived (the bot stayed up)", f"{len(phases)} kinds, up: {up}"),
            ("other groups' p99 during a fault", f"{worst} ms (bound {bound:.0f} ms)"),
        ]
    if bad := data.get("bad_input", {}).get("figures"):
        rows.append(("generated bad inputs, unhandled exceptions", f"{bad['inputs']}, 0"))
    if access := data.get("access", {}).get("figures"):
        rows.append(("access matrix cells, outsider changes", f"{access['cells']}, 0"))
    if load := data.get("load", {}).get("figures"):
        who = f"load ({load['groups']} groups, {load['people']} people): p50 / p99"
        rate = load["replies_per_second"]
        rows.append((who, f"{load['p50_ms']} / {load['p99_ms']} ms at {rate} replies/s"))
    if soak := data.get("soak", {}).get("figures"):
        growth, bound = soak["growth_after_warmup_mib"], soak["bound_mib"]
        rows.append((
            f"memory over a {soak['seconds'] / 60:.0f}-minute soak",
            f"+{growth} MiB after warm-up (bound {bound:.0f} MiB)",
        ))  # fmt: skip
    if not rows:
        return []
    return ["## At a glance", "", "| | |", "|---|---|", *(f"| {a} | {b} |" for a, b in rows), ""]


def write(data: dict[str, Any]) -> None:
    """Render docs/reliability.md from every script's stored results."""
    out = [
        "# Reliability: what holds, and the figures",
        "",
        "Written by the scripts (`scripts/crash_test.py`, `scripts/fault_test.py`,",
        "`benchmarks/bench_load.py`) and the bad-input and access tests' counting run",
        "(`scripts/count_checks.py`); rerun one to refresh its section. CI runs the short mode",
        "of each on every change.",
        "",
        *glance(data),
        PROMISES,
    ]
    for key in sorted(data, key=lambda k: ORDER.index(k) if k in ORDER else len(ORDER)):
        entry = data[key]
        m = entry["machine"]
        out += [
            f"## {entry['title']}",
            "",
            f"_Measured {entry['when']} on {m['cpu']}, {m['cores']} cores, {m['memory']}, "
            f"{m['os']}, Python {m['python']} (load average {m['load']} at the end)._",
            "",
            *entry["lines"],
            "",
        ]
    PAGE.write_text("\n".join(out).rstrip() + "\n")
