"""Shared fixtures: a started bot in the test world (tests/support/world.py)."""

from __future__ import annotations

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
