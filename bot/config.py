"""Configuration from environment variables, optionally from a .env file."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_DB_PATH = "data/todaibieu.sqlite3"
DEFAULT_TZ = "Asia/Ho_Chi_Minh"
DEFAULT_HISTORY_DAYS = 90

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
    # Reminder rows that are over are pruned after this long (None: kept for ever); see
    # storage/history.py for what is kept.
    history_retention: timedelta | None = timedelta(days=DEFAULT_HISTORY_DAYS)

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
        history = (env.get("TODAIBIEU_HISTORY_DAYS") or str(DEFAULT_HISTORY_DAYS)).strip()
        if not history.isdigit() or len(history) > 5:
            raise ConfigError(
                f"TODAIBIEU_HISTORY_DAYS={history!r} must be a number of days "
                f"(default {DEFAULT_HISTORY_DAYS}; 0 keeps the reminder history for ever)."
            )
        return cls(
            telegram_token=token,
            telegram_api_base_url=(
                env.get("TELEGRAM_API_BASE_URL") or DEFAULT_API_BASE_URL
            ).strip(),
            db_path=Path((env.get("TODAIBIEU_DB") or DEFAULT_DB_PATH).strip()),
            timezone=timezone,
            log_level=log_level,
            history_retention=timedelta(days=int(history)) if int(history) else None,
        )

    @property
    def telegram_file_base_url(self) -> str:
        """Where files are downloaded from: the API's address with /file before /bot."""
        base = self.telegram_api_base_url.rstrip("/")
        if base.endswith("/bot"):
            return base[: -len("/bot")] + "/file/bot"
        return base + "/file/bot"

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
            f"timezone={self.timezone.key!r}, log_level={self.log_level!r}, "
            f"history_retention={self.history_retention!r})"
        )
