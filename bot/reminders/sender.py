"""How a reminder reaches people: a personal row goes to the person's DM first, else (or when
they blocked the bot) to the group with a mention; group chats that refuse the bot are
remembered until it is back; sends are paced in production; missed reminders are listed to
the chuyên viên. The dispatcher (bot/reminders/dispatcher.py) decides what to send and marks
the rows. Each group's reminders go through the messenger of the group's platform.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from bot.chat.errors import ChatUnreachableError, TransientSendError
from bot.chat.messages import Button, Reply
from bot.chat.transport import Messenger
from bot.clock import Clock
from bot.dates import format_when
from bot.reminders import text as T
from bot.reminders.settings import settings_of
from storage.groups import GroupStore
from storage.models import Group, Role
from storage.reminders import Reminder, ReminderStore

log = logging.getLogger(__name__)

MISSED_SHOWN = 30  # lines of a missed list; the rest are counted


class ReminderSender:
    """Sends reminder texts through the messenger and keeps track of chats that refuse them."""

    def __init__(self, groups: GroupStore, reminders: ReminderStore, clock: Clock) -> None:
        self.groups = groups
        self.reminders = reminders
        self.clock = clock
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

    async def chat_back(self, platform: str, chat_id: str) -> None:
        """The bot is in this chat again: send there again."""
        if self._unreachable.pop((platform, chat_id), None) is not None:
            await self.reminders.mark_reachable(platform, chat_id)

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
                except TransientSendError as exc:
                    return exc
                else:
                    return None
            mention = await self.groups.mention(group, row.target_user_id)
        refused = self._unreachable.get((group.platform, group.chat_id))
        if refused is not None:
            return ChatUnreachableError(group.chat_id, refused)
        if mention:
            text = f"{mention}: {text}"
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
        except TransientSendError as exc:
            return exc
        return None

    async def _paced_send(self, messenger: Messenger, chat_id: str, reply: Reply) -> None:
        """Send through the messenger, spacing sends by `pace` seconds when pacing is on."""
        if self.pace:
            loop = asyncio.get_running_loop()
            async with self._pace_lock:
                wait = self._last_send + self.pace - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                self._last_send = loop.time()
        await messenger.send(chat_id, reply)

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
                    await messenger.send(user.dm_chat_id, Reply(text=text))
                    continue
                except ChatUnreachableError:
                    await self.groups.mark_dm_blocked(group.platform, user_id)
            unreached.append(await self.groups.mention(group, user_id))
        if unreached and (group.platform, group.chat_id) not in self._unreachable:
            await messenger.send(group.chat_id, Reply(text=f"{', '.join(unreached)}: {text}"))
