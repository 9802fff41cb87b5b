-- Issue 9: an event keeps the end time an invitation gives ("từ 8h00 đến 11h00" → /lich shows
-- 08:00–11:00), and the stored confirmation questions cover events and reminders too: a date
-- typed without its year that lands months away is asked about ("ý anh/chị là 20/11/2027?")
-- before anything is filed.

ALTER TABLE events ADD COLUMN ends_at TEXT;      -- UTC text like starts_at; NULL when not given

-- SQLite cannot change a CHECK constraint in place: the table is rebuilt with the new kinds.
-- 'event' (create an event), 'move' (move one), 'remind' (create a /nhac reminder).
CREATE TABLE task_pending_new (
    id         INTEGER PRIMARY KEY,
    group_id   INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL,                        -- who asked; only they may confirm
    kind       TEXT NOT NULL CHECK (kind IN ('create', 'due', 'event', 'move', 'remind')),
    payload    TEXT NOT NULL,                        -- JSON object
    created_at TEXT NOT NULL
);
INSERT INTO task_pending_new (id, group_id, user_id, kind, payload, created_at)
    SELECT id, group_id, user_id, kind, payload, created_at FROM task_pending;
DROP TABLE task_pending;
ALTER TABLE task_pending_new RENAME TO task_pending;
