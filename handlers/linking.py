"""One person and one Tổ across Telegram and Zalo: /lienket, /kenh, and Zalo's invitations.

/lienket in a private chat gives a one-time code (15 minutes); /lienket <mã> in the private chat
on the other platform links the two accounts (storage/people.py says what that means for the
data). /lienket in a Tổ's group chat gives a code that, typed in a chat on the other platform,
binds that chat to the Tổ. /lienket huy unlinks (the data stays). /kenh chooses where personal
reminders go. On a platform that cannot say who administers a group (Zalo), /dangky needs a
one-time invitation made by the operator with `todaibieu invite`.
"""

from __future__ import annotations

from bot.chat.messages import Reply
from bot.core.context import Context, UserError
from bot.core.permissions import Action
from bot.core.router import Command, Router, Scope
from bot.textnorm import fold
from handlers import linking_text as T
from storage.codes import CodeKind, OneTimeCode, Redeemed, looks_like_invite, normalize_code
from storage.group_chats import BindOutcome, ChatRef
from storage.people import Account, LinkOutcome

_UNLINK_WORDS = frozenset({"huy", "go", "bo", "off", "unlink"})
_AUTO_WORDS = frozenset({"tudong", "auto", "macdinh"})


def register(router: Router) -> None:
    """Add /lienket and /kenh."""
    router.command(
        Command(
            "lienket",
            link,
            T.SUMMARY_LINK,
            T.USAGE_LINK,
            T.SECTION,
            scope=Scope.ANYWHERE,
            aliases=("link",),
            summary_en="Link your Telegram and Zalo accounts (or a group chat) with a code",
        )
    )
    router.command(
        Command(
            "kenh",
            channel,
            T.SUMMARY_CHANNEL,
            T.USAGE_CHANNEL,
            T.SECTION,
            scope=Scope.PRIVATE,
            aliases=("channel",),
            summary_en="Where personal reminders go (zalo, telegram or auto)",
        )
    )


def name_of(platform: str) -> str:
    """The platform's name as users know it."""
    return T.PLATFORM_NAMES.get(platform, platform.title())


def other_name(platform: str) -> str:
    """The name of the platform a code made here must be typed on."""
    others = [name for key, name in T.PLATFORM_NAMES.items() if key != platform]
    return " hoặc ".join(others)


async def link(ctx: Context) -> Reply:
    """/lienket [mã | huy]: a code, a link made with one, or the link undone."""
    word = fold(ctx.msg.args.strip())
    if ctx.msg.in_group:
        if not word:
            return await _group_code(ctx)
        return await _bind_chat(ctx, ctx.msg.args)
    if not word:
        return await _person_code(ctx)
    if word in _UNLINK_WORDS:
        return await _unlink(ctx)
    return await _link_with(ctx, ctx.msg.args)


def _me(ctx: Context) -> Account:
    return Account(ctx.msg.platform, ctx.msg.sender.account)


async def _person_code(ctx: Context) -> Reply:
    services, here = ctx.services, ctx.msg.platform
    accounts = await services.people.accounts(ctx.msg.sender.user_id)
    others = [a for a in accounts if a.platform != here]
    if others:
        return Reply(
            text=T.ALREADY_BOTH.format(here=name_of(here), other=name_of(others[0].platform))
        )
    code = await services.codes.make_person_code(here, ctx.msg.sender.account, ctx.now())
    return Reply(text=T.PERSON_CODE.format(code=code.code, other=other_name(here)))


async def _link_with(ctx: Context, typed: str) -> Reply:
    services, here = ctx.services, ctx.msg.platform
    code = await redeem(ctx, typed, CodeKind.PERSON)
    if code.platform is None or code.user_id is None:
        raise UserError(T.CODE_UNKNOWN.format(code=normalize_code(typed)))
    outcome = await services.people.link(Account(code.platform, code.user_id), _me(ctx), ctx.now())
    names = {"here": name_of(here), "other": name_of(code.platform)}
    texts = {
        LinkOutcome.LINKED: T.LINKED,
        LinkOutcome.ALREADY_LINKED: T.ALREADY_BOTH,
        LinkOutcome.SAME_PLATFORM: T.LINK_SAME_PLATFORM,
        LinkOutcome.JOINER_LINKED: T.LINK_JOINER_LINKED,
        LinkOutcome.PLATFORM_TAKEN: T.LINK_PLATFORM_TAKEN,
    }
    return Reply(text=texts[outcome].format(**names))


async def _unlink(ctx: Context) -> Reply:
    people = ctx.services.people
    before = await people.accounts(ctx.msg.sender.user_id)
    detached = await people.unlink(_me(ctx))
    if detached is None:
        return Reply(text=T.NOTHING_TO_UNLINK)
    # The data stays with the key, that is with the account that was not detached.
    stays = next((a.platform for a in before if a != detached), ctx.msg.platform)
    return Reply(text=T.UNLINKED.format(other=name_of(detached.platform), owner=name_of(stays)))


