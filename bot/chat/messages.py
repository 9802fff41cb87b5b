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
    EDITED = "edited"  # a message was edited: same message_id, its new text and mentions


@dataclass(frozen=True)
class Person:
    """A chat user as the platform names them.

    A transport fills `user_id` with the platform's own id. Before any feature sees the event
    the core replaces it with the person key (the same on every platform the person linked,
    storage/people.py) and keeps the platform's id in `account_id`, for questions only the
    platform can answer (is this account an administrator of this chat?).
    """

    user_id: str
    name: str
    username: str | None = None
    is_bot: bool = False
    anonymous: bool = False  # an administrator posting as the group: no personal identity
    account_id: str | None = None

    @property
    def account(self) -> str:
        """The platform's own id of this account."""
        return self.account_id if self.account_id is not None else self.user_id


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
    edited_at: datetime | None = None  # for EDITED: when the edit was made
    addressed: bool = False  # the text names the bot itself (@its_username)
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
        asks_answer: the message asks the people it names a question; the platform invites
            them to answer it directly (Telegram: a force reply, so the phone opens the reply
            box; platforms without it show the text alone, which says how to answer).
        answers_for: on a platform without buttons, the account whose typed numbers answer its
            choices first (the person who asked); None: anyone in the chat.
        tag: the delivery reports the id of the message sent for this reply under this tag
            (a feature that needs it, e.g. to recognise replies to a question, registers a
            hook for the tag's prefix: Router.on_delivered).
        platform: with chat_id, send on this platform instead of the request's (a file a
            platform cannot carry goes to the person's chat on another one).
    """

    text: str = ""
    buttons: tuple[tuple[Button, ...], ...] = ()
    document: Document | None = None
    edit: bool = False
    notice: str | None = None
    chat_id: str | None = None
    asks_answer: bool = False
    answers_for: str | None = None
    tag: str | None = None
    platform: str | None = None
