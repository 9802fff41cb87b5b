-- Events (TXCT, giám sát, khảo sát, họp Tổ), attendance, free reminders, and the one table of
-- reminder rows the dispatcher works from. Every time is UTC text (storage/timefmt.py).

CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    group_id      INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    number        INTEGER NOT NULL,              -- shown to users, per group: "lịch số 3"
    kind          TEXT NOT NULL CHECK (kind IN ('txct', 'giamsat', 'khaosat', 'hop', 'khac')),
    starts_at     TEXT NOT NULL,
    place         TEXT,
    title         TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    UNIQUE (group_id, number)
);
CREATE INDEX events_upcoming ON events (group_id, status, starts_at);

-- One answer per member and event (Tham dự / Vắng, with the reason for Vắng).
CREATE TABLE attendance (
    event_id      INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id       TEXT NOT NULL,
    answer        TEXT NOT NULL CHECK (answer IN ('yes', 'no')),
    reason        TEXT,
    answered_at   TEXT NOT NULL,
    PRIMARY KEY (event_id, user_id)
);

-- Conversation state: a member chose Vắng and the bot asked why; their next message in the
-- group (or a reply to the question) is the reason. Kept here so a restart loses nothing.
CREATE TABLE pending_reasons (
    group_id      INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id       TEXT NOT NULL,
    event_id      INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    question_id   TEXT,                          -- message id of the bot's question
    asked_at      TEXT NOT NULL,
    PRIMARY KEY (group_id, user_id)
);

-- /nhac: free reminders to the group, one-off or recurring.
CREATE TABLE free_reminders (
    id            INTEGER PRIMARY KEY,
    group_id      INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    number        INTEGER NOT NULL,
    text          TEXT NOT NULL,
    repeat        TEXT,                          -- JSON of bot.dates.Repeat, NULL for one-off
    status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'done', 'cancelled')),
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    UNIQUE (group_id, number)
);

-- Every message the bot sends on its own initiative is one row. The dispatcher claims the rows
-- whose wake_at has come, sends them and marks them; see bot/scheduler.py for the states.
CREATE TABLE reminders (
    id              INTEGER PRIMARY KEY,
    group_id        INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN
                    ('event', 'free', 'snooze', 'task_due', 'task_overdue', 'digest')),
    source_id       INTEGER,                     -- events.id, free_reminders.id, tasks.id
    due_at          TEXT NOT NULL,               -- the nominal time (lateness is measured from it)
    wake_at         TEXT NOT NULL,               -- when to look at it next (due_at, or a retry)
    target_chat_id  TEXT NOT NULL,               -- the group's chat when the row was written
    target_user_id  TEXT,                        -- a personal reminder: DM, else group mention
    payload         TEXT NOT NULL DEFAULT '{}',  -- JSON: offset, snoozed kind, text ...
    recurrence      TEXT,                        -- JSON; the next row is written when this ends
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
                    ('pending', 'claimed', 'sending', 'sent', 'skipped', 'cancelled', 'failed')),
    claimed_at      TEXT,
    sent_at         TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX reminders_wake ON reminders (wake_at) WHERE status = 'pending';
CREATE INDEX reminders_source ON reminders (kind, source_id, status);
CREATE INDEX reminders_group ON reminders (group_id, kind, status);
CREATE INDEX reminders_inflight ON reminders (status) WHERE status IN ('claimed', 'sending');

-- Group chats the platform refuses (bot removed). DMs use users.dm_blocked instead.
CREATE TABLE chat_status (
    platform      TEXT NOT NULL,
    chat_id       TEXT NOT NULL,
    unreachable   TEXT NOT NULL,                 -- the platform's reason
    since         TEXT NOT NULL,
    PRIMARY KEY (platform, chat_id)
);
