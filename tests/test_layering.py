"""The floors of the tree (shared/architecture.md): arrows point down, and no import circles.

Every import counts, at module level, inside functions and under TYPE_CHECKING alike, so a loop
cannot hide behind a late import. A failure names the module and what it imports.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "handlers", "storage")

# The floor of each part of the tree: a module may import its own floor or below, never above.
FLOORS: tuple[tuple[str, int], ...] = (
    ("bot.cli", 6),
    ("bot.__main__", 6),
    ("bot.transports", 5),
    ("bot.playground", 5),
    ("bot.app", 4),
    ("handlers", 3),
    ("bot.core", 2),
    ("bot.reminders", 1),
    ("bot.delivery", 1),
    ("bot.dates", 1),
    ("bot.chat", 0),
    ("storage", 0),
    # Small helpers every floor may use: pure functions and configuration.
    ("bot.textnorm", 0),
    ("bot.chunking", 0),
    ("bot.clock", 0),
    ("bot.config", 0),
    ("bot.logs", 0),
)
PLATFORM_LIBRARIES = ("telegram", "httpx", "aiohttp")
PLATFORM_FLOORS = ("bot.transports", "bot.playground")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(source: str, module: str, *, is_package: bool = False) -> set[str]:
    """Every module `source` imports, relative imports resolved against `module`."""
    tree = ast.parse(source)
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _tree() -> dict[str, set[str]]:
    modules = {
        _module_name(path): path for package in PACKAGES for path in (ROOT / package).rglob("*.py")
    }
    return {
        name: _imports(
            path.read_text(encoding="utf-8"), name, is_package=path.name == "__init__.py"
        )
        for name, path in modules.items()
    }


def _floor(module: str) -> int | None:
    for prefix, floor in FLOORS:
        if module == prefix or module.startswith(prefix + "."):
            return floor
    return None


def _ours(name: str) -> bool:
    return name.split(".")[0] in PACKAGES


def test_every_module_has_a_floor() -> None:
    assert [m for m in _tree() if _floor(m) is None and m not in PACKAGES] == []


def test_imports_point_down() -> None:
    against = []
    for module, imports in _tree().items():
        floor = _floor(module)
        for name in sorted(i for i in imports if _ours(i)):
            target = _floor(name)
            if floor is not None and target is not None and target > floor:
                against.append(f"{module} (floor {floor}) imports {name} (floor {target})")
    assert against == []


def test_only_the_composition_root_imports_features() -> None:
    offenders = [
        f"{module} imports {name}"
        for module, imports in _tree().items()
        if module.startswith("bot.") and module != "bot.app"
        for name in imports
        if name == "handlers" or name.startswith("handlers.")
    ]
    assert offenders == []


@pytest.mark.parametrize("library", PLATFORM_LIBRARIES)
def test_platform_libraries_stay_in_the_transports(library: str) -> None:
    offenders = [
        f"{module} imports {library}"
        for module, imports in _tree().items()
        if not module.startswith(PLATFORM_FLOORS)
        and any(i == library or i.startswith(library + ".") for i in imports)
    ]
    assert offenders == []


def test_no_import_cycles() -> None:
    tree = _tree()
    graph = {m: {i for i in imports if i in tree and i != m} for m, imports in tree.items()}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert [" -> ".join(c) for c in cycles] == []


def test_the_walker_sees_late_and_relative_imports() -> None:
    """Function-level, TYPE_CHECKING and relative imports all count."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "def f():\n    from handlers import tasks\n"
        "if TYPE_CHECKING:\n    from ..core import router\n"
    )
    imports = _imports(source, "bot.chat.messages")
    assert "handlers.tasks" in imports
    assert "bot.core.router" in imports
