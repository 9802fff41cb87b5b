"""The transport contract: what the core asks of a chat platform.

A transport (bot/transports/) turns platform updates into `Inbound` and implements `Messenger`.
The core never asks which platform it is on; where behaviour must differ it reads the
messenger's declared `capabilities`.
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
    """

    buttons: bool = True
    edits: bool = True
    documents: bool = True
    max_text: int = 4096
    monthly_quota: int | None = None
    knows_admins: bool = True
    max_upload: int = 50_000_000


class Messenger(Protocol):
    """The outbound side of a transport, as the core sees it."""

    platform: str
    capabilities: Capabilities

    async def send(self, chat_id: str, reply: Reply) -> str:
        """Send a reply to a chat; return the new message's id.

        Raises:
            ChatUnreachableError: the platform refuses this chat.
            TransientSendError: the send may work later (network, flood wait).
        """
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
