"""The group settings of the claims feature, and their part of /caidat.

Keys in groups.settings (optional; defaults below):

* "claim_province": the code of the province whose rate tables estimates use
  (handlers/claims_data/rates/*.toml); unset until the chuyên viên chooses.
* "claim_deadline_days": the claim of an event is due this many days after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.chat.messages import Reply
from bot.core.context import Context, UserError
from bot.textnorm import fold
from handlers import claims_text as T
from handlers.claims_catalog import catalog
from storage.models import Group

DEFAULT_DEADLINE_DAYS = 10
MAX_DEADLINE_DAYS = 90
# The words after /caidat that belong to this feature.
KEYS = ("tinh", "dinhmuc", "hanhoso", "hanthanhtoan")


@dataclass(frozen=True)
class ClaimSettings:
    """A group's claim settings with the defaults applied."""

    province: str | None
    deadline_days: int


def claim_settings(group: Group) -> ClaimSettings:
    """Read the settings JSON, tolerating missing or malformed keys."""
    raw = group.settings or {}
    province = raw.get("claim_province")
    if province not in catalog().provinces:
        province = None
    days = raw.get("claim_deadline_days", DEFAULT_DEADLINE_DAYS)
    if not isinstance(days, int) or not 0 <= days <= MAX_DEADLINE_DAYS:
        days = DEFAULT_DEADLINE_DAYS
    return ClaimSettings(province, days)


def overview_lines(group: Group) -> list[str]:
    """The lines /caidat shows for this feature."""
    settings = claim_settings(group)
    names = catalog().provinces
    province = (
        T.SETTINGS_PROVINCE_VALUE.format(name=names[settings.province], code=settings.province)
        if settings.province
        else T.SETTINGS_PROVINCE_UNSET
    )
    return [
        T.SETTINGS_PROVINCE_LINE.format(value=province),
        T.SETTINGS_DEADLINE_LINE.format(days=settings.deadline_days),
    ]


async def change(ctx: Context, group: Group, key: str, rest: str) -> Reply:
    """/caidat tinh <tỉnh> | /caidat hanhoso <số ngày> (the caller checked the right)."""
    groups = ctx.services.groups
    if key in ("tinh", "dinhmuc"):
        code = province_of(rest)
        if code is None:
            raise UserError(
                T.SETTINGS_UNKNOWN_PROVINCE.format(word=rest.strip(), choices=choices())
            )
        await groups.update_settings(group.id, {"claim_province": code})
        return Reply(
            text=T.SETTINGS_PROVINCE_SET.format(name=catalog().provinces[code], code=code)
        )
    match = re.fullmatch(r"(\d{1,3})\s*(?:ngay|d)?", fold(rest).strip())
    days = int(match.group(1)) if match else -1
    if not 0 <= days <= MAX_DEADLINE_DAYS:
        raise UserError(T.SETTINGS_BAD_DAYS.format(limit=MAX_DEADLINE_DAYS))
    await groups.update_settings(group.id, {"claim_deadline_days": days})
    return Reply(text=T.SETTINGS_DEADLINE_SET.format(days=days))


def province_of(text: str) -> str | None:
    """The province code for what a user typed: its code or its name, with or without accents."""
    wanted = fold(text).replace(" ", "").replace("_", "")
    if not wanted:
        return None
    for code, name in catalog().provinces.items():
        if wanted in (code.replace("_", ""), fold(name).replace(" ", "")):
            return code
    return None


def choices() -> str:
    """'quang_nam (Quảng Nam), …' for messages that ask to choose."""
    return ", ".join(f"{code} ({name})" for code, name in catalog().provinces.items())
