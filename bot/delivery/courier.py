"""The courier: what the platforms said about waiting, and the one way out to them.

* **A flood wait holds one chat.** When a platform answers "retry after N s" for a chat, that
  chat's lane waits N seconds; every other chat goes on (no global pause).
* **An outage holds a platform, and is probed.** When a platform cannot be reached at all
  (connection refused, connect timeout) every send to it waits, and the courier asks the
  platform something cheap (`Messenger.probe`) every PROBE_FIRST seconds, a little longer
  each time up to PROBE_MAX, and lets everything go again as soon as it answers: nothing is
  failed by an outage, only made late.
* **An unknown outcome is counted.** A send that left but got no answer (a read timeout) may
  have arrived; the caller resends it with a note and `stats.unknown_outcomes` counts it.

All waiting goes through the injected clock, so tests move time instead of sleeping.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.chat.errors import TransientSendError
from bot.chat.messages import Reply
from bot.chat.transport import Messenger
from bot.clock import Clock
from bot.delivery.lanes import Activity, Lanes, parked

log = logging.getLogger(__name__)

PROBE_FIRST = 1.0  # seconds between the first probes of a platform that is down
PROBE_MAX = 5.0  # … growing to at most this: an outage ends at most this long before we see it
LANE_LIMIT = 64  # sends in flight at once, over all chats


@dataclass
class DeliveryStats:
    """Counters of what the platforms did to our sends (the reliability report reads them)."""

    sent: int = 0
    flood_waits: int = 0
    unknown_outcomes: int = 0
    transient_errors: int = 0
    outages: int = 0
    outage_seconds: float = 0.0
    refused: int = 0
    unreachable: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


class Courier:
    """Messengers by platform, per-chat flood holds, platform outages, and the delivery lanes."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.messengers: dict[str, Messenger] = {}
        self.lanes = Lanes("delivery", limit=LANE_LIMIT)
        self.activity = Activity()  # the probes, while they ask
        self.stats = DeliveryStats()
        self._holds: dict[tuple[str, str], datetime] = {}
        self._up: dict[str, asyncio.Event] = {}
        self._probes: dict[str, asyncio.Task[None]] = {}
        self.on_recovered: list[Callable[[str], None]] = []

    def add(self, messenger: Messenger) -> None:
        """Send through `messenger` for its platform."""
        self.messengers[messenger.platform] = messenger
        self._up.setdefault(messenger.platform, asyncio.Event()).set()

    def messenger(self, platform: str) -> Messenger | None:
        """The messenger of a platform, if its transport runs."""
        return self.messengers.get(platform)

    # -- holds and outages ----------------------------------------------------------------------

    def held_for(self, platform: str, chat_id: str) -> float:
        """Seconds this chat must still wait after a flood wait (0 when it may be written to)."""
        until = self._holds.get((platform, chat_id))
        if until is None:
            return 0.0
        left = (until - self.clock.now()).total_seconds()
        if left <= 0:
            del self._holds[(platform, chat_id)]
            return 0.0
        return left

    def is_down(self, platform: str) -> bool:
        """Whether the platform is known to be unreachable right now."""
        event = self._up.get(platform)
        return event is not None and not event.is_set()

    async def wait_for_chat(self, platform: str, chat_id: str) -> None:
        """Wait out the chat's flood hold and the platform's outage (parked in its lane)."""
        while True:
            left = self.held_for(platform, chat_id)
            if left > 0:
                async with parked():
                    await self.clock.sleep(left)
                continue
            if self.is_down(platform):
                await self.wait_until_up(platform)
                continue
            return

    async def wait_until_up(self, platform: str) -> None:
        """Return when the platform answers again (at once when it is up)."""
        event = self._up.get(platform)
        if event is None or event.is_set():
            return
        async with parked():
            await event.wait()

    def note(self, platform: str, chat_id: str, error: TransientSendError) -> None:
        """Learn from a transient failure: hold the chat, or mark the platform down."""
        if error.retry_after:
            self.stats.flood_waits += 1
            until = self.clock.now() + timedelta(seconds=error.retry_after)
            current = self._holds.get((platform, chat_id))
            self._holds[(platform, chat_id)] = max(until, current) if current else until
            log.warning(
                "%s chat %s: flood wait %.0f s (only this chat waits)",
                platform,
                chat_id,
                error.retry_after,
            )
        elif error.platform_down:
            self.mark_down(platform, error.reason)
        else:
            self.stats.transient_errors += 1
        if error.maybe_sent:
            self.stats.unknown_outcomes += 1
            log.warning(
                "%s chat %s: no answer to a send (%s); it may have arrived, the resend will "
                "say so",
                platform,
                chat_id,
                error.reason,
            )

    def mark_down(self, platform: str, reason: str) -> None:
        """The platform cannot be reached: hold every send to it and start probing."""
        event = self._up.setdefault(platform, asyncio.Event())
        if not event.is_set() and platform in self._probes:
            return
        event.clear()
        self.stats.outages += 1
        log.warning("%s unreachable (%s): holding every send and probing", platform, reason)
        self._probes[platform] = asyncio.get_running_loop().create_task(
            self._probe(platform), name=f"probe:{platform}"
        )

    async def _probe(self, platform: str) -> None:
        began = self.clock.now()
        interval = PROBE_FIRST
        try:
            while True:
                await self.clock.sleep(interval)
                messenger = self.messengers.get(platform)
                if messenger is None:
                    continue
                # Busy until the waiters are woken, so "nothing runs" is never seen between.
                with self.activity.busy():
                    try:
                        await messenger.probe()
                    except Exception as exc:
                        log.info(
                            "%s still unreachable (%s); next probe in %.0f s",
                            platform,
                            exc,
                            interval,
                        )
                        interval = min(interval * 1.5, PROBE_MAX)
                        continue
                    self._recovered(platform, began)
                    return
        finally:
            self._probes.pop(platform, None)

    def _recovered(self, platform: str, began: datetime) -> None:
        down_for = (self.clock.now() - began).total_seconds()
        self.stats.outage_seconds += down_for
        log.warning("%s answers again after %.0f s: sending resumes", platform, down_for)
        self._up[platform].set()
        for listener in self.on_recovered:
            listener(platform)

    # -- sending ----------------------------------------------------------------------------------

    async def send(
        self, platform: str, chat_id: str, reply: Reply, *, reply_to: str | None = None
    ) -> str:
        """Send one message now, in the chat's lane (after what is queued for that chat).

        Does not wait out holds: a chat under a flood wait, or a platform that is down, raises
        TransientSendError at once, so the caller (the reminder dispatcher) can come back
        later instead of holding a slot.

        Raises:
            ChatUnreachableError, TransientSendError, SendRefusedError: as Messenger.send.
        """
        messenger = self.messengers.get(platform)
        if messenger is None:
            raise TransientSendError(
                chat_id, f"no {platform} transport running", platform_down=True
            )

        async def attempt() -> str:
            left = self.held_for(platform, chat_id)
            if left > 0:
                raise TransientSendError(chat_id, "flood wait", retry_after=left)
            if self.is_down(platform):
                raise TransientSendError(chat_id, f"{platform} unreachable", platform_down=True)
            try:
                message_id = await messenger.send(chat_id, reply, reply_to=reply_to)
            except TransientSendError as exc:
                self.note(platform, chat_id, exc)
                raise
            self.stats.sent += 1
            return message_id

        return await self.lanes.submit(lane_key(platform, chat_id), attempt)

    async def close(self) -> None:
        """Stop probing and let the lanes finish (briefly)."""
        for task in list(self._probes.values()):
            task.cancel()
        await asyncio.gather(*self._probes.values(), return_exceptions=True)
        await self.lanes.close()


def lane_key(platform: str, chat_id: str, *, answers: bool = False) -> Hashable:
    """The lane of a chat's messages (or of its button answers, which no flood wait holds)."""
    return (platform, chat_id, "answers") if answers else (platform, chat_id)
