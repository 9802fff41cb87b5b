"""Fixtures of the Zalo conversation tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.support.zalo_world import BothWorld, ZaloWorld, make_both_world, make_zalo_world


@pytest.fixture
async def zw(tmp_path: Path) -> AsyncIterator[ZaloWorld]:
    """A started Zalo-only bot."""
    world = make_zalo_world(tmp_path)
    await world.start()
    try:
        yield world
    finally:
        await world.stop()


@pytest.fixture
async def both(tmp_path: Path) -> AsyncIterator[BothWorld]:
    """A started bot serving the fake Telegram and the fake Zalo."""
    world = make_both_world(tmp_path)
    await world.start()
    try:
        yield world
    finally:
        await world.stop()
