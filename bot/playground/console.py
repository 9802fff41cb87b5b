"""The console playground: chat with the real bot in a terminal, no Telegram token needed.

The real application runs against the in-repo fake Bot API over loopback HTTP, exactly as it
would against Telegram with only the base URL changed. You type as a member of a demo group;
the bot's replies, buttons (numbered: type the number to press) and reminders appear as they
are sent.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from bot.playground.console_loop import chat_loop, navigate, playground_config
from bot.playground.fake_telegram import FakeChat, FakeTelegramAPI, FakeUser, SentMessage
from bot.playground.running import RunningBot
from bot.textnorm import fold

DEFAULT_DB = Path("data/playground.sqlite3")
DEFAULT_FILES = Path("data/playground-files")

INTRO = """\
Trợ lý Tổ đại biểu – console playground (a fake Telegram; nothing leaves this machine).
The bot is @{bot}: in the group, write @{bot} … to talk to it without a command.
You are {user} in the group chat "{group}". Try: /dangky Tổ đại biểu số 3 – phường Tân Lập
The bot learns members as they write: after registering, switch person with /as NAME
({people}) and say hello. Also: /dm (private chat with the bot), /group (back to the group),
/quit. Type a number to press a button of the last message; /say TEXT sends TEXT as it is
(e.g. /say 3); /reply N TEXT answers message #N (/reply TEXT: the bot's last message).
Files the bot sends (.ics, .xlsx …) are saved in {files}
"""


class Console:
    """A terminal chat session over a fake world of four people and one group chat."""

    def __init__(self, fake: FakeTelegramAPI, out: TextIO, files: Path | None = None) -> None:
        self.fake = fake
        self.out = out
        self.files = files or DEFAULT_FILES
        self.people = {
            "lan": fake.add_user("Lan", "lan_cv", last_name="Nguyễn"),
            "hung": fake.add_user("Hùng", "hung", last_name="Trần"),
            "mai": fake.add_user("Mai", "mai", last_name="Lê"),
            "tam": fake.add_user("Tâm", "tam", last_name="Phạm"),
        }
        people = list(self.people.values())
        self.group = fake.add_group("Tổ đại biểu (thử nghiệm)", people[1:], admins=people[:1])
        self.me: FakeUser = self.people["lan"]
        self.chat: FakeChat = self.group
        self.last_with_buttons: dict[int, SentMessage] = {}
        fake.listeners.append(self._show)
        fake.notice_listeners.append(self._show_notice)
        self._pressed_by: dict[str, str] = {}

    def intro(self) -> str:
        """The greeting printed once."""
        return INTRO.format(
            bot=self.fake.bot.username,
            user=self.me.first_name,
            group=self.group.title,
            people=", ".join(self.people),
            files=self.files,
        )

    def prompt(self) -> str:
        """The input prompt: where and who."""
        where = self.group.title if self.chat is self.group else "tin nhắn riêng"
        return f"[{where}] {self.me.first_name}> "

    def _show(self, message: SentMessage) -> None:
        chat = self.fake.chats[message.chat_id]
        where = (
            ""
            if chat is self.chat
            else f"(tới {chat.title or 'tin nhắn riêng của ' + self._name(chat.id)}) "
        )
        prefix = "Trợ lý (sửa tin)" if message.edited else "Trợ lý"
        lines = [f"#{message.message_id} {prefix} {where}: {message.text}".replace(" :", ":")]
        if message.document_name:
            saved = self._save(message)
            lines.append(
                f"  [tệp đính kèm: {message.document_name}, {len(message.document or b'')} byte"
                f" – đã lưu: {saved}]"
            )
        if message.asks_answer:
            lines.append(f"  (trả lời tin này: /reply {message.message_id} <nội dung>)")
        if message.buttons:
            self.last_with_buttons[chat.id] = message
            labels = [f"[{i}] {label}" for i, label in enumerate(message.labels, start=1)]
            lines.append("  " + "  ".join(labels))
        print("\n".join(lines), file=self.out, flush=True)

    def _save(self, message: SentMessage) -> Path:
        """Write a sent file where the person can open it (numbered, so none is overwritten)."""
        self.files.mkdir(parents=True, exist_ok=True)
        name = Path(message.document_name or "tep").name
        path = self.files / f"{message.chat_id}-{message.message_id}-{name}"
        path.write_bytes(message.document or b"")
        return path

    def _show_notice(self, query_id: str, text: str) -> None:
        # On a phone this is a short pop-up seen only by the person who pressed the button.
        who = self._pressed_by.get(query_id, "?")
        print(f"  (Trợ lý báo riêng cho {who}: {text})", file=self.out, flush=True)

    def _name(self, user_id: int) -> str:
        user = self.fake.users.get(user_id)
        return user.first_name if user else str(user_id)

    def handle_line(self, line: str) -> bool:
        """Act on one typed line; False means quit."""
        text = line.strip()
        if not text:
            return True
        word, _, rest = text.partition(" ")
        handled = navigate(
            self, word, rest, lambda name: fold(name.strip().lstrip("@")).split("_")[0]
        )
        if handled is not None:
            return handled
        if word == "/say":
            self.fake.say(self.chat, self.me, rest)
            return True
        if word == "/reply":
            return self._reply(rest)
        if text.isdigit():
            message = self.last_with_buttons.get(self.chat.id)
            index = int(text) - 1
            if message is None or not 0 <= index < len(message.labels):
                print("Không có nút số này.", file=self.out)
            else:
                query_id = self.fake.press(message, self.me, message.labels[index])
                self._pressed_by[query_id] = self.me.first_name
            return True
        self.fake.say(self.chat, self.me, text)
        return True

    def _reply(self, rest: str) -> bool:
        """/reply N TEXT: answer message #N of this chat; /reply TEXT: the bot's last one."""
        number, _, text = rest.partition(" ")
        if number.lstrip("#").isdigit():
            target = self.chat.messages.get(int(number.lstrip("#")))
        else:
            text = rest
            target = self.chat.outbox[-1] if self.chat.outbox else None
        if target is None or not text.strip():
            print("Cách dùng: /reply <số tin> <nội dung>", file=self.out)
            return True
        self.fake.say(self.chat, self.me, text.strip(), reply_to=target)
        return True


async def run_console(
    db_path: Path | None = None, *, stdin: TextIO | None = None, out: TextIO | None = None
) -> int:
    """Run the playground until /quit or end of input; returns the exit code."""
    stdin = stdin or sys.stdin
    out = out or sys.stdout
    config = playground_config(db_path or DEFAULT_DB)
    fake = FakeTelegramAPI()
    console = Console(fake, out, files=config.db_path.parent / "playground-files")
    print(console.intro(), file=out, flush=True)
    async with RunningBot(config, fake, loopback=True) as running:
        await chat_loop(console, running, stdin, out)
    return 0


def _person_key(name: str) -> str:
    """'@hung', 'Hùng', 'lan_cv' → the console's key for that person."""
    return fold(name.strip().lstrip("@")).split("_")[0]
