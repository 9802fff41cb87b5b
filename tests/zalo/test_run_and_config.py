"""`todaibieu run` with both tokens, `todaibieu invite`, `console --zalo`, the Zalo settings."""

from __future__ import annotations

import asyncio
import io
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.cli import EXIT_CONFIG, main
from bot.config import Config, ConfigError
from bot.logs import RedactToken
from bot.playground.console_zalo import run_zalo_console
from bot.playground.fake_telegram import FAKE_TOKEN, FakeTelegramAPI
from bot.playground.fake_telegram import serve_loopback as serve_telegram
from bot.playground.fake_zalo import FAKE_ZALO_TOKEN, FakeZaloAPI
from bot.playground.fake_zalo import serve_loopback as serve_zalo
from bot.transports.serve import serve

ZALO_ENV = {"ZALO_BOT_TOKEN": FAKE_ZALO_TOKEN}


def test_zalo_settings_are_read_and_checked() -> None:
    config = Config.from_env(
        {
            **ZALO_ENV,
            "ZALO_WEBHOOK_URL": "https://bot.example.vn/zalo",
            "ZALO_WEBHOOK_SECRET": "a-long-secret",
            "ZALO_MONTHLY_QUOTA": "10000",
            "TODAIBIEU_PUBLIC_URL": "https://bot.example.vn/",
            "TODAIBIEU_HTTP_PORT": "8443",
        }
    )
    assert config.zalo is not None
    assert config.zalo.api_base_url == "https://bot-api.zaloplatforms.com/bot"
    assert (config.zalo.monthly_quota, config.public_url, config.http_port) == (
        10000,
        "https://bot.example.vn",
        8443,
    )
    assert FAKE_ZALO_TOKEN not in repr(config)
    assert "a-long-secret" not in repr(config)
    assert Config.from_env({}).zalo is None
    assert Config.from_env(ZALO_ENV).zalo.monthly_quota == 3000  # type: ignore[union-attr]
    bad = [
        ({"ZALO_BOT_TOKEN": "no colon"}, "does not look like a Zalo bot token"),
        ({**ZALO_ENV, "ZALO_WEBHOOK_URL": "https://x.vn/z"}, "both"),
        (
            {**ZALO_ENV, "ZALO_WEBHOOK_URL": "http://x.vn", "ZALO_WEBHOOK_SECRET": "12345678"},
            "https",
        ),
        (
            {**ZALO_ENV, "ZALO_WEBHOOK_URL": "https://x.vn", "ZALO_WEBHOOK_SECRET": "short"},
            "8 to 256",
        ),
        ({**ZALO_ENV, "ZALO_MONTHLY_QUOTA": "nhiều"}, "positive whole number"),
        ({"TODAIBIEU_HTTP_PORT": "99999"}, "port number"),
    ]
    for env, message in bad:
        with pytest.raises(ConfigError, match=message):
            Config.from_env(env)


def test_both_tokens_are_redacted_from_logs() -> None:
    redact = RedactToken(FAKE_TOKEN, FAKE_ZALO_TOKEN)
    import logging

    record = logging.LogRecord(
        "httpx",
        logging.INFO,
        __file__,
        1,
        "%s %s",
        (f"/bot{FAKE_TOKEN}/getMe", f"/bot{FAKE_ZALO_TOKEN}/getUpdates"),
        None,
    )
    redact.filter(record)
    assert FAKE_TOKEN not in record.getMessage()
    assert FAKE_ZALO_TOKEN not in record.getMessage()


