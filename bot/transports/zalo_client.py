"""Our own thin client for the Zalo Bot API, on httpx (why not a PyPI one: shared/zalo.md §4).

Every method is a JSON POST to `<base URL><token>/<method>`, answered with
`{"ok": true, "result": …}` or `{"ok": false, "error_code": …, "description": …}`: HTTP 200 alone
does not mean success. Failures are split: ZaloTransientError (network, 429, 5xx, a garbled
answer) may pass and is retried with backoff; ZaloPermanentError (the request is wrong, the chat
refuses) is not. An idle long poll ends with HTTP 408: that is "no update", not an error.

The token is in the URL path, so every exception message and log line of this module passes
through `redact`, httpx's own log records are filtered while a client is open, and httpx
exceptions are never chained (their text carries the URL).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

import httpx

from bot.transports.zalo_types import (
    BotInfo,
    Retry,
    SentMessage,
    ZaloApiError,
    ZaloPermanentError,
    ZaloTransientError,
    from_millis,
)

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://bot-api.zaloplatforms.com/bot"
MAX_TEXT = 2000
POLL_TIMEOUT = 30  # seconds Zalo holds an idle getUpdates
_READ_MARGIN = 10  # the HTTP read timeout must outlast the long poll
_REDACTED = "<ZALO_TOKEN>"

Sleep = Callable[[float], Awaitable[None]]

__all__ = [
    "BotInfo",
    "Retry",
    "SentMessage",
    "ZaloApiError",
    "ZaloClient",
    "ZaloPermanentError",
    "ZaloTransientError",
    "from_millis",
]


class _RedactFilter(logging.Filter):
    def __init__(self, redact: Callable[[str], str]) -> None:
        super().__init__()
        self._redact = redact

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self._redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class ZaloClient:
    """The Zalo Bot API methods todaibieu uses. Use `async with ZaloClient(token) as api:`."""

    def __init__(
        self,
        token: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 15.0,
        retry: Retry | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if not token:
            raise ValueError("the Zalo bot token is empty")
        self._secrets = {token, quote(token, safe=""), quote(token)}
        self._url = base_url.rstrip("/") + token
        self._retry = retry or Retry()
        self._sleep = sleep
        self._filter = _RedactFilter(self.redact)
        logging.getLogger("httpx").addFilter(self._filter)
        self._http = httpx.AsyncClient(transport=transport, timeout=timeout)

    def __repr__(self) -> str:
        """Never show the token."""
        return "ZaloClient(token=<set>)"

    def redact(self, text: str) -> str:
        """The text with the token (raw or URL-encoded) replaced."""
        for secret in self._secrets:
            text = text.replace(secret, _REDACTED)
        return text

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        await self._http.aclose()
        logging.getLogger("httpx").removeFilter(self._filter)

    async def __aenter__(self) -> ZaloClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    # -- the methods ---------------------------------------------------------------------------

    async def get_me(self) -> BotInfo:
        """Who the bot is (also checks the token)."""
        result = await self.call("getMe", {})
        return BotInfo(
            id=str(result.get("id", "")),
            name=str(result.get("account_name") or result.get("display_name") or ""),
            account_type=str(result.get("account_type", "")),
            can_join_groups=bool(result.get("can_join_groups", False)),
        )

    async def get_updates(self, timeout: int = POLL_TIMEOUT) -> list[dict[str, Any]]:
        """Long-poll for updates: [] when the poll ended idle (HTTP 408).

        Zalo documents one update object per call; a list is accepted too, in case it changes.
        """
        result = await self.call(
            "getUpdates",
            {"timeout": timeout},
            timeout=timeout + _READ_MARGIN,
            idle_ok=True,
            retry=False,
        )
        if result is None:
            return []
        if isinstance(result, list):
            return [u for u in result if isinstance(u, dict)]
        return [result] if isinstance(result, dict) else []

    async def send_message(self, chat_id: str, text: str) -> SentMessage:
        """Send plain text (1–2,000 characters; the caller splits longer texts)."""
        _check_text(text, "text")
        return _sent(await self.call("sendMessage", {"chat_id": chat_id, "text": text}))

    async def send_photo(self, chat_id: str, photo_url: str, caption: str = "") -> SentMessage:
        """Send a photo by URL, with an optional caption (at most 2,000 characters)."""
        params: dict[str, Any] = {"chat_id": chat_id, "photo": photo_url}
        if caption:
            _check_text(caption, "caption")
            params["caption"] = caption
        return _sent(await self.call("sendPhoto", params))

    async def send_sticker(self, chat_id: str, sticker: str) -> SentMessage:
        """Send a sticker by its id."""
        return _sent(await self.call("sendSticker", {"chat_id": chat_id, "sticker": sticker}))

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> None:
        """Show "typing…" in the chat."""
        await self.call("sendChatAction", {"chat_id": chat_id, "action": action})

    async def download(self, url: str, max_bytes: int) -> bytes:
        """The bytes behind a file URL Zalo gave (an image a user sent), at most max_bytes.

        Raises:
            ZaloTransientError: the network failed or the server is in trouble.
            ZaloPermanentError: the file is gone, refused, or larger than max_bytes.
        """
        try:
            async with self._http.stream("GET", url) as response:
                if response.status_code >= 400:
                    error = (
                        ZaloTransientError if response.status_code >= 500 else ZaloPermanentError
                    )
                    raise error(
                        "download", f"HTTP {response.status_code}", status=response.status_code
                    )
                chunks, size = [], 0
                async for chunk in response.aiter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise ZaloPermanentError("download", f"larger than {max_bytes} bytes")
                    chunks.append(chunk)
        except httpx.HTTPError as exc:
            raise ZaloTransientError("download", self.redact(_describe(exc))) from None
        return b"".join(chunks)

    async def set_webhook(self, url: str, secret_token: str) -> None:
        """Have Zalo POST updates to url (HTTPS) with the secret in X-Bot-Api-Secret-Token."""
        if not url.startswith("https://"):
            raise ValueError("the Zalo webhook URL must be https://")
        if not 8 <= len(secret_token) <= 256:
            raise ValueError("the Zalo webhook secret must have 8 to 256 characters")
        await self.call("setWebhook", {"url": url, "secret_token": secret_token})

    async def delete_webhook(self) -> None:
        """Stop webhook delivery (getUpdates is refused while a webhook is set)."""
        await self.call("deleteWebhook", {})

    async def get_webhook_info(self) -> str | None:
        """The webhook URL, or None when there is none (Zalo answers that with a 404)."""
        try:
            result = await self.call("getWebhookInfo", {})
        except ZaloPermanentError as exc:
            if exc.status == 404 or exc.error_code == 404:
                return None
            raise
        url = result.get("url") if isinstance(result, dict) else None
        return str(url) if url else None

    # -- the envelope ----------------------------------------------------------------------------

    async def call(
        self,
        method: str,
        params: dict[str, Any],
        *,
        timeout: float | None = None,
        idle_ok: bool = False,
        retry: bool = True,
    ) -> Any:
        """Call a method; return `result`. Transient failures are retried (unless retry=False).

        A send whose answer was lost (read timeout) is not retried: it may have been delivered,
        and a second copy would be worse than the caller deciding.
        """
        attempt = 0
        while True:
            try:
                return await self._once(method, params, timeout=timeout, idle_ok=idle_ok)
            except ZaloTransientError as exc:
                attempt += 1
                if not retry or exc.maybe_delivered or attempt >= self._retry.attempts:
                    raise
                wait = self._retry.wait(attempt, exc.retry_after)
                log.warning("zalo %s failed (%s); retry in %.0f s", method, exc.description, wait)
                await self._sleep(wait)

    async def _once(
        self, method: str, params: dict[str, Any], *, timeout: float | None, idle_ok: bool
    ) -> Any:
        log.debug("zalo call %s", method)
        try:
            response = await self._http.post(
                f"{self._url}/{method}",
                json=params,
                timeout=timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT,
            )
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise ZaloTransientError(method, self.redact(_describe(exc))) from None
        except httpx.HTTPError as exc:
            raise ZaloTransientError(
                method, self.redact(_describe(exc)), maybe_delivered=method.startswith("send")
            ) from None
        status = response.status_code
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            if idle_ok and status == 408:
                return None
            raise ZaloTransientError(
                method, self.redact(f"unreadable answer: {response.text[:200]!r}"), status=status
            )
        code = _int(body.get("error_code"))
        if idle_ok and (status == 408 or code == 408):
            return None
        if status < 400 and body.get("ok") is True:
            return body.get("result", {})
        description = self.redact(str(body.get("description") or "no description"))[:300]
        if status == 429 or code == 429 or status >= 500 or (code or 0) >= 500:
            retry_after = _retry_after(body, response)
            raise ZaloTransientError(
                method, description, status=status, error_code=code, retry_after=retry_after
            )
        raise ZaloPermanentError(method, description, status=status, error_code=code)


def _check_text(text: str, what: str) -> None:
    if not 1 <= len(text) <= MAX_TEXT:
        raise ValueError(f"Zalo {what} must have 1 to {MAX_TEXT} characters, not {len(text)}")


def _sent(result: Any) -> SentMessage:
    result = result if isinstance(result, dict) else {}
    return SentMessage(str(result.get("message_id", "")), from_millis(result.get("date")))


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _retry_after(body: dict[str, Any], response: httpx.Response) -> float | None:
    parameters = body.get("parameters")
    if isinstance(parameters, dict) and _int(parameters.get("retry_after")) is not None:
        return float(parameters["retry_after"])
    header = _int(response.headers.get("retry-after"))
    return float(header) if header is not None else None


def _describe(exc: httpx.HTTPError) -> str:
    # The class name says what happened; str(exc) may hold the URL (redacted by the caller).
    return f"{type(exc).__name__}: {exc}"
