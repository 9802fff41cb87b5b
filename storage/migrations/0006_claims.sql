-- Expense claims (hồ sơ thanh toán): a group's own checklist templates, one claim per event with
-- its items, who ticked what and when, the files attached as evidence, and the quantities of the
-- budget estimate (dự trù) the chuyên viên adjusted. Every time is UTC text (storage/timefmt.py).

-- A group's copy of a checklist template, written on its first edit; until then the default
-- shipped in handlers/claims_data/checklists.toml applies. Positions run 1..n across phases.
CREATE TABLE claim_template_items (
    group_id      INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,                 -- txct, giamsat, khaosat, hop, congtacphi
    position      INTEGER NOT NULL,
    phase         TEXT NOT NULL CHECK (phase IN ('before', 'on_day', 'after')),
    name          TEXT NOT NULL,
    auto          TEXT,                          -- 'minutes': another feature produces this paper
    updated_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (group_id, kind, position)
);

-- The claim of one event. Its items are copied from the group's template when it is opened, so
-- a later template edit never changes a claim already being assembled.
CREATE TABLE claims (
    id            INTEGER PRIMARY KEY,
    group_id      INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    event_id      INTEGER NOT NULL UNIQUE REFERENCES events(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    deadline      TEXT NOT NULL,                 -- when the file is due at the kế toán
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    opened_by     TEXT NOT NULL,
    opened_at     TEXT NOT NULL,
    closed_by     TEXT,
    closed_at     TEXT
);
CREATE INDEX claims_open ON claims (group_id, status, deadline);

CREATE TABLE claim_items (
    id            INTEGER PRIMARY KEY,
    claim_id      INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,              -- shown to users: "mục 3"
    phase         TEXT NOT NULL CHECK (phase IN ('before', 'on_day', 'after')),
    name          TEXT NOT NULL,
    auto          TEXT,
    done          INTEGER NOT NULL DEFAULT 0,
    done_by       TEXT,                          -- user id, or 'minutes' when ticked by that feature
    done_at       TEXT,
    link          TEXT,                          -- what produced it (e.g. "biên bản số 4")
    UNIQUE (claim_id, position)
);

-- Every tick and untick, so "who said this paper was there" survives an untick.
CREATE TABLE claim_item_marks (
    id            INTEGER PRIMARY KEY,
    item_id       INTEGER NOT NULL REFERENCES claim_items(id) ON DELETE CASCADE,
    done          INTEGER NOT NULL,              -- 1 tick, 0 untick
    user_id       TEXT NOT NULL,
    at            TEXT NOT NULL
);
CREATE INDEX claim_item_marks_item ON claim_item_marks (item_id, id);

-- Files sent in the chat as evidence for an item; the bytes stay on the platform.
CREATE TABLE claim_attachments (
    id               INTEGER PRIMARY KEY,
    item_id          INTEGER NOT NULL REFERENCES claim_items(id) ON DELETE CASCADE,
    platform_file_id TEXT NOT NULL,
    file_name        TEXT,                       -- as sent (documents); NULL for photos
    mime_type        TEXT,
    sender_id        TEXT NOT NULL,
    message_id       TEXT,
    sent_at          TEXT NOT NULL,
    UNIQUE (item_id, platform_file_id)
);

-- Messages showing a claim's checklist: a reply to any of them attaches to that claim.
CREATE TABLE claim_messages (
    chat_id       TEXT NOT NULL,
    message_id    TEXT NOT NULL,
    claim_id      INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    PRIMARY KEY (chat_id, message_id)
);

-- Quantities of an event's estimate set by hand: key 'line:<item code>' for one line of the rate
-- table, 'factor:<name>' for a count every line uses (sessions, venues, staff, attendees).
CREATE TABLE estimate_quantities (
    event_id      INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    key           TEXT NOT NULL,
    quantity      INTEGER NOT NULL CHECK (quantity >= 0),
    set_by        TEXT NOT NULL,
    set_at        TEXT NOT NULL,
    PRIMARY KEY (event_id, key)
);
