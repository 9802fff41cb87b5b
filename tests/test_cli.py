"""The command line: configuration errors, migrate, backup, the console playground."""

from __future__ import annotations

import io
import logging
import sqlite3
from pathlib import Path

import pytest

from bot.cli import EXIT_CONFIG, main
from bot.config import Config, ConfigError
from bot.logs import RedactToken
from bot.playground.console import run_console
from storage.migrate import available_migrations

GOOD_TOKEN = "123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQr"


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "TODAIBIEU_TZ", "LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    db = tmp_path / "data" / "bot.sqlite3"
    monkeypatch.setenv("TODAIBIEU_DB", str(db))
    return db


def test_missing_token_stops_with_one_clear_line(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run"]) == EXIT_CONFIG
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "@BotFather" in err
    assert "todaibieu console" in err


def test_malformed_token_is_refused_without_echoing_it(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "not-a-token-secret")
    assert main(["run"]) == EXIT_CONFIG
    err = capsys.readouterr().err
    assert "does not look like a BotFather token" in err
    assert "not-a-token-secret" not in err


def test_config_reads_environment_and_hides_token() -> None:
    config = Config.from_env(
        {"TELEGRAM_BOT_TOKEN": GOOD_TOKEN, "TODAIBIEU_TZ": "Asia/Bangkok", "LOG_LEVEL": "debug"}
    )
    assert config.require_token() == GOOD_TOKEN
    assert config.timezone.key == "Asia/Bangkok"
    assert config.log_level == "DEBUG"
    assert config.telegram_api_base_url == "https://api.telegram.org/bot"
    assert GOOD_TOKEN not in repr(config)
    with pytest.raises(ConfigError, match="time zone"):
        Config.from_env({"TODAIBIEU_TZ": "Mars/Olympus"})


def test_token_is_redacted_from_logs() -> None:
    record = logging.LogRecord(
        "httpx", logging.INFO, __file__, 1, "POST %s", (f"https://x/bot{GOOD_TOKEN}/getMe",), None
    )
    RedactToken(GOOD_TOKEN).filter(record)
    assert GOOD_TOKEN not in record.getMessage()
    assert "<TOKEN>" in record.getMessage()


def test_migrate_then_backup(
    env: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["migrate"]) == 0
    with sqlite3.connect(env) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(available_migrations())
    assert main(["backup", str(tmp_path / "b.sqlite3")]) == 0
    assert (tmp_path / "b.sqlite3").exists()
    assert main(["backup", str(tmp_path / "b.sqlite3")]) == 1  # never overwrites


async def test_console_playground_runs_a_scripted_session(tmp_path: Path) -> None:
    script = io.StringIO(
        "/dangky Tổ đại biểu số 3\n/as hung\nchào cả Tổ\n/as lan\n/vaitro @hung totruong\n"
        "/thanhvien\n/lich hop 14h thứ 5 tại Phòng họp 2\n/as hung\n1\n"
        "/as lan\n/dm\n/start\n/quit\n"
    )
    out = io.StringIO()
    assert await run_console(tmp_path / "pg.sqlite3", stdin=script, out=out) == 0
    screen = out.getvalue()
    assert "Trợ lý: Đã đăng ký Tổ đại biểu số 3." in screen
    assert "Đã phân Hùng Trần làm Tổ trưởng" in screen
    assert "1. Hùng Trần (@hung) – Tổ trưởng" in screen
    assert "  [1] Tham dự  [2] Vắng" in screen
    assert "(Trợ lý báo riêng cho Hùng: " in screen  # the pop-up after pressing a button
    assert "[tin nhắn riêng] Lan> /start" in screen
    assert "• Tổ đại biểu số 3 (Chuyên viên)" in screen


def test_bare_command_without_token_opens_the_playground(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("/dangky Tổ 9\n/quit\n"))
    assert main([]) == 0
    captured = capsys.readouterr()
    note = [line for line in captured.err.splitlines() if "console playground" in line]
    assert len(note) == 1
    assert "@BotFather" in note[0]
    assert "Trợ lý: Đã đăng ký Tổ 9." in captured.out
    assert (env.parent / "playground.sqlite3").exists()  # never the real database
    assert not env.exists()
