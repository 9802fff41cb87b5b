"""Telegram transport: the Messenger the outbox sends through.

Only bot/transports/ and bot/playground/ import `telegram`. Inline keyboards for buttons,
documents for files, edits and notices for button presses, and every error turned into one of
bot/chat/errors.py. Updates are read in telegram_inbound.py; polling and the life cycle are in
telegram_app.py.
"""

from __future__ import annotations

import logging
import os
import warnings

import httpx
from telegram import (
    Bot,
    ChatMember,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    ReplyParameters,
)
from telegram.constants import FileSizeLimit, MessageLimit
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.warnings import PTBUserWarning

from bot.chat.errors import (
    ChatUnreachableError,
    FileUnavailableError,
    SendRefusedError,
    TransientSendError,
)
from bot.chat.messages import (
    Button,
    Reply,
)
from bot.chat.transport import Capabilities
from bot.chunking import split_text
from bot.transports.telegram_inbound import PLATFORM

log = logging.getLogger(__name__)

# Opt in to python-telegram-bot's durations as timedelta (the default from v23): otherwise every
# 429 from Telegram logs a deprecation warning. Read by PTB when it builds a RetryAfter.
os.environ.setdefault("PTB_TIMEDELTA", "1")
# do_api_request("sendMessage") is deliberate (TelegramMessenger.send says why).
warnings.filterwarnings("ignore", r"Please use 'Bot\.sendMessage'", PTBUserWarning)

_ADMIN_STATUSES = {ChatMember.OWNER, ChatMember.ADMINISTRATOR}
_MEMBER_STATUSES = _ADMIN_STATUSES | {ChatMember.MEMBER}


def keyboard(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    """Inline keyboard for a reply's buttons (None when there are none)."""
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in rows]
    )


def _markup(reply: Reply) -> InlineKeyboardMarkup | ForceReply | None:
    """Buttons, or for a question (asks_answer) a force reply: the phones of the people the
    text @mentions open the reply box on it (selective, so others are not disturbed)."""
    if reply.buttons:
        return keyboard(reply.buttons)
    if reply.asks_answer:
        return ForceReply(selective=True, input_field_placeholder="Lý do…")
    return None


