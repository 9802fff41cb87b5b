"""One person across Telegram and Zalo: linking with a code, one task list, /kenh, unlinking."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.playground.fake_zalo import ZaloMessage
from tests.support.world import START
from tests.support.zalo_world import BothWorld


def code_in(text: str) -> str:
    match = re.search(r"\b(\d{6})\b", text)
    assert match is not None, text
    return match.group(1)


async def _telegram_code(both: BothWorld) -> str:
    tg = both.tg
    reply = await tg.say(tg.fake.dm(tg.hung), tg.hung, "/lienket")
    assert "Mã dùng một lần, hết hạn sau 15 phút" in reply.text
    assert "mở Zalo" in reply.text
    return code_in(reply.text)


async def _zalo(both: BothWorld, text: str) -> ZaloMessage:
    return await both.zsay(both.zfake.dm(both.zhung), both.zhung, text)


async def test_a_task_given_on_telegram_is_finished_on_zalo(both: BothWorld) -> None:
    tg = both.tg
    await tg.register()
    await tg.say(tg.group, tg.lan, "/viec Gửi giấy mời TXCT @hung hạn 17h thứ 6")
    linked = await _zalo(both, f"/lienket {await _telegram_code(both)}")
    assert linked.text.startswith("Đã liên kết tài khoản Zalo này với tài khoản Telegram")

    mine = await _zalo(both, "viectoi")
    assert "Gửi giấy mời TXCT" in mine.text
    done = await _zalo(both, "xong 1")
    assert "#1" in done.text
    card = await tg.say(tg.group, tg.lan, "/viec 1")
    assert "Trạng thái: Đã xong" in card.text


async def test_a_code_works_once_on_the_other_platform_only(both: BothWorld) -> None:
    tg = both.tg
    await tg.register()
    code = await _telegram_code(both)
    same = await tg.say(tg.fake.dm(tg.hung), tg.hung, f"/lienket {code}")
    assert f"Mã {code} được tạo trên Telegram" in same.text
    unknown = await _zalo(both, f"/lienket {'1' if code != '111111' else '2'}11111")
    assert "không đúng" in unknown.text
    assert (await _zalo(both, f"link {code}")).text.startswith("Đã liên kết")
    other = both.zfake.add_user("Người khác")
    used = await both.zsay(both.zfake.dm(other), other, f"/lienket {code}")
    assert f"Mã {code} đã được dùng" in used.text


async def test_a_code_expires_after_15_minutes(both: BothWorld) -> None:
    await both.tg.register()
    code = await _telegram_code(both)
    both.tg.clock.set(START + timedelta(minutes=15))
    late = await _zalo(both, f"/lienket {code}")
    assert f"Mã {code} đã hết hạn" in late.text
    mine = await _zalo(both, "/viectoi")
    assert mine.text.startswith("Anh/chị chưa thuộc Tổ nào.")  # nothing was linked


async def test_personal_reminders_follow_kenh(both: BothWorld) -> None:
    tg = both.tg
    await tg.register()
    await _zalo(both, f"/lienket {await _telegram_code(both)}")
    shown = await _zalo(both, "/kenh")
    assert "Zalo" in shown.text  # he wrote to the bot on Zalo last
    assert (await _zalo(both, "kenh telegram")).text == (
        "Từ nay nhắc việc cá nhân gửi tới anh/chị qua Telegram."
    )
    stranger = both.zfake.add_user("Người mới")
    refused = await both.zsay(both.zfake.dm(stranger), stranger, "/kenh telegram")
    assert "chưa có tài khoản Telegram liên kết" in refused.text
    nonsense = await _zalo(both, "/kenh viber")
    assert "/kenh zalo, /kenh telegram, /kenh tudong" in nonsense.text


async def test_unlinking_keeps_the_tasks_with_the_telegram_account(both: BothWorld) -> None:
    tg = both.tg
    await tg.register()
    await tg.say(tg.group, tg.lan, "/viec Gửi giấy mời TXCT @hung")
    await _zalo(both, f"/lienket {await _telegram_code(both)}")
    gone = await _zalo(both, "/lienket huy")
    assert gone.text.startswith("Đã gỡ liên kết tài khoản Zalo. Dữ liệu của Tổ vẫn được giữ")
    assert "Telegram" in gone.text
    mine = await _zalo(both, "/viectoi")
    assert "Gửi giấy mời TXCT" not in mine.text
    on_telegram = await tg.say(tg.fake.dm(tg.hung), tg.hung, "/viectoi")
    assert "Gửi giấy mời TXCT" in on_telegram.text
    assert (await _zalo(both, "/lienket huy")).text.startswith("Tài khoản này chưa liên kết")
