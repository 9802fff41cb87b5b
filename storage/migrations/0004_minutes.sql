-- Meeting minutes (/bienban): a recording per group, the messages and markers captured while it
-- is open, the per-group number series, and the closed minutes with the tasks they created.
-- Meaning of each column and the rules: storage/minutes.py.

CREATE TABLE minutes_recordings (
    id            INTEGER PRIMARY KEY,
    group_id      INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    title         TEXT NOT NULL,
    event_id      INTEGER REFERENCES events(id) ON DELETE SET NULL,  -- started from "lịch số N"
    place         TEXT,
    started_by    TEXT NOT NULL,                 -- platform user id
    started_at    TEXT NOT NULL,
    auto_close_at TEXT NOT NULL,                 -- closed automatically then, with a notice
    closed_at     TEXT,
    closed_by     TEXT,                          -- user id; NULL when closed automatically
    close_reason  TEXT CHECK (close_reason IN ('manual', 'auto'))
);
-- One recording open per group at a time: a second /bienban batdau fails here, whatever races.
CREATE UNIQUE INDEX minutes_one_open_per_group ON minutes_recordings (group_id)
    WHERE status = 'open';
CREATE INDEX minutes_recordings_by_group ON minutes_recordings (group_id, started_at);

-- Every message seen in the group while recording; id is the order of capture.
CREATE TABLE minutes_messages (
    id            INTEGER PRIMARY KEY,
    recording_id  INTEGER NOT NULL REFERENCES minutes_recordings(id) ON DELETE CASCADE,
    message_id    TEXT NOT NULL,                 -- the platform's message id
    sender_id     TEXT NOT NULL,
    sender_name   TEXT NOT NULL,
    sent_at       TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('text', 'caption', 'other')),
    text          TEXT NOT NULL,                 -- the text, the caption, or '' (a sticker)
    edited_at     TEXT,                          -- last edit seen during the recording
    UNIQUE (recording_id, message_id)
);

-- What a marker (#chutri, #ykien, #giaoviec …) said, with the people it names resolved when
-- it was written. Markers copied from an event's attendance have no message.
CREATE TABLE minutes_markers (
    id            INTEGER PRIMARY KEY,
    recording_id  INTEGER NOT NULL REFERENCES minutes_recordings(id) ON DELETE CASCADE,
    message_row   INTEGER REFERENCES minutes_messages(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('chutri', 'thuky', 'comat', 'vang', 'khach',
                  'noidung', 'ykien', 'ketluan', 'giaoviec', 'bieuquyet')),
    author_id     TEXT NOT NULL,
    payload       TEXT NOT NULL DEFAULT '{}',    -- JSON object, see storage/minutes.py
    undone        INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),  -- #bo / #undo
    created_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX minutes_markers_of_message ON minutes_markers (message_row)
    WHERE message_row IS NOT NULL;
CREATE INDEX minutes_markers_by_recording ON minutes_markers (recording_id, id);

-- The next minutes number of a group in a year (documents are numbered from 01 each year).
CREATE TABLE minutes_series (
    group_id      INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    year          INTEGER NOT NULL,
    next_number   INTEGER NOT NULL CHECK (next_number >= 1),
    PRIMARY KEY (group_id, year)
);

-- Closed minutes: the number given and the document's content as it was sent (JSON), so a
-- copy sent again later says exactly the same.
CREATE TABLE minutes (
    id            INTEGER PRIMARY KEY,
    group_id      INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    recording_id  INTEGER NOT NULL UNIQUE REFERENCES minutes_recordings(id) ON DELETE CASCADE,
    year          INTEGER NOT NULL,
    number        INTEGER NOT NULL,
    title         TEXT NOT NULL,
    started_at    TEXT NOT NULL,
    closed_at     TEXT NOT NULL,
    content       TEXT NOT NULL,                 -- JSON object written by the feature
    UNIQUE (group_id, year, number)
);
CREATE INDEX minutes_by_group ON minutes (group_id, started_at);

-- Tasks created from a #giaoviec when the minutes were closed (shown in /viec <số>).
CREATE TABLE minutes_tasks (
    task_id       INTEGER PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
    minutes_id    INTEGER NOT NULL REFERENCES minutes(id) ON DELETE CASCADE,
    marker_id     INTEGER REFERENCES minutes_markers(id) ON DELETE SET NULL,
    needs_deadline INTEGER NOT NULL DEFAULT 0 CHECK (needs_deadline IN (0, 1))
);
CREATE INDEX minutes_tasks_by_minutes ON minutes_tasks (minutes_id);

-- Reminder kinds are no longer listed in the schema: each feature registers its kinds (with a
-- renderer for each) with the reminder engine, which knows no feature; a list here would have
-- to grow with every feature. The first new kind is minutes_autoclose (a recording left open).
-- SQLite cannot drop a CHECK, so the table is rebuilt with the same columns and indexes.
CREATE TABLE reminders_new (
    id              INTEGER PRIMARY KEY,
    group_id        INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,               -- registered by the feature that owns it
    source_id       INTEGER,                     -- events.id, free_reminders.id, tasks.id …
    due_at          TEXT NOT NULL,
    wake_at         TEXT NOT NULL,
    target_chat_id  TEXT NOT NULL,
    target_user_id  TEXT,
    payload         TEXT NOT NULL DEFAULT '{}',
    recurrence      TEXT,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
                    ('pending', 'claimed', 'sending', 'sent', 'skipped', 'cancelled', 'failed')),
    claimed_at      TEXT,
    sent_at         TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    created_at      TEXT NOT NULL
);
INSERT INTO reminders_new (id, group_id, kind, source_id, due_at, wake_at, target_chat_id,
    target_user_id, payload, recurrence, status, claimed_at, sent_at, attempts, last_error,
    created_at)
SELECT id, group_id, kind, source_id, due_at, wake_at, target_chat_id, target_user_id, payload,
    recurrence, status, claimed_at, sent_at, attempts, last_error, created_at FROM reminders;
DROP TABLE reminders;
ALTER TABLE reminders_new RENAME TO reminders;
CREATE INDEX reminders_wake ON reminders (wake_at) WHERE status = 'pending';
CREATE INDEX reminders_source ON reminders (kind, source_id, status);
CREATE INDEX reminders_group ON reminders (group_id, kind, status);
CREATE INDEX reminders_inflight ON reminders (status) WHERE status IN ('claimed', 'sending');
