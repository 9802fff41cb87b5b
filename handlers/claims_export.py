"""What the kế toán receives for a claim, assembled once for the .xlsx and the .zip builders.

Pure: the handler reads the claim, its items and files, the members' names and the estimate,
and this module decides the rows, the wording of each cell and the name of each file in the
.zip, so the workbook's "Tệp" column and the archive always agree.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

from handlers import claims_text as text
from handlers.claims_estimate import Estimate
from storage.claim_files import Attachment
from storage.claims import ClaimItem

_UNSAFE_RE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
NAME_LIMIT = 80  # characters of the item name kept in a file name (Windows paths are short)
_EXTENSIONS = {"image/jpeg": ".jpg", "application/pdf": ".pdf"}


@dataclass(frozen=True)
class ExportFile:
    """One attached file and its name inside the .zip."""

    zip_name: str
    platform_file_id: str
    sender: str
    sent_at: str


@dataclass(frozen=True)
class ExportRow:
    """One item of the checklist as the workbook shows it."""

    position: int
    phase: str
    name: str
    done: bool
    who: str
    when: str
    link: str
    files: tuple[ExportFile, ...]


@dataclass(frozen=True)
class ClaimExport:
    """Everything both documents of one claim show."""

    group_name: str
    event_title: str
    event_when: str
    deadline: str
    rows: tuple[ExportRow, ...]
    estimate: Estimate | None

    @property
    def missing(self) -> list[ExportRow]:
        """Items not ticked yet."""
        return [row for row in self.rows if not row.done]

    @property
    def files(self) -> list[ExportFile]:
        """Every file, in checklist order."""
        return [file for row in self.rows for file in row.files]


def build_export(
    *,
    group_name: str,
    event_title: str,
    event_start: datetime,
    deadline: datetime,
    items: Sequence[ClaimItem],
    attachments: Sequence[Attachment],
    names: Mapping[str, str],
    zone: ZoneInfo,
    estimate: Estimate | None,
) -> ClaimExport:
    """Assemble the export of a claim.

    Args:
        names: display names by user id (people who ticked or sent files); unknown ids are
            shown as they are, the feature that ticks by itself under its own label.
    """

    def who(user_id: str | None) -> str:
        if user_id is None:
            return ""
        return text.PRODUCED_BY.get(user_id) or names.get(user_id, user_id)

    def local(moment: datetime | None) -> str:
        return moment.astimezone(zone).strftime("%H:%M %d/%m/%Y") if moment else ""

    rows = []
    for item in items:
        own = [a for a in attachments if a.position == item.position]
        files = tuple(
            ExportFile(
                zip_name=zip_name(item, number, len(own), a),
                platform_file_id=a.platform_file_id,
                sender=who(a.sender_id),
                sent_at=local(a.sent_at),
            )
            for number, a in enumerate(own, start=1)
        )
        rows.append(
            ExportRow(
                position=item.position,
                phase=text.PHASES[item.phase],
                name=item.name,
                done=item.done,
                who=who(item.done_by),
                when=local(item.done_at),
                link=item.link or "",
                files=files,
            )
        )
    return ClaimExport(
        group_name=group_name,
        event_title=event_title,
        event_when=local(event_start),
        deadline=local(deadline),
        rows=tuple(rows),
        estimate=estimate,
    )


def zip_name(item: ClaimItem, number: int, count: int, attachment: Attachment) -> str:
    """'03 Danh sách ký nhận (2).pdf': the item's number and name, the file's own extension."""
    name = " ".join(_UNSAFE_RE.sub(" ", item.name).split())[:NAME_LIMIT].rstrip(" .")
    suffix = f" ({number})" if count > 1 else ""
    return f"{item.position:02d} {name}{suffix}{_extension(attachment)}"


def _extension(attachment: Attachment) -> str:
    if attachment.file_name:
        suffix = PurePosixPath(attachment.file_name).suffix.lower()
        if 1 < len(suffix) <= 6 and suffix[1:].isalnum():
            return suffix
    mime = attachment.mime_type
    if mime:
        return _EXTENSIONS.get(mime) or mimetypes.guess_extension(mime) or ".bin"
    # Photos come without a name or type; platforms send them as JPEG.
    return ".jpg" if attachment.file_name is None else ".bin"
