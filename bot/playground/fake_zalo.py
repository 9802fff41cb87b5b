"""An in-repo fake of the Zalo Bot API, for tests, benchmarks and `todaibieu console --zalo`.

It follows the documented shapes (shared/zalo.md §1): string ids of 20 hex characters,
millisecond dates, `event_name` per update, one update per getUpdates, HTTP 408 when a poll ends
idle, no offset (the test can replay delivered updates, as Zalo does), texts of 1–2,000
characters enforced with an error, getUpdates refused while a webhook is set, getWebhookInfo a
404 without one, and every unknown method answered with an error so a surprise fails loudly.
In a group the bot only sees messages that mention it or reply to it.

Two adapters serve it: `httpx_transport()` (in-process) and `serve_loopback()` (aiohttp on
127.0.0.1, base URL ending in /bot as for the real API).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

import httpx

from bot.playground.fake_chats import RepliesReader

FAKE_ZALO_TOKEN = "1234567890123456789:FAKE-zalo-access-token-for-the-in-repo-fake"
MAX_TEXT = 2000
EVENTS = (
    "message.text.received",
    "message.image.received",
    "message.sticker.received",
    "message.voice.received",
    "message.unsupported.received",
)


def zalo_id() -> str:
    """A fresh id in Zalo's style: 20 hex characters."""
    return secrets.token_hex(10)


@dataclass
class ZaloUser:
    """A Zalo user in the fake world."""

    id: str
    display_name: str


@dataclass
class ZaloMessage:
    """A message in a chat (from the bot, or a user)."""

    chat_id: str
    message_id: str
    text: str
    from_bot: bool
    sender: ZaloUser | None = None
    photo: str | None = None
    date: int = 0


@dataclass
class ZaloChat:
    """A private chat (id = the user's id) or a group chat."""

    id: str
    chat_type: str  # "PRIVATE" or "GROUP"
    title: str | None = None
    members: set[str] = field(default_factory=set)
    outbox: list[ZaloMessage] = field(default_factory=list)
    read_upto: int = 0
    refuses: str | None = None  # the bot is blocked or removed: sends fail with this


@dataclass
class ZaloCall:
    """One request the bot made."""

    method: str
    params: dict[str, Any]


@dataclass
class ZaloFailure:
    """A scripted failure of the next `times` calls of a method."""

    method: str
    status: int
    description: str
    times: int = 1
    network: bool = False


