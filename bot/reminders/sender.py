"""How a reminder reaches people, on every platform the bot serves.

A personal row goes to the person's private chats in their delivery order (the channel chosen
with /kenh, else where they last wrote privately, then their other linked account): an account
that blocked the bot, a platform whose monthly quota is used up or is failing right now is
skipped for the next one, and the log says so; when none can be reached the person is mentioned
in the group. A group row goes to every chat of the Tổ (its own chat and the chats bound on other
platforms), all at once. Each send goes through the messenger of its chat's platform, with its
own slots and pacing per platform, so a Zalo outage never holds up Telegram and the other way
round. Chats that refuse the bot are remembered until it is back; missed reminders are listed
to the chuyên viên. The dispatcher (bot/reminders/dispatcher.py) decides what to send.

Every send goes through the courier (bot/delivery/courier.py), in the lane of its chat, after
the replies queued there: a chat under a flood wait, or a platform that is down, is answered at
once with a TransientSendError, before the row is marked `sending`, so the row can come back
later without a "may be a repeat" note it does not need.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.chat.errors import ChatUnreachableError, SendRefusedError, TransientSendError
from bot.chat.messages import Button, Reply
from bot.chat.transport import Messenger
from bot.clock import Clock
from bot.dates import format_when
from bot.delivery.courier import Courier
from bot.reminders import text as T
from bot.reminders.render import Withdrawn
from storage.group_chats import ChatRef, GroupChatStore
from storage.groups import GroupStore
from storage.models import Group
from storage.people import PersonStore
from storage.quota import QuotaStore
from storage.reminders import Reminder, ReminderStore
from storage.undelivered import UndeliveredStore

log = logging.getLogger(__name__)

Mark = Callable[[], Awaitable[None]]

SLOTS_PER_PLATFORM = 32  # sends in flight per platform
MISSED_SHOWN = 30  # lines of a "while the bot was out" summary; the rest are counted


class SendStoppedError(Exception):
    """The sender is stopping: nothing of this row was handed to a platform by this call."""


class ReminderSender:
    """Sends reminder texts through the messengers and keeps track of chats that refuse them."""

    def __init__(
        self,
        groups: GroupStore,
        reminders: ReminderStore,
        clock: Clock,
        *,
        people: PersonStore,
        group_chats: GroupChatStore,
        quota: QuotaStore,
        zone: ZoneInfo,
        undelivered: UndeliveredStore,
        courier: Courier,
    ) -> None:
        self.groups = groups
        self.reminders = reminders
        self.undelivered = undelivered
        self.clock = clock
        self.people = people
        self.group_chats = group_chats
        self.quota = quota
        self.zone = zone  # the month of a quota is counted in the bot's zone
        self.courier = courier
        self.messengers: dict[str, Messenger] = {}  # by platform
        self.pace: float | None = None  # seconds between sends; set in production by start()
        self.stopping = False  # set by the dispatcher: sends not yet started are given back
        self._slots: dict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(SLOTS_PER_PLATFORM)
        )
        self._pace_locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._last_send: dict[str, float] = defaultdict(float)
        self._unreachable: dict[tuple[str, str], str] = {}  # (platform, chat id) -> reason

    async def open(self, messenger: Messenger) -> None:
        """Send through `messenger` from now on; reload the chats known to refuse the bot."""
        self.messengers[messenger.platform] = messenger
        refused = await self.reminders.unreachable_chats(messenger.platform)
        self._unreachable.update(
            {(messenger.platform, chat): why for chat, why in refused.items()}
        )

    def close(self) -> None:
        """Send nothing more (the transports are stopping)."""
        self.messengers.clear()

    def refuses(self, platform: str, chat_id: str) -> bool:
        """Whether this chat is known to refuse the bot."""
        return (platform, chat_id) in self._unreachable

    async def chat_refused(self, platform: str, chat_id: str, reason: str) -> None:
        """The platform refused a message to this chat: a group's chat is remembered as
        unreachable (its reminders are kept for the summary), a person's DM as blocked."""
        if await self.groups.by_chat(platform, chat_id) is not None:
            self._unreachable[(platform, chat_id)] = reason
            await self.reminders.mark_unreachable(platform, chat_id, reason, self.clock.now())
        else:
            await self.groups.mark_dm_blocked_chat(platform, chat_id)

    async def chat_back(self, platform: str, chat_id: str) -> Reply | None:
        """The bot is in this chat again: send there again, and say in one message what fell
        due while it was out (None when nothing did)."""
        if self._unreachable.pop((platform, chat_id), None) is None:
            return None
        await self.reminders.mark_reachable(platform, chat_id)
        group = await self.groups.by_chat(platform, chat_id)
        if group is None:
            return None
        rows = await self.undelivered.unreported(group.id)
        if not rows:
            return None
        await self.undelivered.mark_reported([r.id for r in rows])
        listed = [r for r in rows if r.kind != "digest"]  # a past morning digest is stale news
        if not listed:
            return None
        lines = [T.WHILE_OUT_HEADER.format(count=len(listed))]
        for row in listed[:MISSED_SHOWN]:
            what = str(row.payload.get("first_line") or T.SOMETHING)
            lines.append(T.MISSED_LINE.format(when=self._local(row.due_at, group), what=what))
        if len(listed) > MISSED_SHOWN:
            lines.append(T.MISSED_MORE.format(count=len(listed) - MISSED_SHOWN))
        lines.append(T.WHILE_OUT_FOOTER)
        return Reply(text="\n".join(lines))

    async def send(
        self, row: Reminder, group: Group, text: str, buttons: tuple[tuple[Button, ...], ...]
    ) -> Exception | None:
        """Send one row: privately first for personal rows, else (or if unreached) the group."""
        if not self.messengers:
            return TransientSendError(group.chat_id, "no transport running")
        mark = self._marker(row)
        what = f"reminder {row.id}"
        mention = None
        if row.target_user_id is not None:
            reply = Reply(text=f"{group.name}\n{text}", buttons=buttons)
            outcome = await self.send_privately(row.target_user_id, reply, what=what, mark=mark)
            if outcome is None or isinstance(outcome, TransientSendError):
                return outcome  # sent, or try the private chats again later
            mention = await self.groups.mention(group, row.target_user_id)
        if mention:
            text = f"{mention}: {text}"
        return await self.send_to_group(group, Reply(text=text, buttons=buttons), what, mark=mark)

    def _marker(self, row: Reminder) -> Mark:
        """Mark the row `sending` once, just before its first platform call."""
        marked = False

        async def mark() -> None:
            nonlocal marked
            if not marked:
                marked = True
                await self.reminders.mark_sending(row.id)

        return mark

    async def send_privately(
        self, person: str, reply: Reply, *, what: str, mark: Mark | None = None
    ) -> Exception | None:
        """Send to the person's first reachable private chat; None once one got it.

        Returns the first transient error met when no chat got it (the caller may retry), else
        a ChatUnreachableError.
        """
        transient: TransientSendError | None = None
        for position, chat in enumerate(await self.people.direct_chats(person)):
            messenger = self.messengers.get(chat.platform)
            if messenger is None:
                continue
            if await self.quota_used_up(messenger):
                log.warning("%s: %s quota used up, trying the next chat", what, chat.platform)
                continue
            try:
                await self.send_one(messenger, chat.chat_id, reply, mark)
            except ChatUnreachableError as exc:
                log.info("%s: %s account blocked the bot (%s)", what, chat.platform, exc.reason)
                await self.groups.mark_dm_blocked(chat.platform, chat.user_id)
                continue
            except TransientSendError as exc:
                log.warning("%s: %s failing (%s), trying the next chat", what, chat.platform, exc)
                transient = transient or exc
                continue
            if position:
                log.warning("%s: delivered by fallback to %s", what, chat.platform)
            return None
        return transient or ChatUnreachableError(person, "no private chat reaches this person")

    async def send_to_group(
        self, group: Group, reply: Reply, what: str, *, mark: Mark | None = None
    ) -> Exception | None:
        """Send to every chat of the group at once; None if at least one chat got it."""
        chats = await self.group_chats.chats_of(group)
        outcomes = await asyncio.gather(
            *(self._to_chat(chat, reply, others=len(chats) > 1, mark=mark) for chat in chats)
        )
        if all(isinstance(o, SendStoppedError) for o in outcomes):
            raise SendStoppedError(what)
        for chat, outcome in zip(chats, outcomes, strict=True):
            if outcome is not None and any(o is None for o in outcomes):
                log.warning(
                    "%s reached the Tổ but not its %s chat: %s", what, chat.platform, outcome
                )
        if any(outcome is None for outcome in outcomes):
            return None
        transient = [o for o in outcomes if isinstance(o, TransientSendError)]
        return transient[0] if transient else outcomes[0]

    async def _to_chat(
        self, chat: ChatRef, reply: Reply, *, others: bool, mark: Mark | None
    ) -> Exception | None:
        messenger = self.messengers.get(chat.platform)
        if messenger is None:
            return TransientSendError(chat.chat_id, f"no {chat.platform} transport running")
        refused = self._unreachable.get((chat.platform, chat.chat_id))
        if refused is not None:
            return ChatUnreachableError(chat.chat_id, refused)
        if others and await self.quota_used_up(messenger):
            # The Tổ's other chats carry it; keep what is left of the quota for replies.
            return ChatUnreachableError(chat.chat_id, f"{chat.platform} monthly quota used up")
        try:
            await self.send_one(messenger, chat.chat_id, reply, mark)
        except SendStoppedError as exc:
            return exc
        except ChatUnreachableError as exc:
            log.warning("%s chat %s refuses the bot: %s", chat.platform, chat.chat_id, exc.reason)
            self._unreachable[(chat.platform, chat.chat_id)] = exc.reason
            await self.reminders.mark_unreachable(
                chat.platform, chat.chat_id, exc.reason, self.clock.now()
            )
            return exc
        except (TransientSendError, SendRefusedError) as exc:
            return exc
        return None

    async def quota_used_up(self, messenger: Messenger) -> bool:
        """Whether the platform's monthly message quota (if it has one) is used up."""
        cap = messenger.capabilities.monthly_quota
        if cap is None:
            return False
        state = await self.quota.state(messenger.platform, self.clock.now(), self.zone, cap)
        return state.exhausted

    async def send_one(
        self, messenger: Messenger, chat_id: str, reply: Reply, mark: Mark | None = None
    ) -> None:
        """Send through the courier in one of its platform's slots, paced when pacing is on.

        A chat under a flood wait, or a platform that is down, raises TransientSendError at
        once, before the row is marked `sending`: it comes back later without a "may be a
        repeat" note it does not need.
        """
        platform = messenger.platform
        waiting = self._must_wait(platform, chat_id)
        if waiting is not None:
            raise waiting
        async with self._slots[platform]:
            if self.stopping:
                raise SendStoppedError(chat_id)
            if mark is not None:
                await mark()
            if self.pace:
                loop = asyncio.get_running_loop()
                async with self._pace_locks[platform]:
                    wait = self._last_send[platform] + self.pace - loop.time()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    self._last_send[platform] = loop.time()
            await self.courier.send(platform, chat_id, reply)

    def _must_wait(self, platform: str, chat_id: str) -> TransientSendError | None:
        """The reason not to try this chat now (a flood hold, an outage), if there is one."""
        left = self.courier.held_for(platform, chat_id)
        if left > 0:
            return TransientSendError(chat_id, "flood wait", retry_after=left)
        if self.courier.is_down(platform):
            return TransientSendError(chat_id, f"{platform} unreachable", platform_down=True)
        return None

    async def tell_withdrawn(self, group: Group, withdrawn: Withdrawn) -> None:
        """Tell the person who asked for a reminder that it will not come, and why: privately,
        else named in the Tổ's chats (a failure to tell is logged, never raised)."""
        if withdrawn.tell is None:
            return
        text = T.WITHDRAWN.format(what=withdrawn.what, why=withdrawn.why)
        what = "a withdrawn reminder"
        try:
            privately = Reply(text=f"{group.name}\n{text}")
            if await self.send_privately(withdrawn.tell, privately, what=what) is None:
                return
            mention = await self.groups.mention(group, withdrawn.tell)
            await self.send_to_group(group, Reply(text=f"{mention}: {text}"), what)
        except Exception:
            log.exception("could not tell %s that a reminder was withdrawn", withdrawn.tell)

    def _local(self, moment: datetime, group: Group) -> str:
        return format_when(moment, True, self.clock.now().astimezone(group.timezone))