def test_invite_prints_a_code_that_registers_a_zalo_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TODAIBIEU_DB", str(tmp_path / "bot.sqlite3"))
    assert main(["invite", "--days", "3"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"Mã mời: [2-9A-HJKMNP-Z]{8} \(dùng một lần, đến ", out)
    assert "/dangky" in out
    assert main(["invite", "--days", "0"]) == 1


def test_run_without_any_token_says_how_to_get_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    assert main(["run"]) == EXIT_CONFIG
    assert "Neither TELEGRAM_BOT_TOKEN nor ZALO_BOT_TOKEN is set" in capsys.readouterr().err


async def test_console_zalo_runs_a_scripted_session(tmp_path: Path) -> None:
    out = io.StringIO()
    script = io.StringIO("/dm\nhelp\n7\n/quit\n")
    assert await run_zalo_console(tmp_path / "p.sqlite3", stdin=script, out=out) == 0
    text = out.getvalue()
    assert "console playground on a fake Zalo" in text
    assert re.search(r"/dangky [2-9A-HJKMNP-Z]{8} Tổ đại biểu", text)
    assert "Trợ lý: Trợ lý Tổ đại biểu – các lệnh:" in text
    assert "Trợ lý không có lựa chọn nào đang chờ" in text


@dataclass
class BothRunning:
    """`todaibieu run` with both tokens against the fakes on loopback."""

    tg: FakeTelegramAPI
    zalo: FakeZaloAPI
    tg_server: Any
    running: asyncio.Task[None]


@asynccontextmanager
async def running_both(
    tmp_path: Path, *, before: Callable[[Any, FakeZaloAPI], Awaitable[None]] | None = None,
    stop_within: float = 20,
) -> AsyncIterator[BothRunning]:  # fmt: skip
    """Serve both fakes and run the bot on them; on leaving, stop it (within `stop_within`
    seconds) and the fakes. `before` breaks a fake before the bot starts."""
    tg, zalo = FakeTelegramAPI(), FakeZaloAPI()
    tg_server, tg_url = await serve_telegram(tg)
    z_server, z_url = await serve_zalo(zalo)
    if before is not None:
        await before(tg_server, zalo)
    env = {
        "TELEGRAM_BOT_TOKEN": FAKE_TOKEN,
        "TELEGRAM_API_BASE_URL": tg_url,
        "ZALO_BOT_TOKEN": FAKE_ZALO_TOKEN,
        "ZALO_API_BASE_URL": z_url,
        "TODAIBIEU_DB": str(tmp_path / "both.sqlite3"),
    }
    stop = asyncio.Event()
    running = asyncio.get_running_loop().create_task(serve(Config.from_env(env), stop=stop))
    try:
        yield BothRunning(tg, zalo, tg_server, running)
    finally:
        await tg.release_pollers()
        await zalo.release_pollers()
        stop.set()
        await asyncio.wait_for(running, stop_within)
        await tg_server.cleanup()
        await z_server.cleanup()


async def _zalo_unreachable(tg_server: Any, zalo: FakeZaloAPI) -> None:
    zalo.fail("getMe", 503, "Service Unavailable", times=10_000)


async def test_run_serves_telegram_and_zalo_in_one_process(tmp_path: Path) -> None:
    async with running_both(tmp_path) as both:
        tg, zalo = both.tg, both.zalo
        lan_tg, lan_z = tg.add_user("Lan", "lan"), zalo.add_user("Lan")
        tg.say(tg.dm(lan_tg), lan_tg, "/start")
        zalo.say(zalo.dm(lan_z), lan_z, "start")
        on_telegram = await tg.next_reply(tg.dm(lan_tg), timeout=10)
        on_zalo = await zalo.next_reply(zalo.dm(lan_z), timeout=10)
    assert on_telegram.text.startswith("Kính chào anh/chị Lan.")
    assert on_zalo.text.startswith("Kính chào anh/chị Lan.")
    assert {"getMe", "setMyCommands", "getUpdates"} <= {c.method for c in tg.calls}
    assert {"getMe", "deleteWebhook", "getUpdates", "sendMessage"} <= {
        c.method for c in zalo.calls
    }


async def test_zalo_serves_while_telegram_is_unreachable_at_start_up(tmp_path: Path) -> None:
    """One platform's outage holds up no other, at start-up too: Telegram is connected in the
    background (patiently), and joins once it answers."""

    async def telegram_down(tg_server: Any, zalo: FakeZaloAPI) -> None:
        await tg_server.pause()  # every connection to "Telegram" is refused

    async with running_both(tmp_path, before=telegram_down) as both:
        tg, zalo = both.tg, both.zalo
        lan_tg, lan_z = tg.add_user("Lan", "lan"), zalo.add_user("Lan")
        zalo.say(zalo.dm(lan_z), lan_z, "start")
        on_zalo = await zalo.next_reply(zalo.dm(lan_z), timeout=10)
        assert not [c for c in tg.calls if c.method == "getUpdates"]
        await both.tg_server.resume()
        tg.say(tg.dm(lan_tg), lan_tg, "/start")
        on_telegram = await tg.next_reply(tg.dm(lan_tg), timeout=15)
    assert on_zalo.text.startswith("Kính chào anh/chị Lan.")
    assert on_telegram.text.startswith("Kính chào anh/chị Lan.")


async def test_telegram_serves_while_zalo_is_unreachable_at_start_up(tmp_path: Path) -> None:
    """The other way round: Zalo's getMe failing at start-up holds up no Telegram reply, and
    Zalo joins once it answers."""
    async with running_both(tmp_path, before=_zalo_unreachable) as both:
        tg, zalo = both.tg, both.zalo
        lan_tg, lan_z = tg.add_user("Lan", "lan"), zalo.add_user("Lan")
        tg.say(tg.dm(lan_tg), lan_tg, "/start")
        on_telegram = await tg.next_reply(tg.dm(lan_tg), timeout=10)
        assert {c.method for c in zalo.calls} == {"getMe"}  # still trying, not receiving
        zalo.say(zalo.dm(lan_z), lan_z, "start")  # kept by Zalo until the bot polls
        zalo.failures.clear()
        on_zalo = await zalo.next_reply(zalo.dm(lan_z), timeout=20)
    assert on_telegram.text.startswith("Kính chào anh/chị Lan.")
    assert on_zalo.text.startswith("Kính chào anh/chị Lan.")


async def test_run_stops_promptly_while_a_platform_is_still_unreachable(tmp_path: Path) -> None:
    # Stopped within 5 s: not held by Zalo's backoff (it would wait up to a minute).
    async with running_both(tmp_path, before=_zalo_unreachable, stop_within=5) as both:
        tg = both.tg
        lan_tg = tg.add_user("Lan", "lan")
        tg.say(tg.dm(lan_tg), lan_tg, "/start")
        await tg.next_reply(tg.dm(lan_tg), timeout=10)
    assert both.running.exception() is None
