-- The durable path of every conversation, for every platform: updates are written to the inbox
-- before the platform is told they were received, and replies to the outbox in the same
-- transaction as the change they report. bot/core/intake.py and bot/delivery/ drive the states;
-- storage/inbox.py and storage/outbox.py document them.

-- One inbox for Telegram and Zalo. Migration 0008's Zalo inbox (keyed by event_name and
-- message_id, handled outside the transaction of its effects) becomes this one: its keys are
-- kept as update_key "<event_name>:<message_id>" so a late Zalo replay is still recognised for
-- the 7 days rows are kept. Its rows kept the raw Zalo update, not an Inbound: those already
-- handled are copied as done; those a stop left unhandled ('received', 'started') cannot be
-- read by the new intake and are copied as failed, with the reason.
ALTER TABLE inbox RENAME TO inbox_zalo_0008;
DROP INDEX IF EXISTS inbox_waiting;
DROP INDEX IF EXISTS inbox_age;

-- One row per update a platform delivered, by the platform's own id of it: a second delivery
-- of the same update (Telegram after a crash, Zalo's replays) is recognised and not handled
-- twice. The row is marked done in the same transaction as the update's effects.
CREATE TABLE inbox (
    id            INTEGER PRIMARY KEY,
    platform      TEXT NOT NULL,
    update_key    TEXT NOT NULL,                 -- Telegram update_id; Zalo event:message id
    chat_id       TEXT NOT NULL,                 -- updates of one chat are handled in order
    body          TEXT NOT NULL,                 -- the Inbound as JSON (bot/chat/codec.py)
    status        TEXT NOT NULL DEFAULT 'received'
                  CHECK (status IN ('received', 'done', 'failed')),
    received_at   TEXT NOT NULL,
    done_at       TEXT,
    error         TEXT,                          -- failed: what went wrong (the user was told)
    UNIQUE (platform, update_key)
);

INSERT INTO inbox (platform, update_key, chat_id, body, status, received_at, done_at, error)
SELECT platform,
       event_name || ':' || message_id,
       COALESCE(json_extract(body, '$.result.message.chat.id'),
                json_extract(body, '$.message.chat.id'), ''),
       body,
       CASE status WHEN 'done' THEN 'done' ELSE 'failed' END,
       received_at,
       received_at,
       CASE status WHEN 'done' THEN NULL
            ELSE 'kept by the Zalo inbox of 0008 (' || status || '), not handled' END
FROM inbox_zalo_0008;
DROP TABLE inbox_zalo_0008;

CREATE INDEX inbox_unfinished ON inbox (id) WHERE status = 'received';
CREATE INDEX inbox_finished_age ON inbox (received_at) WHERE status != 'received';

-- Every reply, edit and button answer, in the order of its chat, until the platform took it.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    platform        TEXT NOT NULL,
    chat_id         TEXT NOT NULL,               -- where it goes
    action          TEXT NOT NULL CHECK (action IN ('send', 'edit', 'answer')),
    body            TEXT NOT NULL,               -- the Reply as JSON (bot/chat/codec.py)
    reply_to        TEXT,                        -- send: the message it answers; edit: the one
                                                 -- it replaces
    press_id        TEXT,                        -- answer: the button press it answers
    inbox_id        INTEGER,                     -- the update it answers (inbox.id)
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    maybe_sent      INTEGER NOT NULL DEFAULT 0,  -- an attempt may have arrived: say so on resend
    attempts        INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    sent_at         TEXT,
    sent_message_id TEXT,
    last_error      TEXT
);
CREATE INDEX outbox_unsent ON outbox (platform, chat_id, id) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_finished_age ON outbox (created_at) WHERE status IN ('sent', 'failed');

-- Reminder rows that fell due while the bot was out of the group's chat (storage/undelivered.py):
-- listed once when the bot is back.
CREATE INDEX reminders_unreachable ON reminders (group_id, due_at)
    WHERE status = 'skipped' AND last_error = 'chat unreachable';