class FakeZaloAPI(RepliesReader[ZaloMessage]):
    """The fake Bot API and the users and chats behind it."""

    def __init__(
        self,
        *,
        bot_name: str = "Bot Trợ lý Tổ đại biểu",
        token: str = FAKE_ZALO_TOKEN,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.token = token
        self.bot = ZaloUser(token.split(":", 1)[0], bot_name)
        self.clock = clock or (lambda: datetime.now(UTC))
        self.users: dict[str, ZaloUser] = {}
        self.chats: dict[str, ZaloChat] = {}
        self.calls: list[ZaloCall] = []
        self.failures: list[ZaloFailure] = []
        self.listeners: list[Callable[[ZaloMessage], None]] = []
        self.webhook: dict[str, Any] | None = None
        self.files: dict[str, bytes] = {}  # URL -> bytes of images users sent
        self.delivered: list[dict[str, Any]] = []  # every update handed out, in order
        self.seen_by_bot = 0  # updates handed out so far (a replay counts again)
        self._queue: list[dict[str, Any]] = []
        self._ids = (f"{n:020x}" for n in itertools.count(0xA000000000))
        self._changed: asyncio.Condition | None = None
        self._releasing = False

    # -- the world -------------------------------------------------------------------------------

    def add_user(self, display_name: str) -> ZaloUser:
        """Create a user and their private chat with the bot."""
        user = ZaloUser(zalo_id(), display_name)
        self.users[user.id] = user
        self.chats[user.id] = ZaloChat(user.id, "PRIVATE")
        return user

    def add_group(self, title: str, members: list[ZaloUser]) -> ZaloChat:
        """Create a group chat the bot was added to (by its admin, as Zalo requires)."""
        chat = ZaloChat(zalo_id(), "GROUP", title, {u.id for u in members})
        self.chats[chat.id] = chat
        return chat

    def dm(self, user: ZaloUser) -> ZaloChat:
        """The private chat between a user and the bot."""
        return self.chats[user.id]

    @property
    def mention(self) -> str:
        """How a user mentions the bot in a group."""
        return f"@{self.bot.display_name}"

    # -- what users do ---------------------------------------------------------------------------

    def say(
        self,
        chat: ZaloChat,
        user: ZaloUser,
        text: str,
        *,
        mention: bool = True,
        reply_to: ZaloMessage | None = None,
    ) -> dict[str, Any] | None:
        """A user writes. In a group the bot sees it only if it is mentioned or replied to.

        Returns the update queued for the bot (None when the bot cannot see the message).
        """
        if chat.chat_type == "GROUP" and mention and not text.startswith(self.mention):
            text = f"{self.mention} {text}"
        seen = (
            chat.chat_type == "PRIVATE" or mention or (reply_to is not None and reply_to.from_bot)
        )
        return self._user_event(chat, user, "message.text.received", {"text": text}, seen)

    def send_image(
        self, chat: ZaloChat, user: ZaloUser, url: str, caption: str = "", content: bytes = b""
    ) -> None:
        """A user sends a photo (its bytes served at url, for the bot to download)."""
        if content:
            self.files[url] = content
        extra = {"photo_url": url, "caption": caption} if caption else {"photo_url": url}
        self._user_event(chat, user, "message.image.received", extra, True)

    def send_sticker(
        self, chat: ZaloChat, user: ZaloUser, sticker: str = "bfe458bf64fa8da4d4eb"
    ) -> None:
        """A user sends a sticker."""
        self._user_event(chat, user, "message.sticker.received", {"sticker": sticker}, True)

    def send_unsupported(self, chat: ZaloChat, user: ZaloUser) -> None:
        """A protected sender's message: Zalo tells the bot only that something arrived."""
        self._user_event(chat, user, "message.unsupported.received", {}, True)

    def replay(self, count: int = 1) -> None:
        """Hand the last `count` delivered updates out again, as Zalo does without an offset."""
        for update in self.delivered[-count:]:
            self._queue.append(json.loads(json.dumps(update)))
        self._notify_soon()

    async def push_webhook(self, url: str, *, secret: str | None = None) -> list[int]:
        """Deliver the queued updates as Zalo does with a webhook set: one POST each.

        Posts to `url` (the bot's local server) with the secret given to setWebhook (or
        `secret`); returns the HTTP statuses. An update answered 200 is gone from the queue.
        """
        if secret is None:
            assert self.webhook is not None, "setWebhook was not called"
            secret = str(self.webhook["secret_token"])
        statuses = []
        async with httpx.AsyncClient() as http:
            while self._queue:
                update = self._queue.pop(0)
                response = await http.post(
                    url, json=update, headers={"X-Bot-Api-Secret-Token": secret}
                )
                statuses.append(response.status_code)
                if response.status_code == 200:
                    self.delivered.append(update)
                    self.seen_by_bot += 1
                else:
                    self._queue.insert(0, update)
                    break
        return statuses

    # -- observing the bot -----------------------------------------------------------------------

    def calls_of(self, method: str) -> list[ZaloCall]:
        """Every call of one method, in order."""
        return [c for c in self.calls if c.method == method]

    def fail(self, method: str, status: int, description: str, **kw: Any) -> None:
        """Script the next call(s) of a method to fail (429, 500, 403, or network=True)."""
        self.failures.append(ZaloFailure(method, status, description, **kw))

    @property
    def queued(self) -> int:
        """Updates waiting for the bot's next polls."""
        return len(self._queue)

    async def wait_until_taken(self, timeout: float = 5.0) -> None:
        """Wait until the bot has polled every queued update."""
        condition = self._condition()
        async with condition:
            await asyncio.wait_for(condition.wait_for(lambda: not self._queue), timeout)

    async def release_pollers(self, releasing: bool = True) -> None:
        """Answer pending long polls now (408) so the bot can stop fast."""
        self._releasing = releasing
        condition = self._condition()
        async with condition:
            condition.notify_all()

    # -- adapters --------------------------------------------------------------------------------

    def httpx_transport(self) -> httpx.MockTransport:
        """An httpx transport that answers in-process."""

        async def handler(request: httpx.Request) -> httpx.Response:
            if request.method == "GET":
                # A file a user sent: Zalo hands bots a URL to fetch.
                content = self.files.get(str(request.url))
                return httpx.Response(200, content=content) if content else httpx.Response(404)
            token, _, method = request.url.path.rpartition("/")
            body = await request.aread()
            status, payload = await self.call(
                token.rsplit("/bot", 1)[-1], method, request.headers.get("content-type", ""), body
            )
            return httpx.Response(status, json=payload)

        return httpx.MockTransport(handler)

    async def call(
        self, token: str, method: str, content_type: str, body: bytes
    ) -> tuple[int, dict[str, Any]]:
        """Answer one request; returns HTTP status and JSON body."""
        if token != self.token:
            return 401, _error(401, "Unauthorized")
        try:
            params = _decode(content_type, body)
        except (ValueError, TypeError):
            return 400, _error(400, "Bad Request: body is not a JSON object")
        self.calls.append(ZaloCall(method, params))
        failure = self._take_failure(method)
        if failure is not None:
            if failure.network:
                raise httpx.ConnectError(f"fake network failure on {method}")
            return failure.status, _error(failure.status, failure.description)
        handler = getattr(self, "_api_" + method, None)
        if handler is None:
            return 404, _error(404, "Not Found")
        try:
            result = await handler(params)
        except _Refusal as refusal:
            return refusal.status, _error(refusal.status, refusal.description)
        return 200, {"ok": True} if result is None else {"ok": True, "result": result}

    # -- API methods -----------------------------------------------------------------------------

    async def _api_getMe(self, params: dict[str, Any]) -> Any:
        return {
            "id": self.bot.id,
            "account_name": "bot.TroLyToDaiBieu",
            "account_type": "BASIC",
            "can_join_groups": True,
        }

    async def _api_getUpdates(self, params: dict[str, Any]) -> Any:
        if self.webhook is not None:
            raise _Refusal(400, "Bad Request: webhook is active, delete it before getUpdates")
        timeout = float(params.get("timeout", 30) or 0)
        condition = self._condition()
        async with condition:
            if not self._queue and timeout > 0 and not self._releasing:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        condition.wait_for(lambda: bool(self._queue) or self._releasing), timeout
                    )
            if not self._queue:
                raise _Refusal(408, "Request timeout")
            update = self._queue.pop(0)
            self.delivered.append(update)
            self.seen_by_bot += 1
            condition.notify_all()
            return update

    async def _api_sendMessage(self, params: dict[str, Any]) -> Any:
        text = params.get("text")
        if not isinstance(text, str) or not 1 <= len(text) <= MAX_TEXT:
            length = len(text) if isinstance(text, str) else 0
            raise _Refusal(400, f"Bad Request: text length {length} not in 1..{MAX_TEXT}")
        return self._bot_message(params, text)

    async def _api_sendPhoto(self, params: dict[str, Any]) -> Any:
        caption = params.get("caption", "")
        if len(caption) > MAX_TEXT:
            raise _Refusal(400, f"Bad Request: caption length {len(caption)} > {MAX_TEXT}")
        if not str(params.get("photo", "")).startswith(("http://", "https://")):
            raise _Refusal(400, "Bad Request: photo must be a URL")
        return self._bot_message(params, caption, photo=params["photo"])

    async def _api_sendChatAction(self, params: dict[str, Any]) -> Any:
        self._chat(params)
        if params.get("action") != "typing":
            raise _Refusal(400, "Bad Request: unsupported action")
        return None  # a bare {"ok": true}

    async def _api_setWebhook(self, params: dict[str, Any]) -> Any:
        url, secret = str(params.get("url", "")), str(params.get("secret_token", ""))
        if not url.startswith("https://") or not 8 <= len(secret) <= 256:
            raise _Refusal(400, "Bad Request: url must be https and secret_token 8-256 chars")
        self.webhook = {"url": url, "secret_token": secret, "updated_at": self._now_ms()}
        return {"url": url, "updated_at": self.webhook["updated_at"]}

    async def _api_deleteWebhook(self, params: dict[str, Any]) -> Any:
        self.webhook = None
        return {"url": "", "updated_at": self._now_ms()}

    async def _api_getWebhookInfo(self, params: dict[str, Any]) -> Any:
        if self.webhook is None:
            raise _Refusal(404, "Not Found")
        return {"url": self.webhook["url"], "updated_at": self.webhook["updated_at"]}

    # -- internals -------------------------------------------------------------------------------

    def _user_event(
        self, chat: ZaloChat, user: ZaloUser, event: str, extra: dict[str, Any], seen: bool
    ) -> dict[str, Any] | None:
        if not seen:
            return None
        message: dict[str, Any] = {
            "from": {"id": user.id, "display_name": user.display_name, "is_bot": False},
            "chat": {"id": chat.id, "chat_type": chat.chat_type},
            "message_id": next(self._ids),
            "date": self._now_ms(),
            **extra,
        }
        update = {"event_name": event, "message": message}
        self._queue.append(update)
        self._notify_soon()
        return update

    def _bot_message(self, params: dict[str, Any], text: str, photo: str | None = None) -> Any:
        chat = self._chat(params)
        if chat.refuses:
            raise _Refusal(403, chat.refuses)
        message = ZaloMessage(
            chat.id, next(self._ids), text, True, photo=photo, date=self._now_ms()
        )
        chat.outbox.append(message)
        for listener in self.listeners:
            listener(message)
        self._notify_soon()
        return {"message_id": message.message_id, "date": message.date}

    def _chat(self, params: dict[str, Any]) -> ZaloChat:
        chat = self.chats.get(str(params.get("chat_id", "")))
        if chat is None:
            raise _Refusal(400, "Bad Request: chat not found")
        return chat

    def _now_ms(self) -> int:
        return int(self.clock().timestamp() * 1000)

    def _notify_soon(self) -> None:
        condition = self._condition()

        async def notify() -> None:
            async with condition:
                condition.notify_all()

        with contextlib.suppress(RuntimeError):
            asyncio.get_running_loop().create_task(notify())

    def _take_failure(self, method: str) -> ZaloFailure | None:
        for failure in self.failures:
            if failure.method == method:
                failure.times -= 1
                if failure.times <= 0:
                    self.failures.remove(failure)
                return failure
        return None


class _Refusal(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def _error(code: int, description: str) -> dict[str, Any]:
    return {"ok": False, "error_code": code, "description": description}


def _decode(content_type: str, body: bytes) -> dict[str, Any]:
    """JSON bodies (what we send), or form-encoded (what some SDKs send)."""
    if not body:
        return {}
    if content_type.startswith("application/x-www-form-urlencoded"):
        return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    parsed = json.loads(body)
    if not isinstance(parsed, dict):
        raise TypeError("not an object")
    return parsed


async def serve_loopback(fake: FakeZaloAPI) -> tuple[Any, str]:
    """Serve the fake on 127.0.0.1 (a free port); returns (aiohttp runner, base URL).

    The base URL ends in '/bot', so the client appends the token as with the real API.
    Stop it with `await runner.cleanup()`.
    """
    from aiohttp import web

    async def handle(request: web.Request) -> web.Response:
        body = await request.read()
        status, payload = await fake.call(
            request.match_info["token"],
            request.match_info["method"],
            request.headers.get("Content-Type", ""),
            body,
        )
        return web.json_response(payload, status=status)

    app = web.Application()
    app.router.add_post("/bot{token}/{method}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}/bot"
