"""Finding the members a command names: @username, a mention link, or the replied-to message."""

from __future__ import annotations

import re

from bot.core.context import Context, UserError
from handlers import groups_text as T
from storage.models import Member

_USERNAME_RE = re.compile(r"(?<![\w@])@([A-Za-z0-9_]{3,32})\b")


async def resolve_members(ctx: Context, text: str) -> tuple[list[Member], str]:
    """Find every member named in text; return them (no repeats) and the text without the names.

    Raises UserError naming the first person who is not an active member of the group, so a
    command never half-applies to a list of people.
    """
    group = ctx.require_group()
    groups = ctx.services.groups
    found: list[Member] = []
    rest = text
    for mention in ctx.msg.mentions:
        if mention.user_id is None or not mention.text or mention.text not in rest:
            continue
        member = await groups.member(group.id, mention.user_id)
        if member is None:
            raise UserError(T.NOT_A_MEMBER_NAME.format(who=mention.text))
        found.append(member)
        rest = rest.replace(mention.text, " ", 1)
    for username in _USERNAME_RE.findall(rest):
        member = await groups.member_by_username(group.id, username)
        if member is None:
            raise UserError(T.NOT_A_MEMBER_NAME.format(who="@" + username))
        found.append(member)
    rest = _USERNAME_RE.sub(" ", rest)
    unique = list({member.user_id: member for member in found}.values())
    return unique, " ".join(rest.split())


async def resolve_one_member(ctx: Context, text: str) -> tuple[Member | None, str]:
    """Like resolve_members for one person; falls back to the author of the replied-to message."""
    members, rest = await resolve_members(ctx, text)
    if len(members) > 1:
        raise UserError("Anh/chị vui lòng nêu một người mỗi lần.")
    if members:
        return members[0], rest
    quoted = ctx.msg.reply_to
    if quoted is not None and quoted.sender is not None and not quoted.sender.is_bot:
        member = await ctx.services.groups.member(ctx.require_group().id, quoted.sender.user_id)
        if member is None:
            raise UserError(T.NOT_A_MEMBER_NAME.format(who=quoted.sender.name))
        return member, rest
    return None, rest
