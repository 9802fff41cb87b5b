"""Finding the members a command names: @username, a mention link, the replied-to message, or
their display name, with or without an "@" before it.

"@Tên" by display name is how Zalo mentions people (it has no usernames: "@Hùng Trần"), and how
Telegram users type someone who has no username; the longest run of words after the "@" that
names members wins, and a name two members share is asked about, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.context import Context, UserError
from bot.textnorm import fold
from handlers import groups_text as T
from storage.models import Member

# An "@" and a word (\w is Unicode: "@Hùng"); an e-mail address is not one (a letter before it).
AT_RE = re.compile(r"(?<![\w@])@(\w+)")
_USERNAME_RE = re.compile(r"[A-Za-z0-9_]{3,32}")
_NAME_ENDS = re.compile(r"[,;:!?()\n]")  # a display name after "@" stops at these
_NAME_WORDS = 4  # the longest display name tried after an "@"


@dataclass(frozen=True)
class AtName:
    """An "@" followed by a display name, as written ("@Hùng Trần"), and whom it names: one
    member, or several when they share the name."""

    written: str
    members: tuple[Member, ...]


def at_name(text: str, at: int, members: Sequence[Member]) -> AtName | None:
    """The display name after the "@" at text[at]: the longest run of up to four words that
    names members (members_named: accents and case ignored), or None when none does."""
    segment = text[at + 1 :]
    cut = _NAME_ENDS.search(segment)
    if cut is not None:
        segment = segment[: cut.start()]
    ends = [word.end() for word in re.finditer(r"\S+", segment)][:_NAME_WORDS]
    for end in reversed(ends):
        phrase = segment[:end].rstrip(".")
        matched = members_named(list(members), phrase)
        if matched:
            return AtName("@" + phrase, tuple(matched))
    return None


class AtReader:
    """Whom each "@…" of a text names in the current group: an @username first, else a
    display name (at_name); the members are read once, and only when a display name is."""

    def __init__(self, ctx: Context) -> None:
        self._groups = ctx.services.groups
        self._group_id = ctx.require_group().id
        self._everyone: list[Member] | None = None

    async def read(self, text: str, at: re.Match[str]) -> AtName | None:
        """The name after the "@" that `at` (an AT_RE match in text) found, or None."""
        word = at.group(1)
        if _USERNAME_RE.fullmatch(word):
            member = await self._groups.member_by_username(self._group_id, word)
            if member is not None:
                return AtName("@" + word, (member,))
        if self._everyone is None:
            self._everyone = await self._groups.members(self._group_id)
        return at_name(text, at.start(), self._everyone)


def how_to_be_known(ctx: Context) -> str:
    """What someone the bot does not know yet should do in the group so it learns them."""
    return T.HOW_MENTION if ctx.messenger.capabilities.mentions_only else T.HOW_START


def not_a_member(ctx: Context, who: str) -> str:
    """ "@Tuấn chưa có trong danh sách thành viên của Tổ. Đề nghị người đó …"."""
    return T.NOT_A_MEMBER_NAME.format(who=who, how=how_to_be_known(ctx))


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
            raise UserError(not_a_member(ctx, mention.text))
        found.append(member)
        rest = rest.replace(mention.text, " ", 1)
    names = AtReader(ctx)
    while (at := AT_RE.search(rest)) is not None:
        named = await names.read(rest, at)
        if named is None:
            raise UserError(not_a_member(ctx, "@" + at.group(1)))
        if len(named.members) > 1:
            raise UserError(ambiguous_text(named.written[1:], list(named.members)))
        found.append(named.members[0])
        rest = rest[: at.start()] + " " + rest[at.start() + len(named.written) :]
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
            raise UserError(not_a_member(ctx, quoted.sender.name))
        return member, rest
    return None, rest


def _words(text: str) -> list[str]:
    return fold(text).replace(",", " ").replace(";", " ").split()


def members_named(members: list[Member], name: str) -> list[Member]:
    """Members whose display name is `name` (accents and case ignored); failing that, with
    the same words in another order ("Nguyễn Lan" finds Telegram's "Lan Nguyễn": first name,
    then family name); failing that, those whose name contains it as whole words ("Hùng"
    finds "Hùng Trần")."""
    wanted = _words(name)
    if not wanted:
        return []
    exact = [m for m in members if _words(m.display_name) == wanted]
    if exact:
        return exact
    if len(wanted) > 1:
        turned = [m for m in members if sorted(_words(m.display_name)) == sorted(wanted)]
        if turned:
            return turned
    size = len(wanted)
    return [
        m
        for m in members
        if any(
            _words(m.display_name)[i : i + size] == wanted
            for i in range(len(_words(m.display_name)) - size + 1)
        )
    ]


async def resolve_names(ctx: Context, text: str) -> list[Member]:
    """Members named in text by display name ("Mai", "Hùng Trần, Mai"), for commands whose rest
    is only names (/giao). Refuses an unknown name, and asks which one when two members match.
    """
    members = await ctx.services.groups.members(ctx.require_group().id)
    words = [
        w for w in text.replace(",", " ").replace(";", " ").split() if fold(w) not in _JOINERS
    ]
    found: list[Member] = []
    i = 0
    while i < len(words):
        for size in range(min(4, len(words) - i), 0, -1):  # the longest name first
            phrase = " ".join(words[i : i + size])
            matched = members_named(members, phrase)
            if len(matched) > 1:
                raise UserError(ambiguous_text(phrase, matched))
            if matched:
                found.append(matched[0])
                i += size
                break
        else:
            raise UserError(T.NO_SUCH_NAME.format(name=words[i]))
    return list({m.user_id: m for m in found}.values())


def ambiguous_text(name: str, matched: list[Member]) -> str:
    """'Có 2 thành viên tên “Hùng”: Hùng Trần (@hung), Hùng Lê. …'."""
    who = ", ".join(m.display_name + (f" (@{m.username})" if m.username else "") for m in matched)
    return T.SEVERAL_NAMED.format(count=len(matched), name=name, who=who)


_JOINERS = frozenset({"va", "voi", "cung", "and"})
