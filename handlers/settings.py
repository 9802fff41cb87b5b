"""/caidat: per-group reminder settings, and who cannot be reached by direct message.

The settings keys and their defaults are read by the engine (bot/reminders/settings.py).
"""

from __future__ import annotations

import re

from bot.chat.messages import Reply
from bot.core.context import Context, UserError
from bot.core.permissions import Action
from bot.core.router import Command, Router
from bot.reminders.settings import DEFAULT_DIGEST, hhmm, read_hhmm, settings_of
from bot.textnorm import fold
from handlers import claims_settings, minutes_settings
from handlers import claims_text as claims_T
from handlers import settings_text as T
from handlers.event_kinds import read_kind
from handlers.events_text import KIND_NAMES
from storage.models import Group

MAX_OFFSETS = 5
_OFF_WORDS = frozenset({"tat", "off", "khong", "ngung"})
_ON_WORDS = frozenset({"bat", "on", "mo", "co"})
MAX_OFFSET_MINUTES = 30 * 1440

_OFFSET_RE = re.compile(r"(\d{1,4})\s*(d|ngay|h|g|gio|tieng|p|ph|phut|m)(?![a-z])")
_UNIT_MINUTES = {"d": 1440, "ngay": 1440, "h": 60, "g": 60, "gio": 60, "tieng": 60}


def parse_offsets(text: str) -> tuple[int, ...] | None:
    """'3d 1d 2h' / '3 ngày, 2 giờ' / '30p' → minutes, largest first; None if unreadable."""
    folded = fold(text)
    found: set[int] = set()
    pos = 0
    for match in _OFFSET_RE.finditer(folded):
        if folded[pos : match.start()].strip(" ,;"):
            return None
        minutes = int(match.group(1)) * _UNIT_MINUTES.get(match.group(2), 1)
        if not 0 < minutes <= MAX_OFFSET_MINUTES:
            return None
        found.add(minutes)
        pos = match.end()
    if folded[pos:].strip(" ,;") or not found or len(found) > MAX_OFFSETS:
        return None
    return tuple(sorted(found, reverse=True))


def describe_offset(minutes: int) -> str:
    """1440 → '1 ngày', 90 → '1 giờ 30 phút'."""
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} ngày")
    if hours:
        parts.append(f"{hours} giờ")
    if mins:
        parts.append(f"{mins} phút")
    return " ".join(parts) or "0 phút"


def register(router: Router) -> None:
    """Add /caidat."""
    router.command(
        Command(
            "caidat",
            change_settings,
            "Cài đặt nhắc việc, bản tổng hợp; ai chưa nhận được tin nhắn riêng",
            T.USAGE,
            T.SECTION,
            aliases=("settings",),
            summary_en="Reminder settings; who cannot get direct messages",
        )
    )


