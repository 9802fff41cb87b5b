"""Issue 13: the console playground shows the bot's @username, saves the files it sends, lets a
person reply to a message, and sends a bare number as text with /say."""

from __future__ import annotations

import io
from pathlib import Path

from bot.playground.console import Console, run_console
from bot.playground.fake_telegram import FakeTelegramAPI


async def test_console_banner_files_reply_and_say(tmp_path: Path) -> None:
    script = io.StringIO(
        "/dangky Tổ đại biểu số 3\n/as hung\nchào cả Tổ\n/as lan\n"
        "/lich hop 14h thứ 5 tại Phòng họp 2\n/as hung\n2\n/reply Em đi công tác tỉnh\n"
        "/as lan\n/lich ics\n/dm\n/say 3\n/quit\n"
    )
    out = io.StringIO()
    assert await run_console(tmp_path / "pg.sqlite3", stdin=script, out=out) == 0
    screen = out.getvalue()
    assert "The bot is @TroLyToDaiBieuBot" in screen
    assert f"saved in {tmp_path / 'playground-files'}" in screen
    assert "(trả lời tin này: /reply " in screen  # under the Vắng question
    assert (
        "Trợ lý: Đã ghi nhận lý do vắng của Hùng Trần (lịch số 1): Em đi công tác tỉnh" in screen
    )
    saved = list((tmp_path / "playground-files").glob("*lich-to-dai-bieu.ics"))
    assert len(saved) == 1
    assert saved[0].read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert f"đã lưu: {saved[0]}" in screen
    # "/say 3" sent the text "3" (a pointer came back), it pressed no button.
    assert "[tin nhắn riêng] Lan> /say 3" in screen
    after = screen.split("/say 3", 1)[1]
    assert "Trợ lý: Trợ lý làm việc theo lệnh" in after
    assert "Không có nút số này" not in after


def test_reply_names_a_message_by_its_number(tmp_path: Path) -> None:
    fake = FakeTelegramAPI()
    out = io.StringIO()
    console = Console(fake, out, files=tmp_path)
    said = fake.say(console.group, console.me, "Tin nhắn đầu tiên")
    console.handle_line(f"/reply {said.message_id} Trả lời tin đầu")
    update = fake._updates[-1]["message"]
    assert update["text"] == "Trả lời tin đầu"
    assert update["reply_to_message"]["message_id"] == said.message_id
    console.handle_line("/reply 99 không có tin này")
    assert "Cách dùng: /reply <số tin> <nội dung>" in out.getvalue()
