"""Zalo transport, outbound: neutral replies rendered for what Zalo can do.

Zalo has no buttons, no callbacks, no edits and cannot send files (shared/zalo.md §1.2). So
buttons become numbered lines answered with the number (kept in storage/choices.py, so a restart
keeps them); a file becomes a signed expiring link when TODAIBIEU_PUBLIC_URL is set, else a note;
texts are cut at 2,000 characters. Every message sent is counted against the plan's monthly
quota; crossing 80% tells the chuyên viên once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from zoneinfo import ZoneInfo

from bot.chat.errors import (
    ChatUnreachableError,
    FileUnavailableError,
    SendRefusedError,
    TransientSendError,
)
from bot.chat.messages import Reply
from bot.chat.transport import Capabilities
from bot.chunking import split_text
from bot.clock import Clock
from bot.transports import zalo_text as T
from bot.transports.file_links import file_link
from bot.transports.zalo_client import (
    MAX_TEXT,
    ZaloApiError,
    ZaloClient,
    ZaloPermanentError,
    ZaloTransientError,
)
from bot.transports.zalo_inbound import PLATFORM
from storage.choices import ANYONE, CHAT_TTL, PERSONAL_TTL, Choice, ChoiceStore
from storage.quota import QuotaState, QuotaStore
from storage.shared_files import SharedFileStore

log = logging.getLogger(__name__)

DEFAULT_MONTHLY_QUOTA = 3000  # Zalo's free (Basic) plan

QuotaWarning = Callable[[QuotaState], Awaitable[None]]


class ZaloMessenger:
    """The core's view of Zalo: send (rendered for Zalo), and what Zalo cannot tell."""

    platform = PLATFORM

    def __init__(
        self,
        client: ZaloClient,
        *,
        choices: ChoiceStore,
        quota: QuotaStore,
        files: SharedFileStore,
        clock: Clock,
        zone: ZoneInfo,
        monthly_quota: int = DEFAULT_MONTHLY_QUOTA,
        public_url: str | None = None,
        on_quota_warning: QuotaWarning | None = None,
    ) -> None:
        self.capabilities = Capabilities(
            buttons=False,
            edits=False,
            documents=False,
            max_text=MAX_TEXT,
            monthly_quota=monthly_quota,
            knows_admins=False,
            max_upload=20_000_000,
            mentions_only=True,
        )
        self._client = client
        self._choices = choices
        self._quota = quota
        self._files = files
        self._clock = clock
        self._zone = zone
        self.public_url = public_url  # where the bot's HTTP server is reached
        self.on_quota_warning = on_quota_warning
        self._background: set[asyncio.Task[None]] = set()

    async def send(self, chat_id: str, reply: Reply, *, reply_to: str | None = None) -> str:
        """Send a reply: numbered choices for its buttons, a link or note for its file.

        Args:
            chat_id: the Zalo chat.
            reply: what to send. Whose numbers answer its choices: reply.answers_for, the
                account that asked, whose numbers then answer these options first (the others
                in the chat may answer them too, as anyone may press a button on Telegram);
                None: anyone in the chat (what the bot sends on its own, e.g. a reminder).
            reply_to: ignored (Zalo documents no replies to a message).

        Returns:
            The id of the last message sent ("" when there was nothing to send).
        """
        audience = reply.answers_for or ANYONE
        text = reply.text
        if reply.document is not None:
            text = _join(text, await self.document_line(reply.document.filename, reply))
        options = [Choice(b.label, b.data) for row in reply.buttons for b in row]
        if options:
            lines = [
                T.CHOICE_LINE.format(number=n, label=o.label) for n, o in enumerate(options, 1)
            ]
            text = _join(text, "\n".join([T.CHOICES_HEADER, *lines]))
            # Kept before sending: an answer may arrive before this call returns.
            now = self._clock.now()
            if audience != ANYONE:
                await self._choices.offer(PLATFORM, chat_id, audience, options, now, PERSONAL_TTL)
            await self._choices.offer(PLATFORM, chat_id, ANYONE, options, now, CHAT_TTL)
        if not text.strip():
            return ""
        sent_id = ""
        for chunk in split_text(text, MAX_TEXT, utf16=True):
            sent_id = await self._send_text(chat_id, chunk)
        return sent_id

    async def document_line(self, filename: str, reply: Reply) -> str:
        """A link to the file when the bot serves files publicly, else the note that it cannot."""
        if self.public_url is None or reply.document is None:
            return T.FILE_NOT_SENT.format(name=filename)
        now = self._clock.now()
        stored = await self._files.put(
            filename, reply.document.mime_type, reply.document.content, now
        )
        url = file_link(
            self.public_url,
            await self._files.signing_key(),
            stored.token,
            filename,
            stored.expires_at,
        )
        expires = stored.expires_at.astimezone(self._zone)
        return T.FILE_LINK.format(name=filename, url=url, expires=f"{expires:%H:%M %d/%m/%Y}")

    async def _send_text(self, chat_id: str, text: str) -> str:
        try:
            sent = await self._client.send_message(chat_id, text)
        except ZaloPermanentError as exc:
            # Texts are checked before they leave, so what Zalo refuses is the chat itself.
            raise ChatUnreachableError(chat_id, exc.description) from None
        except ZaloTransientError as exc:
            raise _transient(chat_id, exc) from None
        state = await self._quota.record_sent(
            PLATFORM, self._clock.now(), self._zone, self.capabilities.monthly_quota or 0
        )
        if state.warn_now and self.on_quota_warning is not None:
            # Told in the background: the warning is sent through the messengers itself.
            task = asyncio.get_running_loop().create_task(self.on_quota_warning(state))
            self._background.add(task)
            task.add_done_callback(self._background.discard)
        return sent.message_id

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        """Zalo has no edits (capabilities.edits is False): refused, so a new message goes."""
        raise SendRefusedError(chat_id, "Zalo cannot edit messages")

    async def answer(self, press_id: str, notice: str | None) -> None:
        """Zalo has no button presses to answer: nothing to do."""

    async def probe(self) -> None:
        """getMe: whether Zalo answers (while it is down, every Zalo chat waits)."""
        try:
            await self._client.get_me()
        except ZaloTransientError as exc:
            raise _transient("-", exc) from None
        except ZaloApiError as exc:
            raise TransientSendError("-", exc.description, platform_down=True) from None

    async def download(self, file_id: str) -> bytes:
        """An image a user sent (Zalo gives its URL as the file id)."""
        try:
            return await self._client.download(file_id, self.capabilities.max_upload)
        except ZaloApiError as exc:
            raise FileUnavailableError(file_id, exc.description) from None

    async def sees_group_messages(self, chat_id: str) -> bool:
        """Never: a Zalo bot only sees group messages that mention it or reply to it."""
        return False

    async def is_chat_admin(self, chat_id: str, user_id: str) -> bool:
        """Zalo cannot say who administers a group: never assumed (invite codes register)."""
        return False

    async def is_chat_member(self, chat_id: str, user_id: str) -> bool:
        """Zalo only delivers a group's messages from its members, so the sender is one."""
        return True

    async def idle(self) -> None:
        """Wait for background work (quota warnings) to finish."""
        while self._background:
            await asyncio.gather(*list(self._background), return_exceptions=True)


def _transient(chat_id: str, exc: ZaloTransientError) -> TransientSendError:
    """The neutral error: a lost answer may have been delivered; no answer at all (no HTTP
    status) means Zalo is down for every chat; else this chat may try again later."""
    if exc.maybe_delivered:
        return TransientSendError(chat_id, str(exc), exc.retry_after, maybe_sent=True)
    if exc.status is None and exc.retry_after is None:
        return TransientSendError(chat_id, str(exc), platform_down=True)
    return TransientSendError(chat_id, str(exc), exc.retry_after)


def _join(first: str, second: str) -> str:
    return f"{first}\n\n{second}" if first.strip() else second
