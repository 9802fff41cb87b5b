"""The shipped claim data (default checklists, rate tables), loaded and validated once.

`register` in handlers/claims.py calls `catalog()` while the router is built, so a wrong data
file stops the bot at start-up with an error naming the file and the line, never later in the
middle of a conversation.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from handlers.claims_rates import RateTable, load_rate_tables, provinces
from handlers.claims_templates import Checklist, load_default_checklists


@dataclass(frozen=True)
class Catalog:
    """The default checklist of each kind and every province's rate tables."""

    checklists: dict[str, Checklist]
    rate_tables: tuple[RateTable, ...]

    @property
    def provinces(self) -> dict[str, str]:
        """Province code → name, for /caidat tinh."""
        return provinces(self.rate_tables)


@functools.cache
def catalog() -> Catalog:
    """The shipped data, read and validated on the first call (raises DataFileError)."""
    return Catalog(load_default_checklists(), tuple(load_rate_tables()))
