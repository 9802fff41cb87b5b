"""Faults the fake Bot API can inject: what real deployments do to a bot.

A `Failure` names the calls it hits (a method or "*" for all, optionally one chat) and for how
long (a number of calls, or until a moment of the fake's clock), and what happens to them:

* an HTTP error (429 with retry_after, 403, 500, 502 …) answered instead of the result;
* `network`: the connection is refused, nothing reaches the fake;
* `answer_lost`: the call is carried out (the message is delivered) but its answer never comes
  back, as when Telegram answers after the client's read timeout;
* `delay`: the answer comes this many real seconds late (for a bot in another process, whose
  read timeout is real; in-process tests use `answer_lost` instead and never wait).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass
class Failure:
    """A scripted failure of some calls."""

    method: str  # an API method, or "*" for every method
    status: int = 0
    description: str = ""
    chat_id: int | None = None
    retry_after: int | None = None
    network: bool = False
    answer_lost: bool = False
    delay: float = 0.0
    times: int | None = 1  # None: every matching call until `until`
    until: datetime | None = None

    @property
    def kind(self) -> str:
        """A short name for the report: '429', 'network', 'answer_lost', 'slow', '500' …"""
        if self.network:
            return "network"
        if self.answer_lost:
            return "answer_lost"
        if self.delay and not self.status:
            return "slow"
        return str(self.status)


class Faults:
    """The failures in force, and how many calls each kind has hit."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self.clock = clock
        self.active: list[Failure] = []
        self.injected: Counter[str] = Counter()

    def add(self, failure: Failure) -> Failure:
        """Put a failure in force (it ends by itself after `times` calls or at `until`)."""
        self.active.append(failure)
        return failure

    def clear(self) -> None:
        """End every failure now."""
        self.active.clear()

    def take(self, method: str, params: dict[str, Any]) -> Failure | None:
        """The failure that hits this call, if any (counting it)."""
        now = self.clock()
        for failure in list(self.active):
            if failure.until is not None and now >= failure.until:
                self.active.remove(failure)
                continue
            if failure.method not in ("*", method):
                continue
            if failure.chat_id is not None and str(failure.chat_id) != str(params.get("chat_id")):
                continue
            if failure.times is not None:
                failure.times -= 1
                if failure.times <= 0:
                    self.active.remove(failure)
            self.injected[failure.kind] += 1
            return failure
        return None