async def redeem(ctx: Context, typed: str, kind: CodeKind) -> OneTimeCode:
    """Use a code typed here; raise UserError with the reason it cannot be used."""
    shown = normalize_code(typed)
    result = await ctx.services.codes.redeem(
        typed, kind=kind, platform=ctx.msg.platform, user_id=ctx.msg.sender.account, now=ctx.now()
    )
    if result.outcome is Redeemed.OK and result.code is not None:
        return result.code
    here = name_of(ctx.msg.platform)
    if result.outcome is Redeemed.WRONG_KIND and result.code is not None:
        wrong = {
            CodeKind.PERSON: T.CODE_PERSON_IN_GROUP,
            CodeKind.GROUP: T.CODE_GROUP_IN_PRIVATE,
            CodeKind.INVITE: T.CODE_INVITE_HERE,
        }[result.code.kind]
        raise UserError(wrong.format(code=shown))
    texts = {
        Redeemed.UNKNOWN: T.CODE_UNKNOWN,
        Redeemed.EXPIRED: T.CODE_EXPIRED,
        Redeemed.USED: T.CODE_USED,
        Redeemed.SAME_PLATFORM: T.CODE_SAME_PLATFORM,
        Redeemed.LOCKED_OUT: T.LOCKED_OUT,
    }
    raise UserError(
        texts[result.outcome].format(code=shown, here=here, other=other_name(ctx.msg.platform))
    )


async def _group_code(ctx: Context) -> Reply:
    if ctx.group is None:
        raise UserError(T.GROUP_CODE_WHERE)
    await ctx.require(Action.BIND_CHAT)
    code = await ctx.services.codes.make_group_code(
        ctx.group.id, ctx.msg.platform, ctx.msg.sender.account, ctx.now()
    )
    return Reply(
        text=T.GROUP_CODE.format(
            group=ctx.group.name, code=code.code, other=other_name(ctx.msg.platform)
        )
    )


async def _bind_chat(ctx: Context, typed: str) -> Reply:
    if ctx.group is not None:
        raise UserError(T.GROUP_ALREADY_THIS.format(group=ctx.group.name))
    code = await redeem(ctx, typed, CodeKind.GROUP)
    services, msg = ctx.services, ctx.msg
    group = await services.groups.by_id(code.group_id or 0)
    if group is None:
        raise UserError(T.CODE_UNKNOWN.format(code=normalize_code(typed)))
    outcome = await services.group_chats.bind(
        group, ChatRef(msg.platform, msg.chat_id), msg.sender.user_id, ctx.now()
    )
    names = {"group": group.name, "here": name_of(msg.platform), "other": name_of(group.platform)}
    if outcome is not BindOutcome.BOUND:
        current = await services.groups.by_chat(msg.platform, msg.chat_id)
        names["group"] = current.name if current else group.name
        texts = {
            BindOutcome.ALREADY_THIS_GROUP: T.GROUP_ALREADY_THIS,
            BindOutcome.OTHER_GROUP: T.GROUP_OTHER,
            BindOutcome.PLATFORM_TAKEN: T.GROUP_PLATFORM_TAKEN,
        }
        raise UserError(texts[outcome].format(**names))
    await services.groups.record_member(
        group.id,
        user_id=msg.sender.user_id,
        display_name=msg.sender.name,
        username=msg.sender.username,
        now=ctx.now(),
    )
    return Reply(text=T.GROUP_BOUND.format(**names))


def split_invite(args: str) -> tuple[str, str]:
    """'/dangky <mã mời> <tên Tổ>' where admins are unknown (Zalo): (code, name).

    Raises UserError when the first word is not an invitation or no name follows it (nothing is
    redeemed here, so a typing mistake spends no code and counts as no wrong guess).
    """
    first, _, rest = args.strip().partition(" ")
    if not looks_like_invite(first):
        raise UserError(T.NEED_INVITE)
    if not rest.strip():
        raise UserError(T.INVITE_USED_NAME_MISSING)
    return first, rest


async def use_invite(ctx: Context, code: str) -> None:
    """Spend an operator's invitation; raise UserError with the reason it cannot be used."""
    await redeem(ctx, code, CodeKind.INVITE)


async def channel(ctx: Context) -> Reply:
    """/kenh zalo|telegram|tudong: where personal reminders go; /kenh alone: where they go now."""
    people, person = ctx.services.people, ctx.msg.sender.user_id
    word = fold(ctx.msg.args).replace(" ", "")
    if not word:
        order = await people.direct_chats(person)
        shown = name_of(order[0].platform) if order else T.CHANNEL_NONE
        return Reply(text=T.CHANNEL_SHOW.format(platform=shown))
    if word in _AUTO_WORDS:
        await people.set_reminder_channel(person, None, ctx.now())
        return Reply(text=T.CHANNEL_AUTO)
    platform = next((key for key, name in T.PLATFORM_NAMES.items() if fold(name) == word), None)
    if platform is None:
        raise UserError(T.CHANNEL_UNKNOWN)
    if await people.account_on(person, platform) is None:
        raise UserError(T.CHANNEL_NOT_LINKED.format(platform=name_of(platform)))
    await people.set_reminder_channel(person, platform, ctx.now())
    return Reply(text=T.CHANNEL_SET.format(platform=name_of(platform)))
