"""One-time codes: link codes (15 minutes, other platform), group codes, operator invitations."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from storage.codes import (
    FAILURE_WINDOW,
    MAX_FAILURES,
    CodeKind,
    CodeStore,
    Redeemed,
)
from storage.db import Database
from storage.groups import GroupStore

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


async def test_a_link_code_works_once_on_the_other_platform(db: Database) -> None:
    codes = CodeStore(db)
    made = await codes.make_person_code("telegram", "1001", NOW)
    assert re.fullmatch(r"\d{6}", made.code)
    used = await codes.redeem(
        made.code, kind=CodeKind.PERSON, platform="zalo", user_id="abc", now=NOW + MINUTE
    )
    assert used.outcome is Redeemed.OK
    assert used.code is not None
    assert (used.code.platform, used.code.user_id) == ("telegram", "1001")
    again = await codes.redeem(
        made.code, kind=CodeKind.PERSON, platform="zalo", user_id="abc", now=NOW + 2 * MINUTE
    )
    assert again.outcome is Redeemed.USED


async def test_a_link_code_expires_after_15_minutes(db: Database) -> None:
    codes = CodeStore(db)
    first = await codes.make_person_code("telegram", "1001", NOW)
    second = await codes.make_person_code("telegram", "1002", NOW)
    late = await codes.redeem(
        first.code, kind=CodeKind.PERSON, platform="zalo", user_id="a", now=NOW + 15 * MINUTE
    )
    assert late.outcome is Redeemed.EXPIRED
    in_time = await codes.redeem(
        second.code,
        kind=CodeKind.PERSON,
        platform="zalo",
        user_id="b",
        now=NOW + 15 * MINUTE - timedelta(seconds=1),
    )
    assert in_time.outcome is Redeemed.OK


async def test_a_code_typed_on_its_own_platform_is_refused_and_still_works(
    db: Database,
) -> None:
    codes = CodeStore(db)
    made = await codes.make_person_code("telegram", "1001", NOW)
    wrong = await codes.redeem(
        made.code, kind=CodeKind.PERSON, platform="telegram", user_id="1001", now=NOW
    )
    assert wrong.outcome is Redeemed.SAME_PLATFORM
    right = await codes.redeem(
        made.code, kind=CodeKind.PERSON, platform="zalo", user_id="abc", now=NOW
    )
    assert right.outcome is Redeemed.OK


async def test_unknown_and_wrong_kind_codes_are_refused(db: Database) -> None:
    codes = CodeStore(db)
    made = await codes.make_person_code("telegram", "1001", NOW)
    unknown = await codes.redeem(
        "000000" if made.code != "000000" else "000001",
        kind=CodeKind.PERSON,
        platform="zalo",
        user_id="abc",
        now=NOW,
    )
    assert unknown.outcome is Redeemed.UNKNOWN
    assert unknown.code is None
    in_a_group = await codes.redeem(
        made.code, kind=CodeKind.GROUP, platform="zalo", user_id="abc", now=NOW
    )
    assert in_a_group.outcome is Redeemed.WRONG_KIND
    still = await codes.redeem(
        made.code, kind=CodeKind.PERSON, platform="zalo", user_id="x", now=NOW
    )
    assert still.outcome is Redeemed.OK


async def test_a_new_code_makes_the_earlier_one_expire(db: Database) -> None:
    codes = CodeStore(db)
    old = await codes.make_person_code("telegram", "1001", NOW)
    new = await codes.make_person_code("telegram", "1001", NOW + MINUTE)
    assert new.code != old.code
    refused = await codes.redeem(
        old.code, kind=CodeKind.PERSON, platform="zalo", user_id="abc", now=NOW + 2 * MINUTE
    )
    assert refused.outcome is Redeemed.EXPIRED
    used = await codes.redeem(
        new.code, kind=CodeKind.PERSON, platform="zalo", user_id="abc", now=NOW + 2 * MINUTE
    )
    assert used.outcome is Redeemed.OK


async def test_guessing_codes_locks_the_account_out_for_a_while(db: Database) -> None:
    codes = CodeStore(db)
    made = await codes.make_person_code("telegram", "1001", NOW)
    guesses = [f"{n:06d}" for n in range(20) if f"{n:06d}" != made.code][:MAX_FAILURES]
    for guess in guesses:
        result = await codes.redeem(
            guess, kind=CodeKind.PERSON, platform="zalo", user_id="guesser", now=NOW
        )
        assert result.outcome is Redeemed.UNKNOWN
    locked = await codes.redeem(
        made.code, kind=CodeKind.PERSON, platform="zalo", user_id="guesser", now=NOW + MINUTE
    )
    assert locked.outcome is Redeemed.LOCKED_OUT
    # Someone else is not affected, and the code was not spent by the refused attempt.
    other = await codes.redeem(
        made.code, kind=CodeKind.PERSON, platform="zalo", user_id="owner", now=NOW + MINUTE
    )
    assert other.outcome is Redeemed.OK
    later = await codes.redeem(
        "999999",
        kind=CodeKind.PERSON,
        platform="zalo",
        user_id="guesser",
        now=NOW + FAILURE_WINDOW + MINUTE,
    )
    assert later.outcome is Redeemed.UNKNOWN


async def test_a_group_code_names_its_group(db: Database) -> None:
    group = await GroupStore(db).register(
        platform="telegram",
        chat_id="-100",
        name="Tổ 3",
        timezone=ZoneInfo("Asia/Ho_Chi_Minh"),
        registered_by="1001",
        now=NOW,
    )
    codes = CodeStore(db)
    made = await codes.make_group_code(group.id, "telegram", "1001", NOW)
    used = await codes.redeem(
        made.code, kind=CodeKind.GROUP, platform="zalo", user_id="abc", now=NOW
    )
    assert used.outcome is Redeemed.OK
    assert used.code is not None
    assert used.code.group_id == group.id


async def test_an_invitation_is_typed_as_the_operator_printed_it(db: Database) -> None:
    codes = CodeStore(db)
    invite = await codes.make_invite(NOW)
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{8}", invite.code)
    typed = f" {invite.code[:4].lower()}-{invite.code[4:]} "
    used = await codes.redeem(
        typed, kind=CodeKind.INVITE, platform="zalo", user_id="abc", now=NOW + timedelta(days=6)
    )
    assert used.outcome is Redeemed.OK
    twice = await codes.redeem(
        invite.code,
        kind=CodeKind.INVITE,
        platform="zalo",
        user_id="def",
        now=NOW + timedelta(days=6),
    )
    assert twice.outcome is Redeemed.USED
    late = await codes.make_invite(NOW)
    expired = await codes.redeem(
        late.code,
        kind=CodeKind.INVITE,
        platform="zalo",
        user_id="abc",
        now=NOW + timedelta(days=7),
    )
    assert expired.outcome is Redeemed.EXPIRED


async def test_spent_codes_are_forgotten_after_a_day(db: Database) -> None:
    codes = CodeStore(db)
    made = await codes.make_person_code("telegram", "1001", NOW)
    await codes.prune(NOW + timedelta(hours=20))
    kept = await codes.redeem(
        made.code,
        kind=CodeKind.PERSON,
        platform="zalo",
        user_id="a",
        now=NOW + timedelta(hours=20),
    )
    assert kept.outcome is Redeemed.EXPIRED
    await codes.prune(NOW + timedelta(days=2))
    gone = await codes.redeem(
        made.code, kind=CodeKind.PERSON, platform="zalo", user_id="b", now=NOW + timedelta(days=2)
    )
    assert gone.outcome is Redeemed.UNKNOWN
