"""The access matrix: every command and every button, for a member, a person who is not in the
group's chat, a member of another group, and a member in her private chat with the bot (where
group commands and buttons act for her own Tổ, as in the group): who may act, and that every
refused action changes nothing (and shows nothing of the group to anyone outside it).

The table names every command and button the router knows; adding one without a row here
fails `test_the_matrix_covers_every_command_and_button`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.core import text as T
from bot.core.permissions import NOT_A_MEMBER, Action, refusal
from bot.playground.fake_telegram import FakeUser, SentMessage
from bot.playground.running import RunningBot
from handlers import claims_text, reminders_text, tasks_text
from tests.support.world import VN, World, make_world, sched

ALLOWED = "allowed"
MANAGE = refusal(Action.MANAGE_TASK)
EVENTS = refusal(Action.MANAGE_EVENTS)


@dataclass(frozen=True)
class Row:
    """One action: what is typed (or pressed), and what a member without a role gets."""

    name: str  # the command, or "button:<prefix>"
    text: str  # the command as typed, or the button data ({task}, {event} … filled in)
    member: str  # ALLOWED, or the refusal the member sees
    writes: bool = False  # an allowed action that changes the group's data
    private: str | None = None  # what she gets privately, if not what she gets in the group
    outsider: str = NOT_A_MEMBER  # what someone not in the group gets there
    private_writes: bool | None = None  # privately (after the member did it), if not `writes`


COMMANDS = [
    Row("start", "/start", ALLOWED, outsider=ALLOWED),
    Row("help", "/help", ALLOWED, outsider=ALLOWED),
    Row("dangky", "/dangky Tổ mới", refusal(Action.REGISTER_GROUP),
        private=T.GROUP_ONLY.format(name="dangky"), outsider=refusal(Action.REGISTER_GROUP)),
    Row("thanhvien", "/thanhvien", ALLOWED),
    Row("vaitro", "/vaitro @hung totruong", refusal(Action.SET_ROLE)),
    Row("viec", "/viec Việc của Mai", ALLOWED, writes=True),
    Row("viec", "/viec 1", ALLOWED),
    Row("ds", "/ds", ALLOWED),
    Row("viectoi", "/viectoi", ALLOWED),
    Row("xong", "/xong 1", tasks_text.NOT_ASSIGNED.format(number=1)),
    Row("mo", "/mo 1", tasks_text.ALREADY_OPEN.format(number=1)),
    Row("giao", "/giao 1 @hung", MANAGE),
    Row("nhan", "/nhan 1", tasks_text.TAKE_HAS_PEOPLE.format(number=1, names="Hùng")),
    Row("han", "/han 1 17h thứ 6", MANAGE),
    Row("sua", "/sua 1 Nội dung mới", MANAGE),
    Row("xoa", "/xoa 1", MANAGE),
    Row("lich", "/lich", ALLOWED),
    Row("lich", "/lich hop 9h ngày 30/11", EVENTS),
    Row("huylich", "/huylich 1", EVENTS),
    Row("doilich", "/doilich 1 10h ngày 30/11", EVENTS),
    Row("sualich", "/sualich 1 tại Phòng họp 2", EVENTS),
    Row("bienban", "/bienban", ALLOWED),
    Row("bienban", "/bienban batdau Họp", refusal(Action.RECORD_MINUTES)),
    Row("nhac", "/nhac 10h ngày 30/11 Họp chi bộ", ALLOWED, writes=True),
    Row("huynhac", "/huynhac 1", reminders_text.NOT_OWNER),
    Row("thanhtoan", "/thanhtoan", ALLOWED),
    Row("thanhtoan", "/thanhtoan 1", claims_text.CLAIM_NOT_OPENED.format(number=1)),
    Row("dutru", "/dutru 1", ALLOWED),
    Row("mau", "/mau hop", ALLOWED),
    Row("caidat", "/caidat", ALLOWED),
    Row("caidat", "/caidat tonghop 7h", refusal(Action.CHANGE_SETTINGS)),
    # Undoes her own last change (the task she created above), in the group and then privately.
    Row("hoantac", "/hoantac", ALLOWED, writes=True),
    Row("lienket", "/lienket", refusal(Action.BIND_CHAT), private=ALLOWED),
    Row("kenh", "/kenh telegram", T.PRIVATE_ONLY.format(name="kenh"), private=ALLOWED,
        outsider=T.PRIVATE_ONLY.format(name="kenh")),
]  # fmt: skip
BUTTONS = [
    Row("button:tk", "tk:d:{task}", tasks_text.NOT_ASSIGNED.format(number=1)),
    Row("button:tk", "tk:o:{task}", tasks_text.ALREADY_OPEN.format(number=1)),
    Row("button:tk", "tk:h:{task}", MANAGE),
    Row("button:tk", "tk:g:{task}", MANAGE),
    Row("button:tkh", "tkh:{task}:29500000:1", MANAGE),
    Row("button:tkg", "tkg:{task}:{hung}", MANAGE),
    Row("button:tkp", "tkp:ok:{pending}", T.QUESTION_NOT_YOURS),
    Row("button:tkl", "tkl:a:1", ALLOWED, private=tasks_text.NOT_FOUND_BUTTON),
    Row("button:tkm", "tkm:d:{task}:1", tasks_text.NOT_ASSIGNED.format(number=1)),
    Row("button:rsvp", "rsvp:{event}:y", ALLOWED, writes=True, private_writes=False),
    Row("button:evp", "evp:ok:{question}", T.QUESTION_GONE),
    Row("button:evr", "evr:{event}", EVENTS),
    Row("button:snz", "snz:{reminder}", refusal(Action.SNOOZE_GROUP)),
    Row("button:cl", "cl:{event}:1:1", T.BUTTON_EXPIRED),
    Row("button:rlp", "rlp:ok:{question}", T.QUESTION_GONE),
    # The year question of /lich, /doilich and /nhac (a date written without its year).
    Row("button:lnq", "lnq:ok:{question}", T.QUESTION_GONE),
    Row("button:lmq", "lmq:ok:{question}", T.QUESTION_GONE),
    Row("button:rnq", "rnq:ok:{question}", T.QUESTION_GONE),
    Row("button:und", "und:ok:{question}", T.QUESTION_GONE),
    Row("button:pick", "pick:{question}:{group}", T.BUTTON_EXPIRED, private=T.QUESTION_GONE,
        outsider=T.BUTTON_EXPIRED),
]  # fmt: skip
SUBJECTS = ("member", "not in the chat", "member of another group", "private chat")
# Everything a group's data is kept in (members and users record who wrote: not data).
GROUP_DATA = (
    "groups", "tasks", "task_assignees", "task_events", "task_pending", "events", "attendance",
    "pending_reasons", "free_reminders", "reminders", "chat_status",
)  # fmt: skip
COUNTED = {"cells": 0}


class Matrix:
    """One world for every cell: group A with its data, group B, and a stranger."""

    def __init__(self, folder: Path) -> None:
        self.loop = asyncio.Runner()
        self.world = make_world(folder)
        self.loop.run(self._start())

    async def _start(self) -> None:
        w = self.world
        w.bot = RunningBot(w.config, w.fake, clock=w.clock)
        await w.bot.start()
        await w.register()
        self.stranger: FakeUser = w.fake.add_user("Bình", "binh")
        await w.say(w.other_group, w.outsider, "/dangky Tổ đại biểu số 5")
        await w.say(w.group, w.lan, "/viec Gửi báo cáo giám sát @hung hạn 17h thứ 6")
        self.card: SentMessage = w.group.outbox[-1]
        await w.say(w.group, w.lan, "/lich hop 14h30 ngày 26/11 : Họp Tổ")
        await w.say(w.group, w.lan, "/nhac 10h hôm nay Gửi kế hoạch TXCT")
        await w.say(w.group, w.lan, "/viec Việc cũ hạn hôm qua")  # waits for confirmation
        services = w.bot.assistant.services
        group = await services.groups.by_chat("telegram", str(w.group.id))
        assert group is not None
        self.group_id = group.id
        w.clock.set(datetime(2026, 11, 23, 10, 0, tzinfo=VN))
        await sched(w).run_due()
        w.fake.unread(w.group)
        ids = {
            "task": "SELECT id FROM tasks WHERE group_id = ? AND number = 1",
            "event": "SELECT id FROM events WHERE group_id = ? AND number = 1",
            "reminder": "SELECT id FROM reminders WHERE group_id = ? AND kind = 'free'",
            "pending": "SELECT id FROM task_pending WHERE group_id = ?",
        }
        # A question id no question of theirs has (the buttons that answer one refuse it).
        self.ids: dict[str, Any] = {"hung": w.hung.id, "group": self.group_id, "question": 99}
        for key, sql in ids.items():
            row = await services.db.fetchone(sql, (self.group_id,))
            assert row is not None
            self.ids[key] = row[0]

    async def snapshot(self) -> list[tuple[Any, ...]]:
        assert self.world.bot is not None
        db = self.world.bot.assistant.services.db
        rows: list[tuple[Any, ...]] = []
        for table in GROUP_DATA:
            rows += [(table, *tuple(r)) for r in await db.fetchall(f"SELECT * FROM {table}")]
        return rows

    def close(self) -> None:
        assert self.world.bot is not None
        self.loop.run(self.world.bot.stop())
        self.loop.close()


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Matrix]:
    built = Matrix(tmp_path_factory.mktemp("access"))
    try:
        yield built
    finally:
        built.close()


def expected(row: Row, subject: str) -> set[str]:
    """What this subject may get for this action (ALLOWED, or the refusals that fit)."""
    if subject == "member":
        return {row.member}
    if subject == "private chat":
        # Group commands and buttons work privately, for her own (only) Tổ.
        return {row.member if row.private is None else row.private}
    command = row.name.removeprefix("button:")
    if row.name.startswith("button:") and subject == "member of another group":
        # Group A's ids forged into group B: not found there (nothing of A is revealed);
        # turning a page shows B's own list.
        return {ALLOWED} if command == "tkl" else {
            T.BUTTON_EXPIRED, tasks_text.NOT_FOUND_BUTTON, T.QUESTION_GONE
        }  # fmt: skip
    return {row.outsider}


async def act(m: Matrix, row: Row, subject: str) -> str:
    """Do the action as the subject; returns the reply or the button's notice."""
    w = m.world
    if row.name.startswith("button:"):
        data = row.text.format(**m.ids)
        presser, message = {
            "member": (w.mai, m.card),
            "not in the chat": (m.stranger, m.card),
            # A's ids forged into a button of group B's own messages:
            "member of another group": (w.outsider, _a_message_in(w, w.other_group)),
            "private chat": (w.mai, _a_message_in(w, w.fake.dm(w.mai))),
        }[subject]
        query = w.fake.press(message, presser, data)
        answer = await w.fake.answer_of(query)
        assert w.bot is not None
        await w.bot.settle()
        w.fake.unread(w.group)
        return str(answer.get("text") or ALLOWED)
    chat, person = {
        "member": (w.group, w.mai),
        "not in the chat": (w.group, m.stranger),
        "member of another group": (w.group, w.outsider),
        "private chat": (w.fake.dm(w.mai), w.mai),
    }[subject]
    reply = await w.say(chat, person, row.text)
    assert w.bot is not None
    await w.bot.settle()
    w.fake.unread(chat)
    return reply.text


