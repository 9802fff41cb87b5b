"""An in-repo fake of the Telegram Bot API, for tests, benchmarks and the console playground.

It holds the world the bot lives in: users, chats, the updates users cause (queued for
getUpdates), the messages the bot sent, and a log of every call. Unknown methods are answered
with an error so a surprise fails loudly. Responses are built from python-telegram-bot's own
classes so their shapes stay valid.

Two adapters serve it: `httpx_transport()` (in-process, no socket) and `serve_loopback()`
(aiohttp on 127.0.0.1, for the real bot with only its base URL changed).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qsl

import httpx
from telegram import (
    CallbackQuery,
    Chat,
    ChatMemberAdministrator,
    ChatMemberLeft,
    ChatMemberMember,
    ChatMemberOwner,
    Document,
    File,
    Message,
    MessageEntity,
    PhotoSize,
    Sticker,
    Update,
    User,
)

from bot.playground.fake_chats import RepliesReader
from bot.playground.fake_faults import Failure, Faults

ANONYMOUS_ADMIN_ID = 1087968824  # Telegram's GroupAnonymousBot
FAKE_TOKEN = "123456789:FAKE-token-for-the-in-repo-fake-Bot-API"
_JSON_FIELDS = {
    "reply_markup",
    "entities",
    "caption_entities",
    "commands",
    "scope",
    "allowed_updates",
    "reply_parameters",
    "link_preview_options",
}
_MENTION_RE = re.compile(r"@[A-Za-z0-9_]{3,32}")
BOT_DOWNLOAD_LIMIT = 20_000_000  # Telegram lets bots download files up to 20 MB
FILE_PATH_PREFIX = "/file/bot"


@dataclass
class FakeUser:
    """A Telegram user in the fake world."""

    id: int
    first_name: str
    username: str | None = None
    last_name: str | None = None
    is_bot: bool = False

    def to_ptb(self) -> User:
        """As python-telegram-bot's User."""
        return User(
            self.id,
            self.first_name,
            self.is_bot,
            last_name=self.last_name,
            username=self.username,
            language_code="vi",
        )


@dataclass
class SentMessage:
    """A message in a chat as the fake stores it (sent by the bot or by a user)."""

    chat_id: int
    message_id: int
    text: str
    from_bot: bool
    buttons: list[list[tuple[str, str]]] = field(default_factory=list)
    document_name: str | None = None
    document: bytes | None = None
    reply_to_message_id: int | None = None
    edited: bool = False
    sender: FakeUser | None = None
    links: dict[str, FakeUser] = field(default_factory=dict)  # text mentions, kept for edits
    file_id: str | None = None  # a photo or document a user sent
    asks_answer: bool = False  # sent with a force reply (the phone opens the reply box)

    @property
    def labels(self) -> list[str]:
        """Button labels, row by row flattened."""
        return [label for row in self.buttons for label, _ in row]

    def button_data(self, label_or_data: str) -> str:
        """The callback data of the button with this label (or exactly this data)."""
        for row in self.buttons:
            for label, data in row:
                if label_or_data in (label, data):
                    return data
        raise KeyError(f"no button {label_or_data!r} on message: {self.labels}")


@dataclass
class FakeChat:
    """A chat in the fake world."""

    id: int
    type: str
    title: str | None = None
    members: set[int] = field(default_factory=set)
    admins: set[int] = field(default_factory=set)
    creator: int | None = None
    messages: dict[int, SentMessage] = field(default_factory=dict)
    outbox: list[SentMessage] = field(default_factory=list)
    read_upto: int = 0
    last_message_id: int = 0
    unreachable: str | None = None  # e.g. "Forbidden: bot was kicked from the group chat"

    def to_ptb(self) -> Chat:
        """As python-telegram-bot's Chat."""
        return Chat(self.id, self.type, title=self.title)


@dataclass
class ApiCall:
    """One request the bot made."""

    method: str
    params: dict[str, Any]


