"""/vaitro (/role): give a member a role, protecting the group.

A group always keeps a chuyên viên; only the chuyên viên or a chat administrator makes someone
chuyên viên or changes a chuyên viên's role; lowering one's own role (or handing over one's own
tổ trưởng seat) is confirmed first. Members are named by @username, a mention, a reply, or
their display name (asked which one when two members share it).
"""

from __future__ import annotations

from bot.chat.messages import Button, Reply
from bot.core import questions
from bot.core.context import Context, UserError
from bot.core.permissions import Action
from bot.core.router import ButtonRoute, Router, Scope
from bot.textnorm import fold
from handlers import groups_text as T
from handlers.people import members_named, resolve_one_member
from storage.models import Member, Role
from storage.pending import Pending

ANSWER = "rlp"  # rlp:<ok|no|index>:<question id>

# Every spelling users type for a role, folded (no accents, no spaces).
ROLE_WORDS = {
    "chuyenvien": Role.CHUYEN_VIEN,
    "cv": Role.CHUYEN_VIEN,
    "totruong": Role.TO_TRUONG,
    "tt": Role.TO_TRUONG,
    "topho": Role.TO_PHO,
    "tp": Role.TO_PHO,
    "daibieu": Role.DAI_BIEU,
    "db": Role.DAI_BIEU,
    "thanhvien": Role.THANH_VIEN,
}
# Higher means more rights; a change to a lower number is "lowering".
_RANK = {
    Role.CHUYEN_VIEN: 4,
    Role.TO_TRUONG: 3,
    Role.TO_PHO: 2,
    Role.DAI_BIEU: 1,
    Role.THANH_VIEN: 0,
}


def register(router: Router) -> None:
    """The answers to the role questions (/vaitro itself is registered by groups.py)."""
    router.button(ButtonRoute(ANSWER, on_answer, scope=Scope.ANYWHERE))


async def set_role(ctx: Context) -> Reply:
    """/vaitro @ai <vai trò>: the new role, or a question first (which member; lowering one's
    own role)."""
    group = ctx.require_group()
    target, rest = await resolve_one_member(ctx, ctx.msg.args)
    if target is not None:
        words = fold(rest).replace(" ", "")
        if not words:
            raise UserError("Cách dùng: " + T.ROLE_USAGE)
        role = ROLE_WORDS.get(words)
        if role is None:
            raise UserError(T.ROLE_UNKNOWN.format(word=rest.strip()))
        return await change_role(ctx, target, role)
    name, role = _name_and_role(ctx.msg.args)
    if not name:
        raise UserError(T.ROLE_WHO_MISSING)
    everyone = await ctx.services.groups.members(group.id)
    if role is None:
        words = name.split()
        if len(words) > 1 and members_named(everyone, " ".join(words[:-1])):
            raise UserError(T.ROLE_UNKNOWN.format(word=words[-1]))
        raise UserError(T.ROLE_WHO_MISSING)
    matched = members_named(everyone, name)
    if not matched:
        raise UserError(T.NO_SUCH_NAME.format(name=name))
    if len(matched) == 1:
        return await change_role(ctx, matched[0], role)
    await ctx.require(Action.SET_ROLE)
    question_id = await questions.ask(
        ctx, "role_pick", {"role": role.value, "user_ids": [m.user_id for m in matched]}
    )
    buttons = [
        (Button(_label(m), f"{ANSWER}:{index}:{question_id}"),) for index, m in enumerate(matched)
    ]
    buttons.append((Button(T.BTN_CANCEL, f"{ANSWER}:no:{question_id}"),))
    return Reply(
        text=T.ROLE_WHICH.format(count=len(matched), name=name, role=T.ROLE_NAMES[role]),
        buttons=tuple(buttons),
    )


def _label(member: Member) -> str:
    return member.display_name + (f" (@{member.username})" if member.username else "")


def _name_and_role(args: str) -> tuple[str, Role | None]:
    """'Hùng tổ trưởng' -> ('Hùng', TO_TRUONG): the role is the last one or two words."""
    words = args.split()
    for size in (2, 1):
        if len(words) > size:
            role = ROLE_WORDS.get(fold("".join(words[-size:])))
            if role is not None:
                return " ".join(words[:-size]), role
    if len(words) == 1 and fold(words[0]) in ROLE_WORDS:
        return "", ROLE_WORDS[fold(words[0])]
    return " ".join(words), None


