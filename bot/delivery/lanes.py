"""Lanes: work runs in order within a key (a chat) and concurrently across keys.

One chat's updates are handled one after the other, and its messages sent one after the
other, while every other chat goes on. A lane exists only while it has work, so idle chats
cost nothing. A job that waits for something outside (a flood wait, a platform that is down)
marks itself `parked`: it then neither counts as busy (so `wait_quiet` can tell work that is
stuck from work that is running) nor holds one of the `limit` slots that cap how many jobs run
at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable, Iterator
from contextvars import ContextVar
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
Job = Callable[[], Awaitable[Any]]

# The lanes whose worker runs the current task (None outside any lane).
_current: ContextVar[Lanes | None] = ContextVar("current_lanes", default=None)


class Lanes:
    """Per-key ordered queues of jobs, each drained by its own short-lived worker task."""

    def __init__(self, name: str, *, limit: int = 64) -> None:
        self.name = name
        self._queues: dict[Hashable, deque[tuple[Job, asyncio.Future[Any] | None]]] = {}
        self._workers: dict[Hashable, asyncio.Task[None]] = {}
        self._slots = asyncio.Semaphore(limit)
        self._busy = 0
        self._changed = asyncio.Event()
        self._closed = False

    def __len__(self) -> int:
        """How many lanes have work (queued or running)."""
        return len(self._queues)

    @property
    def closed(self) -> bool:
        """True once the lanes stopped taking work (the bot is stopping)."""
        return self._closed

    @property
    def busy(self) -> int:
        """Lanes whose current job is running (not parked)."""
        return self._busy

    def post(self, key: Hashable, job: Job) -> None:
        """Queue a job whose result nobody waits for (its failure is logged)."""
        self._enqueue(key, job, None)

    def submit(self, key: Hashable, job: Callable[[], Awaitable[T]]) -> asyncio.Future[T]:
        """Queue a job and return a future of its result."""
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._enqueue(key, job, future)
        return future

    def has_work(self, key: Hashable) -> bool:
        """Whether the lane of `key` has a job queued or running."""
        return key in self._queues

    def _enqueue(self, key: Hashable, job: Job, future: asyncio.Future[Any] | None) -> None:
        if self._closed:
            raise RuntimeError(f"lanes {self.name} are closed")
        queue = self._queues.get(key)
        if queue is None:
            queue = self._queues[key] = deque()
            self._busy += 1
            self._changed.set()
            self._workers[key] = asyncio.get_running_loop().create_task(
                self._drain(key, queue), name=f"{self.name}:{key}"
            )
        queue.append((job, future))

    async def _drain(
        self, key: Hashable, queue: deque[tuple[Job, asyncio.Future[Any] | None]]
    ) -> None:
        _current.set(self)  # this worker task's own context
        try:
            while queue:
                job, future = queue[0]
                async with self._slots:
                    try:
                        result = await job()
                    except asyncio.CancelledError:
                        if future is not None and not future.done():
                            future.cancel()
                        raise
                    except Exception as exc:
                        if future is None:
                            log.exception("%s: a job of lane %s failed", self.name, key)
                        elif not future.done():
                            future.set_exception(exc)
                    else:
                        if future is not None and not future.done():
                            future.set_result(result)
                queue.popleft()
        finally:
            for _, future in queue:
                if future is not None and not future.done():
                    future.cancel()
            self._queues.pop(key, None)
            self._workers.pop(key, None)
            self._busy -= 1
            self._changed.set()

    @contextlib.asynccontextmanager
    async def _parked(self) -> AsyncIterator[None]:
        self._slots.release()
        self._busy -= 1
        self._changed.set()
        try:
            yield
        finally:
            self._busy += 1
            self._changed.set()
            await self._slots.acquire()

    async def wait_quiet(self) -> None:
        """Return once no lane has a running job (every job done, or parked)."""
        while self._busy > 0:
            self._changed.clear()
            await self._changed.wait()

    async def close(self, grace: float = 5.0) -> None:
        """Take no more work; give running jobs `grace` seconds, then cancel what is left.

        Work left unfinished is not lost: it is in the database (inbox, outbox, reminders) and
        picked up at the next start.
        """
        self._closed = True
        workers = list(self._workers.values())
        if not workers:
            return
        _, pending = await asyncio.wait(workers, timeout=grace)
        for worker in pending:
            worker.cancel()
        await asyncio.gather(*pending, return_exceptions=True)


@contextlib.asynccontextmanager
async def parked() -> AsyncIterator[None]:
    """Wrap a wait on something outside (a flood wait, an outage, a backoff).

    Inside a lane job, the job gives back its slot and stops counting as busy while it waits;
    outside any lane this does nothing.
    """
    lanes = _current.get()
    if lanes is None:
        yield
        return
    async with lanes._parked():
        yield


class Activity:
    """A count of work in progress outside any lane (the reminder dispatcher's deliveries, the
    courier's probes), so that "is everything quiet?" can be answered without polling.

    `busy()` marks a stretch of work; `parked()` marks a wait on something outside inside it.
    """

    def __init__(self) -> None:
        self._busy = 0
        self._changed = asyncio.Event()

    @property
    def count(self) -> int:
        """How many stretches of work are running (not parked)."""
        return self._busy

    @contextlib.contextmanager
    def busy(self) -> Iterator[None]:
        """Count this stretch of work."""
        self._busy += 1
        self._changed.set()
        try:
            yield
        finally:
            self._busy -= 1
            self._changed.set()

    @contextlib.asynccontextmanager
    async def parked(self) -> AsyncIterator[None]:
        """Inside busy(): a wait on something outside does not count."""
        self._busy -= 1
        self._changed.set()
        try:
            yield
        finally:
            self._busy += 1
            self._changed.set()

    async def wait_quiet(self) -> None:
        """Return once nothing counted is running."""
        while self._busy > 0:
            self._changed.clear()
            await self._changed.wait()