class FakeApiError(Exception):
    """Raised to the caller of the fake for a scripted network failure."""


class FakeTelegramAPI(RepliesReader[SentMessage]):
    """The fake Bot API and the world of users and chats behind it."""

    def __init__(
        self,
        *,
        bot_username: str = "TroLyToDaiBieuBot",
        bot_id: int = 7000001,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.bot = FakeUser(bot_id, "Trợ lý Tổ đại biểu", bot_username, is_bot=True)
        self.clock = clock or (lambda: datetime.now(UTC))
        self.users: dict[int, FakeUser] = {}
        self.chats: dict[int, FakeChat] = {}
        self.calls: list[ApiCall] = []
        self.commands: dict[str, list[dict[str, str]]] = {}
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.faults = Faults(lambda: self.clock())
        self.listeners: list[Callable[[SentMessage], None]] = []
        # Told (query id, notice text) when the bot answers a button press with a notice.
        self.notice_listeners: list[Callable[[str, str], None]] = []
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._user_ids = itertools.count(10001)
        self._group_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self.files: dict[str, bytes] = {}  # what users sent, by file_id (getFile serves it)
        self._changed: asyncio.Condition | None = None
        self.acked_update_id = 0
        self.delivered_update_id = 0
        self._releasing = False
        # Telegram's privacy mode (set with BotFather): the bot then gets only commands,
        # replies to it and mentions of it in groups where it is not an administrator.
        self.privacy_mode = False

    # -- the world -------------------------------------------------------------------------------

    def add_user(self, first_name: str, username: str | None = None, **kw: Any) -> FakeUser:
        """Create a user."""
        user = FakeUser(kw.pop("id", next(self._user_ids)), first_name, username, **kw)
        self.users[user.id] = user
        self.chats.setdefault(user.id, FakeChat(user.id, "private"))
        return user

    def add_group(
        self,
        title: str,
        members: list[FakeUser],
        *,
        admins: list[FakeUser] = (),  # type: ignore[assignment]
        supergroup: bool = True,
        chat_id: int | None = None,
    ) -> FakeChat:
        """Create a group chat with the bot in it; the first admin is its creator."""
        number = next(self._group_ids)
        chat_id = chat_id or ((-1001000000000 - number) if supergroup else -number)
        chat = FakeChat(chat_id, "supergroup" if supergroup else "group", title)
        chat.members = {u.id for u in members} | {u.id for u in admins} | {self.bot.id}
        chat.admins = {u.id for u in admins}
        chat.creator = admins[0].id if admins else None
        self.chats[chat.id] = chat
        return chat

    def dm(self, user: FakeUser) -> FakeChat:
        """The private chat between a user and the bot."""
        return self.chats[user.id]

    # -- what users do (each queues an update) ---------------------------------------------------

    def say(
        self,
        chat: FakeChat,
        user: FakeUser,
        text: str,
        *,
        reply_to: SentMessage | None = None,
        links: dict[str, FakeUser] | None = None,
        anonymously: bool = False,
    ) -> SentMessage:
        """A user writes in a chat. `links` marks substrings as mentions of users (no @name).

        With `anonymously`, an administrator posts as the group itself, as Telegram allows:
        the sender is then Telegram's GroupAnonymousBot and sender_chat is the group.
        """
        if anonymously:
            user = FakeUser(ANONYMOUS_ADMIN_ID, "Group", "GroupAnonymousBot", is_bot=True)
        message = self._store(chat, text, from_bot=False, sender=user)
        message.reply_to_message_id = reply_to.message_id if reply_to else None
        message.links = dict(links or {})
        ptb = Message(
            message.message_id,
            self.clock(),
            chat.to_ptb(),
            from_user=user.to_ptb(),
            text=text,
            entities=self._entities(text, links or {}),
            reply_to_message=self._ptb_message(reply_to) if reply_to else None,
            sender_chat=chat.to_ptb() if anonymously else None,
        )
        if self._bot_sees(chat, text, reply_to):
            self._queue(Update(0, message=ptb))
        return message

    def send_file(
        self,
        chat: FakeChat,
        user: FakeUser,
        content: bytes,
        *,
        caption: str = "",
        file_name: str | None = None,
        mime_type: str | None = None,
        reply_to: SentMessage | None = None,
        file_id: str | None = None,
    ) -> SentMessage:
        """A user sends a photo (no file_name) or a document, with an optional caption.

        The bytes are kept under a new file_id (or the given one: a forwarded file keeps its
        id), so the bot can getFile and download them.
        """
        file_id = file_id or f"file-{next(self._file_ids)}"
        self.files[file_id] = content
        message = self._store(chat, caption, from_bot=False, sender=user)
        message.reply_to_message_id = reply_to.message_id if reply_to else None
        message.file_id = file_id
        size = len(content)
        photo = (
            [PhotoSize(file_id, f"u-{file_id}", 1280, 960, file_size=size)]
            if file_name is None
            else None
        )
        document = (
            Document(
                file_id, f"u-{file_id}", file_name=file_name, mime_type=mime_type, file_size=size
            )
            if file_name is not None
            else None
        )
        ptb = Message(
            message.message_id,
            self.clock(),
            chat.to_ptb(),
            from_user=user.to_ptb(),
            caption=caption or None,
            caption_entities=self._entities(caption, {}) if caption else None,
            photo=photo,
            document=document,
            reply_to_message=self._ptb_message(reply_to) if reply_to else None,
        )
        if self._bot_sees(chat, caption, reply_to):
            self._queue(Update(0, message=ptb))
        return message

    def sticker(self, chat: FakeChat, user: FakeUser) -> SentMessage:
        """A user sends a sticker (no text, no caption)."""
        message = self._store(chat, "", from_bot=False, sender=user)
        ptb = Message(
            message.message_id,
            self.clock(),
            chat.to_ptb(),
            from_user=user.to_ptb(),
            sticker=Sticker(
                f"stk{message.message_id}",
                f"s{message.message_id}",
                512,
                512,
                False,
                False,
                Sticker.REGULAR,
            ),
        )
        if self._bot_sees(chat, "", None):
            self._queue(Update(0, message=ptb))
        return message

    def edit(self, message: SentMessage, text: str) -> None:
        """The user who wrote `message` edits it; Telegram sends an edited_message update."""
        chat = self.chats[message.chat_id]
        assert message.sender is not None
        assert not message.from_bot
        message.text, message.edited = text, True
        ptb = Message(
            message.message_id,
            self.clock(),
            chat.to_ptb(),
            from_user=message.sender.to_ptb(),
            text=text,
            entities=self._entities(text, message.links),
            edit_date=self.clock(),
        )
        if self._bot_sees(chat, text, None):
            self._queue(Update(0, edited_message=ptb))

    def _bot_sees(self, chat: FakeChat, text: str, reply_to: SentMessage | None) -> bool:
        """What Telegram delivers to the bot from a group under its privacy mode."""
        if not self.privacy_mode or chat.type == "private" or self.bot.id in chat.admins:
            return True
        replying_to_bot = reply_to is not None and reply_to.from_bot
        return text.startswith("/") or replying_to_bot or f"@{self.bot.username}" in text

    def press(self, message: SentMessage, user: FakeUser, label_or_data: str) -> str:
        """A user presses a button (by label, or raw data to forge one); returns the query id."""
        try:
            data = message.button_data(label_or_data)
        except KeyError:
            data = label_or_data
        query_id = str(next(self._callback_ids))
        chat = self.chats[message.chat_id]
        query = CallbackQuery(
            query_id,
            user.to_ptb(),
            chat_instance=str(chat.id),
            message=self._ptb_message(message),
            data=data,
        )
        self._queue(Update(0, callback_query=query))
        return query_id

    def join(self, chat: FakeChat, user: FakeUser, *, by: FakeUser | None = None) -> None:
        """A user joins a group (or is added by someone; the bot itself can be added too)."""
        chat.members.add(user.id)
        adder = by or user
        message = self._store(chat, "", from_bot=False, sender=adder)
        ptb = Message(
            message.message_id,
            self.clock(),
            chat.to_ptb(),
            from_user=adder.to_ptb(),
            new_chat_members=[user.to_ptb()],
        )
        self._queue(Update(0, message=ptb))

    def leave(self, chat: FakeChat, user: FakeUser) -> None:
        """A user leaves a group."""
        chat.members.discard(user.id)
        chat.admins.discard(user.id)
        message = self._store(chat, "", from_bot=False, sender=user)
        ptb = Message(
            message.message_id,
            self.clock(),
            chat.to_ptb(),
            from_user=user.to_ptb(),
            left_chat_member=user.to_ptb(),
        )
        self._queue(Update(0, message=ptb))

    def migrate(self, chat: FakeChat, by: FakeUser) -> FakeChat:
        """A basic group becomes a supergroup with a new id, as Telegram does."""
        new = FakeChat(
            -1002000000000 - abs(chat.id),
            "supergroup",
            chat.title,
            set(chat.members),
            set(chat.admins),
            chat.creator,
        )
        self.chats[new.id] = new
        message = self._store(new, "", from_bot=False, sender=by)
        ptb = Message(
            message.message_id,
            self.clock(),
            new.to_ptb(),
            from_user=by.to_ptb(),
            migrate_from_chat_id=chat.id,
        )
        self._queue(Update(0, message=ptb))
        return new

    # -- observing the bot -----------------------------------------------------------------------

    def calls_of(self, method: str) -> list[ApiCall]:
        """Every call of one API method, in order."""
        return [call for call in self.calls if call.method == method]

    def fail(self, method: str, status: int = 0, description: str = "", **kw: Any) -> Failure:
        """Script the next call(s) of a method to fail (429 with retry_after, 403, network…);
        see bot/playground/fake_faults.py for every kind."""
        return self.faults.add(Failure(method, status, description, **kw))

    async def wait_for_poll(self, after_update_id: int, timeout: float = 5.0) -> None:
        """Wait until the bot polled past after_update_id (so it has taken that update)."""
        condition = self._condition()
        async with condition:
            await asyncio.wait_for(
                condition.wait_for(lambda: self.acked_update_id >= after_update_id), timeout
            )

    async def release_pollers(self, releasing: bool = True) -> None:
        """Answer pending long polls now (and later ones at once) so the bot can stop fast."""
        self._releasing = releasing
        condition = self._condition()
        async with condition:
            condition.notify_all()

    @property
    def last_update_id(self) -> int:
        """The id of the newest queued update (0 if none yet)."""
        return self._updates[-1]["update_id"] if self._updates else self.delivered_update_id

    # -- adapters --------------------------------------------------------------------------------

    def httpx_transport(self) -> httpx.MockTransport:
        """An httpx transport that answers in-process (for HTTPXRequest(httpx_kwargs=...))."""

        async def handler(request: httpx.Request) -> httpx.Response:
            if request.url.path.startswith(FILE_PATH_PREFIX):
                content = self.download(request.url.path)
                if content is None:
                    return httpx.Response(404, json={"ok": False, "error_code": 404})
                return httpx.Response(200, content=content)
            body = await request.aread()
            method = request.url.path.rsplit("/", 1)[-1]
            status, payload = await self.call(
                method, request.headers.get("content-type", ""), body
            )
            return httpx.Response(status, json=payload)

        return httpx.MockTransport(handler)

    async def call(
        self, method: str, content_type: str, body: bytes
    ) -> tuple[int, dict[str, Any]]:
        """Answer one Bot API request; returns HTTP status and JSON body."""
        params = _decode(content_type, body)
        self.calls.append(ApiCall(method, params))
        failure = self.faults.take(method, params)
        if failure is not None and failure.delay:
            await asyncio.sleep(failure.delay)  # real time: only for a bot in another process
        if failure is not None and failure.answer_lost:
            await self._answer(method, params)  # carried out …
            raise httpx.ReadTimeout(f"fake: the answer to {method} was lost")  # … unanswered
        if failure is not None and (failure.network or failure.status):
            if failure.network:
                raise httpx.ConnectError(f"fake network failure on {method}")
            payload: dict[str, Any] = {
                "ok": False,
                "error_code": failure.status,
                "description": failure.description,
            }
            if failure.retry_after is not None:
                payload["parameters"] = {"retry_after": failure.retry_after}
            return failure.status, payload
        return await self._answer(method, params)

    async def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        handler = getattr(self, "_api_" + method, None)
        if handler is None:
            return 400, {
                "ok": False,
                "error_code": 400,
                "description": f"Bad Request: the fake API does not know {method}",
            }
        try:
            result = await handler(params)
        except _ApiRefusal as refusal:
            return refusal.status, {
                "ok": False,
                "error_code": refusal.status,
                "description": refusal.description,
            }
        return 200, {"ok": True, "result": result}

    def download(self, url_path: str) -> bytes | None:
        """The bytes behind a file URL path (/file/bot<token>/files/<id>); None if unknown."""
        file_id = url_path.rsplit("/", 1)[-1]
        self.calls.append(ApiCall("download", {"file_id": file_id}))
        return self.files.get(file_id)

    # -- API methods -----------------------------------------------------------------------------

    async def _api_getFile(self, params: dict[str, Any]) -> Any:
        file_id = str(params["file_id"])
        content = self.files.get(file_id)
        if content is None:
            raise _ApiRefusal(400, "Bad Request: invalid file_id")
        if len(content) > BOT_DOWNLOAD_LIMIT:
            raise _ApiRefusal(400, "Bad Request: file is too big")
        return File(
            file_id, f"u-{file_id}", file_size=len(content), file_path=f"files/{file_id}"
        ).to_dict()

    async def _api_getMe(self, params: dict[str, Any]) -> Any:
        return {
            **self.bot.to_ptb().to_dict(),
            "can_join_groups": True,
            "can_read_all_group_messages": not self.privacy_mode,
            "supports_inline_queries": False,
        }

    async def _api_deleteWebhook(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_setMyCommands(self, params: dict[str, Any]) -> Any:
        self.commands[params.get("language_code", "")] = params["commands"]
        return True

    async def _api_getUpdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset", 0) or 0)
        timeout = float(params.get("timeout", 0) or 0)
        condition = self._condition()
        async with condition:
            if offset:
                self.acked_update_id = max(self.acked_update_id, offset - 1)
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            condition.notify_all()
            if not self._updates and timeout > 0:
                try:
                    await asyncio.wait_for(
                        condition.wait_for(lambda: bool(self._updates) or self._releasing),
                        timeout,
                    )
                except TimeoutError:
                    return []
            batch = self._updates[: int(params.get("limit", 100) or 100)]
            if batch:
                self.delivered_update_id = batch[-1]["update_id"]
            return batch

    async def _api_sendMessage(self, params: dict[str, Any]) -> Any:
        chat = self._reachable_chat(params)
        message = self._store(chat, params["text"], from_bot=True)
        message.buttons = _buttons(params.get("reply_markup"))
        message.asks_answer = bool((params.get("reply_markup") or {}).get("force_reply"))
        message.reply_to_message_id = (params.get("reply_parameters") or {}).get("message_id")
        self._publish(chat, message)
        return self._ptb_message(message).to_dict()

    async def _api_sendDocument(self, params: dict[str, Any]) -> Any:
        chat = self._reachable_chat(params)
        upload = params["document"]
        message = self._store(chat, params.get("caption", ""), from_bot=True)
        message.document_name, message.document = upload["filename"], upload["content"]
        message.buttons = _buttons(params.get("reply_markup"))
        self._publish(chat, message)
        return self._ptb_message(message).to_dict()

    async def _api_editMessageText(self, params: dict[str, Any]) -> Any:
        chat = self._reachable_chat(params)
        message = chat.messages.get(int(params["message_id"]))
        if message is None or not message.from_bot:
            raise _ApiRefusal(400, "Bad Request: message to edit not found")
        buttons = _buttons(params.get("reply_markup"))
        if message.text == params["text"] and message.buttons == buttons:
            raise _ApiRefusal(400, "Bad Request: message is not modified")
        message.text, message.buttons, message.edited = params["text"], buttons, True
        self._publish(chat, _snapshot(message))
        return self._ptb_message(message).to_dict()

    async def _api_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        query_id = str(params["callback_query_id"])
        self.callback_answers[query_id] = params
        if params.get("text"):
            for listener in self.notice_listeners:
                listener(query_id, params["text"])
        condition = self._condition()
        async with condition:
            condition.notify_all()
        return True

    async def _api_getChatMember(self, params: dict[str, Any]) -> Any:
        chat = self.chats.get(int(params["chat_id"]))
        user_id = int(params["user_id"])
        user = self.bot if user_id == self.bot.id else self.users.get(user_id)
        if chat is None or user is None:
            raise _ApiRefusal(400, "Bad Request: user not found")
        ptb_user = user.to_ptb()
        if user.id == chat.creator:
            member: Any = ChatMemberOwner(ptb_user, is_anonymous=False)
        elif user.id in chat.admins:
            member = ChatMemberAdministrator(
                ptb_user,
                False,
                False,
                True,
                True,
                True,
                True,
                False,
                True,
                True,
                False,
                False,
                False,
            )
        elif user.id in chat.members:
            member = ChatMemberMember(ptb_user)
        else:
            member = ChatMemberLeft(ptb_user)
        return member.to_dict()

    async def _api_sendChatAction(self, params: dict[str, Any]) -> Any:
        return True

    async def answer_of(self, query_id: str, timeout: float = 5.0) -> dict[str, Any]:
        """Wait for the bot's answerCallbackQuery to a press; returns its parameters."""
        condition = self._condition()
        async with condition:
            await asyncio.wait_for(
                condition.wait_for(lambda: query_id in self.callback_answers), timeout
            )
        return self.callback_answers[query_id]

    # -- internals -------------------------------------------------------------------------------

    def _queue(self, update: Update) -> None:
        self.queue_raw(update.to_dict())

    def queue_raw(self, data: dict[str, Any]) -> int:
        """Queue an update given as Bot API JSON (any shape: edited messages, channel posts,
        what Telegram may send one day); returns its update_id."""
        data = {**data, "update_id": next(self._update_ids)}
        self._updates.append(data)
        self._notify_soon()
        return int(data["update_id"])

    def _notify_soon(self) -> None:
        condition = self._condition()

        async def notify() -> None:
            async with condition:
                condition.notify_all()

        # Without a running loop there is nobody to wake: the first poll sees the update anyway.
        with contextlib.suppress(RuntimeError):
            asyncio.get_running_loop().create_task(notify())

    def _store(
        self, chat: FakeChat, text: str, *, from_bot: bool, sender: FakeUser | None = None
    ) -> SentMessage:
        chat.last_message_id += 1
        message_id = chat.last_message_id
        message = SentMessage(chat.id, message_id, text, from_bot, sender=sender)
        chat.messages[message_id] = message
        return message

    def _publish(self, chat: FakeChat, message: SentMessage) -> None:
        chat.outbox.append(message)
        for listener in self.listeners:
            listener(message)
        self._notify_soon()

    def _reachable_chat(self, params: dict[str, Any]) -> FakeChat:
        chat = self.chats.get(int(params["chat_id"]))
        if chat is None:
            raise _ApiRefusal(400, "Bad Request: chat not found")
        if chat.unreachable:
            raise _ApiRefusal(403, chat.unreachable)
        return chat

    def _ptb_message(self, message: SentMessage) -> Message:
        chat = self.chats[message.chat_id]
        sender = self.bot if message.from_bot else (message.sender or self.bot)
        document = None
        if message.document_name:
            document = Document(
                f"doc-{message.chat_id}-{message.message_id}",
                f"u{message.message_id}",
                file_name=message.document_name,
            )
        markup = None
        if message.buttons:
            from telegram import InlineKeyboardButton, InlineKeyboardMarkup

            markup = InlineKeyboardMarkup(
                [
                    [InlineKeyboardButton(label, callback_data=data) for label, data in row]
                    for row in message.buttons
                ]
            )
        return Message(
            message.message_id,
            self.clock(),
            chat.to_ptb(),
            from_user=sender.to_ptb(),
            text=message.text if not document else None,
            caption=message.text if document else None,
            document=document,
            reply_markup=markup,
        )

    def _entities(self, text: str, links: dict[str, FakeUser]) -> list[MessageEntity]:
        entities = []
        if text.startswith("/"):
            length = len(text.split(maxsplit=1)[0])
            entities.append(MessageEntity(MessageEntity.BOT_COMMAND, 0, _utf16(text[:length])))
        for match in _MENTION_RE.finditer(text):
            entities.append(
                MessageEntity(
                    MessageEntity.MENTION,
                    _utf16(text[: match.start()]),
                    _utf16(match.group()),
                )
            )
        for phrase, user in links.items():
            start = text.find(phrase)
            if start >= 0:
                entities.append(
                    MessageEntity(
                        MessageEntity.TEXT_MENTION,
                        _utf16(text[:start]),
                        _utf16(phrase),
                        user=user.to_ptb(),
                    )
                )
        return sorted(entities, key=lambda e: e.offset)


class _ApiRefusal(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def _utf16(text: str) -> int:
    """Telegram counts entity offsets in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _snapshot(message: SentMessage) -> SentMessage:
    return SentMessage(**{**message.__dict__, "buttons": [list(r) for r in message.buttons]})


def _buttons(markup: Any) -> list[list[tuple[str, str]]]:
    if not markup:
        return []
    return [
        [(b["text"], b.get("callback_data", "")) for b in row]
        for row in markup.get("inline_keyboard", [])
    ]


def _decode(content_type: str, body: bytes) -> dict[str, Any]:
    """Decode PTB's request body: form fields, JSON for nested objects, files from multipart."""
    params: dict[str, Any] = {}
    if content_type.startswith("multipart/form-data"):
        parsed = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
        )
        for part in parsed.iter_parts():
            name = part.get_param("name", header="content-disposition")
            filename = part.get_filename()
            content = part.get_payload(decode=True) or b""
            if filename:
                params[str(name)] = {"filename": filename, "content": content}
            else:
                params[str(name)] = content.decode("utf-8")
    elif body:
        if content_type.startswith("application/json"):
            return dict(json.loads(body))
        params = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    for key in _JSON_FIELDS & params.keys():
        if isinstance(params[key], str):
            params[key] = json.loads(params[key])
    return params


async def serve_loopback(fake: FakeTelegramAPI) -> tuple[Any, str]:
    """Serve the fake on 127.0.0.1 (a free port); returns (server, base URL for PTB).

    The base URL ends in '/bot' so PTB appends the token exactly as with the real API.
    Stop it with `await server.cleanup()`; `pause()`/`resume()` refuse connections meanwhile
    (bot/playground/loopback.py).
    """
    from bot.playground.loopback import LoopbackServer

    server = LoopbackServer(fake)
    base_url = await server.start()
    return server, base_url
