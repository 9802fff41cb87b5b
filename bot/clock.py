"""The clock is injected everywhere so tests move time instead of sleeping.

Waiting goes through the clock too (`await clock.sleep(seconds)`): a flood wait, the pause
between two probes of an API that is down, a retry's backoff. With the system clock that is
asyncio.sleep; with the fake clock the sleeper wakes when a test moves the clock past its
moment, so nothing in a test ever waits on real time.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Something that tells the current time as an aware UTC datetime, and can wait."""

    def now(self) -> datetime: ...

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """Return the current time in UTC."""
        return datetime.now(UTC)

    async def sleep(self, seconds: float) -> None:
        """Wait in real time."""
        await asyncio.sleep(max(0.0, seconds))


class FakeClock:
    """A clock that moves only when told to (tests, benchmarks, the console playground)."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = start.astimezone(UTC)
        self._sleepers: list[tuple[datetime, asyncio.Future[None]]] = []
        self._slept: asyncio.Event | None = None

    def now(self) -> datetime:
        """Return the fake current time in UTC."""
        return self._now

    def set(self, moment: datetime) -> None:
        """Jump to an aware moment (and wake whoever slept until then)."""
        if moment.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = moment.astimezone(UTC)
        self._wake()

    def advance(self, delta: timedelta) -> None:
        """Move forward by delta."""
        self.set(self._now + delta)

    async def sleep(self, seconds: float) -> None:
        """Wait until the clock has been moved `seconds` past now (at once if 0 or less)."""
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._sleepers.append((self._now + timedelta(seconds=seconds), future))
        if self._slept is not None:
            self._slept.set()
        try:
            await future
        finally:
            self._sleepers = [(at, f) for at, f in self._sleepers if f is not future]

    async def someone_sleeps(self) -> None:
        """Return once something waits on this clock (a test then moves it; no polling)."""
        while self.sleeping == 0:
            if self._slept is None:
                self._slept = asyncio.Event()
            self._slept.clear()
            await self._slept.wait()

    @property
    def sleeping(self) -> int:
        """How many waits are pending (tests use it to know a lane is parked)."""
        return sum(1 for _, future in self._sleepers if not future.done())

    def _wake(self) -> None:
        for at, future in self._sleepers:
            if at <= self._now and not future.done():
                future.set_result(None)
