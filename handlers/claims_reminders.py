"""Claim deadline reminders to the chuyên viên, and the weekly line of the morning digest.

The rows are this feature's own kind, "claim_deadline", registered with the reminder engine in
handlers/claims.py; the engine sends them and knows nothing of claims. They are written when a
claim is opened or reopened and cancelled when it is closed; the renderer reads the claim when
the row is due, so it always lists what is missing then.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.core.context import Services
from bot.reminders.render import Outgoing
from handlers import claims_text as T
from handlers.claims_common import day_of, days_left
from storage.claims import Claim
from storage.models import Group, Role
from storage.reminders import NewReminder, Reminder

KIND = "claim_deadline"
DAYS_BEFORE = (3, 0)  # three days before the deadline, and on the day
REMIND_AT = time(8, 0)
DIGEST_WEEKDAY = 0  # Monday: the weekly line in the morning digest
DIGEST_SHOWN = 10
MISSING_NAMED = 8


async def targets(services: Services, group: Group, claim: Claim) -> list[str]:
    """Who is reminded: the group's chuyên viên, else whoever opened the claim."""
    members = await services.groups.members(group.id)
    found = [m.user_id for m in members if m.role is Role.CHUYEN_VIEN]
    return found or [claim.opened_by]


def deadline_rows(
    group: Group, claim: Claim, people: list[str], now: datetime
) -> list[NewReminder]:
    """The rows still ahead: at REMIND_AT, DAYS_BEFORE days before the deadline's day."""
    day = claim.deadline.astimezone(group.timezone).date()
    rows = []
    for days in DAYS_BEFORE:
        due = datetime.combine(day - timedelta(days=days), REMIND_AT, tzinfo=group.timezone)
        if due <= now:
            continue
        for user_id in people:
            rows.append(
                NewReminder(
                    group.id, KIND, claim.id, due, group.chat_id, user_id, {"days_before": days}
                )
            )
    return rows


async def plan(services: Services, group: Group, claim: Claim, now: datetime) -> list[NewReminder]:
    """Replace the claim's unsent rows (none once it is closed); returns the new rows.

    Joins the caller's transaction when there is one, so a claim and its rows are committed
    together. The caller re-arms the dispatcher afterwards (services.dispatcher.arm_for).
    """
    rows = []
    if claim.is_open:
        rows = deadline_rows(group, claim, await targets(services, group, claim), now)
    await services.reminders.replace_source((KIND,), claim.id, rows, now)
    return rows


async def render_claim_deadline(
    services: Services, row: Reminder, group: Group, now: datetime
) -> Outgoing | None:
    """'Nhắc hạn hồ sơ thanh toán lịch số 3 … Còn thiếu …'; None once the claim is closed."""
    assert row.source_id is not None
    claim = await services.claims.claims.by_id(row.source_id)
    if claim is None or not claim.is_open:
        return None
    event = await services.events.by_id(claim.event_id)
    if event is None:
        return None
    items = await services.claims.claims.items(claim.id)
    missing = [item for item in items if not item.done]
    fields = {
        "number": event.number,
        "title": event.title,
        "day": day_of(claim.deadline, group),
        "left": days_left(claim.deadline, now, group),
        "total": len(items),
    }
    if not missing:
        return Outgoing(T.REMIND_COMPLETE.format(**fields))
    named = "; ".join(f"{item.position}. {item.name}" for item in missing[:MISSING_NAMED])
    if len(missing) > MISSING_NAMED:
        named += T.REMIND_MORE.format(count=len(missing) - MISSING_NAMED)
    return Outgoing(T.REMIND_MISSING.format(missing=len(missing), items=named, **fields))


async def digest_lines(services: Services, group: Group, now: datetime) -> list[str]:
    """On Mondays, while any claim is open: one line per open claim (for handlers/digest.py)."""
    if now.astimezone(group.timezone).weekday() != DIGEST_WEEKDAY:
        return []
    open_claims = await services.claims.claims.open_claims(group.id)
    if not open_claims:
        return []
    lines = [T.DIGEST_HEADER.format(count=len(open_claims))]
    for entry in open_claims[:DIGEST_SHOWN]:
        status = (
            T.LIST_MISSING.format(missing=entry.missing, total=entry.total)
            if entry.missing
            else T.LIST_COMPLETE
        )
        lines.append(
            T.DIGEST_LINE.format(
                number=entry.event_number,
                status=status,
                day=day_of(entry.claim.deadline, group),
                left=days_left(entry.claim.deadline, now, group),
            )
        )
    return lines
