"""The durable inbox: replays dropped (kept 7 days), accepted updates never lost, at most once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.db import Database
from storage.inbox import KEEP, InboxStore
from tests.storage.conftest import Reopen

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
BODY = {"event_name": "message.text.received", "message": {"message_id": "m1", "text": "/ds"}}


async def test_a_replayed_update_is_recognised(db: Database) -> None:
    inbox = InboxStore(db)
    first = await inbox.accept("zalo", "message.text.received", "m1", BODY, NOW)
    assert first is not None
    assert first.body == BODY
    assert await inbox.accept("zalo", "message.text.received", "m1", BODY, NOW) is None
    # The key is (event_name, message_id), per platform.
    assert await inbox.accept("zalo", "message.image.received", "m1", BODY, NOW) is not None
    assert await inbox.accept("other", "message.text.received", "m1", BODY, NOW) is not None


async def test_a_replay_after_a_restart_is_still_recognised(reopen: Reopen) -> None:
    db = await reopen()
    entry = await InboxStore(db).accept("zalo", "message.text.received", "m1", BODY, NOW)
    assert entry is not None
    await InboxStore(db).start(entry.id)
    await InboxStore(db).finish(entry.id)
    await db.close()
    again = InboxStore(await reopen())
    assert await again.accept("zalo", "message.text.received", "m1", BODY, NOW) is None
    assert await again.status("zalo", "message.text.received", "m1") == "done"


async def test_an_update_is_claimed_once(db: Database) -> None:
    inbox = InboxStore(db)
    entry = await inbox.accept("zalo", "message.text.received", "m1", BODY, NOW)
    assert entry is not None
    assert await inbox.start(entry.id) is True
    assert await inbox.start(entry.id) is False


async def test_after_a_crash_waiting_updates_run_and_half_run_ones_do_not(
    db: Database,
) -> None:
    inbox = InboxStore(db)
    waiting = await inbox.accept("zalo", "message.text.received", "m1", BODY, NOW)
    running = await inbox.accept("zalo", "message.text.received", "m2", BODY, NOW)
    done = await inbox.accept("zalo", "message.text.received", "m3", BODY, NOW)
    assert waiting is not None
    assert running is not None
    assert done is not None
    await inbox.start(running.id)
    await inbox.start(done.id)
    await inbox.finish(done.id)
    found, abandoned = await inbox.recover("zalo")
    assert [e.message_id for e in found] == ["m1"]
    assert abandoned == 1
    assert await inbox.status("zalo", "message.text.received", "m2") == "abandoned"
    assert await inbox.recover("zalo") == (found, 0)


async def test_updates_are_kept_seven_days(db: Database) -> None:
    inbox = InboxStore(db)
    entry = await inbox.accept("zalo", "message.text.received", "m1", BODY, NOW)
    unhandled = await inbox.accept("zalo", "message.text.received", "m2", BODY, NOW)
    assert entry is not None
    assert unhandled is not None
    await inbox.start(entry.id)
    await inbox.finish(entry.id)
    assert await inbox.prune(NOW + KEEP - timedelta(minutes=1)) == 0
    assert await inbox.accept("zalo", "message.text.received", "m1", BODY, NOW + KEEP) is None
    assert await inbox.prune(NOW + KEEP + timedelta(minutes=1)) == 1
    # An update accepted but not yet handled is never forgotten.
    assert await inbox.status("zalo", "message.text.received", "m2") == "received"


async def test_an_update_older_than_the_window_is_refused(db: Database) -> None:
    """Past 7 days a replay cannot be told from a new update: refuse it rather than rerun it."""
    inbox = InboxStore(db)
    old = NOW - KEEP - timedelta(minutes=1)
    assert (
        await inbox.accept("zalo", "message.text.received", "m9", BODY, NOW, sent_at=old) is None
    )
    recent = NOW - timedelta(days=1)
    assert await inbox.accept("zalo", "message.text.received", "m9", BODY, NOW, sent_at=recent)
