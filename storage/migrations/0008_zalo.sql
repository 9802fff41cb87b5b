-- Zalo beside Telegram: one person across platforms, a Tổ with chats on both, one-time codes,
-- the durable inbox that dedupes replayed updates, numbered choices, the monthly quota, and
-- files served by signed link. The design is written down in storage/people.py.

-- An account that belongs to a person whose key is not the account's own default key
-- (storage/people.py: default_person_id). No row: the account is its own person.
CREATE TABLE person_links (
    platform      TEXT NOT NULL,
    user_id       TEXT NOT NULL,                 -- the platform's own id of the account
    person_id     TEXT NOT NULL,                 -- the key every feature table stores
    linked_at     TEXT NOT NULL,
    PRIMARY KEY (platform, user_id)
);
CREATE INDEX person_links_by_person ON person_links (person_id);

-- Per person: where personal reminders go. NULL channel = where they last wrote privately.
CREATE TABLE person_prefs (
    person_id             TEXT PRIMARY KEY,
    reminder_channel      TEXT,                  -- 'telegram', 'zalo' or NULL
    last_private_platform TEXT,
    updated_at            TEXT NOT NULL
);

-- Further chats of a Tổ (a Zalo group bound to a Telegram Tổ): the group's own chat stays in
-- groups.chat_id; these share its task list, events and reminders.
CREATE TABLE group_chats (
    group_id      INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    platform      TEXT NOT NULL,
    chat_id       TEXT NOT NULL,
    bound_by      TEXT NOT NULL,                 -- person key
    bound_at      TEXT NOT NULL,
    PRIMARY KEY (platform, chat_id)
);
CREATE INDEX group_chats_by_group ON group_chats (group_id);

-- One-time codes: 'person' (link two accounts, 15 min), 'group' (bind a chat to a Tổ, 15 min),
-- 'invite' (the operator's `todaibieu invite`, lets a Zalo group register as a new Tổ).
CREATE TABLE one_time_codes (
    code          TEXT PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('person', 'group', 'invite')),
    platform      TEXT,                          -- where it was made (NULL for invites)
    user_id       TEXT,                          -- account that made it (person codes)
    group_id      INTEGER REFERENCES groups(id) ON DELETE CASCADE,   -- group codes
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    used_at       TEXT,
    used_platform TEXT,
    used_user_id  TEXT
);
CREATE INDEX one_time_codes_expiry ON one_time_codes (expires_at);

-- Wrong codes typed, per account: a few are forgiven, many in a row lock the account out.
CREATE TABLE code_failures (
    platform      TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    at            TEXT NOT NULL
);
CREATE INDEX code_failures_by_account ON code_failures (platform, user_id, at);

-- Every update accepted from a platform that replays (Zalo has no offset): written before it is
-- acknowledged, handled at most once, kept 7 days so a replay is recognised.
CREATE TABLE inbox (
    id            INTEGER PRIMARY KEY,
    platform      TEXT NOT NULL,
    event_name    TEXT NOT NULL,
    message_id    TEXT NOT NULL,
    body          TEXT NOT NULL,                 -- the update as received (JSON)
    received_at   TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'received'
                  CHECK (status IN ('received', 'started', 'done', 'abandoned')),
    UNIQUE (platform, event_name, message_id)
);
CREATE INDEX inbox_waiting ON inbox (platform, id) WHERE status = 'received';
CREATE INDEX inbox_age ON inbox (received_at);

-- Buttons on a platform without buttons: the numbered options last shown in a chat, for one
-- account ('*' = anyone in the chat), until answered, replaced or expired.
CREATE TABLE pending_choices (
    platform      TEXT NOT NULL,
    chat_id       TEXT NOT NULL,
    audience      TEXT NOT NULL,                 -- platform user id, or '*'
    options       TEXT NOT NULL,                 -- JSON [[label, data], …], numbered from 1
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    PRIMARY KEY (platform, chat_id, audience)
);

-- Messages sent per platform and calendar month (the bot's zone), for plans with a quota.
CREATE TABLE sent_counts (
    platform      TEXT NOT NULL,
    month         TEXT NOT NULL,                 -- 'YYYY-MM'
    sent          INTEGER NOT NULL DEFAULT 0,
    warned_at     TEXT,                          -- when the 80% warning was given (once)
    PRIMARY KEY (platform, month)
);

-- Files offered by link where the platform cannot send documents (Zalo): the link carries the
-- token and an expiry signed with the key in server_keys.
CREATE TABLE shared_files (
    token         TEXT PRIMARY KEY,
    filename      TEXT NOT NULL,
    mime_type     TEXT NOT NULL,
    content       BLOB NOT NULL,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
CREATE INDEX shared_files_expiry ON shared_files (expires_at);

CREATE TABLE server_keys (
    name          TEXT PRIMARY KEY,
    value         BLOB NOT NULL
);

