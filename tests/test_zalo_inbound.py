"""Zalo updates read as neutral events: shapes, names, mentions, commands without the slash."""

from __future__ import annotations

from typing import Any

import pytest

from bot.chat.messages import ChatKind
from bot.transports.zalo_inbound import chosen_number, read_update, strip_mention, to_inbound

BOT = ("Bot Trợ lý Tổ đại biểu",)
COMMANDS = {"ds", "xong", "viec", "help", "lienket"}


def _update(text: str = "/ds", chat_type: str = "PRIVATE", **sender: Any) -> dict[str, Any]:
    return {
        "event_name": "message.text.received",
        "message": {
            "from": {"id": "6ede9afa66b88fe6d6a9", "is_bot": False, **sender},
            "chat": {"id": "6ede9afa66b88fe6d6a9", "chat_type": chat_type},
            "text": text,
            "message_id": "2d758cb5e222177a4e35",
            "date": 1750316131602,
        },
    }


def _inbound(body: Any) -> Any:
    update = read_update(body)
    assert update is not None
    return to_inbound(update, BOT, COMMANDS.__contains__)


def test_the_documented_webhook_sample_wrapped_or_flat() -> None:
    flat = _update("Xin chào", display_name="Ted")
    for body in (flat, {"ok": True, "result": flat}):
        msg = _inbound(body)
        assert (msg.platform, msg.chat_kind, msg.sender.name) == ("zalo", ChatKind.PRIVATE, "Ted")
        assert msg.message_id == "2d758cb5e222177a4e35"
        assert msg.sent_at is not None
        assert msg.sent_at.year == 2025  # milliseconds, not seconds
        assert msg.command is None


@pytest.mark.parametrize("field", ["display_name", "first_name", "name"])
def test_every_name_field_zalo_has_used(field: str) -> None:
    assert _inbound(_update(**{field: "Lan"})).sender.name == "Lan"


@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        {"event_name": "message.text.received"},
        {"event_name": "message.text.received", "message": {"text": "x"}},
        {"message": _update()["message"]},  # no event name
        {"event_name": "x", "message": {**_update()["message"], "message_id": ""}},
        {"event_name": "x", "message": {**_update()["message"], "from": "someone"}},
    ],
)
def test_malformed_updates_are_refused(body: Any) -> None:
    assert read_update(body) is None


@pytest.mark.parametrize(
    ("text", "command", "args"),
    [
        ("/xong 3", "xong", "3"),
        ("xong 3", "xong", "3"),
        ("Xong 3", "xong", "3"),
        ("/ds@Bot", "ds", ""),
        ("@Bot Trợ lý Tổ đại biểu /ds quahan", "ds", "quahan"),
        ("@bot tro ly to dai bieu xong 2", "xong", "2"),
        ("/viec Gửi giấy mời\nhạn 17h thứ 6", "viec", "Gửi giấy mời\nhạn 17h thứ 6"),
        ("/ds\nquahan", "ds", "quahan"),
        ("xong rồi nhé", "xong", "rồi nhé"),
        ("cảm ơn Trợ lý", None, ""),
    ],
)
def test_commands_with_or_without_the_slash_and_the_mention(
    text: str, command: str | None, args: str
) -> None:
    msg = _inbound(_update(text, "GROUP"))
    assert (msg.command, msg.args) == (command, args)


def test_the_mention_is_removed_wherever_it_is_typed() -> None:
    assert strip_mention("Nhờ @Bot Trợ lý Tổ đại biểu xem giúp", BOT) == "Nhờ xem giúp"


def test_images_carry_their_url_and_stickers_are_not_read() -> None:
    image = _update()
    image["event_name"] = "message.image.received"
    image["message"] = {**image["message"], "photo_url": "https://z.vn/a.jpg", "caption": "HĐ"}
    msg = _inbound(image)
    assert msg.attachment is not None
    assert (msg.attachment.kind, msg.attachment.file_id, msg.text) == (
        "photo",
        "https://z.vn/a.jpg",
        "HĐ",
    )
    sticker = _update()
    sticker["event_name"] = "message.sticker.received"
    assert _inbound(sticker) is None


@pytest.mark.parametrize(("text", "number"), [("2", 2), (" 3. ", 3), ("#1", 1), ("12", 12)])
def test_a_number_typed_alone(text: str, number: int) -> None:
    assert chosen_number(text) == number


@pytest.mark.parametrize("text", ["2 người", "hai", "", "1234", "-1"])
def test_not_a_number_alone(text: str) -> None:
    assert chosen_number(text) is None
