"""Rate tables (định mức chi) per province, read from claims_data/rates/*.toml.

Each file is one resolution of one province with its effective date; a province may have
several (a newer resolution replaces the older from its effective date). Rates are integers of
đồng: a float, a bool or a negative number is an error naming the file and the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

from handlers import claims_doc_text as text
from handlers.claims_templates import CLAIM_KINDS
from handlers.claims_tomlfile import DataFileError, TomlFile, read_toml

# Counts an estimate line can be multiplied by (see handlers/claims_estimate.py).
FACTORS = ("attendees", "members", "staff", "sessions", "venues")
RATES_FOLDER = "handlers/claims_data/rates"
_CODE_RE = re.compile(r"^[a-z0-9_]+$")
_TABLE_KEYS = ("province", "province_name", "resolution", "effective", "example", "kinds", "items")
_ITEM_KEYS = ("code", "name", "unit", "rate", "quantity", "kinds")
_ITEMS = "items"

Quantity = tuple[int | str, ...]  # factors multiplied together; () means 1


@dataclass(frozen=True)
class RateItem:
    """One line of a rate table."""

    code: str
    name: str
    unit: str
    rate: int
    quantity: Quantity
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class RateTable:
    """The rates of one resolution of one province."""

    file: str
    province: str
    province_name: str
    resolution: str
    effective: date
    example: bool
    items: tuple[RateItem, ...]

    def items_for(self, kind: str) -> list[RateItem]:
        """The lines that apply to an activity kind, in file order."""
        return [item for item in self.items if kind in item.kinds]


def load_rate_tables() -> list[RateTable]:
    """Every shipped rate table, validated (raises DataFileError naming file and line)."""
    folder = resources.files("handlers") / "claims_data" / "rates"
    files = sorted((e for e in folder.iterdir() if e.name.endswith(".toml")), key=lambda e: e.name)
    return check_tables(
        parse_rate_table(read_toml(f"{RATES_FOLDER}/{e.name}", e.read_text("utf-8")))
        for e in files
    )


def check_tables(tables: Iterable[RateTable]) -> list[RateTable]:
    """Refuse two tables of one province in force from the same day (which one would apply?)."""
    seen: dict[tuple[str, date], RateTable] = {}
    for table in tables:
        other = seen.get((table.province, table.effective))
        if other is not None:
            problem = text.FILE_DUPLICATE_TABLE.format(
                province=table.province, effective=table.effective.isoformat(), other=other.file
            )
            raise DataFileError(table.file, None, problem)
        seen[(table.province, table.effective)] = table
    return sorted(seen.values(), key=lambda t: (t.province, t.effective))


def table_in_force(
    tables: Sequence[RateTable], province: str, kind: str, on: date
) -> RateTable | None:
    """The newest table of the province in force on that day with lines for that kind."""
    candidates = [
        t for t in tables if t.province == province and t.effective <= on and t.items_for(kind)
    ]
    return max(candidates, key=lambda t: t.effective) if candidates else None


def provinces(tables: Iterable[RateTable]) -> dict[str, str]:
    """Province code → name, for the /caidat choice."""
    return {t.province: t.province_name for t in tables}


def parse_rate_table(file: TomlFile) -> RateTable:
    """Validate one rate file.

    Raises:
        DataFileError: naming the file and the line of the first problem found.
    """
    data = file.data
    _known_keys(file, data, _TABLE_KEYS, None, 0)
    province = _code(file, data, "province", None, 0)
    province_name = _text(file, data, "province_name", None, 0)
    resolution = _text(file, data, "resolution", None, 0)
    effective = data.get("effective")
    if not isinstance(effective, date):
        problem = text.FILE_NOT_DATE.format(key="effective")
        if "effective" not in data:
            problem = text.FILE_MISSING_KEY.format(key="effective")
        raise file.error(problem, key="effective")
    example = data.get("example", False)
    if not isinstance(example, bool):
        raise file.error(text.FILE_NOT_BOOL.format(key="example"), key="example")
    default_kinds = _kinds(file, data, None, 0, ())
    entries = data.get(_ITEMS)
    if not isinstance(entries, list) or not entries:
        raise file.error(text.FILE_NO_ITEMS)
    items: list[RateItem] = []
    for index, entry in enumerate(entries):
        item = _item(file, entry, index, default_kinds)
        if any(i.code == item.code for i in items):
            raise file.error(
                text.FILE_DUPLICATE_CODE.format(code=item.code),
                header=_ITEMS,
                index=index,
                key="code",
            )
        items.append(item)
    return RateTable(
        file.name, province, province_name, resolution, effective, example, tuple(items)
    )


def _item(file: TomlFile, entry: Any, index: int, default_kinds: tuple[str, ...]) -> RateItem:
    _known_keys(file, entry, _ITEM_KEYS, _ITEMS, index)
    code = _code(file, entry, "code", _ITEMS, index)
    name = _text(file, entry, "name", _ITEMS, index)
    unit = _text(file, entry, "unit", _ITEMS, index)

    def fail(problem: str, key: str | None) -> DataFileError:
        return file.error(problem, header=_ITEMS, index=index, key=key)

    if "rate" not in entry:
        raise fail(text.FILE_RATE_MISSING.format(code=code), None)
    rate = entry["rate"]
    if isinstance(rate, bool) or not isinstance(rate, int):
        raise fail(text.FILE_RATE_NOT_INT.format(code=code), "rate")
    if rate < 0:
        raise fail(text.FILE_RATE_NEGATIVE.format(code=code, rate=rate), "rate")
    quantity = _quantity(entry.get("quantity", 1))
    if quantity is None:
        factors = ", ".join(FACTORS)
        raise fail(text.FILE_BAD_QUANTITY.format(code=code, factors=factors), "quantity")
    kinds = _kinds(file, entry, _ITEMS, index, default_kinds)
    if not kinds:
        raise fail(text.FILE_NO_KINDS.format(code=code), "code")
    return RateItem(code, name, unit, rate, quantity, kinds)


def _quantity(value: Any) -> Quantity | None:
    parts = value if isinstance(value, list) else [value]
    for part in parts:
        if isinstance(part, bool):
            return None
        if isinstance(part, int) and part < 0:
            return None
        if not isinstance(part, int) and part not in FACTORS:
            return None
    return tuple(parts)


def _known_keys(
    file: TomlFile, table: Any, allowed: tuple[str, ...], header: str | None, index: int
) -> None:
    if not isinstance(table, dict):
        raise file.error(text.FILE_NOT_TABLE, header=header, index=index)
    for key in table:
        if key not in allowed:
            problem = text.FILE_UNKNOWN_KEY.format(key=key, allowed=", ".join(allowed))
            raise file.error(problem, header=header, index=index, key=key)


def _text(file: TomlFile, table: dict[str, Any], key: str, header: str | None, index: int) -> str:
    value = table.get(key)
    if key not in table:
        raise file.error(text.FILE_MISSING_KEY.format(key=key), header=header, index=index)
    if not isinstance(value, str) or not value.strip():
        raise file.error(text.FILE_NOT_TEXT.format(key=key), header=header, index=index, key=key)
    return " ".join(value.split())


def _code(file: TomlFile, table: dict[str, Any], key: str, header: str | None, index: int) -> str:
    value = _text(file, table, key, header, index)
    if not _CODE_RE.match(value):
        raise file.error(text.FILE_NOT_CODE.format(key=key), header=header, index=index, key=key)
    return value


def _kinds(
    file: TomlFile,
    table: dict[str, Any],
    header: str | None,
    index: int,
    default: tuple[str, ...],
) -> tuple[str, ...]:
    if "kinds" not in table:
        return default
    value = table["kinds"]
    if not isinstance(value, list):
        raise file.error(text.FILE_NOT_LIST.format(key="kinds"), header=header, index=index)
    for kind in value:
        if kind not in CLAIM_KINDS:
            problem = text.FILE_UNKNOWN_KIND.format(kind=kind, allowed=", ".join(CLAIM_KINDS))
            raise file.error(problem, header=header, index=index, key="kinds")
    return tuple(value)
