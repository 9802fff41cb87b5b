"""A fake world for a bot running in another process: groups, people, what they sent, and
what came back. The crash, fault, load and soak scripts drive it.

Every command is recorded with its update id and message id; a command is answered when the
bot sent a message replying to it (or answered the button press). `Ledger` then tells what
was lost, what arrived twice (and whether the copy said it may be a repeat), and which
confirmations ("Đã tạo việc #3: …") the database must hold.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.delivery.text import RESEND_NOTE as REPLY_NOTE
from bot.playground.fake_telegram import FakeChat, FakeTelegramAPI, FakeUser, SentMessage
from bot.reminders.text import RESEND_NOTE as REMINDER_NOTE

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass
class Sent:
    """One thing a user did, and what the bot answered."""

    group: int  # chat id
    text: str  # the command, or "press:<data>"
    update_id: int
    message_id: int | None = None  # a command's message
    query_id: str | None = None  # a button press
    at: float = 0.0  # loop time when sent


@dataclass
class Group:
    """A delegate group of the fake world: its chat, chuyên viên and members."""

    chat: FakeChat
    admin: FakeUser
    members: list[FakeUser]
    tasks: list[int] = field(default_factory=list)  # numbers the bot confirmed
    cards: list[SentMessage] = field(default_factory=list)  # task cards with buttons


class ProcessWorld:
    """The fake API and its people, for a bot in another process (real clock)."""

    def __init__(self, groups: int, members: int) -> None:
        self.fake = FakeTelegramAPI()
        self.groups: list[Group] = []
        self.sent: list[Sent] = []
        self.reminders_due: dict[tuple[int, str], datetime] = {}  # (chat, marker) -> due
        self._serial = 0
        for g in range(groups):
            admin = self.fake.add_user(f"Chuyên viên {g}", f"cv{g}_to")
            people = [
                self.fake.add_user(f"Đại biểu {g}-{m}", f"db{g}_{m}") for m in range(members)
            ]
            chat = self.fake.add_group(f"Tổ {g}", people, admins=[admin])
            self.groups.append(Group(chat, admin, people))

    def serial(self) -> int:
        """A number that makes each text unique (to find its reply and its row)."""
        self._serial += 1
        return self._serial

    def say(self, group: Group, user: FakeUser, text: str, now: float) -> Sent:
        """A user writes a command in the group."""
        message = self.fake.say(group.chat, user, text)
        item = Sent(group.chat.id, text, self.fake.last_update_id, message.message_id, at=now)
        self.sent.append(item)
        return item

    def press(
        self, group: Group, card: SentMessage, user: FakeUser, label: str, now: float
    ) -> Sent:
        """A user presses a button of a message the bot sent."""
        query_id = self.fake.press(card, user, label)
        item = Sent(
            group.chat.id, f"press:{label}", self.fake.last_update_id, query_id=query_id, at=now
        )
        self.sent.append(item)
        return item

    # -- what came back ------------------------------------------------------------------------

    def replies_to(self, item: Sent) -> list[SentMessage]:
        """The bot's messages answering a command (several: duplicates, or a long list), as
        they are now (an edit made by a button press shows its new text, once)."""
        chat = self.fake.chats[item.group]
        found: dict[int, SentMessage] = {}
        for m in chat.outbox:
            if m.from_bot and m.reply_to_message_id == item.message_id:
                found.setdefault(m.message_id, chat.messages.get(m.message_id, m))
        return list(found.values())

    def answered(self, item: Sent) -> bool:
        """Whether the bot answered this command or press."""
        if item.query_id is not None:
            return item.query_id in self.fake.callback_answers
        return bool(self.replies_to(item))

    def unanswered(self) -> list[Sent]:
        """Commands and presses with no answer yet."""
        return [item for item in self.sent if not self.answered(item)]


@dataclass
class Ledger:
    """What a run proved: losses, duplicates, confirmations to find in the database."""

    commands: int = 0
    answered: int = 0
    lost: list[str] = field(default_factory=list)  # acknowledged, never answered
    unacknowledged: int = 0
    reply_duplicates: int = 0
    reply_duplicates_without_note: int = 0
    confirmed_tasks: list[tuple[int, int, str]] = field(default_factory=list)
    confirmed_reminders: list[tuple[int, int, str]] = field(default_factory=list)
    confirmed_events: list[tuple[int, int]] = field(default_factory=list)
    confirmed_done: list[tuple[int, int]] = field(default_factory=list)
    reminders_due: int = 0
    reminders_delivered: int = 0
    reminders_missing: list[str] = field(default_factory=list)
    reminder_duplicates: int = 0
    reminder_duplicates_without_note: int = 0


_TASK = re.compile(r"^Đã tạo việc #(\d+): (.+)$")
_FREE = re.compile(r"^Đã đặt nhắc việc số (\d+): (.+)$")
_EVENT = re.compile(r"^Đã tạo lịch số (\d+):")
_DONE = re.compile(r"^Việc #(\d+) đã hoàn thành")


def account(world: ProcessWorld, acked_update_id: int) -> Ledger:
    """Go through everything sent and everything the bot sent back."""
    ledger = Ledger()
    for item in world.sent:
        ledger.commands += 1
        if world.answered(item):
            ledger.answered += 1
        elif item.update_id <= acked_update_id:
            ledger.lost.append(item.text)
        else:
            ledger.unacknowledged += 1
        if item.message_id is None:
            continue
        replies = world.replies_to(item)
        first_lines = Counter(m.text.splitlines()[0] for m in replies if m.text)
        for line, copies in first_lines.items():
            if copies > 1:
                ledger.reply_duplicates += copies - 1
                with_note = sum(
                    1 for m in replies if m.text.startswith(line) and m.text.endswith(REPLY_NOTE)
                )
                ledger.reply_duplicates_without_note += max(0, copies - 1 - with_note)
        for reply in replies[:1]:
            first = reply.text.splitlines()[0] if reply.text else ""
            if match := _TASK.match(first):
                ledger.confirmed_tasks.append((item.group, int(match[1]), match[2]))
            elif match := _FREE.match(first):
                ledger.confirmed_reminders.append((item.group, int(match[1]), match[2]))
            elif match := _EVENT.match(first):
                ledger.confirmed_events.append((item.group, int(match[1])))
            elif match := _DONE.match(first):
                ledger.confirmed_done.append((item.group, int(match[1])))
    return ledger


def count_reminders(world: ProcessWorld, ledger: Ledger, now: datetime) -> None:
    """Every reminder confirmed and due by `now`: delivered? more than once (with the note)?"""
    texts: dict[int, list[str]] = {}
    for chat_id, chat in world.fake.chats.items():
        texts[chat_id] = [m.text for m in chat.outbox if m.from_bot and m.text]
    for (chat_id, marker), due in world.reminders_due.items():
        if due > now:
            continue
        ledger.reminders_due += 1
        copies = [t for t in texts.get(chat_id, []) if _reminds(t.splitlines()[0], marker)]
        if not copies:
            ledger.reminders_missing.append(marker)
            continue
        ledger.reminders_delivered += 1
        if len(copies) > 1:
            ledger.reminder_duplicates += len(copies) - 1
            ledger.reminder_duplicates_without_note += sum(
                1 for t in copies[1:] if REMINDER_NOTE not in t
            )


def local_phrase(moment: datetime) -> str:
    """'15h07 ngày 23/11' for a moment (read back by the bot's date parser)."""
    here = moment.astimezone(VN)
    return f"{here.hour}h{here.minute:02d} ngày {here.day:02d}/{here.month:02d}"


def next_minute(moment: datetime, lead: timedelta) -> datetime:
    """The first whole minute at least `lead` after `moment`."""
    target = moment + lead
    return target.replace(second=0, microsecond=0) + timedelta(minutes=1)


def _reminds(first_line: str, marker: str) -> bool:
    """Whether a message's first line is the reminder that `marker` names (a free reminder's
    text, or an event's "lịch số N,"), allowing for the "(trễ …)" mark after it."""
    if first_line.startswith("Nhắc lịch:"):
        return marker in first_line
    if not first_line.startswith("Nhắc việc: "):
        return False
    rest = first_line.removeprefix("Nhắc việc: ")
    return rest == marker or rest.startswith(marker + " (")
