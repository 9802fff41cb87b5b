"""Zalo updates in: the documented event shapes (shared/zalo.md §1.3) to neutral Inbound events.

Pure functions. Zalo has no command entities: a command is typed with or without its slash
("/xong 3", "xong 3"), in a group after the bot's mention ("@Bot Trợ lý /ds"), which is removed.
A message that is only a number may answer a numbered choice (the transport decides).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.chat.messages import Attachment, ChatKind, Inbound, Person
from bot.textnorm import clean, fold
from bot.transports.zalo_client import from_millis

PLATFORM = "zalo"
TEXT = "message.text.received"
IMAGE = "message.image.received"
STICKER = "message.sticker.received"
VOICE = "message.voice.received"
UNSUPPORTED = "message.unsupported.received"
_NUMBER_RE = re.compile(r"#?(\d{1,3})\.?")


@dataclass(frozen=True)
class ZaloUpdate:
    """The parts of an update the transport needs before it is turned into an Inbound."""

    event_name: str
    message_id: str
    chat_id: str
    chat_kind: ChatKind
    sender: Person
    message: dict[str, Any]


def unwrap(body: Any) -> dict[str, Any] | None:
    """The update itself, whether Zalo wrapped it in {ok, result} (as documented) or not."""
    if not isinstance(body, dict):
        return None
    inner = body.get("result") if "event_name" not in body else body
    return inner if isinstance(inner, dict) and isinstance(inner.get("message"), dict) else None


def read_update(body: Any) -> ZaloUpdate | None:
    """Check an update's shape; None for anything malformed (then nothing is done with it)."""
    update = unwrap(body)
    if update is None:
        return None
    message = update["message"]
    sender, chat = message.get("from"), message.get("chat")
    event, message_id = update.get("event_name"), message.get("message_id")
    if not (isinstance(sender, dict) and isinstance(chat, dict)):
        return None
    if not (isinstance(event, str) and isinstance(message_id, str | int) and str(message_id)):
        return None
    user_id, chat_id = sender.get("id"), chat.get("id")
    if not (isinstance(user_id, str | int) and isinstance(chat_id, str | int)):
        return None
    # Older docs say first_name, newer display_name, some senders name.
    name = sender.get("display_name") or sender.get("first_name") or sender.get("name") or ""
    kind = (
        ChatKind.GROUP if str(chat.get("chat_type", "")).upper() == "GROUP" else ChatKind.PRIVATE
    )
    return ZaloUpdate(
        event_name=event,
        message_id=str(message_id),
        chat_id=str(chat_id),
        chat_kind=kind,
        sender=Person(str(user_id), clean(str(name)), is_bot=bool(sender.get("is_bot"))),
        message=message,
    )


def strip_mention(text: str, bot_names: tuple[str, ...]) -> str:
    """The text without the bot's @mention (anywhere: Zalo puts it where the user typed it)."""
    for name in bot_names:
        if not name:
            continue
        pattern = re.compile(r"@" + re.escape(name) + r"\b[:,]?", re.IGNORECASE)
        text = pattern.sub(" ", text)
        # Phones may drop the accents of a typed mention: compare folded, letter for letter.
        folded, target = fold(text), "@" + fold(name)
        start = folded.find(target)
        while start >= 0 and len(folded) == len(text):
            text = text[:start] + " " + text[start + len(target) :]
            folded = fold(text)
            start = folded.find(target)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def to_inbound(
    update: ZaloUpdate, bot_names: tuple[str, ...], is_command: Callable[[str], bool]
) -> Inbound | None:
    """The neutral event for a text or image update; None for what the bot does not read."""
    message = update.message
    base: dict[str, Any] = {
        "platform": PLATFORM,
        "chat_id": update.chat_id,
        "chat_kind": update.chat_kind,
        "sender": update.sender,
        "message_id": update.message_id,
        "sent_at": from_millis(message.get("date")),
    }
    if update.event_name == IMAGE:
        url = message.get("photo_url") or message.get("photo") or message.get("url")
        if not isinstance(url, str) or not url:
            return None
        caption = clean(str(message.get("caption") or ""))
        return Inbound(
            text=caption, attachment=Attachment("photo", url, None, "image/jpeg"), **base
        )
    if update.event_name != TEXT or not isinstance(message.get("text"), str):
        return None
    text = strip_mention(clean(message["text"]), bot_names)
    command, args = split_command(text, is_command)
    return Inbound(text=text, command=command, args=args, **base)


def split_command(text: str, is_command: Callable[[str], bool]) -> tuple[str | None, str]:
    """('xong', '3') for "/xong 3" or "xong 3"; (None, "") when the text is not a command.

    Without a slash only a known command's name counts, so "xong rồi" from a chat is read as
    /xong only where the bot is addressed (a private chat, or a group message mentioning it).
    """
    stripped = text.strip()
    slashed = stripped.startswith("/")
    body = stripped[1:] if slashed else stripped
    head, _, rest = body.partition(" ")
    head, _, after_newline = head.partition("\n")
    args = (after_newline + " " + rest).strip() if after_newline else rest.strip()
    name = fold(head.split("@", 1)[0])
    if not name:
        return None, ""
    if slashed or is_command(name):
        return name, args
    return None, ""


def chosen_number(text: str) -> int | None:
    """The number of a numbered choice typed alone ("2", "2.", "#2"); else None."""
    match = _NUMBER_RE.fullmatch(text.strip())
    return int(match.group(1)) if match else None
