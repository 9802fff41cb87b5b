"""Issue 14, defect 9: started while Telegram is unreachable, the bot waits and retries with
backoff, saying why in the log, instead of exiting."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import ConfigError
from bot.playground.fake_telegram import FAKE_TOKEN
from bot.playground.running import RunningBot
from tests.support.world import make_world


async def test_start_waits_for_telegram_with_backoff(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    w = make_world(tmp_path)
    w.fake.fail("getMe", network=True, times=5)
    running = RunningBot(w.config, w.fake, clock=w.clock)
    starting = asyncio.get_running_loop().create_task(running.start())
    for _ in range(5):
        await w.clock.someone_sleeps()  # a wait between two tries: move past it
        w.clock.advance(timedelta(seconds=60))
    await asyncio.wait_for(starting, 5)
    w.bot = running
    try:
        assert len(w.fake.calls_of("getMe")) >= 6
        reply = await w.say(w.group, w.lan, "/dangky Tổ đại biểu số 3")
        assert reply.text.startswith("Đã đăng ký Tổ đại biểu số 3")
        tries = [r for r in caplog.records if "unreachable at start-up" in r.getMessage()]
        assert [r.getMessage().rsplit("again in ", 1)[1] for r in tries] == [
            "1 s",
            "2 s",
            "4 s",
            "8 s",
            "16 s",
        ]
    finally:
        await running.stop()


async def test_a_refused_token_is_a_configuration_error(tmp_path: Path) -> None:
    w = make_world(tmp_path)
    w.fake.fail("getMe", 401, "Unauthorized")
    running = RunningBot(w.config, w.fake, clock=w.clock)
    with pytest.raises(ConfigError, match="refused the token"):
        await running.start()
    await running.service.assistant.close()  # type: ignore[union-attr]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_todaibieu_run_keeps_trying_and_stops_cleanly(tmp_path: Path) -> None:
    """The real command, against an address nobody listens on (a bounded real-process wait)."""
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": FAKE_TOKEN,
        "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{_closed_port()}/bot",
        "TODAIBIEU_DB": str(tmp_path / "bot.sqlite3"),
        "LOG_LEVEL": "INFO",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        env=env,
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        lines: list[str] = []
        assert process.stderr is not None
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            lines.append(line)
            if "unreachable at start-up" in line and "trying again in 2 s" in line:
                break
        assert process.poll() is None, "".join(lines)  # still running, not exited
        assert any("unreachable at start-up" in line for line in lines)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()
