"""A group's reminder settings as the engine reads them, with the defaults applied.

Keys in groups.settings (all optional; the defaults below apply; /caidat in handlers/settings.py
writes them):

* "reminder_offsets": {kind: [minutes before the event, ...]}; kinds txct, giamsat, khaosat,
  hop, khac.
* "digest_time": "HH:MM" local time of the morning digest, or "off".
* "task_reminder_time": "HH:MM" local time of the reminder the day before a task's deadline.
* "late_grace_hours": reminders missed while the bot was down are sent late (marked "trễ")
  when less than this many hours late; older ones are listed to the chuyên viên instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time, timedelta
from typing import Any

from bot.textnorm import fold
from storage.models import Group

DEFAULT_OFFSETS: dict[str, tuple[int, ...]] = {
    "txct": (3 * 1440, 1440, 120),
    "giamsat": (3 * 1440, 1440, 120),
    "khaosat": (1440, 120),
    "hop": (1440, 60),
    "khac": (1440, 60),
}
DEFAULT_DIGEST = time(7, 0)
DEFAULT_TASK_TIME = time(16, 0)
OVERDUE_TIME = time(8, 0)  # the overdue notice goes out the morning after the deadline
DEFAULT_GRACE_HOURS = 24
_TIME_RE = re.compile(r"^(\d{1,2})\s*(?:h|g|gio|:)\s*(\d{2})?$")


@dataclass(frozen=True)
class ScheduleSettings:
    """A group's reminder settings with the defaults applied."""

    offsets: dict[str, tuple[int, ...]]
    digest_time: time | None
    task_time: time
    grace: timedelta


def settings_of(group: Group) -> ScheduleSettings:
    """Read the group's settings JSON, tolerating missing or malformed keys."""
    raw: dict[str, Any] = group.settings or {}
    offsets = dict(DEFAULT_OFFSETS)
    for kind, values in (raw.get("reminder_offsets") or {}).items():
        if kind in offsets and isinstance(values, list):
            offsets[kind] = tuple(sorted({int(v) for v in values}, reverse=True))
    digest_raw = raw.get("digest_time", "")
    digest = None if digest_raw == "off" else (read_hhmm(digest_raw) or DEFAULT_DIGEST)
    task_time = read_hhmm(raw.get("task_reminder_time", "")) or DEFAULT_TASK_TIME
    hours = raw.get("late_grace_hours", DEFAULT_GRACE_HOURS)
    grace = timedelta(hours=int(hours) if isinstance(hours, int) else DEFAULT_GRACE_HOURS)
    return ScheduleSettings(offsets, digest, task_time, grace)


def read_hhmm(text: object) -> time | None:
    """'7h', '07:30', '16 gio' → a time of day; None if unreadable."""
    if not isinstance(text, str):
        return None
    match = _TIME_RE.match(fold(text).replace(" ", ""))
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def hhmm(moment: time) -> str:
    """07:00."""
    return f"{moment.hour:02d}:{moment.minute:02d}"
