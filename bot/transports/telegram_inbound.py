"""Telegram updates read as neutral Inbound events (what the poll loop hands to the core).

Only bot/transports/ and bot/playground/ import `telegram`. Commands are split from their
arguments here ('/viec@TroLyBot Gửi giấy mời'), commands for another bot and chat kinds the bot
does not serve (channels) are dropped, and text is cleaned (bot/textnorm.py).
"""

from __future__ import annotations

from typing import Any

from telegram import CallbackQuery, Message, MessageEntity, Update
from telegram import User as TgUser
from telegram.constants import ChatType

from bot.chat.messages import (
    Attachment,
    ChatKind,
    Inbound,
    InboundKind,
    Mention,
    Person,
    Quoted,
)
from bot.textnorm import clean, fold

PLATFORM = "telegram"
_GROUP_TYPES = {ChatType.GROUP, ChatType.SUPERGROUP}


def _person(user: TgUser) -> Person:
    return Person(
        user_id=str(user.id), name=user.full_name, username=user.username, is_bot=user.is_bot
    )


def _split_command(text: str, bot_username: str) -> tuple[str, str] | None:
    """'/viec@TroLyBot Gửi giấy mời' -> ('viec', 'Gửi giấy mời'); None if for another bot."""
    head, _, args = text[1:].partition(" ")
    head, _, newline_args = head.partition("\n")
    args = (newline_args + " " + args).strip() if newline_args else args.strip()
    name, _, addressee = head.partition("@")
    if addressee and addressee.lower() != bot_username.lower():
        return None
    if not name:
        return None
    return fold(name), args


def inbound_from_update(update: Update, bot_username: str, bot_id: int) -> Inbound | None:
    """Convert a Telegram update into a neutral Inbound; None for what the bot ignores."""
    if update.callback_query is not None:
        return _inbound_from_callback(update.callback_query)
    if update.edited_message is not None:
        return _inbound_from_edit(update.edited_message)
    message = update.message
    if message is None or message.from_user is None:
        return None
    if message.chat.type not in _GROUP_TYPES and message.chat.type != ChatType.PRIVATE:
        return None
    sender = _person(message.from_user)
    if message.sender_chat is not None and message.sender_chat.id == message.chat.id:
        sender = Person(sender.user_id, message.chat.title or "", is_bot=True, anonymous=True)
    base: dict[str, Any] = {
        "platform": PLATFORM,
        "chat_id": str(message.chat.id),
        "chat_kind": ChatKind.GROUP if message.chat.type in _GROUP_TYPES else ChatKind.PRIVATE,
        "chat_title": message.chat.title,
        "sender": sender,
        "message_id": str(message.message_id),
        "sent_at": message.date,
    }
    if message.migrate_from_chat_id is not None:
        return Inbound(
            kind=InboundKind.CHAT_MIGRATED,
            migrated_from_chat_id=str(message.migrate_from_chat_id),
            **base,
        )
    if message.new_chat_members:
        joined = tuple(_person(user) for user in message.new_chat_members)
        kind = InboundKind.MEMBERS_JOINED
        if any(user.id == bot_id for user in message.new_chat_members):
            kind = InboundKind.BOT_ADDED
        return Inbound(kind=kind, joined=joined, **base)
    if message.left_chat_member is not None:
        base["sender"] = _person(message.left_chat_member)
        return Inbound(kind=InboundKind.MEMBER_LEFT, **base)
    text = clean(message.text or message.caption or "")
    command: str | None = None
    args = ""
    if text.startswith("/"):
        split = _split_command(text, bot_username)
        if split is None:
            return None
        command, args = split
    mentions = _mentions(message)
    return Inbound(
        text=text,
        command=command,
        args=args,
        mentions=mentions,
        addressed=any(
            (m.username or "").lower() == bot_username.lower() for m in mentions if m.username
        ),
        reply_to=_quoted(message.reply_to_message),
        attachment=_attachment(message),
        **base,
    )


def _inbound_from_edit(message: Message) -> Inbound | None:
    """An edited group message: its new text, for the features that keep what was said."""
    if message.from_user is None or message.chat.type not in _GROUP_TYPES:
        return None
    return Inbound(
        platform=PLATFORM,
        chat_id=str(message.chat.id),
        chat_kind=ChatKind.GROUP,
        chat_title=message.chat.title,
        sender=_person(message.from_user),
        kind=InboundKind.EDITED,
        text=clean(message.text or message.caption or ""),
        mentions=_mentions(message),
        attachment=_attachment(message),
        message_id=str(message.message_id),
        sent_at=message.date,
        edited_at=message.edit_date or message.date,
    )


def _inbound_from_callback(query: CallbackQuery) -> Inbound | None:
    message = query.message
    if message is None or query.data is None:
        return None
    chat = message.chat
    return Inbound(
        platform=PLATFORM,
        chat_id=str(chat.id),
        chat_kind=ChatKind.GROUP if chat.type in _GROUP_TYPES else ChatKind.PRIVATE,
        chat_title=chat.title,
        sender=_person(query.from_user),
        kind=InboundKind.BUTTON,
        button_data=query.data,
        message_id=str(message.message_id),
        press_id=str(query.id),
    )


def _mentions(message: Message) -> tuple[Mention, ...]:
    found = []
    entities = message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
    if not entities:
        entities = message.parse_caption_entities(
            [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
        )
    for entity, text in entities.items():
        if entity.type == MessageEntity.TEXT_MENTION and entity.user is not None:
            found.append(Mention(text=clean(text), user_id=str(entity.user.id)))
        else:
            found.append(Mention(text=text, username=text.lstrip("@")))
    return tuple(found)


def _quoted(message: Message | None) -> Quoted | None:
    if message is None:
        return None
    sender = _person(message.from_user) if message.from_user else None
    return Quoted(str(message.message_id), sender, clean(message.text or message.caption or ""))


def _attachment(message: Message) -> Attachment | None:
    if message.document is not None:
        doc = message.document
        return Attachment("document", doc.file_id, doc.file_name, doc.mime_type, doc.file_size)
    if message.photo:
        photo = message.photo[-1]
        return Attachment("photo", photo.file_id, None, "image/jpeg", photo.file_size)
    if message.sticker is not None:
        return Attachment("sticker", message.sticker.file_id)
    return None
