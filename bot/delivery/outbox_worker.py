"""The outbox worker: sends what the outbox holds, chat by chat, in order, until it is taken.

A chat's rows are sent by one drain job in that chat's lane (its button answers by another,
which no flood wait holds: answering a press is not writing to the chat). Each row is tried
until the platform takes it or refuses it for good:

* a flood wait or an outage: wait (parked) and try again; nothing is dropped;
* another transient error (a 5xx): back off 1, 2, 4 … at most BACKOFF_MAX seconds;
* no answer (a timeout): the row is marked maybe_sent and resent with RESEND_NOTE;
* the chat refuses the bot: failed, and the composition root is told (`on_unreachable`);
* an edit or a button answer refused (the message is gone, the press too old): sent as a new
  message instead, so a reply to a committed change still reaches the user.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace

from bot.chat.codec import reply_from_dict, reply_to_dict
from bot.chat.errors import ChatUnreachableError, SendRefusedError, TransientSendError
from bot.chat.messages import Reply
from bot.clock import Clock
from bot.delivery import text as T
from bot.delivery.courier import Courier, lane_key
from bot.delivery.lanes import parked
from storage.outbox import NewOutgoing, OutboxStore, Outgoing, SentMark

log = logging.getLogger(__name__)

BACKOFF_MAX = 10.0  # seconds between two tries of a row the platform answered with an error
DRAIN_TURN = 10  # rows one drain job sends before letting the chat's other work go first

Unreachable = Callable[[str, str, str], Awaitable[None]]
# A row the platform took: the row, the reply as sent, the platform's message id.
Taken = tuple[Outgoing, Reply, str | None]
# A reply with a tag was sent: (platform, chat id, tag, message id) -> the replies that follow in
# that chat. Runs after the send and before the row is marked sent (so again after a crash),
# outside any transaction, in the chat's lane.
Delivered = Callable[[str, str, str, str], Awaitable[list[Reply]]]


def with_resend_note(reply: Reply) -> Reply:
    """The reply as resent after an attempt whose outcome is unknown."""
    text = f"{reply.text}\n{T.RESEND_NOTE}" if reply.text else T.RESEND_NOTE
    return replace(reply, text=text)


class OutboxWorker:
    """Drains the outbox through the courier."""

    def __init__(self, outbox: OutboxStore, courier: Courier, clock: Clock) -> None:
        self.outbox = outbox
        self.courier = courier
        self.clock = clock
        self.on_unreachable: Unreachable | None = None
        self.on_delivered: Delivered | None = None
        self._draining: set[object] = set()
        self._dirty: set[object] = set()

    def kick(self, platform: str, chat_id: str, *, answers: bool = False) -> None:
        """Something was written for this chat: make sure its lane drains it."""
        key = lane_key(platform, chat_id, answers=answers)
        if self.courier.lanes.closed:
            return  # stopping: the rows wait in the outbox and are sent at the next start
        if key in self._draining:
            self._dirty.add(key)  # the running drain will look again before it ends
            return
        self._draining.add(key)
        self.courier.lanes.post(key, lambda: self._drain(key, platform, chat_id, answers))

    async def resume(self) -> int:
        """At start-up: rows left mid-send get maybe_sent, and every chat with rows drains."""
        caught = await self.outbox.recover()
        if caught:
            log.warning("start-up: %d replies caught mid-send will be resent with a note", caught)
        chats = await self.outbox.chats_with_unsent()
        for platform, chat_id, answers in chats:
            self.kick(platform, chat_id, answers=answers)
        return len(chats)

    async def _drain(self, key: object, platform: str, chat_id: str, answers: bool) -> None:
        sent = 0
        # The row just sent: recorded by the same statement that takes the next one.
        done: Taken | None = None
        try:
            while True:
                self._dirty.discard(key)
                if sent >= DRAIN_TURN:
                    if done is not None:
                        await self.outbox.mark_sent(done[0].id, self.clock.now(), done[2])
                        await self._count_sent(*done)
                    break
                mark = SentMark(done[0].id, self.clock.now(), done[2]) if done else None
                free = self._free(platform, chat_id, answers)
                row = await self.outbox.advance(
                    platform, chat_id, answers=answers, sent=mark, claim=free
                )
                if done is not None:
                    await self._count_sent(*done)
                    done = None
                if row is None:
                    if key in self._dirty:
                        continue
                    return
                outcome = await self._deliver(row, claimed=free)
                if outcome is not None and self._hooked(outcome[1]):
                    await self._finish_hooked(*outcome)
                elif outcome is not None:
                    done = outcome
                sent += 1
        finally:
            self._draining.discard(key)
            self._dirty.discard(key)
        # A busy chat's replies take turns with what else waits in its lane (its reminders):
        # the rest is drained by a new job queued behind them.
        self.kick(platform, chat_id, answers=answers)

    def _free(self, platform: str, chat_id: str, answers: bool) -> bool:
        """Whether the chat's next row can go out right away (no flood hold, no outage)."""
        if self.courier.messenger(platform) is None or self.courier.is_down(platform):
            return False
        return answers or self.courier.held_for(platform, chat_id) <= 0

    async def _deliver(self, row: Outgoing, *, claimed: bool) -> Taken | None:
        """Try one row until the platform takes it (returned, to be marked sent by the
        caller) or refuses it for good (marked here; None).

        Args:
            claimed: the row is already marked sending for this first attempt.
        """
        failures = 0
        while True:
            messenger = self.courier.messenger(row.platform)
            if messenger is None:
                # The transport of this platform is not running (yet): wait for it.
                await self.courier.wait_until_up(row.platform)
                async with parked():
                    await self.clock.sleep(1)
                claimed = False
                continue
            if not claimed:
                if row.action != "answer":
                    await self.courier.wait_for_chat(row.platform, row.chat_id)
                else:
                    await self.courier.wait_until_up(row.platform)
                await self.outbox.mark_sending(row.id)
            claimed = False
            reply = reply_from_dict(row.body)
            message_id: str | None = None
            try:
                if row.action == "send":
                    shown = with_resend_note(reply) if row.maybe_sent else reply
                    message_id = await messenger.send(row.chat_id, shown, reply_to=row.reply_to)
                elif row.action == "edit":
                    await messenger.edit(row.chat_id, row.reply_to or "", reply)
                else:
                    await messenger.answer(row.press_id or "", reply.notice)
            except TransientSendError as exc:
                self.courier.note(row.platform, row.chat_id, exc)
                await self.outbox.retry(row.id, str(exc), maybe_sent=exc.maybe_sent)
                row = await self._reload(row)
                if exc.retry_after or exc.platform_down:
                    continue  # the courier now holds the chat, or the platform
                failures += 1
                async with parked():
                    await self.clock.sleep(min(2 ** (failures - 1), BACKOFF_MAX))
                continue
            except ChatUnreachableError as exc:
                self.courier.stats.unreachable += 1
                log.warning("%s chat %s refuses the bot: %s", row.platform, row.chat_id, exc)
                await self.outbox.fail(row.id, str(exc))
                if self.on_unreachable is not None:
                    await self.on_unreachable(row.platform, row.chat_id, exc.reason)
                return None
            except SendRefusedError as exc:
                if await self._fall_back(row, reply, exc):
                    row = await self._reload(row)
                    continue
                return None
            except Exception as exc:  # a bug or a surprise: this row only, logged
                log.exception("outbox row %d could not be sent", row.id)
                await self.outbox.fail(row.id, repr(exc))
                return None
            return row, reply, message_id

    async def _count_sent(self, row: Outgoing, reply: Reply, message_id: str | None) -> None:
        """After a row is marked sent: the counters."""
        self.courier.stats.sent += 1
        kind = f"{row.action}{' (resent)' if row.maybe_sent else ''}"
        self.courier.stats.by_kind[kind] = self.courier.stats.by_kind.get(kind, 0) + 1

    def _hooked(self, reply: Reply) -> bool:
        """Whether a feature waits to hear that this reply was sent (it carries a tag)."""
        return bool(reply.tag) and self.on_delivered is not None

    async def _finish_hooked(self, row: Outgoing, reply: Reply, message_id: str | None) -> None:
        """A tagged reply was taken: tell its feature first, then mark the row sent by the
        commit that also queues what the feature says next.

        In this order a crash at any moment loses nothing the hook does: until that commit the
        row is still 'sending', so the next start resends it (with the note) and the hook runs
        again for the new message. Hooks are written to be run again: they record the latest
        message id, or build the archive anew.
        """
        follow: list[Reply] = []
        if reply.tag and message_id:
            follow = await self._run_hook(row, reply.tag, message_id)
        rows = [
            NewOutgoing(row.platform, row.chat_id, "send", reply_to_dict(r), inbox_id=row.inbox_id)
            for r in follow
        ]
        await self.outbox.mark_sent(row.id, self.clock.now(), message_id, then=rows)
        await self._count_sent(row, reply, message_id)
        if rows:
            self.kick(row.platform, row.chat_id)

    async def _run_hook(self, row: Outgoing, tag: str, message_id: str) -> list[Reply]:
        """The feature's hook for a sent reply; what it says next in the chat."""
        assert self.on_delivered is not None
        try:
            return await self.on_delivered(row.platform, row.chat_id, tag, message_id)
        except Exception:  # the message is out; only what the feature adds is lost
            log.exception("outbox row %d: the delivery hook failed", row.id)
            return []

    async def _fall_back(self, row: Outgoing, reply: Reply, exc: SendRefusedError) -> bool:
        """An edit or answer the platform refused: send a new message instead (True), or fail."""
        self.courier.stats.refused += 1
        if row.action == "edit" and (reply.text or reply.document):
            log.info("outbox row %d: edit refused (%s); sending a new message", row.id, exc)
            new = Reply(text=reply.text, buttons=reply.buttons, document=reply.document)
            await self.outbox.turn_into_send(row.id, reply_to_dict(new))
            return True
        fallback = row.body.get("fallback")
        if row.action == "answer" and fallback:
            log.info("outbox row %d: press too old (%s); notice sent as a message", row.id, exc)
            await self.outbox.turn_into_send(row.id, reply_to_dict(Reply(text=str(fallback))))
            self.kick(row.platform, row.chat_id)  # it now belongs to the chat's message lane
            return False
        log.warning("outbox row %d refused: %s", row.id, exc)
        await self.outbox.fail(row.id, str(exc))
        return False

    async def _reload(self, row: Outgoing) -> Outgoing:
        fresh = await self.outbox.get(row.id)
        return fresh if fresh is not None else row
