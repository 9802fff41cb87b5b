"""The .zip of every file attached to a claim, named by item, fetched from the chat platform.

The bytes are not stored by the bot: `fetch` downloads one file by its platform id. Files are
fetched a few at a time and written in checklist order. When the files do not fit in one
archive under max_bytes (a platform's upload limit), the archive is split into parts, each
under the limit. A file that cannot be fetched, or that alone is larger than the limit, is left
out and named in a text file inside the (last) archive and in the result, so the kế toán and
the chuyên viên both see what is missing.
"""

from __future__ import annotations

import asyncio
import zipfile
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from io import BytesIO

from handlers import claims_doc_text as text
from handlers.claims_export import ExportFile

Fetch = Callable[[str], Awaitable[bytes]]
# Already compressed: deflating them again costs time and saves nothing.
_STORED_SUFFIXES = (".jpg", ".jpeg", ".png", ".pdf", ".zip", ".docx", ".xlsx", ".mp4", ".heic")
FETCH_AT_ONCE = 8


@dataclass(frozen=True)
class MissingFile:
    """A file left out of the archive, and why."""

    file: ExportFile
    reason: str


@dataclass(frozen=True)
class ClaimZip:
    """The archive (in one or more parts) and what could not be put in it."""

    parts: tuple[bytes, ...]
    included: int
    missing: tuple[MissingFile, ...]


# Room kept under max_bytes for the zip's directory and the note of missing files.
_RESERVE = 64 * 1024


class _Parts:
    """Archives written one after another, a new one when the next file would not fit."""

    def __init__(self, max_bytes: int | None) -> None:
        self.max_bytes = max_bytes
        self.done: list[bytes] = []
        self._buffer = BytesIO()
        self._archive: zipfile.ZipFile | None = None

    def fits_alone(self, size: int) -> bool:
        return self.max_bytes is None or size + _RESERVE <= self.max_bytes

    def add(self, name: str, data: bytes) -> None:
        if (
            self._archive is not None
            and self.max_bytes is not None
            and self._buffer.tell() + len(data) + _RESERVE > self.max_bytes
        ):
            self._finish()
        self._open().writestr(name, data, compress_type=_compression(name))

    def close(self, note: str | None) -> tuple[bytes, ...]:
        if note is not None:
            self._open().writestr(text.ZIP_MISSING_FILE, note)
        if self._archive is not None or not self.done:
            self._open()
            self._finish()
        return tuple(self.done)

    def abandon(self) -> None:
        if self._archive is not None:
            self._archive.close()
            self._archive = None

    def _open(self) -> zipfile.ZipFile:
        if self._archive is None:
            self._buffer = BytesIO()
            self._archive = zipfile.ZipFile(self._buffer, "w")
        return self._archive

    def _finish(self) -> None:
        assert self._archive is not None
        self._archive.close()
        self._archive = None
        self.done.append(self._buffer.getvalue())


async def claim_zip(
    files: Sequence[ExportFile],
    fetch: Fetch,
    *,
    max_bytes: int | None = None,
    at_once: int = FETCH_AT_ONCE,
) -> ClaimZip:
    """Fetch every file and pack it under its zip_name.

    Args:
        files: in the order they go into the archive (ExportFile.zip_name must be unique).
        fetch: downloads one file's bytes by platform file id; any exception marks it missing.
        max_bytes: no part may be larger than this; a file larger on its own is left out.
        at_once: how many downloads run together.
    """
    parts = _Parts(max_bytes)
    missing: list[MissingFile] = []
    included = 0
    try:
        for start in range(0, len(files), at_once):
            batch = files[start : start + at_once]
            results = await _fetch_batch(batch, fetch)
            for file, result in zip(batch, results, strict=True):
                if isinstance(result, Exception):
                    missing.append(MissingFile(file, text.ZIP_REASON_FETCH))
                elif not parts.fits_alone(len(result)):
                    missing.append(MissingFile(file, text.ZIP_REASON_TOO_BIG))
                else:
                    parts.add(file.zip_name, result)
                    included += 1
    except BaseException:
        parts.abandon()
        raise
    note = _missing_note(missing) if missing else None
    return ClaimZip(parts.close(note), included, tuple(missing))


async def _fetch_batch(batch: Sequence[ExportFile], fetch: Fetch) -> list[bytes | Exception]:
    results = await asyncio.gather(
        *(fetch(f.platform_file_id) for f in batch), return_exceptions=True
    )
    for result in results:
        if isinstance(result, BaseException) and not isinstance(result, Exception):
            raise result  # cancellation and the like are not a missing file
    return results  # type: ignore[return-value]


def _compression(name: str) -> int:
    stored = name.lower().endswith(_STORED_SUFFIXES)
    return zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED


def _missing_note(missing: Sequence[MissingFile]) -> str:
    lines = [text.ZIP_MISSING_HEADER]
    lines += [
        text.ZIP_MISSING_LINE.format(
            name=m.file.zip_name, sender=m.file.sender, when=m.file.sent_at, reason=m.reason
        )
        for m in missing
    ]
    return "\n".join(lines) + "\n"
