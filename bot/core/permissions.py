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
    SET_SPECIALIST_ROLE = "set_specialist_role"  # make someone chuyên viên, or stop being one
    CREATE_TASK = "create_task"
    TAKE_TASK = "take_task"  # take a task nobody has been given (/nhan)
    FINISH_OWN_PART = "finish_own_part"  # an assignee ticks (or unticks) their own part
    MANAGE_TASK = "manage_task"  # assign, change deadline, edit, close, reopen, delete
    MANAGE_EVENTS = "manage_events"
    ANSWER_RSVP = "answer_rsvp"
    CHANGE_SETTINGS = "change_settings"
    BIND_CHAT = "bind_chat"  # give the code that binds a chat on another platform to the Tổ
    RECORD_MINUTES = "record_minutes"  # start and stop recording a meeting (/bienban)
    MANAGE_CLAIMS = "manage_claims"  # tick claim papers, estimates, checklist templates
    ATTACH_EVIDENCE = "attach_evidence"  # link a file sent in the chat to a claim item
    SNOOZE_OWN = "snooze_own"  # a reminder addressed to one person: only that person
    SNOOZE_GROUP = "snooze_group"  # a reminder to the whole group: its subject's creator, leaders
    UNDO_OWN = "undo_own"  # undo one's own last change (the change's own right is re-checked)


LEADERS = frozenset({Role.CHUYEN_VIEN, Role.TO_TRUONG, Role.TO_PHO})

# Actions any active member may take.
_ANY_MEMBER = frozenset(
    {
        Action.VIEW,
        Action.CREATE_TASK,
        Action.TAKE_TASK,
        Action.FINISH_OWN_PART,
        Action.ANSWER_RSVP,
        Action.ATTACH_EVIDENCE,
        Action.UNDO_OWN,
    }
)
# Actions reserved to roles (owner_id widens them to whoever created the object acted on).
_BY_ROLE: dict[Action, frozenset[Role]] = {
    Action.SET_ROLE: frozenset({Role.CHUYEN_VIEN, Role.TO_TRUONG}),
    # The chuyên viên is assigned by the Văn phòng: a tổ trưởng must not remove or replace them.
    Action.SET_SPECIALIST_ROLE: frozenset({Role.CHUYEN_VIEN}),
    Action.MANAGE_TASK: LEADERS,
    Action.MANAGE_EVENTS: LEADERS,
    Action.CHANGE_SETTINGS: LEADERS,
    Action.BIND_CHAT: LEADERS,
    Action.RECORD_MINUTES: LEADERS,
    Action.MANAGE_CLAIMS: LEADERS,
    Action.SNOOZE_GROUP: LEADERS,
    Action.SNOOZE_OWN: frozenset(),  # nobody but the owner
}
# Actions also allowed to the person named by owner_id: a task's creator may manage it; the
# meeting's chair (#chutri) may stop its recording; a reminder's person or creator may snooze it.
_WIDENED_BY_OWNER = frozenset(
    {Action.MANAGE_TASK, Action.RECORD_MINUTES, Action.SNOOZE_GROUP, Action.SNOOZE_OWN}
)
# Actions a chat administrator may take whatever their role (they control the chat anyway).
_CHAT_ADMIN = frozenset({Action.REGISTER_GROUP, Action.SET_ROLE, Action.SET_SPECIALIST_ROLE})
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
    if action in _WIDENED_BY_OWNER and owner_id is not None and owner_id == member.user_id:
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
    Action.SET_SPECIALIST_ROLE: (
        "Chỉ chuyên viên hoặc quản trị viên nhóm chat mới thay đổi được vai trò chuyên viên."
    ),
    Action.MANAGE_TASK: (
        "Chỉ người tạo việc, chuyên viên, Tổ trưởng hoặc Tổ phó mới thực hiện được thao tác này."
    ),
    Action.MANAGE_EVENTS: "Chỉ chuyên viên, Tổ trưởng hoặc Tổ phó mới quản lý được lịch của Tổ.",
    Action.CHANGE_SETTINGS: "Chỉ chuyên viên, Tổ trưởng hoặc Tổ phó mới thay đổi được cài đặt.",
    Action.BIND_CHAT: "Chỉ chuyên viên, Tổ trưởng hoặc Tổ phó mới gắn được nhóm chat khác vào Tổ.",
    Action.RECORD_MINUTES: (
        "Chỉ chuyên viên, Tổ trưởng, Tổ phó hoặc người chủ trì cuộc họp mới bắt đầu hoặc kết thúc"
        " được việc ghi biên bản."
    ),
    Action.MANAGE_CLAIMS: (
        "Chỉ chuyên viên, Tổ trưởng hoặc Tổ phó mới đánh dấu hồ sơ thanh toán, lập dự trù "
        "và sửa danh mục hồ sơ được."
    ),
    Action.SNOOZE_OWN: "Nhắc việc này gửi cho người khác; chỉ người đó hẹn nhắc lại được.",
    Action.SNOOZE_GROUP: (
        "Chỉ người tạo nội dung này, chuyên viên, Tổ trưởng hoặc Tổ phó mới hẹn nhắc lại cho "
        "cả Tổ được."
    ),
}
NOT_A_MEMBER = "Anh/chị không phải thành viên của Tổ này nên không thực hiện được thao tác."


def refusal(action: Action) -> str:
    """The Vietnamese sentence shown when `may` says no."""
    return _REFUSALS.get(action, NOT_A_MEMBER)
