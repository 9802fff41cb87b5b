"""Configuration from environment variables, optionally from a .env file."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_DB_PATH = "data/todaibieu.sqlite3"
DEFAULT_TZ = "Asia/Ho_Chi_Minh"
# Seconds to wait for Telegram's answer to a send. Long, because a message Telegram accepted
# but answered too late for us is taken as possibly lost and resent (with a note); only the
# chat being sent to waits meanwhile.
DEFAULT_READ_TIMEOUT = 20.0

# BotFather tokens look like 123456789:AA... (numeric bot id, colon, 35 url-safe characters).
_TOKEN_RE = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{30,}$")

HOW_TO_GET_A_TOKEN = (
    "Open Telegram, talk to @BotFather, send /newbot, and put the token it gives you in "
    "TELEGRAM_BOT_TOKEN (or in a .env file); to try the bot without a token run "
    "`todaibieu console`."
)


class ConfigError(Exception):
    """A configuration value is missing or malformed; the message is one line for the user."""


@dataclass(frozen=True)
class Config:
    """Everything the bot reads from its environment."""

    telegram_token: str | None
    telegram_api_base_url: str = DEFAULT_API_BASE_URL
    db_path: Path = Path(DEFAULT_DB_PATH)
    timezone: ZoneInfo = ZoneInfo(DEFAULT_TZ)  # noqa: RUF009 - ZoneInfo instances are cached
    log_level: str = "INFO"
    telegram_read_timeout: float = DEFAULT_READ_TIMEOUT

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, *, read_dotenv: bool = True) -> Config:
        """Read the configuration; a .env file in the working directory fills unset variables."""
        if env is None:
            if read_dotenv:
                from dotenv import load_dotenv

                load_dotenv(override=False)
            env = os.environ
        token = (env.get("TELEGRAM_BOT_TOKEN") or "").strip() or None
        tz_name = (env.get("TODAIBIEU_TZ") or DEFAULT_TZ).strip()
        try:
            timezone = ZoneInfo(tz_name)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ConfigError(
                f"TODAIBIEU_TZ={tz_name!r} is not a known time zone (try {DEFAULT_TZ})."
            ) from exc
        log_level = (env.get("LOG_LEVEL") or "INFO").strip().upper()
        if log_level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ConfigError(f"LOG_LEVEL={log_level!r} must be DEBUG, INFO, WARNING or ERROR.")
        raw_timeout = (env.get("TELEGRAM_READ_TIMEOUT") or "").strip()
        try:
            read_timeout = float(raw_timeout) if raw_timeout else DEFAULT_READ_TIMEOUT
        except ValueError as exc:
            raise ConfigError(
                f"TELEGRAM_READ_TIMEOUT={raw_timeout!r} must be a number of seconds."
            ) from exc
        if not 0 < read_timeout <= 300:
            raise ConfigError("TELEGRAM_READ_TIMEOUT must be between 0 and 300 seconds.")
        return cls(
            telegram_token=token,
            telegram_api_base_url=(
                env.get("TELEGRAM_API_BASE_URL") or DEFAULT_API_BASE_URL
            ).strip(),
            db_path=Path((env.get("TODAIBIEU_DB") or DEFAULT_DB_PATH).strip()),
            timezone=timezone,
            log_level=log_level,
            telegram_read_timeout=read_timeout,
        )

    def require_token(self) -> str:
        """Return the token, or raise ConfigError with one line on how to get one."""
        if not self.telegram_token:
            raise ConfigError("TELEGRAM_BOT_TOKEN is not set. " + HOW_TO_GET_A_TOKEN)
        if not _TOKEN_RE.match(self.telegram_token):
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN does not look like a BotFather token "
                "(digits, a colon, then about 35 letters). " + HOW_TO_GET_A_TOKEN
            )
        return self.telegram_token

    def __repr__(self) -> str:
        """Never show the token, even in a traceback."""
        shown = "set" if self.telegram_token else "unset"
        return (
            f"Config(telegram_token=<{shown}>, telegram_api_base_url="
            f"{self.telegram_api_base_url!r}, db_path={str(self.db_path)!r}, "
            f"timezone={self.timezone.key!r}, log_level={self.log_level!r})"
        )
