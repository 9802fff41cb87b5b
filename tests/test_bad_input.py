"""Generated bad input (hypothesis): commands and arguments in Vietnamese and otherwise, control
characters, bidi overrides, 4,096-character texts, forged callback data, unknown chats, edited
messages, channel posts, messages without text. Zero unhandled exceptions, every command
answered, nothing changed by an input the bot must refuse.

The default run tries BAD_INPUT_EXAMPLES batches; scripts/count_checks.py runs thousands and
writes the count to docs/reliability.md.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.playground.running import RunningBot
from tests.support.world import World, make_world

EXAMPLES = int(os.environ.get("BAD_INPUT_EXAMPLES", "40"))
COUNTED: dict[str, int] = {"inputs": 0, "batches": 0}

COMMANDS = [
    "viec", "xong", "giao", "han", "xoa", "ds", "viectoi", "lich", "huylich", "doilich",
    "nhac", "huynhac", "caidat", "thanhvien", "vaitro", "start", "help", "trogiup", "task",
    "done", "assign", "due", "tasks", "event", "remind", "settings", "members", "role",
    "việc", "Viec", "DS", "lịch", "xyz", "", "a" * 40,
]  # fmt: skip
NASTY = ["\u202e", "\u202d", "\u2066", "\x00", "\x07", "\x1b[31m", "\u200b", "\ufeff", "\r\n",
         "\t", "😀", "İ", "ŉ", "\u0301", "'; DROP TABLE tasks;--", "%s%n", "{0}", "@", "#",
         "hạn", "hạn hôm qua", "99999999999999999999", "-1", "²", "١٢"]  # fmt: skip
REFUSED = 6  # the first NASTY ones (direction overrides, control characters) are refused
VIETNAMESE = st.text(
    alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệóòỏõọ0123456789 @#:/")),
    max_size=60,
)


@dataclass(frozen=True)
class Input:
    """One generated update, and whether the bot must refuse it without changing anything."""

    kind: str
    data: Any
    refused: bool
    answered: bool  # the bot must answer it (a reply, or the button's answer)


def _args() -> st.SearchStrategy[tuple[str, bool]]:
    plain = VIETNAMESE.map(lambda t: (t, False))
    nasty = st.tuples(VIETNAMESE, st.sampled_from(NASTY[:REFUSED]), VIETNAMESE).map(
        lambda p: (p[0] + p[1] + p[2], True)  # control characters and bidi: refused
    )
    odd = st.tuples(VIETNAMESE, st.sampled_from(NASTY[REFUSED:])).map(
        lambda p: (p[0] + p[1], False)  # invisible characters are dropped, the rest is text
    )
    huge = st.integers(2001, 4090).map(lambda n: ("x" * n, True))  # over 2,000: refused
    return st.one_of(plain, plain, odd, nasty, huge)


@st.composite
def inputs(draw: st.DrawFn) -> Input:
    kind = draw(st.sampled_from(
        ["command", "command", "command", "dm", "other_bot", "unknown_chat", "button",
         "edited", "channel_post", "no_text", "photo_caption"]
    ))  # fmt: skip
    name = draw(st.sampled_from(COMMANDS))
    args, refused = draw(_args())
    text = f"/{name} {args}" if args else f"/{name}"
    if kind == "command":
        return Input(kind, text, refused, answered=bool(name))
    if kind in ("dm", "photo_caption"):  # a caption is read like a message's text
        return Input(kind, text, refused, answered=bool(name))
    if kind == "other_bot":
        return Input(kind, f"/{name or 'x'}@SomeOtherBot {args}", True, answered=False)
    if kind == "unknown_chat":
        return Input(kind, text, True, answered=bool(name))
    if kind == "button":
        data = draw(st.one_of(
            st.text(max_size=80),
            st.sampled_from(["tk:d:", "tkh:1:", "tkg:1:", "tkp:ok:", "rsvp:", "snz:", "tkl:a:"])
            .flatmap(lambda p: st.sampled_from(NASTY).map(lambda n: p + n)),
            st.integers(10**7, 2**80).map(lambda n: f"tk:d:{n}"),
        ))  # fmt: skip
        return Input(kind, data, True, answered=True)
    return Input(kind, text, True, answered=False)


class Runner:
    """One bot for every example (a loop of its own; hypothesis calls the test many times)."""

    def __init__(self, folder: Path) -> None:
        self.loop = asyncio.Runner()
        self.world = make_world(folder)
        self.errors: list[logging.LogRecord] = []
        self.loop.run(self._start())

    async def _start(self) -> None:
        w = self.world
        w.bot = RunningBot(w.config, w.fake, clock=w.clock)
        await w.bot.start()
        await w.register()
        await w.say(w.group, w.lan, "/viec Gửi báo cáo @hung hạn 17h thứ 6")
        self.card = w.group.outbox[-1]
        self.stranger_chat = w.fake.add_group("Nhóm lạ", [w.outsider])

    def close(self) -> None:
        assert self.world.bot is not None
        self.loop.run(self.world.bot.stop())
        self.loop.close()


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runner]:
    bot = Runner(tmp_path_factory.mktemp("bad-input"))
    handler = _Collect(bot.errors)
    logging.getLogger().addHandler(handler)
    try:
        yield bot
    finally:
        logging.getLogger().removeHandler(handler)
        bot.close()


class _Collect(logging.Handler):
    def __init__(self, into: list[logging.LogRecord]) -> None:
        super().__init__(logging.ERROR)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record)


def _message_json(w: World, chat_id: int, chat_type: str, text: str, key: str) -> dict[str, Any]:
    return {
        key: {
            "message_id": 900000 + COUNTED["inputs"],
            "date": int(w.clock.now().timestamp()),
            "chat": {"id": chat_id, "type": chat_type, "title": "Kênh"},
            "from": {"id": w.hung.id, "is_bot": False, "first_name": "Hùng"},
            "text": text,
        }
    }


GROUP_DATA = (
    "groups", "tasks", "task_assignees", "task_events", "task_pending", "events", "attendance",
    "pending_reasons", "free_reminders", "reminders", "chat_status",
)  # fmt: skip


async def _snapshot(w: World) -> list[tuple[Any, ...]]:
    assert w.bot is not None
    db = w.bot.assistant.services.db
    rows: list[tuple[Any, ...]] = []
    for table in GROUP_DATA:
        rows += [(table, *tuple(r)) for r in await db.fetchall(f"SELECT * FROM {table}")]
    return rows


async def _send(r: Runner, item: Input) -> int | None:
    """Queue the input; returns its update id when the bot must answer it."""
    w = r.world
    if item.kind in ("command", "other_bot"):
        w.fake.say(w.group, w.hung, item.data)
    elif item.kind == "dm":
        w.fake.say(w.fake.dm(w.hung), w.hung, item.data)
    elif item.kind == "unknown_chat":
        w.fake.say(r.stranger_chat, w.outsider, item.data)
    elif item.kind == "button":
        w.fake.press(r.card, w.hung, item.data)
    elif item.kind == "edited":
        w.fake.queue_raw(_message_json(w, w.group.id, "supergroup", item.data, "edited_message"))
    elif item.kind == "channel_post":
        w.fake.queue_raw(_message_json(w, -100777, "channel", item.data, "channel_post"))
    elif item.kind == "no_text":
        data = _message_json(w, w.group.id, "supergroup", "", "message")
        del data["message"]["text"]
        data["message"]["sticker"] = {"file_id": "s1", "file_unique_id": "s1", "width": 1,
                                      "height": 1, "is_animated": False, "is_video": False,
                                      "type": "regular"}  # fmt: skip
        w.fake.queue_raw(data)
    else:  # a photo whose caption looks like a command: read like a message with text
        data = _message_json(w, w.group.id, "supergroup", "", "message")
        del data["message"]["text"]
        data["message"]["caption"] = item.data
        data["message"]["photo"] = [{"file_id": "p1", "file_unique_id": "p1", "width": 1,
                                     "height": 1}]  # fmt: skip
        w.fake.queue_raw(data)
    return w.fake.last_update_id if item.answered else None


async def _check(r: Runner, batch: list[Input]) -> None:
    w = r.world
    assert w.bot is not None
    services = w.bot.assistant.services
    before = await _snapshot(w)
    keys = [await _send(r, item) for item in batch]
    await w.bot.settle(timeout=20)
    COUNTED["inputs"] += len(batch)
    COUNTED["batches"] += 1
    failed = await services.db.fetchone("SELECT COUNT(*) FROM inbox WHERE status != 'done'")
    assert failed is not None
    assert failed[0] == 0, "an update raised inside a handler"
    for item, key in zip(batch, keys, strict=True):
        if key is None:
            continue
        row = await services.db.fetchone(
            "SELECT COUNT(*) FROM outbox o JOIN inbox i ON i.id = o.inbox_id"
            " WHERE i.update_key = ? AND o.status = 'sent'",
            (str(key),),
        )
        assert row is not None
        assert row[0] >= 1, f"no answer to {item}"
    if all(item.refused for item in batch):
        assert await _snapshot(w) == before, f"a refused input changed data: {batch}"
    assert r.errors == [], [e.getMessage() for e in r.errors]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
@given(batch=st.lists(inputs(), min_size=1, max_size=4))
def test_generated_bad_input_never_crashes_and_changes_nothing(
    runner: Runner, batch: list[Input]
) -> None:
    runner.loop.run(_check(runner, batch))
