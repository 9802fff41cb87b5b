"""Platform-neutral messages: what every transport turns updates into and renders replies from.

Nothing here knows Telegram or Zalo. Ids are strings because Zalo's are opaque strings and
Telegram's integers fit in them losslessly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class ChatKind(StrEnum):
    """Whether a chat is a one-to-one conversation with the bot or a group."""

    PRIVATE = "private"
    GROUP = "group"


class InboundKind(StrEnum):
    """What happened in the chat."""

    MESSAGE = "message"
    BUTTON = "button"
    MEMBERS_JOINED = "members_joined"
    BOT_ADDED = "bot_added"  # the bot itself was added to a group
    MEMBER_LEFT = "member_left"
    CHAT_MIGRATED = "chat_migrated"


@dataclass(frozen=True)
class Person:
    """A chat user as the platform names them."""

    user_id: str
    name: str
    username: str | None = None
    is_bot: bool = False
    anonymous: bool = False  # an administrator posting as the group: no personal identity


@dataclass(frozen=True)
class Mention:
    """A person named in the text: by @username, or by a platform link that carries the id."""

    text: str
    username: str | None = None
    user_id: str | None = None


@dataclass(frozen=True)
class Quoted:
    """The message this one replies to."""

    message_id: str
    sender: Person | None
    text: str


@dataclass(frozen=True)
class Attachment:
    """A file sent with the message (kept as the platform's reference, not downloaded)."""

    kind: str
    file_id: str
    file_name: str | None = None
    mime_type: str | None = None
    size: int | None = None


@dataclass(frozen=True)
class Inbound:
    """One thing a user did: a message, a button press, a join, a chat migration."""

    platform: str
    chat_id: str
    chat_kind: ChatKind
    sender: Person
    kind: InboundKind = InboundKind.MESSAGE
    chat_title: str | None = None
    text: str = ""
    command: str | None = None
    args: str = ""
    mentions: tuple[Mention, ...] = ()
    reply_to: Quoted | None = None
    attachment: Attachment | None = None
    message_id: str | None = None
    button_data: str | None = None
    joined: tuple[Person, ...] = ()
    migrated_from_chat_id: str | None = None
    sent_at: datetime | None = None
    # A button press: the platform's id of the press, which its answer (the notice) names.
    press_id: str | None = None

    @property
    def in_group(self) -> bool:
        """True for group chats."""
        return self.chat_kind is ChatKind.GROUP


@dataclass(frozen=True)
class Button:
    """A choice under a reply; `data` comes back as Inbound.button_data when pressed."""

    label: str
    data: str


@dataclass(frozen=True)
class Document:
    """A file the bot sends (minutes as .docx, a calendar as .ics)."""

    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"


@dataclass(frozen=True)
class Reply:
    """What the bot answers.

    Attributes:
        text: the message text (plain text; transports do not parse markup).
        buttons: rows of buttons.
        document: a file to send, with `text` as its caption.
        edit: on a button press, replace the message that carried the button instead of
            sending a new one.
        notice: on a button press, a short notice shown to the presser only.
        chat_id: send to this chat instead of the one the request came from (e.g. a DM).
    """

    text: str = ""
    buttons: tuple[tuple[Button, ...], ...] = ()
    document: Document | None = None
    edit: bool = False
    notice: str | None = None
    chat_id: str | None = None
