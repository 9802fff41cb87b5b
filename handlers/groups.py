"""Registration of a group, its members and roles, /start and /help."""

from __future__ import annotations

from bot.chat.messages import InboundKind, Reply
from bot.core.context import Context, UserError
from bot.core.permissions import Action
from bot.core.router import Command, Router, Scope, command_help, help_sections
from handlers import groups_text as T
from handlers import roles
from handlers.linking import split_invite, use_invite
from handlers.people import how_to_be_known
from storage.models import Group, Role

MAX_GROUP_NAME = 150


def register(router: Router) -> None:
    """Add this feature's commands to the router."""

    async def show_help(ctx: Context) -> Reply:
        """/help: every command with its usage, grouped by feature; /help <lệnh>: that one."""
        name = ctx.msg.args.strip().lstrip("/").split("@")[0]
        if not name:
            return Reply(text=help_text(router))
        command = router.find(name)
        if command is None:
            guess = router.closest(name)
            hint = T.HELP_GUESS.format(guess=guess.name) if guess else ""
            return Reply(text=T.HELP_UNKNOWN.format(name=name, hint=hint))
        return Reply(text=command_help(command))

    async def start(ctx: Context) -> Reply:
        """/start: privately a greeting, what works and the user's groups; in a group a short
        greeting (the whole list is /help)."""
        if ctx.msg.in_group:
            if ctx.group is None:
                return Reply(text=T.GREETING_NEW_GROUP)
            return Reply(
                text=T.START_IN_GROUP.format(name=ctx.msg.sender.name, group=ctx.group.name)
            )
        return await _welcome(ctx, router)

    router.on(InboundKind.BOT_ADDED, greet_group)
    router.command(
        Command(
            "start",
            start,
            "Giới thiệu Trợ lý và các Tổ của anh/chị",
            "/start",
            T.SECTION,
            scope=Scope.ANYWHERE,
            summary_en="What the assistant does, your groups",
        )
    )
    router.command(
        Command(
            "help",
            show_help,
            "Danh sách lệnh; /help <lệnh> xem cách dùng và ví dụ",
            "/help [lệnh]",
            T.SECTION,
            scope=Scope.ANYWHERE,
            aliases=("trogiup",),
            summary_en="List of commands; /help <command> for one with examples",
            examples=("/help", "/help viec", "/viec ? (cũng được)"),
        )
    )
    router.command(
        Command(
            "dangky",
            register_group,
            "Đăng ký nhóm chat là một Tổ đại biểu (quản trị viên nhóm)",
            "/dangky <tên Tổ>",
            T.SECTION,
            scope=Scope.UNREGISTERED_GROUP_OK,
            aliases=("setup",),
            summary_en="Register this chat as a delegate group (chat admins)",
        )
    )
    router.command(
        Command(
            "thanhvien",
            list_members,
            "Danh sách thành viên và vai trò",
            "/thanhvien",
            T.SECTION,
            aliases=("members",),
            summary_en="Members and their roles",
        )
    )
    router.command(
        Command(
            "vaitro",
            roles.set_role,
            "Phân vai trò cho thành viên",
            T.ROLE_USAGE,
            T.SECTION,
            aliases=("role",),
            summary_en="Give a member a role",
            examples=T.ROLE_EXAMPLES,
        )
    )
    roles.register(router)


def help_text(router: Router) -> str:
    """The /help text, built from the command table so it never drifts from the commands."""
    lines = [T.HELP_HEADER]
    for section, commands in help_sections(router.commands).items():
        lines.append("")
        lines.append(section.upper())
        for command in commands:
            lines.append(f"{command.usage} – {command.summary}")
    lines.append("")
    lines.append(T.HELP_FOOTER)
    return "\n".join(lines)


def what_works(router: Router) -> list[str]:
    """One line per help section naming its first commands: the greeting says only what the
    command table holds, so it never advertises what is not there."""
    lines = []
    for section, commands in help_sections(router.commands).items():
        names = [f"/{c.name}" for c in commands if c.in_menu and c.name not in _NOT_IN_WELCOME][
            :WELCOME_COMMANDS
        ]
        lines.append(T.WELCOME_SECTION.format(section=section, commands=", ".join(names)))
    return lines