async def check_role_change(ctx: Context, target: Member, role: Role) -> Member | None:
    """Refuse a role change the sender may not make or that would leave the group without a
    chuyên viên; returns the tổ trưởng it would replace (a group has one), if any."""
    await ctx.require(Action.SET_ROLE)
    if Role.CHUYEN_VIEN in (role, target.role):
        await ctx.require(Action.SET_SPECIALIST_ROLE)
    members = await ctx.services.groups.members(target.group_id)
    if target.role is Role.CHUYEN_VIEN and role is not Role.CHUYEN_VIEN:
        others = [m for m in members if m.role is Role.CHUYEN_VIEN and m.user_id != target.user_id]
        if not others:
            raise UserError(T.LAST_SPECIALIST.format(name=target.display_name))
    if role is not Role.TO_TRUONG:
        return None
    return next(
        (m for m in members if m.role is Role.TO_TRUONG and m.user_id != target.user_id), None
    )


async def change_role(
    ctx: Context, target: Member, role: Role, *, confirmed: bool = False
) -> Reply:
    """Give `target` the role (asking first when the sender lowers their own)."""
    group = ctx.require_group()
    if target.role is role:
        raise UserError(T.ROLE_ALREADY.format(name=target.display_name, role=T.ROLE_NAMES[role]))
    replaced = await check_role_change(ctx, target, role)
    sender = ctx.msg.sender.user_id
    lowers_self = (target.user_id == sender and _RANK[role] < _RANK[target.role]) or (
        replaced is not None and replaced.user_id == sender
    )
    if lowers_self and not confirmed:
        question_id = await questions.ask(
            ctx, "role", {"user_id": target.user_id, "role": role.value}
        )
        mine = ctx.member.role if ctx.member else target.role
        return Reply(
            text=T.ROLE_LOWER_ASK.format(
                name=target.display_name, role=T.ROLE_NAMES[role], mine=T.ROLE_NAMES[mine]
            ),
            buttons=questions.answer_buttons(ANSWER, question_id, T.BTN_CONFIRM, T.BTN_CANCEL),
        )
    await ctx.services.groups.set_role(group.id, target.user_id, role)
    await ctx.remember(
        "role_set",
        user_id=target.user_id,
        to=role.value,
        replaced=replaced.user_id if replaced else None,
        **{"from": target.role.value},
    )
    if replaced is not None:
        return Reply(
            text=T.ROLE_SET_REPLACED.format(
                name=target.display_name,
                role=T.ROLE_NAMES[role],
                group=group.name,
                previous=replaced.display_name,
            )
        )
    return Reply(
        text=T.ROLE_SET.format(name=target.display_name, role=T.ROLE_NAMES[role], group=group.name)
    )


async def on_answer(ctx: Context) -> Reply:
    """Which member (for a shared name), or Xác nhận / Hủy for lowering one's own role."""
    answer, raw_id = questions.parse_answer(ctx.msg.button_data)
    question = await questions.answered(ctx, raw_id, frozenset({"role", "role_pick"}))
    if answer == "no":
        await questions.close(ctx, question)
        return Reply(text=T.ROLE_KEPT, edit=True, notice=T.ROLE_KEPT)
    target = await _target(ctx, question, answer)
    role = Role(str(question.payload["role"]))
    reply = await change_role(ctx, target, role, confirmed=question.kind == "role")
    await questions.close(ctx, question)
    return Reply(text=reply.text, buttons=reply.buttons, edit=True)


async def _target(ctx: Context, question: Pending, answer: str) -> Member:
    if question.kind == "role":
        user_id = str(question.payload["user_id"])
    else:
        user_ids = [str(u) for u in question.payload.get("user_ids", [])]
        if not answer.isdigit() or int(answer) >= len(user_ids):
            raise UserError(T.ROLE_PICK_GONE)
        user_id = user_ids[int(answer)]
    member = await ctx.services.groups.member(ctx.require_group().id, user_id)
    if member is None:
        raise UserError(T.ROLE_PICK_GONE)
    return member
