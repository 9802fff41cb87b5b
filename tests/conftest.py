"""Shared fixtures: a started bot in the test world (tests/support/world.py)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.playground.running import RunningBot
from tests.support.world import World, make_world


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    """A started bot in a fake world with an unregistered group."""
    w = make_world(tmp_path)
    w.bot = RunningBot(w.config, w.fake, clock=w.clock)
    await w.bot.start()
    try:
        yield w
    finally:
        await w.bot.stop()


@pytest.fixture
async def registered(world: World) -> World:
    """The world with the group registered by Lan, and Hùng and Mai known as members."""
    await world.register()
    return world


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """With TODAIBIEU_COUNTS set, write how many generated inputs and access cells ran
    (scripts/count_checks.py puts them in docs/reliability.md)."""
    path = os.environ.get("TODAIBIEU_COUNTS")
    if not path:
        return
    counts: dict[str, object] = {"exitstatus": int(exitstatus)}
    for name in ("tests.test_bad_input", "tests.test_access_matrix"):
        module = sys.modules.get(name)
        if module is not None:
            counts[name.rsplit(".", 1)[1]] = dict(module.COUNTED)
    Path(path).write_text(json.dumps(counts))
