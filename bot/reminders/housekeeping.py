"""Keeping the reminder history bounded: once a day, in the background, rows that are over and
older than the retention period are pruned (storage/history.py says what is kept and why).

The dispatcher asks at every run (at least every MAX_SLEEP), next to planning the digests;
pruning runs as its own task in short transactions, so a run never waits for it and a send
waits at most for one batch.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta

from bot.clock import Clock
from storage.history import ReminderHistory

log = logging.getLogger(__name__)

DEFAULT_RETENTION = timedelta(days=90)
EVERY = timedelta(days=1)


class Housekeeping:
    """Starts the daily prune of old reminder rows."""

    def __init__(
        self, history: ReminderHistory, clock: Clock, retention: timedelta | None
    ) -> None:
        """Prune `history` once a day by `clock`.

        Args:
            history: the reminder history store.
            clock: the bot's clock.
            retention: how long rows that are over are kept; None keeps them for ever.
        """
        self.history = history
        self.clock = clock
        self.retention = retention
        self.last_run: datetime | None = None
        self.last_pruned = 0
        self._task: asyncio.Task[None] | None = None

    def maybe_start(self) -> bool:
        """Start a prune in the background if none ran in the last day; returns whether."""
        now = self.clock.now()
        if self.retention is None or (self._task is not None and not self._task.done()):
            return False
        if self.last_run is not None and now - self.last_run < EVERY:
            return False
        self.last_run = now
        self._task = asyncio.create_task(self._run(now - self.retention), name="prune-history")
        return True

    async def _run(self, before: datetime) -> None:
        try:
            self.last_pruned = await self.history.prune(before)
        except Exception:  # the next day tries again; reminders are never affected
            log.exception("pruning the reminder history failed")
            return
        if self.last_pruned:
            log.info("reminder history: %d rows older than %s pruned", self.last_pruned, before)

    async def wait(self) -> None:
        """Wait for a prune in progress (tests, and stopping)."""
        if self._task is not None:
            await asyncio.shield(self._task)

    async def stop(self) -> None:
        """Cancel a prune in progress (what it committed stays; the rest waits a day)."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._task = None
