"""Behaviour that must not depend on the app: each test runs on Telegram and on Zalo."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.support.neutral import Side, make_side


@pytest.fixture(params=["telegram", "zalo"])
async def side(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Side]:
    world = make_side(str(request.param), tmp_path)
    await world.start()
    try:
        yield world
    finally:
        await world.stop()


async def test_the_creator_ticks_a_task_from_its_card(side: Side) -> None:
    await side.register()
    await side.say(side.group, side.lan, "/viec Gửi giấy mời TXCT hạn 17h thứ 6")
    seen = "\n".join(await side.choose(side.group, side.lan, "✅ Xong"))
    assert "Việc #1 đã hoàn thành." in seen
    card = "\n".join(await side.say(side.group, side.hung, "/viec 1"))
    assert "Trạng thái: Đã xong" in card


async def test_attending_an_event_is_recorded(side: Side) -> None:
    await side.register()
    await side.say(side.group, side.lan, "/lich hop 8h thu 4 tai hoi truong: Họp Tổ")
    seen = "\n".join(await side.choose(side.group, side.hung, "Tham dự"))
    assert "Đã ghi nhận anh/chị tham dự lịch số 1." in seen
    detail = "\n".join(await side.say(side.group, side.lan, "/lich 1"))
    assert "Hùng" in detail.split("Tham dự", 1)[-1]


async def test_a_member_of_one_to_lists_its_tasks_in_a_private_chat(side: Side) -> None:
    await side.register()
    await side.say(side.group, side.lan, "/viec Tổng hợp kiến nghị cử tri")
    listing = "\n".join(await side.say(side.dm(side.mai), side.mai, "/ds"))
    assert "Tổng hợp kiến nghị cử tri" in listing


async def test_a_member_of_several_to_is_asked_which(side: Side) -> None:
    await side.register()
    other = side.add_group("Tổ ĐB số 5", [side.lan, side.hung])
    await side.register_other(other, "Tổ 5")
    await side.say(other, side.lan, "/viec Khảo sát trường học")
    dm = side.dm(side.hung)
    question = "\n".join(await side.say(dm, side.hung, "/ds"))
    assert question.startswith("Anh/chị là thành viên của nhiều Tổ. Lệnh /ds dùng cho Tổ nào?")
    listing = "\n".join(await side.choose(dm, side.hung, "Tổ 5"))
    assert "Khảo sát trường học" in listing
    done = "\n".join(await side.say(dm, side.hung, "/xong 1"))
    assert "Anh/chị là thành viên của nhiều Tổ. Lệnh /xong dùng cho Tổ nào?" in done


async def test_vang_from_a_private_reminder_is_recorded(side: Side) -> None:
    await side.register()
    await side.say(side.group, side.lan, "/lich hop 8h thu 4: Họp Tổ")
    # The event's card, sent to Hùng privately, carries the same choices.
    listing = "\n".join(await side.say(side.dm(side.hung), side.hung, "/lich 1"))
    assert "Họp Tổ" in listing
    seen = "\n".join(await side.choose(side.dm(side.hung), side.hung, "Vắng"))
    assert "Đã ghi nhận anh/chị vắng lịch số 1." in seen