WELCOME_COMMANDS = 5  # commands named per section in the private greeting
_NOT_IN_WELCOME = frozenset({"start", "help"})  # the greeting itself, and the help it points to


async def _welcome(ctx: Context, router: Router) -> Reply:
    sender = ctx.msg.sender
    groups = ctx.services.groups
    lines = [T.WELCOME_PRIVATE.format(name=sender.name), *what_works(router), T.WELCOME_HELP]
    lines += ["", T.DM_READY, ""]
    memberships = await groups.groups_of_user(sender.user_id)
    if not memberships:
        knows_admins = ctx.messenger.capabilities.knows_admins
        lines.append(T.NO_GROUPS if knows_admins else T.NO_GROUPS_INVITE)
    else:
        lines.append(T.YOUR_GROUPS)
        for group in memberships:
            member = await groups.member(group.id, sender.user_id)
            role = T.ROLE_NAMES[member.role] if member else ""
            lines.append(T.YOUR_GROUP_LINE.format(group=group.name, role=role))
    return Reply(text="\n".join(lines))


async def greet_group(ctx: Context) -> Reply:
    """The bot was added to a group: say what it is and how to register (or welcome back)."""
    if ctx.group is not None:
        return Reply(text=T.BACK_IN_GROUP.format(group=ctx.group.name))
    return Reply(text=T.GREETING_NEW_GROUP)


async def register_group(ctx: Context) -> Reply:
    """/dangky <tên>: bind the chat to a new group; the caller becomes its chuyên viên.

    Where the platform cannot say who administers the chat (Zalo), a new group needs the
    operator's one-time invitation first: /dangky <mã mời> <tên>; renaming needs a leader.
    """
    args, invite = ctx.msg.args, None
    knows_admins = ctx.messenger.capabilities.knows_admins
    if not knows_admins and ctx.group is None:
        invite, args = split_invite(args)
    name = " ".join(args.split())
    if not name:
        raise UserError(T.NAME_MISSING)
    if len(name) > MAX_GROUP_NAME:
        raise UserError(T.NAME_TOO_LONG.format(limit=MAX_GROUP_NAME))
    if knows_admins:
        await ctx.require(Action.REGISTER_GROUP)
    elif ctx.group is not None:
        await ctx.require(Action.CHANGE_SETTINGS)
    groups, msg = ctx.services.groups, ctx.msg
    if ctx.group is not None:
        if ctx.group.name == name:
            return Reply(text=T.ALREADY_REGISTERED.format(group=name))
        await groups.rename(ctx.group.id, name)
        return Reply(text=T.RENAMED.format(group=name))
    async with ctx.services.db.transaction():
        # The invitation is spent only if the group is registered, and the other way round.
        if invite is not None:
            await use_invite(ctx, invite)
        group = await _register(ctx, name)
    return Reply(text=T.REGISTERED.format(group=group.name, name=msg.sender.name))


async def _register(ctx: Context, name: str) -> Group:
    groups, msg = ctx.services.groups, ctx.msg
    group = await groups.register(
        platform=msg.platform,
        chat_id=msg.chat_id,
        name=name,
        timezone=ctx.services.config.timezone,
        registered_by=msg.sender.user_id,
        now=ctx.now(),
    )
    await groups.record_member(
        group.id,
        user_id=msg.sender.user_id,
        display_name=msg.sender.name,
        username=msg.sender.username,
        now=ctx.now(),
        role=Role.CHUYEN_VIEN,
    )
    return group


async def list_members(ctx: Context) -> Reply:
    """/thanhvien: members with their roles, leaders first."""
    await ctx.require(Action.VIEW)
    group = ctx.require_group()
    members = await ctx.services.groups.members(group.id)
    lines = [T.MEMBERS_HEADER.format(group=group.name, count=len(members))]
    for index, member in enumerate(members, start=1):
        username = f" (@{member.username})" if member.username else ""
        lines.append(
            T.MEMBER_LINE.format(
                index=index,
                name=member.display_name,
                username=username,
                role=T.ROLE_NAMES[member.role],
            )
        )
    lines.append("")
    lines.append(T.MEMBERS_NOTE.format(how=how_to_be_known(ctx)))
    return Reply(text="\n".join(lines))
