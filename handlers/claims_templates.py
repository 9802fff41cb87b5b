"""The default checklist of each activity kind, read from claims_data/checklists.toml."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

from handlers import claims_doc_text as text
from handlers.claims_tomlfile import DataFileError, TomlFile, read_toml
from storage.claim_templates import PHASES, TemplateItem

# The kinds a claim (and a checklist template) can be of; "congtacphi" is a trip of one person.
CLAIM_KINDS = ("txct", "giamsat", "khaosat", "hop", "congtacphi")
# What an event of each kind (storage/events.py EVENT_KINDS) is claimed as.
CLAIM_KIND_OF_EVENT = {
    "txct": "txct",
    "giamsat": "giamsat",
    "khaosat": "khaosat",
    "hop": "hop",
    "khac": "congtacphi",
}
# Papers another feature produces, so the claim can tick them by itself.
AUTO_SOURCES = ("minutes",)
ITEM_NAME_LIMIT = 200
CHECKLISTS_FILE = "handlers/claims_data/checklists.toml"
_KIND_KEYS = ("name", *PHASES)


@dataclass(frozen=True)
class Checklist:
    """The default checklist of one activity kind."""

    kind: str
    name: str
    items: tuple[TemplateItem, ...]


def load_default_checklists() -> dict[str, Checklist]:
    """The shipped checklists, validated (raises DataFileError naming file and line)."""
    source = (resources.files("handlers") / "claims_data" / "checklists.toml").read_text("utf-8")
    return parse_checklists(read_toml(CHECKLISTS_FILE, source))


def parse_checklists(file: TomlFile) -> dict[str, Checklist]:
    """Validate a checklists file: every kind present, known keys, at least one item each.

    Raises:
        DataFileError: naming the file and the line of the first problem found.
    """
    for kind in file.data:
        if kind not in CLAIM_KINDS:
            raise file.error(
                text.FILE_UNKNOWN_KIND.format(kind=kind, allowed=", ".join(CLAIM_KINDS)),
                header=kind,
                key=kind,
            )
    checklists = {}
    for kind in CLAIM_KINDS:
        if kind not in file.data:
            raise file.error(text.FILE_MISSING_KIND.format(kind=kind))
        checklists[kind] = _checklist(file, kind, file.data[kind])
    return checklists


def _checklist(file: TomlFile, kind: str, table: Any) -> Checklist:
    if not isinstance(table, dict):
        raise file.error(text.FILE_NOT_LIST.format(key=kind), key=kind)
    for key in table:
        if key not in _KIND_KEYS:
            allowed = ", ".join(_KIND_KEYS)
            raise file.error(
                text.FILE_UNKNOWN_KEY.format(key=key, allowed=allowed), header=kind, key=key
            )
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise file.error(text.FILE_NOT_TEXT.format(key="name"), header=kind, key="name")
    items: list[TemplateItem] = []
    for phase in PHASES:
        entries = table.get(phase, [])
        if not isinstance(entries, list):
            raise file.error(text.FILE_NOT_LIST.format(key=phase), header=kind, key=phase)
        items.extend(_item(file, kind, phase, entry) for entry in entries)
    if not items:
        raise file.error(text.FILE_EMPTY_CHECKLIST.format(kind=kind), header=kind)
    seen: list[TemplateItem] = []
    for item in items:
        earlier = [s for s in seen if s.name.casefold() == item.name.casefold()]
        if earlier:
            # Point at the repeated line, not the first one: skip the earlier ones in its list.
            nth = sum(1 for s in earlier if s.phase == item.phase)
            line = file.value_line(item.name, item.phase, kind, nth=nth)
            problem = text.FILE_DUPLICATE_ITEM.format(name=item.name, kind=kind)
            raise DataFileError(file.name, line, problem)
        seen.append(item)
    return Checklist(kind, name.strip(), tuple(items))


def _item(file: TomlFile, kind: str, phase: str, entry: Any) -> TemplateItem:
    def fail(problem: str, needle: str = "") -> DataFileError:
        return DataFileError(file.name, file.value_line(needle, phase, kind), problem)

    if isinstance(entry, str):
        name, auto = entry, None
    elif isinstance(entry, dict):
        unknown = [key for key in entry if key not in ("name", "auto")]
        if unknown:
            allowed = "name, auto"
            needle = f"{unknown[0]} ="
            raise fail(text.FILE_UNKNOWN_KEY.format(key=unknown[0], allowed=allowed), needle)
        name, auto = entry.get("name"), entry.get("auto")
        if auto is not None and auto not in AUTO_SOURCES:
            raise fail(text.FILE_UNKNOWN_AUTO.format(allowed=", ".join(AUTO_SOURCES)), "auto")
    else:
        raise fail(text.FILE_BAD_ITEM, str(entry))
    if not isinstance(name, str) or not name.strip():
        raise fail(text.FILE_NOT_TEXT.format(key="name"), '""' if name == "" else "")
    if len(name.strip()) > ITEM_NAME_LIMIT:
        raise fail(text.FILE_TEXT_TOO_LONG.format(key="name", limit=ITEM_NAME_LIMIT), name)
    return TemplateItem(phase, " ".join(name.split()), auto)