def _a_message_in(w: World, chat: Any) -> SentMessage:
    """A message the bot sent in this chat (to press a forged button on)."""
    mine = [m for m in chat.outbox if m.from_bot]
    assert mine, "the bot has said something in this chat"
    return mine[0]


REFUSALS = {
    NOT_A_MEMBER, MANAGE, EVENTS, T.BUTTON_EXPIRED, T.QUESTION_NOT_YOURS, T.QUESTION_GONE,
    tasks_text.NOT_FOUND_BUTTON, T.QUESTION_GONE, reminders_text.NOT_OWNER,
    *(refusal(a) for a in Action),
}  # fmt: skip


@pytest.mark.parametrize("subject", SUBJECTS)
@pytest.mark.parametrize("row", COMMANDS + BUTTONS, ids=lambda r: r.text)
def test_access(matrix: Matrix, row: Row, subject: str) -> None:
    async def cell() -> None:
        if subject == "private chat":
            await matrix.world.say(matrix.world.fake.dm(matrix.world.mai), matrix.world.mai,
                                   "/start")  # fmt: skip
        before = await matrix.snapshot()
        got = await act(matrix, row, subject)
        after = await matrix.snapshot()
        want = expected(row, subject)
        COUNTED["cells"] += 1
        if want == {ALLOWED}:
            assert got not in REFUSALS, got
            assert not got.startswith("Lệnh /"), got
            if subject == "member":
                assert (after != before) == row.writes
            elif subject == "private chat":
                writes = row.writes if row.private_writes is None else row.private_writes
                assert (after != before) == writes
            else:
                assert after == before  # a page of group B's list, a greeting: no change
        else:
            assert got in want
            assert after == before, "a refused action changed the group's data"
        if subject not in ("member", "private chat"):
            assert "Gửi báo cáo giám sát" not in got  # nothing of group A is shown

    matrix.loop.run(cell())


def test_the_matrix_covers_every_command_and_button(matrix: Matrix) -> None:
    assert matrix.world.bot is not None
    router = matrix.world.bot.assistant.router
    commands = {c.name for c in router.commands}
    buttons = {f"button:{p}" for p in router.button_prefixes()}
    assert commands | buttons == {r.name for r in COMMANDS + BUTTONS}
