"""The minutes settings of a group, and their /caidat entries.

Keys in the group's settings (storage/groups.py): "minutes_agency" (the two lines of the
agency block: cơ quan chủ quản, tên Tổ), "minutes_code" (the code after the number, default
BB-TĐB) and "minutes_autoclose_hours" (default 6). The next minutes number lives in the number
series (storage/minutes.py), not in the settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.chat.messages import Reply
from bot.core.context import Context, UserError
from bot.textnorm import fold
from storage.minutes import NumberTakenError
from storage.models import Group

DEFAULT_CODE = "BB-TĐB"
DEFAULT_AUTOCLOSE_HOURS = 6
MAX_AUTOCLOSE_HOURS = 24
MAX_AGENCY_LINE = 80
PARENT_TO_FILL = "HĐND TỈNH ……"

USAGE = (
    "/caidat coquan HĐND tỉnh … / Tổ đại biểu số … – tên cơ quan ở đầu biên bản\n"
    "/caidat sobienban 5 – số của biên bản tiếp theo (trong năm nay)\n"
    "/caidat kyhieu BB-TĐB – ký hiệu sau số biên bản\n"
    "/caidat tudong 6h – tự kết thúc ghi biên bản sau bao nhiêu giờ"
)
OVERVIEW = (
    "Biên bản họp: cơ quan “{parent} / {agency}”{unset}; biên bản tiếp theo số {number}/{code};"
    " tự kết thúc sau {hours} giờ."
)
OVERVIEW_UNSET = " (chưa cài đặt)"
AGENCY_SET = "Đã đặt tên cơ quan ở đầu biên bản:\n{parent}\n{agency}"
BAD_AGENCY = (
    "Vui lòng ghi hai dòng cách nhau bằng dấu “/”, mỗi dòng không quá {limit} ký tự, ví dụ:"
    " /caidat coquan HĐND tỉnh Quảng Nam / Tổ đại biểu số 3"
)
NUMBER_SET = "Biên bản tiếp theo của Tổ trong năm {year} sẽ mang số {number}."
BAD_NUMBER = "Số biên bản phải là số nguyên từ 1 đến 9999, ví dụ: /caidat sobienban 5"
NUMBER_TAKEN = "Năm {year} Tổ đã có biên bản số {number}; vui lòng chọn số khác."
CODE_SET = "Từ nay biên bản ghi số dạng 05/{code}."
BAD_CODE = "Ký hiệu chỉ gồm chữ in hoa, chữ số, “/” và “-”, không có dấu cách, ví dụ: BB-TĐB"
AUTOCLOSE_SET = "Từ nay Trợ lý tự kết thúc ghi biên bản sau {hours} giờ."
BAD_AUTOCLOSE = "Thời gian tự kết thúc phải từ 1 đến {limit} giờ, ví dụ: /caidat tudong 6h"

_CODE_RE = re.compile(r"[A-ZĐ0-9][A-ZĐ0-9/-]{0,19}")
_HOURS_RE = re.compile(r"(\d{1,3})\s*(?:h|g|gio|tieng)?")


@dataclass(frozen=True)
class MinutesSettings:
    """What the minutes of a group use."""

    agency_parent: str
    agency: str
    agency_set: bool
    code: str
    autoclose: timedelta


def minutes_settings(group: Group) -> MinutesSettings:
    """The group's settings with their defaults (the Tổ's own name when no agency is set)."""
    stored = group.settings or {}
    lines = stored.get("minutes_agency") or []
    hours = int(stored.get("minutes_autoclose_hours") or DEFAULT_AUTOCLOSE_HOURS)
    return MinutesSettings(
        agency_parent=lines[0] if len(lines) == 2 else PARENT_TO_FILL,
        agency=lines[-1] if lines else group.name,
        agency_set=len(lines) == 2,
        code=stored.get("minutes_code") or DEFAULT_CODE,
        autoclose=timedelta(hours=hours),
    )


async def overview(ctx: Context, group: Group) -> str:
    """The /caidat line about minutes."""
    found = minutes_settings(group)
    year = ctx.local_now().year
    return OVERVIEW.format(
        parent=found.agency_parent,
        agency=found.agency,
        unset="" if found.agency_set else OVERVIEW_UNSET,
        number=f"{await ctx.services.minutes.next_number(group.id, year):02d}",
        code=found.code,
        hours=int(found.autoclose.total_seconds() // 3600),
    )


async def change(ctx: Context, group: Group, key: str, rest: str) -> Reply | None:
    """Apply a /caidat entry of the minutes; None when `key` is not one of them.

    The caller has checked the right to change settings.
    """
    key = fold(key)
    if key in ("coquan", "cq"):
        return await _agency(ctx, group, rest)
    if key in ("sobienban", "sobb"):
        return await _number(ctx, group, rest, ctx.local_now())
    if key in ("kyhieu", "kyhieubienban"):
        code = rest.strip().upper()
        if not _CODE_RE.fullmatch(code):
            raise UserError(BAD_CODE)
        await ctx.services.groups.update_settings(group.id, {"minutes_code": code})
        return Reply(text=CODE_SET.format(code=code))
    if key in ("tudong", "tudongdong", "dongbienban"):
        match = _HOURS_RE.fullmatch(fold(rest).strip())
        hours = int(match.group(1)) if match else 0
        if not 1 <= hours <= MAX_AUTOCLOSE_HOURS:
            raise UserError(BAD_AUTOCLOSE.format(limit=MAX_AUTOCLOSE_HOURS))
        await ctx.services.groups.update_settings(group.id, {"minutes_autoclose_hours": hours})
        return Reply(text=AUTOCLOSE_SET.format(hours=hours))
    return None


async def _agency(ctx: Context, group: Group, rest: str) -> Reply:
    parts = [" ".join(p.split()) for p in re.split(r"\s*/\s*|\n", rest.strip())]
    if len(parts) != 2 or not all(parts) or any(len(p) > MAX_AGENCY_LINE for p in parts):
        raise UserError(BAD_AGENCY.format(limit=MAX_AGENCY_LINE))
    await ctx.services.groups.update_settings(group.id, {"minutes_agency": parts})
    return Reply(text=AGENCY_SET.format(parent=parts[0].upper(), agency=parts[1].upper()))


async def _number(ctx: Context, group: Group, rest: str, local_now: datetime) -> Reply:
    word = rest.strip().lstrip("#")
    if not word.isdigit() or not 1 <= int(word) <= 9999:
        raise UserError(BAD_NUMBER)
    number, year = int(word), local_now.year
    try:
        await ctx.services.minutes.set_next_number(group.id, year, number)
    except NumberTakenError:
        raise UserError(NUMBER_TAKEN.format(year=year, number=f"{number:02d}")) from None
    return Reply(text=NUMBER_SET.format(year=year, number=f"{number:02d}"))
