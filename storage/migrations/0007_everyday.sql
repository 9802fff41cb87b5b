-- Everyday use: confirmations of any kind, edited and restored tasks, attendance kept across a
-- move, and the journal that /hoantac (undo) reads.

-- Questions waiting for their author's answer now serve every feature (close a task for all,
-- delete, cancel an event, lower one's own role, which Tổ a private command is for, undo …):
-- the kinds are documented in storage/pending.py, so the CHECK on kind goes, and group_id may be
-- NULL for a question asked before a Tổ is chosen. SQLite changes a CHECK only by rebuilding.
CREATE TABLE task_pending_new (
    id         INTEGER PRIMARY KEY,
    group_id   INTEGER REFERENCES groups(id) ON DELETE CASCADE,  -- NULL: no Tổ chosen yet
    user_id    TEXT NOT NULL,                        -- who asked; only they may answer
    kind       TEXT NOT NULL,
    payload    TEXT NOT NULL,                        -- JSON object
    created_at TEXT NOT NULL
);
INSERT INTO task_pending_new (id, group_id, user_id, kind, payload, created_at)
    SELECT id, group_id, user_id, kind, payload, created_at FROM task_pending;
DROP TABLE task_pending;
ALTER TABLE task_pending_new RENAME TO task_pending;

-- Two more lines of a task's history: its text edited (/sua), a deleted task restored.
CREATE TABLE task_events_new (
    id       INTEGER PRIMARY KEY,
    task_id  INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    at       TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    action   TEXT NOT NULL CHECK (action IN ('created', 'assigned', 'unassigned', 'due_changed',
                                             'part_done', 'done', 'reopened', 'deleted',
                                             'edited', 'restored', 'part_reopened')),
    detail   TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO task_events_new (id, task_id, at, actor_id, action, detail)
    SELECT id, task_id, at, actor_id, action, detail FROM task_events;
DROP TABLE task_events;
ALTER TABLE task_events_new RENAME TO task_events;
CREATE INDEX task_events_by_task ON task_events (task_id, id);

-- Answers given for an earlier start of an event that was moved: kept, no longer counted.
CREATE TABLE attendance_history (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id       TEXT NOT NULL,
    answer        TEXT NOT NULL CHECK (answer IN ('yes', 'no')),
    reason        TEXT,
    answered_at   TEXT NOT NULL,
    starts_at     TEXT NOT NULL,                 -- the start the answer was given for
    replaced_at   TEXT NOT NULL                  -- when the move set it aside
);
CREATE INDEX attendance_history_by_event ON attendance_history (event_id, starts_at);

-- Each person's recent changes, so /hoantac can name the last one and reverse it. Rows older
-- than the undo window are never read again.
CREATE TABLE undo_log (
    id         INTEGER PRIMARY KEY,
    group_id   INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL,
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL,                    -- see storage/undo.py
    payload    TEXT NOT NULL,                    -- JSON object: what reverses the change
    undone_at  TEXT
);
CREATE INDEX undo_log_by_person ON undo_log (group_id, user_id, id);

-- The chat the Vắng question was asked in: the group's (NULL, as before) or the member's private
-- chat, when they pressed Vắng there.
ALTER TABLE pending_reasons ADD COLUMN question_chat_id TEXT;
