"""The repositories of the claims feature, built together on one database."""

from __future__ import annotations

from dataclasses import dataclass

from storage.claim_files import ClaimFileStore
from storage.claim_templates import EstimateQuantityStore, TemplateStore
from storage.claims import ClaimStore
from storage.db import Database


@dataclass(frozen=True)
class ClaimStores:
    """Claims and their items, attached files, the groups' templates, estimate quantities."""

    claims: ClaimStore
    files: ClaimFileStore
    templates: TemplateStore
    quantities: EstimateQuantityStore

    @classmethod
    def of(cls, db: Database) -> ClaimStores:
        """Every claims repository on this database."""
        return cls(
            ClaimStore(db), ClaimFileStore(db), TemplateStore(db), EstimateQuantityStore(db)
        )
