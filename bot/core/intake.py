"""The durable intake: every update is written to the inbox, then handled from there.

    transport --accept()--> inbox row (committed) --> the transport acknowledges the update
        --> the chat's lane: one transaction { pre-handler hooks, the handler, its writes,
                                               its replies into the outbox, inbox row done }
        --> the outbox worker sends the replies (bot/delivery/outbox_worker.py)

Updates of one chat are handled in order; chats are handled side by side (bot/delivery/lanes.py),
so a chat that is slow, flooded or waiting on the platform never holds another one. Because an
update's effects, its replies and its `done` mark commit together, an update interrupted by a
crash is simply handled again at start-up (`resume`), and nothing it did is applied twice; an
update the platform delivers twice is recognised by its id and handled once.

No network call happens inside the transaction: handlers ask the platform through
bot/core/facts.py, which makes the intake roll back, ask, and handle the update again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from bot.chat.codec import inbound_from_dict, inbound_to_dict, reply_to_dict
from bot.chat.errors import ChatUnreachableError, TransientSendError
from bot.chat.messages import Inbound, InboundKind, Reply
from bot.chat.transport import Capabilities
from bot.core import text as T
from bot.core.context import Services
from bot.core.facts import FactsMessenger, NeedPlatform, PlatformFacts, Question
from bot.core.router import Router
from bot.delivery import text as delivery_text
from bot.delivery.courier import Courier
from bot.delivery.lanes import Lanes, parked
from bot.delivery.outbox_worker import OutboxWorker
from storage.inbox import InboxStore, NewUpdate
from storage.outbox import NewOutgoing, OutboxStore

log = logging.getLogger(__name__)

MAX_QUESTIONS = 6  # platform questions one update may need before it is given up as a bug
HANDLERS_AT_ONCE = 32  # chats handled side by side (the database serialises the writes anyway)
NOTICE_LIMIT = 200  # Telegram shows at most this much of a button's notice


@dataclass
class IntakeStats:
    """What the intake did (the reliability report and the crash test read it)."""

    accepted: int = 0
    duplicates: int = 0
    handled: int = 0
    failed: int = 0
    questions: int = 0
    resumed: int = 0


class PlatformReader(Protocol):
    """What a platform adds to handling, inside the update's transaction (no network calls).

    Zalo has no buttons: a typed number stands for the button it numbers (read), and its
    replies are shaped for numbered choices (written). Telegram needs no reader.
    """

    async def read(self, msg: Inbound) -> Inbound | list[Reply]:
        """The event to route (e.g. the button press a typed number stands for), or the
        replies that answer it without routing."""
        ...

    async def written(self, msg: Inbound, replies: list[Reply]) -> list[Reply]:
        """The replies as the platform will send them."""
        ...


class _AlreadyHandled(Exception):
    """Control flow: the update was handled meanwhile; roll back, nothing to do."""


def outgoing_rows(
    msg: Inbound, replies: list[Reply], inbox_id: int, capabilities: Capabilities
) -> list[NewOutgoing]:
    """The outbox rows that deliver `replies` to `msg`.

    A button press is answered once (its first notice, or an empty answer that stops the
    platform's spinner); a reply marked `edit` replaces the message that carried the button
    where the platform can edit; everything else is a new message, in a group as an answer to
    the command.
    """
    rows: list[NewOutgoing] = []
    pressed = msg.kind is InboundKind.BUTTON and msg.press_id is not None
    answered = False

    def row(
        chat_id: str,
        action: str,
        body: dict[str, object],
        *,
        reply_to: str | None = None,
        press_id: str | None = None,
    ) -> NewOutgoing:
        return NewOutgoing(
            msg.platform, chat_id, action, body, reply_to, press_id, inbox_id=inbox_id
        )

    for reply in replies:
        if pressed and reply.notice is not None and not answered:
            notice = reply.notice[:NOTICE_LIMIT]
            # If the press is too old to answer, the notice goes to the chat, naming the presser.
            fallback = delivery_text.NOTICE_AS_MESSAGE.format(who=msg.sender.name, notice=notice)
            body = {**reply_to_dict(Reply(notice=notice)), "fallback": fallback}
            rows.append(row(msg.chat_id, "answer", body, press_id=msg.press_id))
            answered = True
        if not reply.text and reply.document is None:
            continue
        if (
            msg.kind is InboundKind.BUTTON
            and reply.edit
            and reply.chat_id is None
            and reply.document is None
            and capabilities.edits
            and msg.message_id is not None
        ):
            rows.append(row(msg.chat_id, "edit", reply_to_dict(reply), reply_to=msg.message_id))
            continue
        if reply.platform is not None and reply.platform != msg.platform and reply.chat_id:
            # To the person's chat on another platform (a file Zalo cannot carry).
            rows.append(
                NewOutgoing(
                    reply.platform, reply.chat_id, "send", reply_to_dict(reply), inbox_id=inbox_id
                )
            )
            continue
        in_answer = msg.in_group and msg.kind is not InboundKind.BUTTON and not reply.chat_id
        rows.append(
            row(
                reply.chat_id or msg.chat_id,
                "send",
                reply_to_dict(reply),
                reply_to=msg.message_id if in_answer else None,
            )
        )
    if pressed and not answered:
        rows.insert(0, row(msg.chat_id, "answer", reply_to_dict(Reply()), press_id=msg.press_id))
    return rows


class Intake:
    """Accepts updates into the inbox and handles them, chat by chat."""

    def __init__(
        self, services: Services, router: Router, courier: Courier, worker: OutboxWorker
    ) -> None:
        self.services = services
        self.router = router
        self.courier = courier
        self.worker = worker
        self.inbox = InboxStore(services.db)
        self.outbox: OutboxStore = worker.outbox
        self.facts = PlatformFacts(services.clock)
        self.lanes = Lanes("intake", limit=HANDLERS_AT_ONCE)
        self.readers: dict[str, PlatformReader] = {}  # by platform (transports register)
        self.stats = IntakeStats()

    async def accept(self, msg: Inbound, update_key: str) -> bool:
        """Keep an update in the inbox (committed on return) and queue it in its chat's lane.

        Returns:
            False when this update was accepted before (a redelivery): it is not handled
            again. An update sent longer ago than the inbox keeps its rows (storage/inbox.py
            KEEP) is refused too, by the inbox: a replay that old could not be recognised.
        """
        return (await self.accept_many([(msg, update_key)]))[0]

    async def accept_many(self, updates: list[tuple[Inbound, str]]) -> list[bool]:
        """`accept` for updates a platform delivered together (one getUpdates answer), kept
        by one commit; in order, whether each was new."""
        if not updates:
            return []
        platforms = {msg.platform for msg, _ in updates}
        assert len(platforms) == 1, "one platform per batch"
        ids = await self.inbox.accept_many(
            platforms.pop(),
            [
                NewUpdate(key, msg.chat_id, inbound_to_dict(msg), sent_at=msg.sent_at)
                for msg, key in updates
            ],
            self.services.clock.now(),
        )
        for (msg, _), entry_id in zip(updates, ids, strict=True):
            if entry_id is None:
                self.stats.duplicates += 1
            else:
                self.stats.accepted += 1
                self._post(entry_id, msg)
        return [entry_id is not None for entry_id in ids]

    async def resume(self) -> int:
        """At start-up: queue the updates accepted but never handled, before any new one."""
        entries = await self.inbox.unfinished()
        for entry in entries:
            self._post(entry.id, inbound_from_dict(entry.body))
        if entries:
            log.warning(
                "start-up: %d updates received before a stop are handled now", len(entries)
            )
        self.stats.resumed += len(entries)
        return len(entries)

    def _post(self, entry_id: int, msg: Inbound) -> None:
        self.lanes.post((msg.platform, msg.chat_id), lambda: self._handle(entry_id, msg))

    async def _handle(self, entry_id: int, msg: Inbound) -> None:
        """Handle one update in one transaction (again, after each platform question)."""
        db = self.services.db
        for _ in range(MAX_QUESTIONS):
            messenger = self.courier.messenger(msg.platform)
            if messenger is None:
                await self.courier.wait_until_up(msg.platform)
                async with parked():
                    await self.services.clock.sleep(1)
                continue
            facing = FactsMessenger(messenger, self.facts, db)
            try:
                rows = await self._handle_once(entry_id, msg, facing)
            except NeedPlatform as need:
                self.stats.questions += 1
                await self._ask(need.question)
                continue
            except _AlreadyHandled:
                return
            except Exception as exc:
                await self._failed(entry_id, msg, exc)
                return
            self.stats.handled += 1
            self._kick(rows)
            return
        await self._failed(entry_id, msg, RuntimeError("too many platform questions"))

    async def _handle_once(
        self, entry_id: int, msg: Inbound, facing: FactsMessenger
    ) -> list[NewOutgoing]:
        db, clock = self.services.db, self.services.clock
        reader = self.readers.get(msg.platform)
        async with db.transaction():
            read = await reader.read(msg) if reader is not None else msg
            if isinstance(read, list):
                replies = read
            else:
                msg = read
                replies = await self.router.dispatch(msg, self.services, facing)
            if reader is not None:
                replies = await reader.written(msg, replies)
            rows = outgoing_rows(msg, replies, entry_id, facing.capabilities)
            await self.outbox.add(rows, clock.now())
            if not await self.inbox.finish(entry_id, clock.now()):
                raise _AlreadyHandled
        return rows

    async def _ask(self, question: Question) -> None:
        """Ask the platform (outside any transaction), waiting out an outage."""
        failures = 0
        while True:
            messenger = self.courier.messenger(question.platform)
            if messenger is None:
                return
            try:
                await self.facts.ask(messenger, question)
            except ChatUnreachableError:
                self.facts.put(question, False)  # the bot is not in that chat: nobody is
                return
            except TransientSendError as exc:
                self.courier.note(question.platform, question.chat_id, exc)
                failures += 1
                if exc.platform_down:
                    await self.courier.wait_until_up(question.platform)
                else:
                    async with parked():
                        await self.services.clock.sleep(min(2 ** (failures - 1), 10))
                continue
            return

    async def _failed(self, entry_id: int, msg: Inbound, exc: Exception) -> None:
        """A bug: the update is marked failed and its user told, so the chat goes on."""
        log.error("update %d could not be handled", entry_id, exc_info=exc)
        self.stats.failed += 1
        if msg.kind is InboundKind.BUTTON:
            replies = [Reply(notice=T.INTERNAL_ERROR[:NOTICE_LIMIT])]
        else:
            replies = [Reply(text=T.INTERNAL_ERROR)]
        messenger = self.courier.messenger(msg.platform)
        capabilities = messenger.capabilities if messenger else Capabilities()
        rows = outgoing_rows(msg, replies, entry_id, capabilities)
        db, now = self.services.db, self.services.clock.now()
        async with db.transaction():
            if not await self.inbox.fail(entry_id, repr(exc), now):
                return
            await self.outbox.add(rows, now)
        self._kick(rows)

    def _kick(self, rows: list[NewOutgoing]) -> None:
        for platform, chat_id, answers in {
            (r.platform, r.chat_id, r.action == "answer") for r in rows
        }:
            self.worker.kick(platform, chat_id, answers=answers)
