"""The one inbox of every platform: replays recognised (kept 7 days), accepted updates never
lost, each handled once (its done mark commits with its effects)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.db import Database
from storage.inbox import BATCH, KEEP, InboxStore, NewUpdate
from tests.storage.conftest import Reopen

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
BODY = {"platform": "zalo", "chat_id": "c1", "text": "/ds"}
M1 = "message.text.received:m1"


async def test_a_replayed_update_is_recognised(db: Database) -> None:
    inbox = InboxStore(db)
    first = await inbox.accept("zalo", M1, "c1", BODY, NOW)
    assert first is not None
    entry = await inbox.get(first)
    assert entry is not None
    assert entry.body == BODY
    assert entry.status == "received"
    assert await inbox.accept("zalo", M1, "c1", BODY, NOW) is None
    # The key is the platform's own id of the update (Zalo: event name and message id).
    assert await inbox.accept("zalo", "message.image.received:m1", "c1", BODY, NOW) is not None
    assert await inbox.accept("telegram", M1, "c1", BODY, NOW) is not None


async def test_a_replay_after_a_restart_is_still_recognised(reopen: Reopen) -> None:
    db = await reopen()
    entry = await InboxStore(db).accept("zalo", M1, "c1", BODY, NOW)
    assert entry is not None
    assert await InboxStore(db).finish(entry, NOW) is True
    await db.close()
    again = InboxStore(await reopen())
    assert await again.accept("zalo", M1, "c1", BODY, NOW) is None
    assert await again.count_by_status() == {"done": 1}


async def test_an_update_is_finished_once(db: Database) -> None:
    inbox = InboxStore(db)
    entry = await inbox.accept("zalo", M1, "c1", BODY, NOW)
    assert entry is not None
    assert await inbox.finish(entry, NOW) is True
    assert await inbox.finish(entry, NOW) is False  # a second handling must not commit
    assert await inbox.fail(entry, "boom", NOW) is False


async def test_after_a_crash_every_unfinished_update_is_handled_again(db: Database) -> None:
    """Nothing half-runs: an update's effects commit with its done mark, so what a crash
    interrupted left no trace and is simply handled again."""
    inbox = InboxStore(db)
    waiting = await inbox.accept("zalo", M1, "c1", BODY, NOW)
    done = await inbox.accept("zalo", "message.text.received:m3", "c1", BODY, NOW)
    failed = await inbox.accept("telegram", "7", "c2", BODY, NOW)
    assert waiting is not None
    assert done is not None
    assert failed is not None
    await inbox.finish(done, NOW)
    await inbox.fail(failed, "a bug", NOW)
    assert [e.id for e in await inbox.unfinished()] == [waiting]
    assert await inbox.count_by_status() == {"received": 1, "done": 1, "failed": 1}


async def test_updates_are_kept_seven_days(db: Database) -> None:
    inbox = InboxStore(db)
    entry = await inbox.accept("zalo", M1, "c1", BODY, NOW)
    unhandled = await inbox.accept("zalo", "message.text.received:m2", "c1", BODY, NOW)
    assert entry is not None
    assert unhandled is not None
    await inbox.finish(entry, NOW)
    assert await inbox.prune(NOW + KEEP - timedelta(minutes=1)) == 0
    assert await inbox.accept("zalo", M1, "c1", BODY, NOW + KEEP) is None
    assert await inbox.prune(NOW + KEEP + timedelta(minutes=1)) == 1
    # An update accepted but not yet handled is never forgotten.
    assert [e.id for e in await inbox.unfinished()] == [unhandled]


async def test_an_update_older_than_the_window_is_refused(db: Database) -> None:
    """Past 7 days a replay cannot be told from a new update: refuse it rather than rerun it."""
    inbox = InboxStore(db)
    old = NOW - KEEP - timedelta(minutes=1)
    key = "message.text.received:m9"
    assert await inbox.accept("zalo", key, "c1", BODY, NOW, sent_at=old) is None
    recent = NOW - timedelta(days=1)
    assert await inbox.accept("zalo", key, "c1", BODY, NOW, sent_at=recent) is not None


async def test_a_batch_is_kept_in_order_and_replays_inside_it_are_recognised(
    db: Database,
) -> None:
    inbox = InboxStore(db)
    before = await inbox.accept("telegram", "7", "g1", BODY, NOW)
    batch = [
        NewUpdate("7", "g1", BODY),  # delivered again: accepted before the batch
        NewUpdate("8", "g1", {**BODY, "text": "/viec A"}),
        NewUpdate("9", "g2", {**BODY, "text": "/viec B"}),
        NewUpdate("8", "g1", {**BODY, "text": "/viec A"}),  # twice in one answer
        NewUpdate("10", "g1", BODY, sent_at=NOW - KEEP - timedelta(minutes=1)),  # too old
    ]
    ids = await inbox.accept_many("telegram", batch, NOW)
    assert before is not None
    assert ids[0] is None
    assert ids[3] is None
    assert ids[4] is None
    assert ids[1] is not None
    assert ids[2] is not None
    assert ids[1] < ids[2]
    waiting = await inbox.unfinished()
    assert [(e.update_key, e.chat_id, e.body["text"]) for e in waiting] == [
        ("7", "g1", "/ds"),
        ("8", "g1", "/viec A"),
        ("9", "g2", "/viec B"),
    ]


async def test_a_batch_larger_than_one_statement_is_kept_whole(db: Database) -> None:
    batch = [NewUpdate(str(n), "g1", BODY) for n in range(BATCH * 2 + 3)]
    ids = await InboxStore(db).accept_many("telegram", batch, NOW)
    assert None not in ids
    assert len(set(ids)) == len(batch)
    assert await InboxStore(db).count_by_status() == {"received": len(batch)}
