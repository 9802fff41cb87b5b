"""Moving everything stored under one person key to another, when two accounts are linked.

Every column that holds a person key is listed in PERSON_COLUMNS; columns that hold a
platform's own account id are in ACCOUNT_COLUMNS and are never rewritten, nor are the
DERIVED_COLUMNS that triggers keep in step. A test compares the lists with the schema, so a new
table with a person column fails the suite until it is listed.
"""

from __future__ import annotations

import aiosqlite

PERSON_COLUMNS: tuple[tuple[str, str], ...] = (
    ("groups", "registered_by"),
    ("members", "user_id"),
    ("tasks", "created_by"),
    ("tasks", "done_by"),
    ("task_assignees", "user_id"),
    ("task_assignees", "assigned_by"),
    ("task_events", "actor_id"),
    ("task_pending", "user_id"),
    ("events", "created_by"),
    ("attendance", "user_id"),
    ("pending_reasons", "user_id"),
    ("free_reminders", "created_by"),
    ("reminders", "target_user_id"),
    ("group_chats", "bound_by"),
    ("person_links", "person_id"),
    ("person_prefs", "person_id"),
    ("minutes_recordings", "started_by"),
    ("minutes_recordings", "closed_by"),
    ("minutes_messages", "sender_id"),
    ("minutes_markers", "author_id"),
    ("claim_template_items", "updated_by"),
    ("claims", "opened_by"),
    ("claims", "closed_by"),
    ("claim_items", "done_by"),
    ("claim_item_marks", "user_id"),
    ("claim_attachments", "sender_id"),
    ("estimate_quantities", "set_by"),
    ("attendance_history", "user_id"),
    ("undo_log", "user_id"),
)

# Kept in step by triggers on tasks and task_assignees (storage/migrations/0005_speed.sql):
# rewriting those two rewrites these, so they are never written here.
DERIVED_COLUMNS: tuple[tuple[str, str], ...] = (
    ("task_owners", "user_id"),
    ("task_owner_counts", "user_id"),
)

ACCOUNT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("users", "user_id"),
    ("person_links", "user_id"),
    ("one_time_codes", "user_id"),
    ("one_time_codes", "used_user_id"),
    ("code_failures", "user_id"),
)


def _rank(role: str) -> str:
    """SQL ranking a role by how much it says: a leader's role beats 'daibieu' beats none."""
    return f"(CASE {role} WHEN 'thanhvien' THEN 0 WHEN 'daibieu' THEN 1 ELSE 2 END)"


# Where the person column is part of a unique key, the two people may both have a row (both
# wrote in the Zalo and the Telegram chat of one Tổ). Before the leftover rows of the old key
# are dropped, what they know is folded into the row that stays.
_FOLD = {
    "members": (
        "UPDATE members AS keep SET"
        f" role = CASE WHEN {_rank('old.role')} > {_rank('keep.role')} THEN old.role"
        " ELSE keep.role END,"
        " active = MAX(keep.active, old.active),"
        " joined_at = MIN(keep.joined_at, old.joined_at),"
        " last_seen_at = MAX(keep.last_seen_at, old.last_seen_at)"
        " FROM members AS old WHERE old.user_id = :old AND keep.user_id = :new"
        " AND old.group_id = keep.group_id"
    ),
    "task_assignees": (
        "UPDATE task_assignees AS keep SET done_at = COALESCE(keep.done_at, old.done_at)"
        " FROM task_assignees AS old WHERE old.user_id = :old AND keep.user_id = :new"
        " AND old.task_id = keep.task_id"
    ),
    "attendance": (
        "UPDATE attendance AS keep SET answer = old.answer, reason = old.reason,"
        " answered_at = old.answered_at"
        " FROM attendance AS old WHERE old.user_id = :old AND keep.user_id = :new"
        " AND old.event_id = keep.event_id AND old.answered_at > keep.answered_at"
    ),
    "pending_reasons": (
        "UPDATE pending_reasons AS keep SET event_id = old.event_id,"
        " question_id = old.question_id, asked_at = old.asked_at"
        " FROM pending_reasons AS old WHERE old.user_id = :old AND keep.user_id = :new"
        " AND old.group_id = keep.group_id AND old.asked_at > keep.asked_at"
    ),
    "person_prefs": (
        "UPDATE person_prefs AS keep SET"
        " reminder_channel = COALESCE(keep.reminder_channel, old.reminder_channel),"
        " last_private_platform = CASE WHEN old.updated_at > keep.updated_at"
        " THEN COALESCE(old.last_private_platform, keep.last_private_platform)"
        " ELSE COALESCE(keep.last_private_platform, old.last_private_platform) END,"
        " updated_at = MAX(keep.updated_at, old.updated_at)"
        " FROM person_prefs AS old WHERE old.person_id = :old AND keep.person_id = :new"
    ),
}


async def merge_person_rows(conn: aiosqlite.Connection, *, old_key: str, new_key: str) -> None:
    """Rewrite old_key to new_key everywhere, inside the caller's transaction.

    Rows that would collide with a row the new key already has are folded into it, then
    dropped. Task history details naming the old key ({"user_id": …}) are rewritten too.
    """
    keys = {"old": old_key, "new": new_key}
    for fold in _FOLD.values():
        await conn.execute(fold, keys)
    for table, column in PERSON_COLUMNS:
        await conn.execute(
            f"UPDATE OR IGNORE {table} SET {column} = :new WHERE {column} = :old", keys
        )
    for table in _FOLD:
        column = "person_id" if table == "person_prefs" else "user_id"
        await conn.execute(f"DELETE FROM {table} WHERE {column} = :old", keys)
    await conn.execute(
        "UPDATE task_events SET detail = json_set(detail, '$.user_id', :new)"
        " WHERE json_extract(detail, '$.user_id') = :old",
        keys,
    )
