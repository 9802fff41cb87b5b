"""`todaibieu console --zalo`: the console playground on a fake Zalo, no token needed.

The real Zalo transport polls the in-repo fake Zalo Bot API over loopback HTTP, exactly as it
would poll Zalo. What a newcomer sees is what Zalo users see: no buttons (choices are numbered
lines, answered by typing the number), no edits (a new message each time), files as links
served by the bot itself, texts cut at 2,000 characters. In the group, every line is sent with
the bot's @mention in front, since a Zalo bot only sees group messages that mention it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from bot.playground.console_loop import chat_loop, navigate, playground_config
from bot.playground.fake_zalo import FakeZaloAPI, ZaloChat, ZaloMessage, ZaloUser
from bot.playground.running_zalo import RunningZalo
from bot.textnorm import fold

DEFAULT_DB = Path("data/playground-zalo.sqlite3")

INTRO = """\
Trợ lý Tổ đại biểu – console playground on a fake Zalo (nothing leaves this machine).
You are {user} in the Zalo group "{group}". Zalo cannot say who administers a group, so
registering takes the operator's invitation (what `todaibieu invite` prints). Try:
  /dangky {invite} Tổ đại biểu số 3 – phường Tân Lập
Switch person with /as NAME ({people}); /dm (private chat), /group, /quit. Choices come as
numbered lines: type the number. Commands work with or without the slash (ds, xong 1).
"""


class ZaloConsole:
    """A terminal chat session over a fake Zalo world of four people and one group."""

    def __init__(self, fake: FakeZaloAPI, out: TextIO) -> None:
        self.fake = fake
        self.out = out
        self.people = {
            "lan": fake.add_user("Nguyễn Lan"),
            "hung": fake.add_user("Trần Hùng"),
            "mai": fake.add_user("Lê Mai"),
            "tam": fake.add_user("Phạm Tâm"),
        }
        self.group = fake.add_group("Tổ đại biểu (thử nghiệm)", list(self.people.values()))
        self.me: ZaloUser = self.people["lan"]
        self.chat: ZaloChat = self.group
        fake.listeners.append(self._show)

    def intro(self, invite: str) -> str:
        """The greeting printed once."""
        return INTRO.format(
            user=self.me.display_name,
            group=self.group.title,
            people=", ".join(self.people),
            invite=invite,
        )

    def prompt(self) -> str:
        """The input prompt: where and who."""
        where = self.group.title if self.chat is self.group else "tin nhắn riêng"
        return f"[Zalo · {where}] {self.me.display_name}> "

    def _show(self, message: ZaloMessage) -> None:
        chat = self.fake.chats[message.chat_id]
        where = "" if chat is self.chat else f" (tới {chat.title or 'tin nhắn riêng'})"
        print(f"Trợ lý{where}: {message.text}", file=self.out, flush=True)

    def handle_line(self, line: str) -> bool:
        """Act on one typed line; False means quit."""
        text = line.strip()
        if not text:
            return True
        word, _, rest = text.partition(" ")
        handled = navigate(self, word, rest, lambda name: fold(name.strip()).split(" ")[0])
        if handled is not None:
            return handled
        self.fake.say(self.chat, self.me, text)
        return True


async def run_zalo_console(
    db_path: Path | None = None, *, stdin: TextIO | None = None, out: TextIO | None = None
) -> int:
    """Run the Zalo playground until /quit or end of input; returns the exit code."""
    stdin = stdin or sys.stdin
    out = out or sys.stdout
    config = playground_config(db_path or DEFAULT_DB)
    fake = FakeZaloAPI()
    console = ZaloConsole(fake, out)
    async with RunningZalo(config, fake, loopback=True, public_url="local") as running:
        invite = await running.assistant.services.codes.make_invite(
            running.assistant.services.clock.now()
        )
        print(console.intro(invite.code), file=out, flush=True)
        await chat_loop(console, running, stdin, out)
    return 0
