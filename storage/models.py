"""Rows as frozen dataclasses: what repositories return."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo


class Role(StrEnum):
    """A member's role in a delegate group (Tổ đại biểu)."""

    CHUYEN_VIEN = "chuyenvien"
    TO_TRUONG = "totruong"
    TO_PHO = "topho"
    DAI_BIEU = "daibieu"
    THANH_VIEN = "thanhvien"  # recorded from the chat, role not given yet


@dataclass(frozen=True)
class Group:
    """A registered delegate group bound to one chat."""

    id: int
    platform: str
    chat_id: str
    name: str
    timezone: ZoneInfo
    settings: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    registered_by: str = ""
    created_at: datetime | None = None


@dataclass(frozen=True)
class Member:
    """A person recorded in a group, with their role."""

    id: int
    group_id: int
    user_id: str
    display_name: str
    username: str | None
    role: Role
    active: bool
    joined_at: datetime
    last_seen_at: datetime

    @property
    def mention(self) -> str:
        """How to name them in a message: @username, else their name (plain text)."""
        return f"@{self.username}" if self.username else self.display_name


@dataclass(frozen=True)
class User:
    """A person across groups: where their direct messages go."""

    platform: str
    user_id: str
    display_name: str
    username: str | None
    dm_chat_id: str | None
    dm_blocked: bool

    @property
    def mention(self) -> str:
        """How to name them in a message: @username, else their name (plain text)."""
        return f"@{self.username}" if self.username else self.display_name

    @property
    def reachable_by_dm(self) -> bool:
        """True when the person started the bot and has not blocked it."""
        return self.dm_chat_id is not None and not self.dm_blocked
