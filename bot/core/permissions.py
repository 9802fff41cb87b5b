"""The one permission function: who may do what in a group.

Every command and every button goes through `may` (via Context.require), so the rules live here
and nowhere else. Membership comes first: a person who is not an active member of the group may do
nothing in it, whatever their role elsewhere.
"""

from __future__ import annotations

from enum import StrEnum

from storage.models import Member, Role


class Action(StrEnum):
    """Things a person may try to do in a group."""

    VIEW = "view"  # read the group's lists and details
    REGISTER_GROUP = "register_group"
    SET_ROLE = "set_role"
    CREATE_TASK = "create_task"
    FINISH_OWN_PART = "finish_own_part"  # an assignee ticks their own part
    MANAGE_TASK = "manage_task"  # assign, change deadline, close, delete someone else's task
    MANAGE_EVENTS = "manage_events"
    ANSWER_RSVP = "answer_rsvp"
    CHANGE_SETTINGS = "change_settings"


LEADERS = frozenset({Role.CHUYEN_VIEN, Role.TO_TRUONG, Role.TO_PHO})

# Actions any active member may take.
_ANY_MEMBER = frozenset(
    {Action.VIEW, Action.CREATE_TASK, Action.FINISH_OWN_PART, Action.ANSWER_RSVP}
)
# Actions reserved to roles (owner_id widens MANAGE_TASK to the task's creator).
_BY_ROLE: dict[Action, frozenset[Role]] = {
    Action.SET_ROLE: frozenset({Role.CHUYEN_VIEN, Role.TO_TRUONG}),
    Action.MANAGE_TASK: LEADERS,
    Action.MANAGE_EVENTS: LEADERS,
    Action.CHANGE_SETTINGS: LEADERS,
}
# Actions a chat administrator may take whatever their role (they control the chat anyway).
_CHAT_ADMIN = frozenset({Action.REGISTER_GROUP, Action.SET_ROLE})
# Actions that only read. Everything else changes the group's data.
_READS = frozenset({Action.VIEW})


def may(
    member: Member | None,
    action: Action,
    *,
    owner_id: str | None = None,
    is_chat_admin: bool = False,
) -> bool:
    """Decide whether `member` may take `action`.

    Args:
        member: the sender's active membership in the group, or None if they are not a member.
        action: what they try to do.
        owner_id: the platform user id of whoever created the object acted on, if any.
        is_chat_admin: whether the platform says the sender administers the chat.
    """
    if action is Action.REGISTER_GROUP:
        # Registration happens before anyone is a member; the chat's administrators decide.
        return is_chat_admin
    if member is None or not member.active:
        return False
    if is_chat_admin and action in _CHAT_ADMIN:
        return True
    if action in _ANY_MEMBER:
        return True
    if action is Action.MANAGE_TASK and owner_id is not None and owner_id == member.user_id:
        return True
    return member.role in _BY_ROLE.get(action, frozenset())


def needs_platform_check(member: Member | None, action: Action) -> bool:
    """Whether to confirm with the platform that the member is still in the chat first.

    A write by someone without a leader's role is checked (the answer is cached briefly):
    leaving a chat while the bot is not watching leaves the membership stored, and a forged or
    old button can still be pressed. Leaders are checked after a long silence instead
    (bot/core/people.py), and registration needs no membership at all.
    """
    if member is None or not member.active or action in _READS:
        return False
    if action is Action.REGISTER_GROUP:
        return False
    return member.role not in LEADERS


_REFUSALS = {
    Action.REGISTER_GROUP: "Chỉ quản trị viên của nhóm chat mới đăng ký được Tổ.",
    Action.SET_ROLE: "Chỉ chuyên viên, Tổ trưởng hoặc quản trị viên nhóm mới phân vai trò được.",
    Action.MANAGE_TASK: (
        "Chỉ người tạo việc, chuyên viên, Tổ trưởng hoặc Tổ phó mới thực hiện được thao tác này."
    ),
    Action.MANAGE_EVENTS: "Chỉ chuyên viên, Tổ trưởng hoặc Tổ phó mới quản lý được lịch của Tổ.",
    Action.CHANGE_SETTINGS: "Chỉ chuyên viên, Tổ trưởng hoặc Tổ phó mới thay đổi được cài đặt.",
}
NOT_A_MEMBER = "Anh/chị không phải thành viên của Tổ này nên không thực hiện được thao tác."


def refusal(action: Action) -> str:
    """The Vietnamese sentence shown when `may` says no."""
    return _REFUSALS.get(action, NOT_A_MEMBER)
