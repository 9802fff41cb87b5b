-- Shared task lists: one per group, numbered #1, #2 … per group, with assignees and history.
-- The reminder engine reads these tables; the meaning of each column is documented in
-- storage/tasks.py (deadline rules: see overdue_from there).

CREATE TABLE tasks (
    id                INTEGER PRIMARY KEY,
    group_id          INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    number            INTEGER NOT NULL,              -- per group: 1, 2, 3 … (never reused)
    text              TEXT NOT NULL,
    created_by        TEXT NOT NULL,                 -- platform user id
    created_at        TEXT NOT NULL,
    due_at            TEXT,                          -- UTC; date-only = 00:00 local of that day
    due_has_time      INTEGER NOT NULL DEFAULT 0 CHECK (due_has_time IN (0, 1)),
    -- The instant from which the task is overdue: due_at when a time was given, otherwise the
    -- start of the following local day. Derived from due_at; kept so SQL can sort and filter.
    overdue_at        TEXT,
    status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'deleted')),
    done_at           TEXT,
    done_by           TEXT,
    source_message_id TEXT,
    UNIQUE (group_id, number)
);
-- Open tasks of a group in deadline order (/ds), and open deadlines across groups (reminders).
CREATE INDEX tasks_by_group_status_due ON tasks (group_id, status, overdue_at);
CREATE INDEX tasks_open_due ON tasks (overdue_at) WHERE status = 'open' AND due_at IS NOT NULL;
CREATE INDEX tasks_by_group_done ON tasks (group_id, done_at) WHERE status = 'done';

CREATE TABLE task_assignees (
    task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL,
    assigned_by TEXT NOT NULL,
    assigned_at TEXT NOT NULL,
    done_at     TEXT,                                -- this assignee's part is done
    PRIMARY KEY (task_id, user_id)
);
-- A user's open assignments (/ds toi, /viectoi, personal reminders).
CREATE INDEX task_assignees_open_by_user ON task_assignees (user_id, task_id)
    WHERE done_at IS NULL;

CREATE TABLE task_events (
    id       INTEGER PRIMARY KEY,
    task_id  INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    at       TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    action   TEXT NOT NULL CHECK (action IN ('created', 'assigned', 'unassigned', 'due_changed',
                                             'part_done', 'done', 'reopened', 'deleted')),
    detail   TEXT NOT NULL DEFAULT '{}'              -- JSON object, see storage/tasks.py
);
CREATE INDEX task_events_by_task ON task_events (task_id, id);

-- A request waiting for the requester's confirmation (a deadline already past): kept here, not
-- in memory, so a restart loses nothing. Nothing is changed until it is confirmed.
CREATE TABLE task_pending (
    id         INTEGER PRIMARY KEY,
    group_id   INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL,                        -- who asked; only they may confirm
    kind       TEXT NOT NULL CHECK (kind IN ('create', 'due')),
    payload    TEXT NOT NULL,                        -- JSON object
    created_at TEXT NOT NULL
);
