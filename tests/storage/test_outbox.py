"""The outbox's turn of a chat: the reply just sent is recorded by the statement that takes the
next one, only the chat's own rows are taken, and a chat that must wait gets nothing marked."""

from __future__ import annotations

from datetime import UTC, datetime

from storage.db import Database
from storage.outbox import NewOutgoing, OutboxStore, SentMark

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def send(chat: str, text: str) -> NewOutgoing:
    return NewOutgoing("telegram", chat, "send", {"text": text})


async def statuses(db: Database) -> list[tuple[str, str, int, str | None]]:
    rows = await db.fetchall(
        "SELECT body, status, attempts, sent_message_id FROM outbox ORDER BY id"
    )
    return [(r["body"], r["status"], r["attempts"], r["sent_message_id"]) for r in rows]


async def test_advance_records_the_sent_row_and_claims_the_next_in_order(db: Database) -> None:
    outbox = OutboxStore(db)
    await outbox.add([send("g1", "một"), send("g2", "khác"), send("g1", "hai")], NOW)
    first = await outbox.advance("telegram", "g1", answers=False)
    assert first is not None
    assert first.body == {"text": "một"}
    assert first.status == "sending"  # its platform call starts now: a crash may repeat it
    assert first.attempts == 1
    second = await outbox.advance(
        "telegram", "g1", answers=False, sent=SentMark(first.id, NOW, "501")
    )
    assert second is not None
    assert second.body == {"text": "hai"}
    end = await outbox.advance(
        "telegram", "g1", answers=False, sent=SentMark(second.id, NOW, "502")
    )
    assert end is None
    assert await statuses(db) == [
        ('{"text": "một"}', "sent", 1, "501"),
        ('{"text": "khác"}', "pending", 0, None),  # another chat's row is not touched
        ('{"text": "hai"}', "sent", 1, "502"),
    ]


async def test_a_chat_that_must_wait_gets_its_next_row_read_not_marked(db: Database) -> None:
    outbox = OutboxStore(db)
    await outbox.add([send("g1", "một"), send("g1", "hai")], NOW)
    first = await outbox.advance("telegram", "g1", answers=False)
    assert first is not None
    waiting = await outbox.advance(
        "telegram", "g1", answers=False, sent=SentMark(first.id, NOW, "501"), claim=False
    )
    assert waiting is not None
    assert waiting.status == "pending"
    assert [s[1] for s in await statuses(db)] == ["sent", "pending"]
    # A crash now: start-up finds nothing half-sent, so nothing is resent with a note.
    assert await outbox.recover() == 0


async def test_button_answers_and_messages_are_taken_separately(db: Database) -> None:
    outbox = OutboxStore(db)
    answer = NewOutgoing("telegram", "g1", "answer", {"notice": "Đã xong"}, press_id="p1")
    await outbox.add([send("g1", "một"), answer], NOW)
    taken = await outbox.advance("telegram", "g1", answers=True)
    assert taken is not None
    assert taken.action == "answer"
    message = await outbox.advance("telegram", "g1", answers=False)
    assert message is not None
    assert message.action == "send"
