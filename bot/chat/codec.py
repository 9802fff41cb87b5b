"""Inbound events and replies as JSON, so the inbox and the outbox can keep them.

An update is written to the inbox as the neutral Inbound the transport made of it, and a reply
to the outbox as the neutral Reply: the core can handle and send them again after a restart
without asking the transport to parse anything twice.
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from bot.chat.messages import (
    Attachment,
    Button,
    ChatKind,
    Document,
    Inbound,
    InboundKind,
    Mention,
    Person,
    Quoted,
    Reply,
)


def _person(data: dict[str, Any]) -> Person:
    return Person(
        user_id=str(data["user_id"]),
        name=str(data["name"]),
        username=data.get("username"),
        is_bot=bool(data.get("is_bot", False)),
        anonymous=bool(data.get("anonymous", False)),
        account_id=data.get("account_id"),
    )


def _person_dict(person: Person) -> dict[str, Any]:
    return {
        "user_id": person.user_id,
        "name": person.name,
        "username": person.username,
        "is_bot": person.is_bot,
        "anonymous": person.anonymous,
        "account_id": person.account_id,
    }


def inbound_to_dict(msg: Inbound) -> dict[str, Any]:
    """A JSON-ready dict of an Inbound (read back by inbound_from_dict)."""
    return {
        "platform": msg.platform,
        "chat_id": msg.chat_id,
        "chat_kind": msg.chat_kind.value,
        "sender": _person_dict(msg.sender),
        "kind": msg.kind.value,
        "chat_title": msg.chat_title,
        "text": msg.text,
        "command": msg.command,
        "args": msg.args,
        "mentions": [
            {"text": m.text, "username": m.username, "user_id": m.user_id} for m in msg.mentions
        ],
        "reply_to": None
        if msg.reply_to is None
        else {
            "message_id": msg.reply_to.message_id,
            "sender": None if msg.reply_to.sender is None else _person_dict(msg.reply_to.sender),
            "text": msg.reply_to.text,
        },
        "attachment": None
        if msg.attachment is None
        else {
            "kind": msg.attachment.kind,
            "file_id": msg.attachment.file_id,
            "file_name": msg.attachment.file_name,
            "mime_type": msg.attachment.mime_type,
            "size": msg.attachment.size,
        },
        "message_id": msg.message_id,
        "button_data": msg.button_data,
        "joined": [_person_dict(p) for p in msg.joined],
        "migrated_from_chat_id": msg.migrated_from_chat_id,
        "sent_at": msg.sent_at.isoformat() if msg.sent_at else None,
        "edited_at": msg.edited_at.isoformat() if msg.edited_at else None,
        "addressed": msg.addressed,
        "press_id": msg.press_id,
    }


def inbound_from_dict(data: dict[str, Any]) -> Inbound:
    """The Inbound a dict of inbound_to_dict describes."""
    quoted = data.get("reply_to")
    attachment = data.get("attachment")
    return Inbound(
        platform=str(data["platform"]),
        chat_id=str(data["chat_id"]),
        chat_kind=ChatKind(data["chat_kind"]),
        sender=_person(data["sender"]),
        kind=InboundKind(data.get("kind", InboundKind.MESSAGE.value)),
        chat_title=data.get("chat_title"),
        text=str(data.get("text", "")),
        command=data.get("command"),
        args=str(data.get("args", "")),
        mentions=tuple(
            Mention(text=m["text"], username=m.get("username"), user_id=m.get("user_id"))
            for m in data.get("mentions", [])
        ),
        reply_to=None
        if quoted is None
        else Quoted(
            message_id=str(quoted["message_id"]),
            sender=None if quoted.get("sender") is None else _person(quoted["sender"]),
            text=str(quoted.get("text", "")),
        ),
        attachment=None if attachment is None else Attachment(**attachment),
        message_id=data.get("message_id"),
        button_data=data.get("button_data"),
        joined=tuple(_person(p) for p in data.get("joined", [])),
        migrated_from_chat_id=data.get("migrated_from_chat_id"),
        sent_at=datetime.fromisoformat(data["sent_at"]) if data.get("sent_at") else None,
        edited_at=datetime.fromisoformat(data["edited_at"]) if data.get("edited_at") else None,
        addressed=bool(data.get("addressed", False)),
        press_id=data.get("press_id"),
    )


def reply_to_dict(reply: Reply) -> dict[str, Any]:
    """A JSON-ready dict of a Reply (document content as base64)."""
    return {
        "text": reply.text,
        "buttons": [[[b.label, b.data] for b in row] for row in reply.buttons],
        "document": None
        if reply.document is None
        else {
            "filename": reply.document.filename,
            "content": base64.b64encode(reply.document.content).decode("ascii"),
            "mime_type": reply.document.mime_type,
        },
        "edit": reply.edit,
        "notice": reply.notice,
        "chat_id": reply.chat_id,
        "asks_answer": reply.asks_answer,
        "answers_for": reply.answers_for,
        "tag": reply.tag,
        "platform": reply.platform,
    }


def reply_from_dict(data: dict[str, Any]) -> Reply:
    """The Reply a dict of reply_to_dict describes."""
    document = data.get("document")
    return Reply(
        text=str(data.get("text", "")),
        buttons=tuple(
            tuple(Button(str(label), str(value)) for label, value in row)
            for row in data.get("buttons", [])
        ),
        document=None
        if document is None
        else Document(
            filename=str(document["filename"]),
            content=base64.b64decode(document["content"]),
            mime_type=str(document.get("mime_type", "application/octet-stream")),
        ),
        edit=bool(data.get("edit", False)),
        notice=data.get("notice"),
        chat_id=data.get("chat_id"),
        asks_answer=bool(data.get("asks_answer", False)),
        answers_for=data.get("answers_for"),
        tag=data.get("tag"),
        platform=data.get("platform"),
    )
