"""Claim storage contract: templates, claims, ticks, attachments, messages, estimate quantities.

Parametrized over backends (SQLite today) so a PostgreSQL backend later runs the same suite.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from storage.claim_files import ClaimFileStore
from storage.claim_templates import (
    EmptyChecklistError,
    EstimateQuantityStore,
    TemplateItem,
    TemplateItemNotFoundError,
    TemplateStore,
)
from storage.claims import (
    ClaimClosedError,
    ClaimExistsError,
    ClaimItemNotFoundError,
    ClaimStore,
)
from storage.db import Database
from storage.events import EventStore
from storage.groups import GroupStore

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=3)
BASE = [
    TemplateItem("before", "Kế hoạch"),
    TemplateItem("on_day", "Biên bản", "minutes"),
    TemplateItem("after", "Danh sách ký nhận"),
    TemplateItem("after", "Giấy đề nghị thanh toán"),
]


@dataclass
class Stores:
    db: Database
    templates: TemplateStore
    claims: ClaimStore
    files: ClaimFileStore
    quantities: EstimateQuantityStore
    group_id: int
    other_group_id: int
    events: EventStore

    async def event(self, days: int = 0, group_id: int | None = None) -> int:
        event = await self.events.create(
            group_id=group_id or self.group_id,
            kind="txct",
            starts_at=NOW + timedelta(days=days),
            place="Nhà văn hóa",
            title="TXCT",
            created_by="1",
            now=NOW,
            reminders=[],
        )
        return event.id

    async def claim(self, days: int = 0) -> int:
        event_id = await self.event(days)
        claim = await self.claims.open(
            group_id=self.group_id,
            event_id=event_id,
            kind="txct",
            items=BASE,
            deadline=NOW + timedelta(days=days + 10),
            by="1",
            now=NOW,
        )
        return claim.id


async def _sqlite(tmp_path: Path) -> Database:
    return await Database.open(tmp_path / "claims.sqlite3")


BACKENDS = {"sqlite": _sqlite}


@pytest.fixture(params=sorted(BACKENDS))
async def stores(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Stores]:
    db = await BACKENDS[request.param](tmp_path)
    groups = GroupStore(db)
    ids = []
    for chat in ("-1", "-2"):
        group = await groups.register(
            platform="telegram",
            chat_id=chat,
            name=f"Tổ {chat}",
            timezone=ZoneInfo("Asia/Ho_Chi_Minh"),
            registered_by="1",
            now=NOW,
        )
        ids.append(group.id)
    yield Stores(
        db,
        TemplateStore(db),
        ClaimStore(db),
        ClaimFileStore(db),
        EstimateQuantityStore(db),
        ids[0],
        ids[1],
        EventStore(db),
    )
    await db.close()


# -- templates ---------------------------------------------------------------------------------


async def test_first_edit_copies_the_default_and_adds_at_the_end_of_its_phase(
    stores: Stores,
) -> None:
    templates = stores.templates
    assert await templates.copy_of(stores.group_id, "txct") is None
    new = TemplateItem("before", "Công văn phối hợp")
    items = await templates.add(stores.group_id, "txct", BASE, new, by="1", now=NOW)
    assert [i.name for i in items] == [
        "Kế hoạch",
        "Công văn phối hợp",
        "Biên bản",
        "Danh sách ký nhận",
        "Giấy đề nghị thanh toán",
    ]
    assert await templates.copy_of(stores.group_id, "txct") == items
    # The copy is the group's alone, and per kind.
    assert await templates.copy_of(stores.other_group_id, "txct") is None
    assert await templates.copy_of(stores.group_id, "hop") is None


async def test_rename_keeps_the_auto_source_and_remove_renumbers(stores: Stores) -> None:
    templates = stores.templates
    items = await templates.rename(
        stores.group_id, "txct", BASE, 2, "Biên bản TXCT", by="1", now=NOW
    )
    assert items[1] == TemplateItem("on_day", "Biên bản TXCT", "minutes")
    # The next edit starts from the copy, not from the default passed again.
    items = await templates.remove(stores.group_id, "txct", BASE, 1, by="1", now=NOW)
    assert [i.name for i in items] == [
        "Biên bản TXCT",
        "Danh sách ký nhận",
        "Giấy đề nghị thanh toán",
    ]
    await templates.reset(stores.group_id, "txct")
    assert await templates.copy_of(stores.group_id, "txct") is None


async def test_an_edit_that_would_empty_the_checklist_is_refused(stores: Stores) -> None:
    templates = stores.templates
    one = [TemplateItem("after", "Giấy đề nghị thanh toán")]
    await templates.add(stores.group_id, "congtacphi", [], one[0], by="1", now=NOW)
    with pytest.raises(EmptyChecklistError):
        await templates.remove(stores.group_id, "congtacphi", one, 1, by="1", now=NOW)
    assert await templates.copy_of(stores.group_id, "congtacphi") == one


@pytest.mark.parametrize("position", [0, 5, -1])
async def test_unknown_item_number_changes_nothing(stores: Stores, position: int) -> None:
    with pytest.raises(TemplateItemNotFoundError):
        await stores.templates.remove(stores.group_id, "txct", BASE, position, by="1", now=NOW)
    with pytest.raises(TemplateItemNotFoundError):
        await stores.templates.rename(
            stores.group_id, "txct", BASE, position, "X", by="1", now=NOW
        )
    assert await stores.templates.copy_of(stores.group_id, "txct") is None


# -- claims and ticks --------------------------------------------------------------------------


async def test_open_copies_the_checklist_once(stores: Stores) -> None:
    claim_id = await stores.claim()
    claim = await stores.claims.by_id(claim_id)
    assert claim is not None
    assert claim.is_open
    assert claim.deadline == NOW + timedelta(days=10)
    items = await stores.claims.items(claim_id)
    assert [(i.position, i.phase, i.name, i.done) for i in items] == [
        (1, "before", "Kế hoạch", False),
        (2, "on_day", "Biên bản", False),
        (3, "after", "Danh sách ký nhận", False),
        (4, "after", "Giấy đề nghị thanh toán", False),
    ]
    with pytest.raises(ClaimExistsError):
        await stores.claims.open(
            group_id=stores.group_id,
            event_id=claim.event_id,
            kind="txct",
            items=BASE[:1],
            deadline=NOW,
            by="2",
            now=NOW,
        )
    assert len(await stores.claims.items(claim_id)) == 4
    assert await stores.claims.by_event(claim.event_id) == claim


async def test_tick_and_untick_record_who_and_when(stores: Stores) -> None:
    claim_id = await stores.claim()
    item, changed = await stores.claims.set_done(claim_id, 3, True, by="7", now=NOW)
    assert changed
    assert (item.done, item.done_by, item.done_at) == (True, "7", NOW)
    # The same press again (a stale button, two people at once) changes nothing.
    item, changed = await stores.claims.set_done(claim_id, 3, True, by="8", now=LATER)
    assert not changed
    assert item.done_by == "7"
    item, changed = await stores.claims.set_done(claim_id, 3, False, by="8", now=LATER)
    assert changed
    assert (item.done, item.done_by, item.done_at) == (False, None, None)
    marks = await stores.claims.marks(claim_id)
    assert [(m.position, m.done, m.user_id, m.at) for m in marks] == [
        (3, True, "7", NOW),
        (3, False, "8", LATER),
    ]


async def test_closed_claim_and_unknown_item_refuse_ticks(stores: Stores) -> None:
    claim_id = await stores.claim()
    with pytest.raises(ClaimItemNotFoundError):
        await stores.claims.set_done(claim_id, 9, True, by="7", now=NOW)
    assert await stores.claims.close(claim_id, by="1", now=NOW)
    assert not await stores.claims.close(claim_id, by="1", now=NOW)
    with pytest.raises(ClaimClosedError):
        await stores.claims.set_done(claim_id, 1, True, by="7", now=NOW)
    assert not any(i.done for i in await stores.claims.items(claim_id))
    assert await stores.claims.marks(claim_id) == []
    assert await stores.claims.reopen(claim_id)
    _, changed = await stores.claims.set_done(claim_id, 1, True, by="7", now=NOW)
    assert changed


async def test_items_another_feature_produced_are_ticked_with_a_link(stores: Stores) -> None:
    claim_id = await stores.claim()
    ticked = await stores.claims.tick_produced(claim_id, "minutes", "biên bản số 4", now=NOW)
    assert [(i.position, i.done_by, i.link) for i in ticked] == [(2, "minutes", "biên bản số 4")]
    assert await stores.claims.tick_produced(claim_id, "minutes", "biên bản số 4", now=NOW) == []
    # A person's untick clears the link; the claim shows the paper missing again.
    item, _ = await stores.claims.set_done(claim_id, 2, False, by="7", now=LATER)
    assert (item.done, item.link) == (False, None)


async def test_open_claims_earliest_deadline_first_with_missing_counts(stores: Stores) -> None:
    late = await stores.claim(days=5)
    early = await stores.claim(days=1)
    closed = await stores.claim(days=0)
    await stores.claims.set_done(early, 1, True, by="7", now=NOW)
    await stores.claims.close(closed, by="1", now=NOW)
    listed = await stores.claims.open_claims(stores.group_id)
    assert [(c.claim.id, c.missing, c.total) for c in listed] == [(early, 3, 4), (late, 4, 4)]
    assert [c.event_number for c in listed] == [2, 1]
    assert await stores.claims.open_claims(stores.other_group_id) == []


# -- attachments and messages ------------------------------------------------------------------


async def test_several_files_per_item_and_the_same_file_only_once(stores: Stores) -> None:
    claim_id = await stores.claim()
    files = stores.files

    async def attach(position: int, file_id: str, name: str | None = None) -> object:
        return await files.attach(
            claim_id,
            position,
            platform_file_id=file_id,
            file_name=name,
            mime_type="application/pdf" if name else None,
            sender_id="9",
            message_id="55",
            now=NOW,
        )

    first = await attach(3, "f1", "ky_nhan.pdf")
    assert first is not None
    assert await attach(3, "f2") is not None
    assert await attach(1, "f3") is not None
    assert await attach(3, "f1", "ky_nhan.pdf") is None
    listed = await files.attachments(claim_id)
    assert [(a.position, a.platform_file_id, a.file_name, a.sender_id) for a in listed] == [
        (1, "f3", None, "9"),
        (3, "f1", "ky_nhan.pdf", "9"),
        (3, "f2", None, "9"),
    ]
    assert listed[1].sent_at == NOW
    with pytest.raises(ClaimItemNotFoundError):
        await attach(7, "f4")
    await stores.claims.close(claim_id, by="1", now=NOW)
    with pytest.raises(ClaimClosedError):
        await attach(2, "f5")
    assert len(await files.attachments(claim_id)) == 3


async def test_replies_find_the_claim_of_a_checklist_message(stores: Stores) -> None:
    claim_id = await stores.claim()
    await stores.files.remember_message(claim_id, "-1", "100")
    await stores.files.remember_message(claim_id, "-1", "120")
    for message_id in ("100", "120"):
        found = await stores.files.claim_of_message("-1", message_id)
        assert found is not None
        assert found.id == claim_id
    assert await stores.files.claim_of_message("-1", "101") is None
    assert await stores.files.claim_of_message("-2", "100") is None


# -- estimate quantities -----------------------------------------------------------------------


async def test_estimate_quantities_set_replace_and_clear(stores: Stores) -> None:
    event_id = await stores.event()
    other = await stores.event()
    quantities = stores.quantities
    await quantities.set(event_id, "factor:staff", 3, by="1", now=NOW)
    await quantities.set(event_id, "line:phuc_vu", 2, by="1", now=NOW)
    await quantities.set(event_id, "factor:staff", 4, by="1", now=LATER)
    assert await quantities.of_event(event_id) == {"factor:staff": 4, "line:phuc_vu": 2}
    assert await quantities.of_event(other) == {}
    with pytest.raises(ValueError, match="negative"):
        await quantities.set(event_id, "factor:staff", -1, by="1", now=NOW)
    await quantities.clear(event_id, "line:phuc_vu")
    assert await quantities.of_event(event_id) == {"factor:staff": 4}
    await quantities.clear(event_id)
    assert await quantities.of_event(event_id) == {}
