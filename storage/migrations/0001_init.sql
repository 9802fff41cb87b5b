-- Groups (one per bound chat), their members and roles, and the people the bot can reach by DM.

CREATE TABLE groups (
    id            INTEGER PRIMARY KEY,
    platform      TEXT NOT NULL,
    chat_id       TEXT NOT NULL,
    name          TEXT NOT NULL,
    timezone      TEXT NOT NULL,
    settings      TEXT NOT NULL DEFAULT '{}',   -- JSON object; keys documented in storage/groups.py
    registered_by TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    UNIQUE (platform, chat_id)
);

CREATE TABLE members (
    id            INTEGER PRIMARY KEY,
    group_id      INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id       TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    username      TEXT,                          -- without '@', as typed by the platform
    role          TEXT NOT NULL DEFAULT 'thanhvien'
                  CHECK (role IN ('chuyenvien', 'totruong', 'topho', 'daibieu', 'thanhvien')),
    active        INTEGER NOT NULL DEFAULT 1,    -- 0 once the person left the chat
    joined_at     TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL,
    UNIQUE (group_id, user_id)
);
CREATE INDEX members_by_username ON members (group_id, username COLLATE NOCASE);
CREATE INDEX members_by_user ON members (user_id);

-- A person across groups: where their direct messages go once they pressed Start.
CREATE TABLE users (
    platform      TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    username      TEXT,
    dm_chat_id    TEXT,                          -- NULL until the person has started the bot
    dm_blocked    INTEGER NOT NULL DEFAULT 0,    -- 1 after a DM failed because they blocked the bot
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (platform, user_id)
);
