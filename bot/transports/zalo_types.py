"""What the Zalo Bot API client returns and raises (bot/transports/zalo_client.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any


class ZaloApiError(Exception):
    """A Zalo Bot API call failed; the message never contains the token."""

    def __init__(
        self,
        method: str,
        description: str,
        *,
        status: int | None = None,
        error_code: int | None = None,
    ) -> None:
        super().__init__(f"{method}: {description}" + (f" (HTTP {status})" if status else ""))
        self.method = method
        self.description = description
        self.status = status
        self.error_code = error_code


class ZaloTransientError(ZaloApiError):
    """Network trouble, 429 or a server error: the same call may work later."""

    def __init__(self, method: str, description: str, **kw: Any) -> None:
        self.retry_after: float | None = kw.pop("retry_after", None)
        self.maybe_delivered: bool = kw.pop("maybe_delivered", False)
        super().__init__(method, description, **kw)


class ZaloPermanentError(ZaloApiError):
    """Zalo refused the request itself (bad parameters, unknown chat, blocked): do not retry."""


@dataclass(frozen=True)
class BotInfo:
    """getMe: who the bot is."""

    id: str
    name: str
    account_type: str
    can_join_groups: bool


@dataclass(frozen=True)
class SentMessage:
    """sendMessage / sendPhoto: the new message."""

    message_id: str
    date: datetime | None


@dataclass(frozen=True)
class Retry:
    """How transient failures of non-polling calls are retried (1 s, 2 s, 4 s … at most 60 s)."""

    attempts: int = 3
    first_wait: float = 1.0
    max_wait: float = 60.0

    def wait(self, attempt: int, retry_after: float | None) -> float:
        """Seconds before retry number `attempt` (1-based)."""
        base = min(self.first_wait * 2 ** (attempt - 1), self.max_wait)
        return min(max(base, retry_after or 0.0), self.max_wait)


def from_millis(value: Any) -> datetime | None:
    """Zalo dates are Unix milliseconds."""
    try:
        return datetime.fromtimestamp(int(value) / 1000, UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None
