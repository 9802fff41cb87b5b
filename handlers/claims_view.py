"""How a claim looks in the chat: the checklist message with its ☐/☑ buttons, and the list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.chat.messages import Button, Reply
from bot.core.context import Services
from bot.dates import format_when
from handlers import claims_text as T
from handlers.claims_common import day_of, days_left, short
from handlers.events_text import KIND_NAMES
from storage.claims import Claim, ClaimItem, OpenClaim
from storage.events import Event
from storage.models import Group

BUTTON_PREFIX = "cl"
LABEL_LIMIT = 44  # characters of an item's name on its button (phones cut longer labels)
MISSING_SHOWN = 25  # items named in "Còn thiếu"; the rest are counted


@dataclass(frozen=True)
class ClaimView:
    """A claim with what its message shows."""

    group: Group
    event: Event
    claim: Claim
    items: tuple[ClaimItem, ...]
    files: Counter[int]  # attachments per item position


async def claim_view(services: Services, group: Group, event: Event, claim: Claim) -> ClaimView:
    """Read what the checklist message of a claim shows."""
    items = await services.claims.claims.items(claim.id)
    files = Counter(a.position for a in await services.claims.files.attachments(claim.id))
    return ClaimView(group, event, claim, tuple(items), files)


def tick_data(claim: Claim, item: ClaimItem) -> str:
    """Button data: the claim, the item and the state pressing asks for (so a stale button
    cannot undo a newer press)."""
    return f"{BUTTON_PREFIX}:{claim.id}:{item.position}:{0 if item.done else 1}"


def checklist_reply(
    view: ClaimView,
    now: datetime,
    *,
    buttons: bool,
    tags_seen: bool = True,
    edit: bool = False,
    notice: str | None = None,
) -> Reply:
    """The checklist message: event, deadline, what is missing, one button per item.

    Args:
        buttons: the platform shows buttons; without them every item is listed in the text
            and ticked with /thanhtoan <số> xong <mục>.
        tags_seen: the bot receives every group message, so a #hoso caption reaches it (on
            Telegram with privacy mode on, only replies to the bot do).
    """
    group, event, claim = view.group, view.event, view.claim
    local_now = now.astimezone(group.timezone)
    lines = [
        T.CLAIM_HEADER.format(
            number=event.number,
            title=event.title,
            closed=T.CLAIM_CLOSED_MARK if not claim.is_open else "",
        ),
        T.CLAIM_EVENT.format(
            kind=KIND_NAMES.get(event.kind, event.kind),
            when=format_when(event.starts_at, True, local_now),
            place=T.CLAIM_PLACE.format(place=event.place) if event.place else "",
        ),
        T.CLAIM_DEADLINE.format(
            day=day_of(claim.deadline, group), left=days_left(claim.deadline, now, group)
        ),
    ]
    if not buttons:
        lines += _all_items(view)
    else:
        # Papers another feature produced: say where they come from (buttons have no room).
        lines += [
            T.CLAIM_LINKED.format(position=item.position, name=item.name, link=item.link)
            for item in view.items
            if item.done and item.link
        ]
    lines += _missing(view)
    if claim.is_open:
        lines.append("")
        lines.append(T.CLAIM_HOW_BUTTONS if buttons else T.CLAIM_HOW_TEXT)
        how = T.CLAIM_HOW_FILES if tags_seen else T.CLAIM_HOW_FILES_REPLY_ONLY
        lines.append(how.format(number=event.number))
    rows: tuple[tuple[Button, ...], ...] = ()
    if buttons and claim.is_open:
        rows = tuple((Button(_label(view, item), tick_data(claim, item)),) for item in view.items)
    return Reply(text="\n".join(lines), buttons=rows, edit=edit, notice=notice)


def _label(view: ClaimView, item: ClaimItem) -> str:
    mark = T.TICKED if item.done else T.UNTICKED
    clip = f" {T.CLIP}{view.files[item.position]}" if view.files[item.position] else ""
    return f"{mark} {item.position}. {short(item.name, LABEL_LIMIT)}{clip}"


def _all_items(view: ClaimView) -> list[str]:
    lines: list[str] = []
    phase = None
    for item in view.items:
        if item.phase != phase:
            phase = item.phase
            lines.append(T.PHASES[phase] + ":")
        mark = T.TICKED if item.done else T.UNTICKED
        clip = f" {T.CLIP}{view.files[item.position]}" if view.files[item.position] else ""
        link = f" ({item.link})" if item.link else ""
        lines.append(f"{mark} {item.position}. {item.name}{link}{clip}")
    return lines


def _missing(view: ClaimView) -> list[str]:
    missing = [item for item in view.items if not item.done]
    if not missing:
        return [T.CLAIM_COMPLETE.format(total=len(view.items), number=view.event.number)]
    lines = [T.CLAIM_MISSING.format(missing=len(missing), total=len(view.items))]
    lines += [f"• {item.position}. {item.name}" for item in missing[:MISSING_SHOWN]]
    if len(missing) > MISSING_SHOWN:
        lines.append(T.CLAIM_MISSING_MORE.format(count=len(missing) - MISSING_SHOWN))
    return lines


def open_list_text(
    group: Group, claims: Sequence[OpenClaim], events: dict[int, Event], now: datetime
) -> str:
    """/thanhtoan alone: the open claims, earliest deadline first."""
    if not claims:
        return T.LIST_EMPTY
    lines = [T.LIST_HEADER.format(count=len(claims))]
    for entry in claims:
        event = events[entry.claim.event_id]
        lines.append(
            T.LIST_LINE.format(
                number=event.number,
                kind=KIND_NAMES.get(event.kind, event.kind),
                day=event.starts_at.astimezone(group.timezone).strftime("%d/%m"),
                missing=(
                    T.LIST_MISSING.format(missing=entry.missing, total=entry.total)
                    if entry.missing
                    else T.LIST_COMPLETE
                ),
                deadline=day_of(entry.claim.deadline, group),
                left=days_left(entry.claim.deadline, now, group),
            )
        )
    lines.append(T.LIST_FOOTER)
    return "\n".join(lines)