async def change_settings(ctx: Context) -> Reply:
    """/caidat: show the settings, or change one of them (leaders only)."""
    group = ctx.require_group()
    words = ctx.msg.args.split()
    if not words:
        await ctx.require(Action.VIEW)
        return Reply(text=await _overview(ctx, group))
    await ctx.require(Action.CHANGE_SETTINGS)
    key, rest = fold(words[0]), " ".join(words[1:])
    services = ctx.services
    groups = ctx.services.groups
    if key in ("nhac", "moc"):
        kind, offsets_text = read_kind(rest)
        if kind is None:
            raise UserError(T.UNKNOWN_KIND.format(word=rest.partition(" ")[0]))
        if fold(offsets_text).strip() in ("tat", "off", "khong"):
            offsets: tuple[int, ...] = ()
        else:
            parsed = parse_offsets(offsets_text)
            if parsed is None:
                raise UserError(T.BAD_OFFSETS.format(text=offsets_text.strip(), limit=MAX_OFFSETS))
            offsets = parsed
        stored = dict((group.settings or {}).get("reminder_offsets") or {})
        stored[kind] = list(offsets)
        await groups.update_settings(group.id, {"reminder_offsets": stored})
        count = await services.planner.replan_events_of_kind(group.id, kind)
        shown = ", ".join(describe_offset(m) for m in offsets) or T.NO_OFFSETS
        text = T.OFFSETS_SET.format(kind=KIND_NAMES[kind], offsets=shown)
        if count:
            text += " " + T.OFFSETS_REPLANNED.format(count=count)
        return Reply(text=text)
    if key in ("tonghop", "digest"):
        first, _, after = fold(rest).strip().partition(" ")
        if first in _OFF_WORDS:
            await groups.update_settings(group.id, {"digest_time": "off"})
            await services.planner.replan_digest(group.id)
            return Reply(text=T.DIGEST_TURNED_OFF)
        if first in _ON_WORDS:
            moment = read_hhmm(after) if after.strip() else DEFAULT_DIGEST
            if moment is None:
                raise UserError(T.BAD_TIME.format(text=after.strip()))
            await groups.update_settings(group.id, {"digest_time": hhmm(moment)})
            await services.planner.replan_digest(group.id)
            return Reply(text=T.DIGEST_TURNED_ON.format(time=hhmm(moment)))
        moment = read_hhmm(rest)
        if moment is None:
            raise UserError(T.BAD_TIME.format(text=rest.strip()))
        await groups.update_settings(group.id, {"digest_time": hhmm(moment)})
        await services.planner.replan_digest(group.id)
        return Reply(text=T.DIGEST_SET.format(time=hhmm(moment)))
    if key in ("hanviec", "viec"):
        moment = read_hhmm(rest)
        if moment is None:
            raise UserError(T.BAD_TIME.format(text=rest.strip()))
        await groups.update_settings(group.id, {"task_reminder_time": hhmm(moment)})
        await services.planner.replan_group_tasks(group.id)
        return Reply(text=T.TASK_SET.format(time=hhmm(moment)))
    if key in ("tre", "guibu"):
        match = re.fullmatch(r"(\d{1,3})\s*(h|g|gio|tieng|d|ngay)?", fold(rest).strip())
        hours = int(match.group(1)) if match else 0
        if match and match.group(2) in ("d", "ngay"):
            hours *= 24
        if not 1 <= hours <= 168:
            raise UserError(T.BAD_GRACE)
        await groups.update_settings(group.id, {"late_grace_hours": hours})
        return Reply(text=T.GRACE_SET.format(hours=hours))
    if key in claims_settings.KEYS:
        return await claims_settings.change(ctx, group, key, rest)
    minutes_reply = await minutes_settings.change(ctx, group, key, rest)
    if minutes_reply is not None:
        return minutes_reply
    raise UserError(
        T.UNKNOWN_KEY.format(word=words[0])
        + "\n"
        + minutes_settings.USAGE
        + "\n"
        + claims_T.SETTINGS_HOW_TO
    )


async def _overview(ctx: Context, group: Group) -> str:
    settings = settings_of(group)
    lines = [T.HEADER.format(group=group.name), T.OFFSETS_HEADER]
    for kind, name in KIND_NAMES.items():
        offsets = settings.offsets[kind]
        shown = ", ".join(describe_offset(m) for m in offsets) or T.NO_OFFSETS
        lines.append(T.OFFSET_LINE.format(kind=f"{name} ({kind})", offsets=shown))
    digest = hhmm(settings.digest_time) if settings.digest_time else T.DIGEST_OFF
    lines.append(T.DIGEST_LINE.format(value=digest))
    lines.append(T.TASK_LINE.format(value=hhmm(settings.task_time)))
    lines.append(T.GRACE_LINE.format(hours=int(settings.grace.total_seconds() // 3600)))
    lines += claims_settings.overview_lines(group)
    lines.append("")
    missing = []
    for member in await ctx.services.groups.members(group.id):
        if not await ctx.services.people.direct_chats(member.user_id):
            missing.append(member.mention)
    lines.append(T.DM_MISSING.format(names=", ".join(missing)) if missing else T.DM_ALL_OK)
    lines.append("")
    lines.append(await minutes_settings.overview(ctx, group))
    lines.append("")
    lines.append(T.HOW_TO)
    lines.append(minutes_settings.USAGE)
    lines.append(claims_T.SETTINGS_HOW_TO)
    return "\n".join(lines)
