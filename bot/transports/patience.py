"""Start-up calls tried until the platform answers, for every transport.

A restart during a network blip or a platform's outage must wait (saying why in the log), not
exit: a process manager restarting the bot in a loop would serve nobody either. Only a refusal
(a wrong token) ends start-up, and the caller says what refusing looks like on its platform.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
RETRY_MAX = 60.0  # seconds between two tries, at most

Sleep = Callable[[float], Awaitable[None]]


async def patiently(
    call: Callable[[], Awaitable[T]],
    *,
    platform: str,
    what: str,
    transient: type[BaseException] | tuple[type[BaseException], ...],
    refusal: type[BaseException] | tuple[type[BaseException], ...] = (),
    sleep: Sleep,
) -> T:
    """`call()` until it answers; a `transient` error waits 1, 2, 4 … at most RETRY_MAX seconds
    (`sleep`, so tests move a fake clock), a `refusal` (checked first) is raised at once."""
    failures = 0
    while True:
        try:
            result = await call()
        except refusal:
            raise
        except transient as exc:
            failures += 1
            wait = min(2 ** (failures - 1), RETRY_MAX)
            log.warning(
                "%s is unreachable at start-up (%s: %s); trying again in %.0f s",
                platform,
                what,
                exc,
                wait,
            )
            await sleep(wait)
            continue
        if failures:
            log.warning("%s answers after %d failed tries", platform, failures)
        return result
