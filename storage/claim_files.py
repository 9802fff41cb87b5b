"""Files attached to claim items as evidence, and the chat messages that show a checklist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.claims import Claim, claim_from_row, item_of_open_claim
from storage.db import Database
from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class Attachment:
    """A file sent in the chat as evidence for an item (the bytes stay on the platform)."""

    id: int
    position: int  # of the item
    platform_file_id: str
    file_name: str | None
    mime_type: str | None
    sender_id: str
    message_id: str | None
    sent_at: datetime


class ClaimFileStore:
    """Attachments of claim items and the messages showing a claim (replies attach to it)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def attach(
        self,
        claim_id: int,
        position: int,
        *,
        platform_file_id: str,
        file_name: str | None,
        mime_type: str | None,
        sender_id: str,
        message_id: str | None,
        now: datetime,
    ) -> Attachment | None:
        """Link a file to an item; None if that file was already linked to it.

        Raises:
            ClaimClosedError, ClaimItemNotFoundError: nothing is changed.
        """
        async with self._db.transaction() as conn:
            item = await item_of_open_claim(self._db, claim_id, position)
            cursor = await conn.execute(
                "INSERT INTO claim_attachments (item_id, platform_file_id, file_name, mime_type,"
                " sender_id, message_id, sent_at) VALUES (?,?,?,?,?,?,?)"
                " ON CONFLICT (item_id, platform_file_id) DO NOTHING",
                (
                    item.id,
                    platform_file_id,
                    file_name,
                    mime_type,
                    sender_id,
                    message_id,
                    to_db(now),
                ),
            )
            if cursor.rowcount == 0:
                return None
            attachment_id = int(cursor.lastrowid or 0)
        return next(a for a in await self.attachments(claim_id) if a.id == attachment_id)

    async def attachments(self, claim_id: int) -> list[Attachment]:
        """Every file of the claim, by item then in the order sent."""
        rows = await self._db.fetchall(
            "SELECT a.*, i.position FROM claim_attachments a"
            " JOIN claim_items i ON i.id = a.item_id WHERE i.claim_id = ?"
            " ORDER BY i.position, a.id",
            (claim_id,),
        )
        return [
            Attachment(
                id=r["id"],
                position=r["position"],
                platform_file_id=r["platform_file_id"],
                file_name=r["file_name"],
                mime_type=r["mime_type"],
                sender_id=r["sender_id"],
                message_id=r["message_id"],
                sent_at=from_db(r["sent_at"]),
            )
            for r in rows
        ]

    async def remember_message(self, claim_id: int, chat_id: str, message_id: str) -> None:
        """A message now shows the claim's checklist: replies to it attach to this claim."""
        await self._db.execute(
            "INSERT OR REPLACE INTO claim_messages (chat_id, message_id, claim_id) VALUES (?,?,?)",
            (chat_id, message_id, claim_id),
        )

    async def claim_of_message(self, chat_id: str, message_id: str) -> Claim | None:
        """The claim a checklist message shows, if it is one."""
        row = await self._db.fetchone(
            "SELECT c.* FROM claim_messages m JOIN claims c ON c.id = m.claim_id"
            " WHERE m.chat_id = ? AND m.message_id = ?",
            (chat_id, message_id),
        )
        return claim_from_row(row) if row else None
