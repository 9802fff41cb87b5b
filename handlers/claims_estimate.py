"""The budget estimate (dự trù kinh phí) of an event: rate × quantity per line, in whole đồng.

Pure: the caller gives the rate table in force, the counts known about the event (confirmed
attendees) and the quantities the chuyên viên set by hand; nothing here reads the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from handlers.claims_rates import RateItem, RateTable

# Counts the chuyên viên may set for the whole estimate; "members" follows from attendees.
SETTABLE_FACTORS = ("attendees", "staff", "sessions", "venues")
LINE_PREFIX = "line:"
FACTOR_PREFIX = "factor:"


def line_key(code: str) -> str:
    """The stored key of a quantity set by hand for one line."""
    return LINE_PREFIX + code


def factor_key(name: str) -> str:
    """The stored key of a count set by hand for the whole estimate."""
    return FACTOR_PREFIX + name


@dataclass(frozen=True)
class Factors:
    """The counts every line can be multiplied by.

    Attributes:
        attendees: delegates who confirmed attending (Tham dự).
        staff: support staff (cán bộ phục vụ); nobody knows it until the chuyên viên says.
        sessions: half-day sessions (buổi).
        venues: places (điểm) where the activity is held.
    """

    attendees: int
    staff: int = 0
    sessions: int = 1
    venues: int = 1

    @property
    def members(self) -> int:
        """Attendees other than the one who chairs or heads the team."""
        return max(self.attendees - 1, 0)

    def value(self, name: str) -> int:
        """The count called name in the rate files."""
        if name == "members":
            return self.members
        return int(getattr(self, name))


@dataclass(frozen=True)
class EstimateLine:
    """One line: the rate item, its unit rate, the quantity and the amount."""

    number: int
    code: str
    name: str
    unit: str
    rate: int
    quantity: int
    amount: int
    set_by_hand: bool


@dataclass(frozen=True)
class Estimate:
    """The estimate of an event of one kind under one rate table."""

    table: RateTable
    kind: str
    factors: Factors
    factors_set_by_hand: frozenset[str]
    lines: tuple[EstimateLine, ...]

    @property
    def total(self) -> int:
        """The sum of the amounts, in đồng (exact: integers only)."""
        return sum(line.amount for line in self.lines)


def default_quantity(item: RateItem, factors: Factors) -> int:
    """The quantity a line gets from the rate file: the product of its factors."""
    quantity = 1
    for part in item.quantity:
        quantity *= part if isinstance(part, int) else factors.value(part)
    return quantity


def compute_estimate(
    table: RateTable, kind: str, factors: Factors, quantities: Mapping[str, int]
) -> Estimate:
    """The estimate of an activity of this kind.

    Args:
        table: the rate table in force on the day of the activity.
        kind: the claim kind (txct, giamsat, …); only its lines are counted.
        factors: the counts known about the event.
        quantities: what the chuyên viên set by hand, by line_key / factor_key; keys of lines
            no longer in the table are ignored.
    """
    by_hand = {name for name in SETTABLE_FACTORS if factor_key(name) in quantities}
    factors = replace(factors, **{name: quantities[factor_key(name)] for name in by_hand})
    lines = []
    for number, item in enumerate(table.items_for(kind), start=1):
        key = line_key(item.code)
        quantity = quantities[key] if key in quantities else default_quantity(item, factors)
        lines.append(
            EstimateLine(
                number=number,
                code=item.code,
                name=item.name,
                unit=item.unit,
                rate=item.rate,
                quantity=quantity,
                amount=item.rate * quantity,
                set_by_hand=key in quantities,
            )
        )
    return Estimate(table, kind, factors, frozenset(by_hand), tuple(lines))
