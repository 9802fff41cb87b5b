"""/thanhtoan <số> xuat: the whole file for the kế toán in two attachments (.xlsx and .zip)."""

from __future__ import annotations

from bot.chat.messages import Document, Reply
from bot.chat.transport import Messenger
from bot.core.context import Context, Services
from handlers import claims_text as T
from handlers.claims_budget import estimate_for
from handlers.claims_common import names_of
from handlers.claims_export import ClaimExport, build_export
from handlers.claims_xlsx import claim_workbook
from handlers.claims_zip import claim_zip
from storage.claims import Claim
from storage.events import Event
from storage.models import Group

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MIME = "application/zip"


EXPORT_TAG = "claim-export"  # the "fetching the files" message, once sent, starts the download


async def handover_replies(ctx: Context, group: Group, event: Event, claim: Claim) -> list[Reply]:
    """The workbook, then (once that is sent) the archive, in parts if the platform limits
    uploads, then what could not be included, if anything.

    Downloading the files is a network call, so it never runs while the request is handled
    (inside its transaction): the "fetching" message carries EXPORT_TAG, and when the outbox
    has sent it, export_delivered downloads the files and sends the archive.
    """
    if not ctx.messenger.capabilities.documents:
        return [Reply(text=T.EXPORT_NO_DOCUMENTS)]
    export, why_not = await _export(ctx.services, group, event, claim)
    number = event.number
    missing = len(export.missing)
    items = len(export.rows)
    caption = (
        T.EXPORT_XLSX_CAPTION.format(number=number, missing=missing, total=items)
        if missing
        else T.EXPORT_XLSX_COMPLETE.format(number=number, total=items)
    )
    fetching: list[Reply] = []
    if export.files:
        # Downloading can take a while: say so first; the archive follows once this is sent.
        fetching.append(
            Reply(
                text=T.EXPORT_FETCHING.format(count=len(export.files)),
                tag=f"{EXPORT_TAG}:{claim.id}",
            )
        )
    replies = [
        *fetching,
        Reply(
            text=caption,
            document=Document(
                T.EXPORT_XLSX_NAME.format(number=number),
                claim_workbook(export, why_not),
                XLSX_MIME,
            ),
        ),
    ]
    if not export.files:
        replies.append(Reply(text=T.EXPORT_NO_FILES.format(number=number)))
    return replies


async def _export(
    services: Services, group: Group, event: Event, claim: Claim
) -> tuple[ClaimExport, str]:
    """The export of a claim as it stands, and why there is no estimate (if there is none)."""
    items = await services.claims.claims.items(claim.id)
    attachments = await services.claims.files.attachments(claim.id)
    people = [i.done_by for i in items if i.done_by] + [a.sender_id for a in attachments]
    estimate, why_not = await estimate_for(services, group, event)
    export = build_export(
        group_name=group.name,
        event_title=event.title,
        event_start=event.starts_at,
        deadline=claim.deadline,
        items=items,
        attachments=attachments,
        names=await names_of(services, group, people),
        zone=group.timezone,
        estimate=estimate,
    )
    return export, why_not


async def export_delivered(
    services: Services, messenger: Messenger, chat_id: str, tag: str, message_id: str
) -> list[Reply]:
    """The "fetching" message is out: download the files (outside any transaction) and send
    the archive, in parts if the platform limits uploads, then what could not be included."""
    claim = await services.claims.claims.by_id(int(tag.split(":", 1)[1]))
    if claim is None:
        return []
    event = await services.events.by_id(claim.event_id)
    group = await services.groups.by_id(claim.group_id)
    if event is None or group is None:
        return []
    export, _ = await _export(services, group, event, claim)
    number = event.number
    archive = await claim_zip(
        export.files, messenger.download, max_bytes=messenger.capabilities.max_upload
    )
    replies: list[Reply] = []
    parts = len(archive.parts)
    for index, part in enumerate(archive.parts, start=1):
        name = (
            T.EXPORT_ZIP_NAME.format(number=number)
            if parts == 1
            else T.EXPORT_ZIP_PART_NAME.format(number=number, part=index, parts=parts)
        )
        replies.append(
            Reply(
                text=T.EXPORT_ZIP_CAPTION.format(count=archive.included, number=number)
                if index == 1
                else "",
                document=Document(name, part, ZIP_MIME),
            )
        )
    if archive.missing:
        names = "\n".join(f"• {m.file.zip_name} ({m.reason})" for m in archive.missing)
        replies.append(
            Reply(text=T.EXPORT_MISSING.format(count=len(archive.missing), names=names))
        )
    return replies
