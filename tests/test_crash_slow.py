"""The crash test in its short mode: `todaibieu run` SIGKILLed three times under load, then
checked (scripts/crash_test.py; its full run writes docs/reliability.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.timeout(400)
def test_nothing_acknowledged_is_lost_across_sigkills() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "crash_test.py"), "--short", "--json"],
        capture_output=True,
        text=True,
        timeout=380,
        check=False,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["failures"] == [], done.stdout
    assert done.returncode == 0
    assert figures["kills"] == 3
    assert figures["lost"] == 0
    assert figures["writes_missing"] == 0
    assert figures["reminders_due"] >= 3
    assert figures["reminders_delivered"] == figures["reminders_due"]
    assert figures["integrity_ok"] == figures["integrity_checks"] == 4
