"""How a reminder reaches people: a personal row goes to the person's DM first, else (or when
they blocked the bot) to the group with a mention; group chats that refuse the bot are
remembered until it is back, and then told in one message what they missed; sends are paced
in production; reminders too late to send are listed to the chuyên viên. The dispatcher
(bot/reminders/dispatcher.py) decides what to send and marks the rows.

Every send goes through the courier (bot/delivery/courier.py), in the lane of its chat, after
the replies queued there: a chat under a flood wait, or a platform that is down, is answered at
once with a TransientSendError, before the row is marked `sending`, so the row can come back
later without a "may be a repeat" note it does not need.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from bot.chat.errors import ChatUnreachableError, SendRefusedError, TransientSendError
from bot.chat.messages import Button, Reply
from bot.chat.transport import Messenger
from bot.clock import Clock
from bot.dates import format_when
from bot.delivery.courier import Courier
from bot.reminders import text as T
from bot.reminders.render import Withdrawn
from bot.reminders.settings import settings_of
from storage.groups import GroupStore
from storage.models import Group, Role
from storage.reminders import Reminder, ReminderStore
from storage.undelivered import UndeliveredStore

log = logging.getLogger(__name__)

MISSED_SHOWN = 30  # lines of a missed list; the rest are counted


class ReminderSender:
    """Sends reminder texts through the messenger and keeps track of chats that refuse them."""

    def __init__(
        self,
        groups: GroupStore,
        reminders: ReminderStore,
        undelivered: UndeliveredStore,
        clock: Clock,
        courier: Courier,
    ) -> None:
        self.groups = groups
        self.reminders = reminders
        self.undelivered = undelivered
        self.clock = clock
        self.courier = courier
        self.messengers: dict[str, Messenger] = {}  # by platform
        self.pace: float | None = None  # seconds between sends; set in production by start()
        self._pace_lock = asyncio.Lock()
        self._last_send = 0.0
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

    def _messenger(self, group: Group) -> Messenger:
        messenger = self.messengers.get(group.platform)
        if messenger is None:
            raise TransientSendError(group.chat_id, f"no {group.platform} transport running")
        return messenger

    async def send(
        self, row: Reminder, group: Group, text: str, buttons: tuple[tuple[Button, ...], ...]
    ) -> Exception | None:
        """Send one row: DM first for personal rows, else (or if refused) the group."""
        try:
            messenger = self._messenger(group)
        except TransientSendError as exc:
            return exc
        mention = None
        if row.target_user_id is not None:
            user = await self.groups.user(group.platform, row.target_user_id)
            if user is not None and user.reachable_by_dm and user.dm_chat_id:
                waiting = self._must_wait(group.platform, user.dm_chat_id)
                if waiting is not None:
                    return waiting
                await self.reminders.mark_sending(row.id)
                try:
                    await self._paced_send(
                        messenger,
                        user.dm_chat_id,
                        Reply(text=f"{group.name}\n{text}", buttons=buttons),
                    )
                except ChatUnreachableError as exc:
                    log.info(
                        "user %s blocked the bot (%s): mention in the group", user.user_id, exc
                    )
                    await self.groups.mark_dm_blocked(group.platform, user.user_id)
                except (TransientSendError, SendRefusedError) as exc:
                    return exc
                else:
                    return None
            mention = await self.groups.mention(group, row.target_user_id)
        refused = self._unreachable.get((group.platform, group.chat_id))
        if refused is not None:
            return ChatUnreachableError(group.chat_id, refused)
        if mention:
            text = f"{mention}: {text}"
        waiting = self._must_wait(group.platform, group.chat_id)
        if waiting is not None:
            return waiting
        await self.reminders.mark_sending(row.id)
        try:
            await self._paced_send(messenger, group.chat_id, Reply(text=text, buttons=buttons))
        except ChatUnreachableError as exc:
            log.warning("group chat %s refuses the bot: %s", group.chat_id, exc.reason)
            self._unreachable[(group.platform, group.chat_id)] = exc.reason
            await self.reminders.mark_unreachable(
                group.platform, group.chat_id, exc.reason, self.clock.now()
            )
            return exc
        except (TransientSendError, SendRefusedError) as exc:
            return exc
        return None

    def _must_wait(self, platform: str, chat_id: str) -> TransientSendError | None:
        """The reason not to try this chat now (a flood hold, an outage), if there is one."""
        left = self.courier.held_for(platform, chat_id)
        if left > 0:
            return TransientSendError(chat_id, "flood wait", retry_after=left)
        if self.courier.is_down(platform):
            return TransientSendError(chat_id, f"{platform} unreachable", platform_down=True)
        return None

    async def _paced_send(self, messenger: Messenger, chat_id: str, reply: Reply) -> None:
        """Send through the courier, spacing sends by `pace` seconds when pacing is on."""
        if self.pace:
            loop = asyncio.get_running_loop()
            async with self._pace_lock:
                wait = self._last_send + self.pace - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                self._last_send = loop.time()
        await self.courier.send(messenger.platform, chat_id, reply)

    async def send_missed_lists(self, missed: dict[int, list[tuple[Reminder, str]]]) -> int:
        """Tell each group's chuyên viên, once, which reminders were too late to send.

        Args:
            missed: per group id, the rows skipped as too late with the first line of each.

        Returns:
            How many lists were sent.
        """
        sent = 0
        for group_id, items in missed.items():
            group = await self.groups.by_id(group_id)
            if group is None or group.platform not in self.messengers:
                continue
            hours = int(settings_of(group).grace.total_seconds() // 3600)
            lines = [T.MISSED_HEADER.format(group=group.name, count=len(items), hours=hours)]
            lines += [
                T.MISSED_LINE.format(when=self._local(r.due_at, group), what=first)
                for r, first in sorted(items, key=lambda x: x[0].due_at)[:MISSED_SHOWN]
            ]
            if len(items) > MISSED_SHOWN:
                lines.append(T.MISSED_MORE.format(count=len(items) - MISSED_SHOWN))
            text = "\n".join(lines)
            try:
                await self._tell_chuyen_vien(group, text)
                sent += 1
            except Exception:
                log.exception("could not list missed reminders to group %d", group.id)
        return sent

    async def tell_withdrawn(self, group: Group, withdrawn: Withdrawn) -> None:
        """Tell the person who asked for a reminder that it will not come, and why: by DM,
        else named in the group (a failure to tell is logged, never raised)."""
        if withdrawn.tell is None:
            return
        text = T.WITHDRAWN.format(what=withdrawn.what, why=withdrawn.why)
        try:
            messenger = self._messenger(group)
            user = await self.groups.user(group.platform, withdrawn.tell)
            if user is not None and user.reachable_by_dm and user.dm_chat_id:
                try:
                    await self.courier.send(
                        messenger.platform, user.dm_chat_id, Reply(text=f"{group.name}\n{text}")
                    )
                except ChatUnreachableError:
                    await self.groups.mark_dm_blocked(group.platform, user.user_id)
                else:
                    return
            if (group.platform, group.chat_id) in self._unreachable:
                return
            mention = await self.groups.mention(group, withdrawn.tell)
            await self.courier.send(
                messenger.platform, group.chat_id, Reply(text=f"{mention}: {text}")
            )
        except Exception:
            log.exception("could not tell %s that a reminder was withdrawn", withdrawn.tell)

    def _local(self, moment: datetime, group: Group) -> str:
        return format_when(moment, True, self.clock.now().astimezone(group.timezone))

    async def _tell_chuyen_vien(self, group: Group, text: str) -> None:
        messenger = self._messenger(group)
        leaders = [m for m in await self.groups.members(group.id) if m.role is Role.CHUYEN_VIEN]
        ids = [m.user_id for m in leaders] or [group.registered_by]
        unreached = []
        for user_id in ids:
            user = await self.groups.user(group.platform, user_id)
            if user is not None and user.reachable_by_dm and user.dm_chat_id:
                try:
                    await self.courier.send(messenger.platform, user.dm_chat_id, Reply(text=text))
                    continue
                except ChatUnreachableError:
                    await self.groups.mark_dm_blocked(group.platform, user_id)
            unreached.append(await self.groups.mention(group, user_id))
        if unreached and (group.platform, group.chat_id) not in self._unreachable:
            await self.courier.send(
                messenger.platform, group.chat_id, Reply(text=f"{', '.join(unreached)}: {text}")
            )
