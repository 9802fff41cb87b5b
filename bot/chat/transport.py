"""The transport contract: what the core asks of a chat platform.

A transport (bot/transports/) turns platform updates into `Inbound`, hands them to the core's
durable intake (`Assistant.accept`, which writes them to the inbox before the transport may
acknowledge them to the platform), and implements `Messenger`. Replies leave through the
core's outbox, which calls the messenger; the core never asks which platform it is on: where
behaviour must differ it reads the messenger's declared `capabilities`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.chat.messages import Reply


@dataclass(frozen=True)
class Capabilities:
    """What a platform can render; the core adapts its replies to these.

    Attributes:
        buttons: inline buttons that come back as button presses (else numbered choices).
        edits: a button press can replace the message that carried it (else a new message).
        documents: files can be sent (else a link or a note).
        max_text: the longest text one message may carry.
        monthly_quota: messages the bot may send a month on this platform's plan (None: no
            limit); past it, personal reminders go by another platform where the person has one.
        knows_admins: the platform can say who administers a group chat (else registering a
            group takes an operator's invitation code).
        max_upload: the largest document (bytes) the bot may send.
        mentions_only: in a group the bot sees only messages that mention it or reply to it
            (Zalo): someone it does not know yet must write so, not just type a command.
    """

    buttons: bool = True
    edits: bool = True
    documents: bool = True
    max_text: int = 4096
    monthly_quota: int | None = None
    knows_admins: bool = True
    max_upload: int = 50_000_000
    mentions_only: bool = False


class Messenger(Protocol):
    """The outbound side of a transport, as the core sees it.

    Every method raises, when it does not go through: ChatUnreachableError (the platform
    refuses this chat), TransientSendError (it may work later: see its attributes for a flood
    wait, an outage or an unknown outcome), or SendRefusedError (this request cannot work).
    """

    platform: str
    capabilities: Capabilities

    async def send(self, chat_id: str, reply: Reply, *, reply_to: str | None = None) -> str:
        """Send a reply to a chat (as an answer to message `reply_to`); return its id."""
        ...

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> None:
        """Replace the text and buttons of a message the bot sent (when capabilities.edits)."""
        ...

    async def answer(self, press_id: str, notice: str | None) -> None:
        """Answer a button press, with a short notice to the presser (or none)."""
        ...

    async def probe(self) -> None:
        """Ask the platform something cheap; raises TransientSendError while it is down."""
        ...

    async def is_chat_admin(self, chat_id: str, user_id: str) -> bool:
        """Whether the person administers the chat on the platform."""
        ...

    async def is_chat_member(self, chat_id: str, user_id: str) -> bool:
        """Whether the person is currently in the chat on the platform."""
        ...

    async def sees_group_messages(self, chat_id: str) -> bool:
        """Whether the bot receives every message of this group, not only commands to it.

        Recording meeting minutes needs it (Telegram: privacy mode off, or the bot is an
        administrator of the group).
        """
        ...

    async def download(self, file_id: str) -> bytes:
        """The bytes of a file a user sent (Attachment.file_id of an Inbound).

        Raises:
            FileUnavailableError: the platform cannot hand the file over (gone, too big for
                bots, network failure).
        """
        ...
