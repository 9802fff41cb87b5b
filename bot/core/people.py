"""Pre-handler hooks of the core: who is who across platforms, migrated chats, who wrote.

They run before every handler (bot/app.py registers them first), so that handlers find person
keys instead of platform ids, the chat's group and the sender's membership in the Context.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from bot.chat.messages import InboundKind, Person, Quoted, Reply
from bot.core.context import Context

# "Last seen" is kept to this precision, so a busy chat does not write on every message.
LAST_SEEN_RESOLUTION = timedelta(minutes=10)
# A stored member who acts after this long without a word is checked with the platform first:
# they may have left while the bot was not watching.
LONG_SILENCE = timedelta(days=14)


async def resolve_people(ctx: Context) -> Sequence[Reply] | None:
    """Replace every platform id in the event by its person key (storage/people.py).

    So a person linked on Telegram and Zalo has one membership, one role and one task list,
    whichever app they write from; the platform's id stays in Person.account_id.
    """
    msg, people = ctx.msg, ctx.services.people
    platform = msg.platform

    async def keyed(person: Person) -> Person:
        key = await people.person_id(platform, person.user_id)
        return replace(person, user_id=key, account_id=person.user_id)

    mentions = tuple(
        [
            replace(m, user_id=await people.person_id(platform, m.user_id))
            if m.user_id is not None
            else m
            for m in msg.mentions
        ]
    )
    quoted = msg.reply_to
    if quoted is not None and quoted.sender is not None:
        quoted = Quoted(quoted.message_id, await keyed(quoted.sender), quoted.text)
    ctx.msg = replace(
        msg,
        sender=await keyed(msg.sender),
        joined=tuple([await keyed(p) for p in msg.joined]),
        mentions=mentions,
        reply_to=quoted,
    )
    return None


async def follow_migrated_chat(ctx: Context) -> Sequence[Reply] | None:
    """A group that became a supergroup keeps its data under the new chat id."""
    msg = ctx.msg
    if msg.kind is not InboundKind.CHAT_MIGRATED:
        return None
    if msg.migrated_from_chat_id:
        await ctx.services.groups.move_chat(msg.platform, msg.migrated_from_chat_id, msg.chat_id)
    return []


async def note_people(ctx: Context) -> Sequence[Reply] | None:
    """Record who wrote, joined or left, and whether they can be reached by DM.

    Members are recorded from what the chat shows us; a button press or a command from someone
    never seen is checked with the platform first, because a public group's messages (and
    their buttons) can be seen by people who are not in it, and a stored member who acts after
    a long silence is checked again (they may have left unseen).
    """
    msg, groups, now = ctx.msg, ctx.services.groups, ctx.now()
    sender = msg.sender
    if not sender.is_bot:
        # users is keyed by the platform's own account: where this account's DMs go.
        await groups.record_user(
            msg.platform,
            sender.account,
            display_name=sender.name,
            username=sender.username,
            now=now,
            dm_chat_id=None if msg.in_group else msg.chat_id,
        )
    if not msg.in_group:
        if not sender.is_bot and msg.kind in (InboundKind.MESSAGE, InboundKind.BUTTON):
            # Personal reminders go where the person last wrote privately (unless /kenh).
            await ctx.services.people.note_private_message(sender.user_id, msg.platform, now)
        return
    ctx.group = await groups.by_chat(msg.platform, msg.chat_id)
    if ctx.group is None:
        return
    group_id = ctx.group.id
    if msg.kind is InboundKind.MEMBER_LEFT:
        await groups.mark_left(group_id, sender.user_id)
        return
    for person in msg.joined:
        if not person.is_bot:
            await groups.record_member(
                group_id,
                user_id=person.user_id,
                display_name=person.name,
                username=person.username,
                now=now,
            )
    if sender.is_bot or msg.kind in (InboundKind.MEMBERS_JOINED, InboundKind.BOT_ADDED):
        return
    known = await groups.member(group_id, sender.user_id)
    acting = msg.kind is InboundKind.BUTTON or msg.command is not None
    if (
        known is None
        and acting
        and not await ctx.messenger.is_chat_member(msg.chat_id, sender.account)
    ):
        # Someone never seen who presses a button or gives a command: a public group's
        # messages can be seen (and pressed) by people who are not in it.
        return
    if (
        known is not None
        and acting
        and now - known.last_seen_at > LONG_SILENCE
        and not await ctx.still_member(ctx.group)
    ):
        return
    if (
        known is not None
        and known.display_name == sender.name
        and known.username == sender.username
        and now - known.last_seen_at < LAST_SEEN_RESOLUTION
    ):
        # Nothing to change: skip the write, as most updates in a busy chat would do.
        ctx.member = known
        return
    ctx.member = await groups.record_member(
        group_id,
        user_id=sender.user_id,
        display_name=sender.name,
        username=sender.username,
        now=now,
    )


async def chat_back(ctx: Context) -> Sequence[Reply] | None:
    """The bot hears from a group chat that refused it: it is back there. Reminders may go
    there again, and the group is told, once, what fell due while the bot was out."""
    msg = ctx.msg
    sender = ctx.services.dispatcher.sender
    if not msg.in_group or not sender.refuses(msg.platform, msg.chat_id):
        return None
    summary = await sender.chat_back(msg.platform, msg.chat_id)
    if summary is not None:
        ctx.said.append(summary)
    return None
