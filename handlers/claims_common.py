"""What the claims commands share: finding the event, the group's checklist, the deadline,
people's names, and how money and days are written."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, time, timedelta

from bot.core.context import Context, Services, UserError
from bot.textnorm import fold
from handlers import claims_text as T
from handlers.claims_catalog import catalog
from handlers.claims_templates import CLAIM_KIND_OF_EVENT, CLAIM_KINDS
from storage.claim_templates import TemplateItem
from storage.events import Event
from storage.models import Group

NUMBER_RE = re.compile(r"#?\d{1,6}")
# A claim is due at the end of the office day (local time).
DEADLINE_TIME = time(17, 0)
# Folded words users type for a checklist kind (events' kinds, and trips).
KIND_WORDS = {
    "txct": "txct",
    "tiepxuccutri": "txct",
    "giamsat": "giamsat",
    "gs": "giamsat",
    "khaosat": "khaosat",
    "ks": "khaosat",
    "hop": "hop",
    "hopto": "hop",
    "congtacphi": "congtacphi",
    "ctp": "congtacphi",
    "congtac": "congtacphi",
    "khac": "congtacphi",
}


def is_number(word: str) -> bool:
    """'3' or '#3'."""
    return bool(NUMBER_RE.fullmatch(word))


async def event_by_word(ctx: Context, group: Group, word: str) -> Event:
    """The group's event numbered `word`, or a clear refusal."""
    if not is_number(word):
        raise UserError(T.EVENT_NUMBER_MISSING)
    number = int(word.lstrip("#"))
    event = await ctx.services.events.by_number(group.id, number)
    if event is None:
        raise UserError(T.EVENT_NOT_FOUND.format(number=number))
    return event


def kind_of_word(word: str) -> str | None:
    """The checklist kind a user typed (accents and spaces ignored)."""
    return KIND_WORDS.get(fold(word).replace(" ", ""))


def claim_kind(event: Event) -> str:
    """The checklist kind of an event's claim."""
    return CLAIM_KIND_OF_EVENT.get(event.kind, "congtacphi")


async def checklist_of(services: Services, group_id: int, kind: str) -> list[TemplateItem]:
    """The group's own checklist of this kind, or the shipped default."""
    assert kind in CLAIM_KINDS
    own = await services.claims.templates.copy_of(group_id, kind)
    return own if own is not None else list(catalog().checklists[kind].items)


def deadline_for(group: Group, event: Event, days: int) -> datetime:
    """The end of the office day `days` days after the event (in the group's zone)."""
    day = event.starts_at.astimezone(group.timezone).date() + timedelta(days=days)
    return datetime.combine(day, DEADLINE_TIME, tzinfo=group.timezone)


async def names_of(services: Services, group: Group, user_ids: Iterable[str]) -> dict[str, str]:
    """Display names of the group's members among these ids."""
    names = {}
    for user_id in set(user_ids):
        member = await services.groups.member(group.id, user_id)
        if member is not None:
            names[user_id] = member.display_name
    return names


def dong(amount: int) -> str:
    """2300000 → '2.300.000' (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".")


def day_of(moment: datetime, group: Group) -> str:
    """'07/12/2026' in the group's zone."""
    return moment.astimezone(group.timezone).strftime("%d/%m/%Y")


def days_left(deadline: datetime, now: datetime, group: Group) -> str:
    """'còn 3 ngày', 'hạn hôm nay', 'quá hạn 2 ngày' (counted in local days)."""
    left = (
        deadline.astimezone(group.timezone).date() - now.astimezone(group.timezone).date()
    ).days
    if left > 0:
        return T.DAYS_LEFT.format(days=left)
    if left == 0:
        return T.DUE_TODAY
    return T.DAYS_OVERDUE.format(days=-left)


def short(text: str, limit: int) -> str:
    """Cut text to limit characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