def _unsent(exc: BaseException) -> bool:
    """Whether a network failure happened before the request could reach Telegram."""
    cause = exc.__cause__
    return isinstance(cause, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def neutral_error(chat_id: str, exc: TelegramError) -> Exception:
    """The neutral error (bot/chat/errors.py) for what python-telegram-bot raised."""
    if isinstance(exc, Forbidden):
        return ChatUnreachableError(chat_id, exc.message)
    if isinstance(exc, RetryAfter):
        # The private timedelta, as AIORateLimiter reads it: the public one warns in PTB 22.
        return TransientSendError(chat_id, exc.message, exc._retry_after.total_seconds())
    if isinstance(exc, BadRequest):
        if "chat not found" in exc.message.lower():
            return ChatUnreachableError(chat_id, exc.message)
        return SendRefusedError(chat_id, exc.message)
    if isinstance(exc, TimedOut):
        if _unsent(exc):
            return TransientSendError(chat_id, exc.message, platform_down=True)
        # The request left; no answer within the read timeout: it may have been delivered.
        return TransientSendError(chat_id, exc.message, maybe_sent=True)
    if isinstance(exc, NetworkError):
        if _unsent(exc):
            return TransientSendError(chat_id, exc.message, platform_down=True)
        if isinstance(exc.__cause__, httpx.TransportError):
            # The connection broke after the request was written: the outcome is unknown.
            return TransientSendError(chat_id, exc.message, maybe_sent=True)
        return TransientSendError(chat_id, exc.message)  # Telegram answered 5xx
    return TransientSendError(chat_id, exc.message)


class TelegramMessenger:
    """The core's view of Telegram: send, edit, answer presses, and ask about chat members.

    Every python-telegram-bot error becomes one of bot/chat/errors.py (`neutral_error`), so the
    delivery path can tell a flood wait from an outage from a message that may have arrived.
    """

    platform = PLATFORM
    capabilities = Capabilities(
        buttons=True,
        edits=True,
        documents=True,
        max_text=MessageLimit.MAX_TEXT_LENGTH,
        max_upload=FileSizeLimit.FILESIZE_UPLOAD,
    )

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def send(self, chat_id: str, reply: Reply, *, reply_to: str | None = None) -> str:
        """Send a reply (split if longer than Telegram allows); return the last message id."""
        markup = _markup(reply)
        params = (
            ReplyParameters(int(reply_to), allow_sending_without_reply=True) if reply_to else None
        )
        try:
            if reply.document is not None:
                sent = await self._bot.send_document(
                    chat_id=int(chat_id),
                    document=InputFile(reply.document.content, filename=reply.document.filename),
                    caption=reply.text[: MessageLimit.CAPTION_LENGTH] or None,
                    reply_markup=markup,
                    reply_parameters=params,
                )
                return str(sent.message_id)
            chunks = split_text(reply.text, MessageLimit.MAX_TEXT_LENGTH)
            sent_id = ""
            for index, chunk in enumerate(chunks):
                last = index == len(chunks) - 1
                # Only the new message's id is needed. send_message would build the whole
                # Message Telegram answers with, and the message it quotes inside it: a fifth
                # of the CPU of every reply. do_api_request takes the same path (the rate
                # limiter, the errors) and returns the raw result instead.
                sent = await self._bot.do_api_request(
                    "sendMessage",
                    api_kwargs={
                        "chat_id": int(chat_id),
                        "text": chunk,
                        "reply_markup": markup if last else None,
                        "reply_parameters": params if index == 0 else None,
                    },
                )
                sent_id = str(sent["message_id"])
        except TelegramError as exc:
            raise neutral_error(chat_id, exc) from exc
        return sent_id

    async def download(self, file_id: str) -> bytes:
        """Fetch a file users sent (bots may download files up to 20 MB)."""
        try:
            file = await self._bot.get_file(file_id)
            return bytes(await file.download_as_bytearray())
        except (BadRequest, NetworkError) as exc:  # "file is too big", a gone id, the network
            raise FileUnavailableError(file_id, exc.message) from exc

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        """Replace a message's text and buttons ("not modified" counts as done)."""
        try:
            await self._bot.edit_message_text(
                reply.text,
                chat_id=int(chat_id),
                message_id=int(message_id),
                reply_markup=keyboard(reply.buttons),
            )
        except BadRequest as exc:
            if "not modified" in exc.message.lower():
                return
            raise neutral_error(chat_id, exc) from exc
        except TelegramError as exc:
            raise neutral_error(chat_id, exc) from exc

    async def answer(self, press_id: str, notice: str | None) -> None:
        """Answer a button press (a press too old to answer is refused: SendRefusedError)."""
        try:
            await self._bot.answer_callback_query(press_id, text=notice or None)
        except TelegramError as exc:
            raise neutral_error(press_id, exc) from exc

    async def probe(self) -> None:
        """getMe: the cheapest question Telegram answers."""
        try:
            await self._bot.get_me()
        except TelegramError as exc:
            raise neutral_error("-", exc) from exc

    async def _status(self, chat_id: str, user_id: str) -> ChatMember | None:
        try:
            return await self._bot.get_chat_member(int(chat_id), int(user_id))
        except BadRequest:
            return None  # "user not found", "chat not found": not there
        except TelegramError as exc:
            raise neutral_error(chat_id, exc) from exc

    async def is_chat_admin(self, chat_id: str, user_id: str) -> bool:
        """Ask Telegram whether the user administers the chat."""
        member = await self._status(chat_id, user_id)
        return member is not None and member.status in _ADMIN_STATUSES

    async def is_chat_member(self, chat_id: str, user_id: str) -> bool:
        """Ask Telegram whether the user is in the chat now."""
        member = await self._status(chat_id, user_id)
        if member is None:
            return False
        if member.status == ChatMember.RESTRICTED:
            return bool(getattr(member, "is_member", False))
        return member.status in _MEMBER_STATUSES

    async def sees_group_messages(self, chat_id: str) -> bool:
        """Privacy mode off (getMe can_read_all_group_messages), or the bot is an admin here."""
        me = await self._bot.get_me()
        if me.can_read_all_group_messages:
            return True
        return await self.is_chat_admin(chat_id, str(me.id))
