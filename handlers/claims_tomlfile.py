"""Reading the claim data files (TOML) so that every error names the file and the line.

tomllib reports the line of a syntax error but forgets where a value came from once parsed; the
validators here ask a `TomlFile` for the line of a table, of a key inside a table, or of a value
inside an array, found by scanning the text the way the files are written (one key per line,
`[table]` and `[[array]]` headers on their own line).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from bot.config import ConfigError
from handlers import claims_doc_text as text

_HEADER_RE = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(#.*)?$")
_SYNTAX_LINE_RE = re.compile(r"at line (\d+)")


class DataFileError(ConfigError):
    """A shipped data file is wrong; the message names the file and, where known, the line.

    A ConfigError, so the command line prints it as one line and exits instead of a traceback.
    """

    def __init__(self, file: str, line: int | None, problem: str) -> None:
        self.file = file
        self.line = line
        self.problem = problem
        where = text.FILE_AT_LINE.format(file=file, line=line) if line else file
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class _Section:
    header: str | None  # None for the keys before the first header
    first: int  # 1-based line of the header (1 for the top section)
    last: int  # last line that belongs to the section


@dataclass(frozen=True)
class TomlFile:
    """A parsed TOML file that still knows its text, to point at lines."""

    name: str
    lines: list[str]
    data: dict[str, Any]
    _sections: list[_Section] = field(repr=False, default_factory=list)

    def section_line(self, header: str | None, index: int = 0) -> int | None:
        """The line of the index-th `[header]` / `[[header]]` (1 for the top-level keys)."""
        found = [s for s in self._sections if s.header == header]
        if index < len(found):
            return found[index].first
        return None

    def key_line(self, key: str, header: str | None = None, index: int = 0) -> int | None:
        """The line where `key = …` is written in the index-th section named header."""
        section = self._section(header, index)
        if section is None:
            return None
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number in range(section.first, section.last + 1):
            if pattern.match(self.lines[number - 1]):
                return number
        return None

    def value_line(
        self, needle: str, key: str, header: str | None = None, index: int = 0, nth: int = 0
    ) -> int | None:
        """The nth line at or after `key =` in the section that contains needle.

        Falls back to the line of `key =` when needle is not found (a value written in a way
        the scan does not recognise still gets a line near it).
        """
        section = self._section(header, index)
        start = self.key_line(key, header, index)
        if section is None or start is None:
            return start
        seen = 0
        for number in range(start, section.last + 1):
            if needle and needle in self.lines[number - 1]:
                if seen == nth:
                    return number
                seen += 1
        return start

    def error(
        self, problem: str, *, header: str | None = None, index: int = 0, key: str | None = None
    ) -> DataFileError:
        """An error pointing at the key if it is written, else at its section's header."""
        line = self.key_line(key, header, index) if key else None
        if line is None:
            line = self.section_line(header, index)
        return DataFileError(self.name, line, problem)

    def _section(self, header: str | None, index: int) -> _Section | None:
        found = [s for s in self._sections if s.header == header]
        return found[index] if index < len(found) else None


def read_toml(name: str, source: str) -> TomlFile:
    """Parse source (the text of the file called name) or raise DataFileError.

    Args:
        name: how the file is named in errors (its path inside the package).
        source: the file's text.

    Raises:
        DataFileError: the text is not valid TOML; the line is the parser's.
    """
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        match = _SYNTAX_LINE_RE.search(str(exc))
        line = int(match.group(1)) if match else None
        raise DataFileError(name, line, text.FILE_SYNTAX.format(detail=exc)) from exc
    lines = source.splitlines()
    return TomlFile(name, lines, data, _sections(lines))


def _sections(lines: list[str]) -> list[_Section]:
    starts: list[tuple[str | None, int]] = [(None, 1)]
    for number, line in enumerate(lines, start=1):
        match = _HEADER_RE.match(line)
        if match and not line.lstrip().startswith("#"):
            starts.append((match.group(1).strip().strip("\"'"), number))
    sections = []
    for position, (header, first) in enumerate(starts):
        last = starts[position + 1][1] - 1 if position + 1 < len(starts) else len(lines)
        sections.append(_Section(header, first, max(first, last)))
    return sections
