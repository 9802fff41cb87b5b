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


DEFAULT_ZALO_BASE_URL = "https://bot-api.zaloplatforms.com/bot"
DEFAULT_ZALO_QUOTA = 3000  # messages a month on Zalo's free (Basic) plan
DEFAULT_HTTP_PORT = 8080
HOW_TO_GET_A_ZALO_TOKEN = (
    "In the Zalo app open the OA “Zalo Bot Manager”, choose “Tạo bot”, and put the token it "
    "sends you in ZALO_BOT_TOKEN (README: “Connecting Zalo”)."
)


@dataclass(frozen=True)
class ZaloConfig:
    """The Zalo side, read when ZALO_BOT_TOKEN is set.

    Attributes:
        token: the bot token, `{bot_id}:{access_token}`.
        api_base_url: the Bot API, the token appended (ZALO_API_BASE_URL).
        webhook_url: with webhook_secret, Zalo POSTs updates here (HTTPS) instead of polling.
        webhook_secret: 8–256 characters, checked on every webhook call.
        monthly_quota: messages a month the plan allows (ZALO_MONTHLY_QUOTA).
        bot_name: the bot's display name as group members mention it (ZALO_BOT_NAME).
    """

    token: str
    api_base_url: str = DEFAULT_ZALO_BASE_URL
    webhook_url: str | None = None
    webhook_secret: str | None = None
    monthly_quota: int = DEFAULT_ZALO_QUOTA
    bot_name: str = ""

    def __repr__(self) -> str:
        """Never show the token or the webhook secret."""
        return (
            f"ZaloConfig(token=<set>, api_base_url={self.api_base_url!r}, "
            f"webhook_url={self.webhook_url!r}, monthly_quota={self.monthly_quota})"
        )


def _zalo_from_env(env: Mapping[str, str]) -> ZaloConfig | None:
    token = (env.get("ZALO_BOT_TOKEN") or "").strip()
    if not token:
        return None
    if ":" not in token or any(ch.isspace() for ch in token):
        raise ConfigError(
            "ZALO_BOT_TOKEN does not look like a Zalo bot token (the bot id, a colon, then "
            "the access token). " + HOW_TO_GET_A_ZALO_TOKEN
        )
    url = (env.get("ZALO_WEBHOOK_URL") or "").strip() or None
    secret = (env.get("ZALO_WEBHOOK_SECRET") or "").strip() or None
    if (url is None) != (secret is None):
        raise ConfigError("Set both ZALO_WEBHOOK_URL and ZALO_WEBHOOK_SECRET, or neither.")
    if url is not None and not url.startswith("https://"):
        raise ConfigError("ZALO_WEBHOOK_URL must be a public https:// address.")
    if secret is not None and not 8 <= len(secret) <= 256:
        raise ConfigError("ZALO_WEBHOOK_SECRET must have 8 to 256 characters.")
    raw_quota = (env.get("ZALO_MONTHLY_QUOTA") or str(DEFAULT_ZALO_QUOTA)).strip()
    if not raw_quota.isdigit() or int(raw_quota) <= 0:
        raise ConfigError(f"ZALO_MONTHLY_QUOTA={raw_quota!r} must be a positive whole number.")
    return ZaloConfig(
        token=token,
        api_base_url=(env.get("ZALO_API_BASE_URL") or DEFAULT_ZALO_BASE_URL).strip(),
        webhook_url=url,
        webhook_secret=secret,
        monthly_quota=int(raw_quota),
        bot_name=(env.get("ZALO_BOT_NAME") or "").strip(),
    )


@dataclass(frozen=True)
class Config:
    """Everything the bot reads from its environment."""

    telegram_token: str | None
    telegram_api_base_url: str = DEFAULT_API_BASE_URL
    db_path: Path = Path(DEFAULT_DB_PATH)
    timezone: ZoneInfo = ZoneInfo(DEFAULT_TZ)  # noqa: RUF009 - ZoneInfo instances are cached
    log_level: str = "INFO"
    zalo: ZaloConfig | None = None
    public_url: str | None = None  # TODAIBIEU_PUBLIC_URL: where the bot's HTTP server is seen
    http_port: int = DEFAULT_HTTP_PORT  # TODAIBIEU_HTTP_PORT: the webhook and file links
    # Reminder rows that are over are pruned after this long (None: kept for ever); see
    # storage/history.py for what is kept.
    history_retention: timedelta | None = timedelta(days=DEFAULT_HISTORY_DAYS)
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
        raw_port = (env.get("TODAIBIEU_HTTP_PORT") or str(DEFAULT_HTTP_PORT)).strip()
        if not raw_port.isdigit() or not 0 < int(raw_port) < 65536:
            raise ConfigError(f"TODAIBIEU_HTTP_PORT={raw_port!r} must be a port number.")
        public_url = (env.get("TODAIBIEU_PUBLIC_URL") or "").strip().rstrip("/") or None
        if public_url is not None and not public_url.startswith(("https://", "http://")):
            raise ConfigError("TODAIBIEU_PUBLIC_URL must start with https:// (or http://).")
        history = (env.get("TODAIBIEU_HISTORY_DAYS") or str(DEFAULT_HISTORY_DAYS)).strip()
        if not history.isdigit() or len(history) > 5:
            raise ConfigError(
                f"TODAIBIEU_HISTORY_DAYS={history!r} must be a number of days "
                f"(default {DEFAULT_HISTORY_DAYS}; 0 keeps the reminder history for ever)."
            )
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
            zalo=_zalo_from_env(env),
            public_url=public_url,
            http_port=int(raw_port),
            history_retention=timedelta(days=int(history)) if int(history) else None,
            telegram_read_timeout=read_timeout,
        )

    def require_any_token(self) -> None:
        """Raise ConfigError (one line) unless at least one platform can be served."""
        if self.telegram_token:
            self.require_token()
        elif self.zalo is None:
            raise ConfigError(
                "Neither TELEGRAM_BOT_TOKEN nor ZALO_BOT_TOKEN is set. " + HOW_TO_GET_A_TOKEN
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
            f"zalo={self.zalo!r}, public_url={self.public_url!r}, http_port={self.http_port}, "
            f"history_retention={self.history_retention!r})"
        )
