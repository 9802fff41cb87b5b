"""What a due reminder says: features register one renderer per reminder kind.

The engine knows reminder rows, not features. A feature that adds a kind of reminder (task
deadlines, events, the digest, minutes follow-ups, claim deadlines) registers a renderer for it
next to its commands; the dispatcher looks the renderer up by the row's kind. A snooze row
("Nhắc lại sau 1 giờ") renders as the row it copies, with "Nhắc lại – " in front.

A renderer says what the row says (`Outgoing`), that its subject is gone (None: the change that
removed it told its users already), or that a promise can no longer be kept (`Withdrawn`: the
event has begun): the engine then tells the person who asked, with the reason. A snooze row is
always a promise made to whoever pressed the button, so it is never dropped without a word.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from bot.chat.messages import Button
from bot.reminders import text as T
from storage.models import Group
from storage.reminders import Reminder


@dataclass(frozen=True)
class Outgoing:
    """A rendered reminder: its text and buttons (the dispatcher adds the snooze button).

    Attributes:
        snooze: offer "Nhắc lại sau 1 giờ" (False: the renderer says an hour later would be
            too late; a button already shown is still answered, by ends_at).
        ends_at: after this moment the reminder means nothing (an event's start): a "Nhắc lại
            sau 1 giờ" is never promised past it.
    """

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    ends_at: datetime | None = None
    snooze: bool = True


@dataclass(frozen=True)
class Withdrawn:
    """A promised reminder that can no longer be kept, why, and whom to tell.

    Attributes:
        what: what the reminder was about ("lịch số 3 (Họp Tổ)").
        why: why it is not sent ("lịch đã bắt đầu lúc 06:45").
        tell: the platform user id of the person to tell (None: nobody asked for it).
    """

    what: str
    why: str
    tell: str | None = None


# A renderer gets the services the composition root handed to the dispatcher (the engine does
# not look inside them), the row, its group and the current instant. It returns None when the
# row's subject is gone (the row is then cancelled, not sent), or empty text when there is
# nothing to say (the row is skipped).
Renderer = Callable[[Any, Reminder, Group, datetime], Awaitable[Outgoing | Withdrawn | None]]

SNOOZE_KIND = "snooze"


class Renderers:
    """The renderer of each reminder kind."""

    def __init__(self) -> None:
        self._by_kind: dict[str, Renderer] = {}

    def register(self, kind: str, renderer: Renderer) -> None:
        """Render rows of `kind` with `renderer` (one renderer per kind)."""
        if kind == SNOOZE_KIND or kind in self._by_kind:
            raise ValueError(f"reminder kind {kind} registered twice")
        self._by_kind[kind] = renderer

    def kinds(self) -> frozenset[str]:
        """The kinds that have a renderer."""
        return frozenset(self._by_kind)

    async def render(
        self, services: Any, row: Reminder, group: Group, now: datetime
    ) -> Outgoing | Withdrawn | None:
        """The message for a due row from the current state of its subject (None: gone)."""
        if row.kind == SNOOZE_KIND:
            return await self._render_snooze(services, row, group, now)
        renderer = self._by_kind.get(row.kind)
        if renderer is None or row.source_id is None:
            return None
        return await renderer(services, row, group, now)

    async def _render_snooze(
        self, services: Any, row: Reminder, group: Group, now: datetime
    ) -> Outgoing | Withdrawn:
        asked_by = row.payload.get("asked_by") or row.target_user_id
        of_kind, of_source = row.payload.get("of_kind"), row.payload.get("of_source")
        out: Outgoing | Withdrawn | None = None
        if of_source is not None:
            out = await self.render(
                services, _as_kind(row, str(of_kind), int(of_source)), group, now
            )
        if isinstance(out, Outgoing):
            return replace(out, text=T.AGAIN + out.text)
        what = str(row.payload.get("about") or T.SOMETHING)
        why = out.why if isinstance(out, Withdrawn) else T.GONE
        return Withdrawn(what, why, None if asked_by is None else str(asked_by))


def _as_kind(row: Reminder, kind: str, source_id: int) -> Reminder:
    """The snoozed row seen as the row it copies (same payload, target and group)."""
    return replace(row, kind=kind, source_id=source_id)
