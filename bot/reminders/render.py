"""What a due reminder says: features register one renderer per reminder kind.

The engine knows reminder rows, not features. A feature that adds a kind of reminder (task
deadlines, events, the digest, minutes follow-ups, claim deadlines) registers a renderer for it
next to its commands; the dispatcher looks the renderer up by the row's kind. A snooze row
("Nhắc lại sau 1 giờ") renders as the row it copies, with "Nhắc lại – " in front.
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
    """A rendered reminder: its text and buttons (the dispatcher adds the snooze button,
    unless `snooze` is False: the renderer says when an hour later would be too late)."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    snooze: bool = True


# A renderer gets the services the composition root handed to the dispatcher (the engine does
# not look inside them), the row, its group and the current instant. It returns None when the
# row's subject is gone (the row is then cancelled, not sent), or empty text when there is
# nothing to say (the row is skipped).
Renderer = Callable[[Any, Reminder, Group, datetime], Awaitable[Outgoing | None]]

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
    ) -> Outgoing | None:
        """The message for a due row from the current state of its subject (None: gone)."""
        prefix = ""
        if row.kind == SNOOZE_KIND:
            of_kind, of_source = row.payload.get("of_kind"), row.payload.get("of_source")
            if of_source is None:
                return None
            row = _as_kind(row, str(of_kind), int(of_source))
            prefix = T.AGAIN
        renderer = self._by_kind.get(row.kind)
        if renderer is None or row.source_id is None:
            return None
        out = await renderer(services, row, group, now)
        if out is None or not prefix:
            return out
        return Outgoing(prefix + out.text, out.buttons, out.snooze)


def _as_kind(row: Reminder, kind: str, source_id: int) -> Reminder:
    """The snoozed row seen as the row it copies (same payload, target and group)."""
    return replace(row, kind=kind, source_id=source_id)
