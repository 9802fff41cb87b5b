"""Button data, checked field by field before any handler (or the database) sees it.

Callback data comes back from the platform as the user's client sends it, so it can be forged:
a number too large for SQLite, a minute count no calendar holds, digits from another script
('²' passes str.isdigit, not int). A button route declares its fields; the router parses the
data against them and refuses anything else with "Nút này không còn hiệu lực". Routes that
declare nothing still get the generic check (`plain_fields`): printable ASCII, and every
numeric field within MAX_NUMBER.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

MAX_DATA = 64  # Telegram's limit on callback data, in bytes
MAX_NUMBER = 2**53 - 1  # every id or count we put in a button is far below this
_ASCII_DIGITS = re.compile(r"[0-9]{1,16}")
_TOKEN = re.compile(r"[A-Za-z0-9_.\-]{1,64}")  # "." joins a person key (storage/people.py)
_PRINTABLE = re.compile(r"[\x21-\x7e]{1,64}")


class Field(Protocol):
    """One ':'-separated field of button data."""

    def parse(self, raw: str) -> object | None:
        """The value, or None when the field is not valid."""
        ...


def _number(raw: str) -> int | None:
    if not _ASCII_DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if value <= MAX_NUMBER else None


@dataclass(frozen=True)
class Id:
    """A row id: ASCII digits, 1 … MAX_NUMBER."""

    def parse(self, raw: str) -> object | None:
        """The id, or None."""
        value = _number(raw)
        return value if value is not None and value >= 1 else None


@dataclass(frozen=True)
class Number:
    """A whole number within [low, high]."""

    low: int
    high: int

    def parse(self, raw: str) -> object | None:
        """The number, or None."""
        value = _number(raw)
        return value if value is not None and self.low <= value <= self.high else None


@dataclass(frozen=True)
class Choice:
    """One of a few fixed words."""

    values: tuple[str, ...]

    def parse(self, raw: str) -> object | None:
        """The word, or None."""
        return raw if raw in self.values else None


@dataclass(frozen=True)
class Token:
    """A platform's opaque id (a user id): letters, digits, '_' and '-'."""

    def parse(self, raw: str) -> object | None:
        """The token, or None."""
        return raw if _TOKEN.fullmatch(raw) else None


@dataclass(frozen=True)
class Either:
    """The first of several fields that accepts the value."""

    options: tuple[Field, ...]

    def parse(self, raw: str) -> object | None:
        """The first option's value, or None."""
        for option in self.options:
            value = option.parse(raw)
            if value is not None:
                return value
        return None


def unix_minutes(first_year: int = 2000, last_year: int = 2100) -> Number:
    """Minutes since 1970 that fall within these years (a deadline sent in a button)."""
    low = datetime(first_year, 1, 1, tzinfo=UTC).timestamp() // 60
    high = datetime(last_year, 12, 31, tzinfo=UTC).timestamp() // 60
    return Number(int(low), int(high))


def parse_fields(data: str, fields: tuple[Field, ...]) -> tuple[object, ...] | None:
    """The values of the fields after the prefix, or None if the data does not fit them."""
    if not _PRINTABLE.fullmatch(data) or len(data.encode()) > MAX_DATA:
        return None
    parts = data.split(":")[1:]
    if len(parts) != len(fields):
        return None
    values = tuple(field.parse(raw) for field, raw in zip(fields, parts, strict=True))
    return None if any(value is None for value in values) else values


def plain_fields(data: str) -> tuple[str, ...] | None:
    """The generic check for routes that declare no fields: the raw fields, or None."""
    if not _PRINTABLE.fullmatch(data) or len(data.encode()) > MAX_DATA:
        return None
    parts = tuple(data.split(":")[1:])
    for part in parts:
        if part.isdigit() and _number(part) is None:
            return None
    return parts
