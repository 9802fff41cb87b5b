"""Numbered choices, the monthly message count, files behind links."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from storage.choices import ANYONE, Choice, ChoiceStore
from storage.db import Database
from storage.quota import QuotaStore
from storage.shared_files import SharedFileStore
from tests.storage.conftest import Reopen

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
VN = ZoneInfo("Asia/Ho_Chi_Minh")
HOUR = timedelta(hours=1)
RSVP = [Choice("Tham dự", "rsvp:1:yes"), Choice("Vắng", "rsvp:1:no")]


# -- numbered choices ---------------------------------------------------------------------------


async def test_a_number_answers_the_options_shown_to_that_person(db: Database) -> None:
    choices = ChoiceStore(db)
    await choices.offer("zalo", "chat1", "lan", RSVP, NOW, HOUR)
    waiting = await choices.waiting_for("zalo", "chat1", "lan", NOW)
    assert waiting is not None
    assert waiting.pick(2) == Choice("Vắng", "rsvp:1:no")
    assert waiting.pick(0) is None
    assert waiting.pick(3) is None
    assert await choices.waiting_for("zalo", "chat1", "hung", NOW) is None
    assert await choices.waiting_for("zalo", "chat2", "lan", NOW) is None


async def test_own_options_come_before_the_chats(db: Database) -> None:
    choices = ChoiceStore(db)
    await choices.offer("zalo", "g", ANYONE, RSVP, NOW, HOUR)
    await choices.offer("zalo", "g", "lan", [Choice("Xong #3", "done:3")], NOW, HOUR)
    mine = await choices.waiting_for("zalo", "g", "lan", NOW)
    theirs = await choices.waiting_for("zalo", "g", "hung", NOW)
    assert mine is not None
    assert theirs is not None
    assert [o.data for o in mine.options] == ["done:3"]
    assert [o.data for o in theirs.options] == ["rsvp:1:yes", "rsvp:1:no"]


async def test_newer_options_replace_older_ones_and_clear_forgets(db: Database) -> None:
    choices = ChoiceStore(db)
    await choices.offer("zalo", "c", "lan", RSVP, NOW, HOUR)
    await choices.offer("zalo", "c", "lan", [Choice("Hủy", "cancel")], NOW, HOUR)
    waiting = await choices.waiting_for("zalo", "c", "lan", NOW)
    assert waiting is not None
    assert waiting.options == (Choice("Hủy", "cancel"),)
    await choices.clear("zalo", "c", "lan")
    assert await choices.waiting_for("zalo", "c", "lan", NOW) is None
    with pytest.raises(ValueError, match="options"):
        await choices.offer("zalo", "c", "lan", [], NOW, HOUR)


async def test_options_expire_and_say_so(db: Database) -> None:
    choices = ChoiceStore(db)
    await choices.offer("zalo", "c", "lan", RSVP, NOW, HOUR)
    assert await choices.waiting_for("zalo", "c", "lan", NOW + HOUR) is None
    assert await choices.had_expired("zalo", "c", "lan", NOW + HOUR)
    assert not await choices.had_expired("zalo", "c", "hung", NOW + HOUR)
    assert await choices.prune(NOW + HOUR + timedelta(days=2)) == 1
    assert not await choices.had_expired("zalo", "c", "lan", NOW + HOUR)


async def test_options_survive_a_restart(reopen: Reopen) -> None:
    db = await reopen()
    await ChoiceStore(db).offer("zalo", "c", "lan", RSVP, NOW, HOUR)
    await db.close()
    waiting = await ChoiceStore(await reopen()).waiting_for("zalo", "c", "lan", NOW)
    assert waiting is not None
    assert waiting.pick(1) == Choice("Tham dự", "rsvp:1:yes")


# -- monthly quota -------------------------------------------------------------------------------


async def test_the_warning_is_given_once_at_80_percent(db: Database) -> None:
    quota = QuotaStore(db)
    states = [await quota.record_sent("zalo", NOW, VN, 10) for _ in range(10)]
    assert [s.sent for s in states] == list(range(1, 11))
    assert [s.warn_now for s in states] == [False] * 7 + [True] + [False] * 2
    assert not states[8].exhausted
    assert states[9].exhausted
    assert states[9].remaining == 0
    state = await quota.state("zalo", NOW, VN, 10)
    assert (state.sent, state.exhausted) == (10, True)
    assert (await quota.state("telegram", NOW, VN, 10)).sent == 0


async def test_racing_sends_warn_exactly_once(db: Database) -> None:
    quota = QuotaStore(db)
    states = await asyncio.gather(*(quota.record_sent("zalo", NOW, VN, 3000) for _ in range(50)))
    bulk = await quota.record_sent("zalo", NOW, VN, 3000, count=2340)
    # The 2,400th message (80% of 3,000) is sent by one of these racing calls.
    later = await asyncio.gather(*(quota.record_sent("zalo", NOW, VN, 3000) for _ in range(20)))
    assert not bulk.warn_now
    assert sum(s.warn_now for s in [*states, *later]) == 1
    assert [s.sent for s in later if s.warn_now] == [2400]
    assert (await quota.state("zalo", NOW, VN, 3000)).sent == 2410


async def test_the_month_is_counted_in_vietnam_time(db: Database) -> None:
    quota = QuotaStore(db)
    november_evening = datetime(2026, 11, 30, 16, 59, tzinfo=UTC)  # 23:59 in Hà Nội
    december_night = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)  # 00:00 on 1 December there
    assert (await quota.record_sent("zalo", november_evening, VN, 10, count=9)).month == "2026-11"
    december = await quota.record_sent("zalo", december_night, VN, 10)
    assert (december.month, december.sent, december.warn_now) == ("2026-12", 1, False)


# -- shared files --------------------------------------------------------------------------------


async def test_a_file_is_there_until_its_link_expires(db: Database) -> None:
    files = SharedFileStore(db)
    stored = await files.put("lich-to-3.ics", "text/calendar", b"BEGIN:VCALENDAR", NOW, HOUR)
    other = await files.put("lich-to-3.ics", "text/calendar", b"x", NOW, HOUR)
    assert stored.token != other.token
    found = await files.get(stored.token, NOW + HOUR - timedelta(seconds=1))
    assert found is not None
    assert (found.filename, found.content) == ("lich-to-3.ics", b"BEGIN:VCALENDAR")
    assert await files.get(stored.token, NOW + HOUR) is None
    assert await files.get("not-a-token", NOW) is None
    assert await files.prune(NOW + HOUR) == 2


async def test_the_signing_key_is_made_once_and_kept(reopen: Reopen) -> None:
    db = await reopen()
    key = await SharedFileStore(db).signing_key()
    assert len(key) == 32
    assert await SharedFileStore(db).signing_key() == key
    await db.close()
    assert await SharedFileStore(await reopen()).signing_key() == key
