"""Notes to the chuyên viên from the reminder engine: reminders missed while the bot was down,
and a platform's monthly quota running low. Sent privately (by another platform than the one
whose quota runs low, where they can), else with a mention in the Tổ's chats.
"""

from __future__ import annotations

import logging
from datetime import datetime

from bot.chat.errors import ChatUnreachableError, TransientSendError
from bot.chat.messages import Reply
from bot.dates import format_when
from bot.reminders import text as T
from bot.reminders.sender import ReminderSender
from bot.reminders.settings import settings_of
from storage.models import Group, Role
from storage.quota import QuotaState
from storage.reminders import Reminder

log = logging.getLogger(__name__)

MISSED_SHOWN = 30  # lines of a missed list; the rest are counted


class ChuyenVienNotes:
    """Tells each Tổ's chuyên viên what the engine could not do on its own."""

    def __init__(self, sender: ReminderSender) -> None:
        self.sender = sender

    async def send_missed_lists(self, missed: dict[int, list[tuple[Reminder, str]]]) -> int:
        """Tell each group's chuyên viên, once, which reminders were too late to send.

        Args:
            missed: per group id, the rows skipped as too late with the first line of each.

        Returns:
            How many lists were sent.
        """
        sent = 0
        for group_id, items in missed.items():
            group = await self.sender.groups.by_id(group_id)
            if group is None or not self.sender.messengers:
                continue
            hours = int(settings_of(group).grace.total_seconds() // 3600)
            lines = [T.MISSED_HEADER.format(group=group.name, count=len(items), hours=hours)]
            lines += [
                T.MISSED_LINE.format(when=self._local(r.due_at, group), what=first)
                for r, first in sorted(items, key=lambda x: x[0].due_at)[:MISSED_SHOWN]
            ]
            if len(items) > MISSED_SHOWN:
                lines.append(T.MISSED_MORE.format(count=len(items) - MISSED_SHOWN))
            try:
                await self._tell_chuyen_vien(group, "\n".join(lines))
                sent += 1
            except Exception:
                log.exception("could not list missed reminders to group %d", group.id)
        return sent

    async def warn_quota(self, state: QuotaState) -> None:
        """The platform's month is at 80% of its quota: tell the chuyên viên of its Tổ, once."""
        text = T.QUOTA_WARNING.format(
            sent=state.sent, quota=state.quota, month=_month(state.month), platform="Zalo"
        )
        log.warning(
            "%s: %d of %d messages sent in %s",
            state.platform,
            state.sent,
            state.quota,
            state.month,
        )
        for group in await self.sender.group_chats.groups_on(state.platform):
            try:
                await self._tell_chuyen_vien(group, text, avoid=state.platform)
            except Exception:
                log.exception("could not warn group %d about the quota", group.id)

    def _local(self, moment: datetime, group: Group) -> str:
        return format_when(moment, True, self.sender.clock.now().astimezone(group.timezone))

    async def _tell_chuyen_vien(self, group: Group, text: str, avoid: str | None = None) -> None:
        leaders = [
            m for m in await self.sender.groups.members(group.id) if m.role is Role.CHUYEN_VIEN
        ]
        unreached = []
        for person in [m.user_id for m in leaders] or [group.registered_by]:
            chats = await self.sender.people.direct_chats(person)
            # A warning about a platform's quota goes by another platform where it can.
            chats.sort(key=lambda chat: chat.platform == avoid)
            for chat in chats:
                messenger = self.sender.messengers.get(chat.platform)
                if messenger is None:
                    continue
                try:
                    await self.sender.send_one(messenger, chat.chat_id, Reply(text=text))
                    break
                except ChatUnreachableError:
                    await self.sender.groups.mark_dm_blocked(chat.platform, chat.user_id)
                except TransientSendError as exc:
                    log.warning("could not reach chuyên viên by %s: %s", chat.platform, exc)
            else:
                unreached.append(await self.sender.groups.mention(group, person))
        if unreached:
            await self.sender.send_to_group(
                group, Reply(text=f"{', '.join(unreached)}: {text}"), "note to the chuyên viên"
            )


def _month(month: str) -> str:
    year, number = month.split("-")
    return f"{int(number)}/{year}"
