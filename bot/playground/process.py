"""`todaibieu run` as a separate process, against a fake Bot API served on loopback by this one.

For the crash, fault, load and soak scripts (scripts/, benchmarks/): the bot runs exactly as in
production, with only its base URL and database path changed, and can be killed (SIGKILL, no
warning), stopped (SIGTERM) and measured (resident memory from /proc).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from bot.playground.fake_telegram import FAKE_TOKEN


class BotProcess:
    """One `python -m bot run` at a time; start() again after kill() is a restart."""

    def __init__(
        self, base_url: str, db_path: Path, log_path: Path, env: dict[str, str] | None = None
    ) -> None:
        self.base_url = base_url
        self.db_path = db_path
        self.log_path = log_path
        self.extra_env = env or {}
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0
        self.kills = 0

    def start(self) -> None:
        """Start the bot (its log is appended to log_path)."""
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": FAKE_TOKEN,
            "TELEGRAM_API_BASE_URL": self.base_url,
            "TODAIBIEU_DB": str(self.db_path),
            "LOG_LEVEL": "INFO",
            **self.extra_env,
        }
        log = self.log_path.open("ab")
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                env=env,
                cwd=str(self.db_path.parent),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        finally:
            log.close()
        self.starts += 1

    @property
    def alive(self) -> bool:
        """Whether the process runs."""
        return self.process is not None and self.process.poll() is None

    @property
    def pid(self) -> int | None:
        """The process id while it runs."""
        return self.process.pid if self.alive and self.process else None

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, as a power cut or the OOM killer would do."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
            self.kills += 1
        self.process = None

    def stop(self, timeout: float = 30.0) -> int:
        """SIGTERM and wait; returns the exit code (killed after `timeout`)."""
        if self.process is None:
            return 0
        process, self.process = self.process, None
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                return process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                return -9
        return process.returncode

    def rss_kb(self) -> int | None:
        """Resident memory of the process, in KiB (None when it is not running)."""
        pid = self.pid
        if pid is None:
            return None
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            return None
        return None
