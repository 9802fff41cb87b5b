-- Start-up, lists and history that do not grow with the size of the database (issue 15).

-- Start-up (ReminderStore.recover) looks for rows caught 'claimed' or 'sending' by a crash.
-- SQLite uses a partial index only when the query's WHERE repeats the index's WHERE, so
-- `status = 'claimed'` could not use the index on `status IN ('claimed', 'sending')` and
-- scanned the whole history: one index per state.
DROP INDEX reminders_inflight;
CREATE INDEX reminders_claimed ON reminders (id) WHERE status = 'claimed';
CREATE INDEX reminders_sending ON reminders (id) WHERE status = 'sending';

-- Rows pruned from `reminders` after the retention period (storage/history.py) are counted
-- here first, per group, kind, outcome and month of their due time, so reports can still say
-- how many reminders a group got in a month long gone.
CREATE TABLE reminder_archive (
    group_id  INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    month     TEXT NOT NULL,                     -- 'YYYY-MM' of due_at (UTC)
    kind      TEXT NOT NULL,
    status    TEXT NOT NULL,                     -- sent, skipped, cancelled, failed
    count     INTEGER NOT NULL,
    PRIMARY KEY (group_id, month, kind, status)
) WITHOUT ROWID;

-- Lists in deadline order straight from an index: overdue first (overdue_at ascending, ties
-- by number), tasks without a deadline last by number. Replaces tasks_by_group_status_due,
-- which lacked `number`, so every page sorted all of the group's tasks.
DROP INDEX tasks_by_group_status_due;
CREATE INDEX tasks_list ON tasks (group_id, status, overdue_at, number);
DROP INDEX tasks_by_group_done;
CREATE INDEX tasks_by_group_done ON tasks (group_id, done_at, number) WHERE status = 'done';

-- Whose list an open task is on ("/ds toi", "/ds @ai", /viectoi): each assignee whose part is
-- still open, or its creator while it is given to nobody. This view is the one place of that
-- rule; `task_owners` keeps its rows (open tasks only) with the columns lists sort by, so a
-- person's list is a range of one index. The triggers below keep it in step with every write
-- to tasks and task_assignees, whichever code makes it.
CREATE VIEW task_owner_rule AS
    SELECT t.id AS task_id, a.user_id AS user_id, t.group_id AS group_id,
           t.overdue_at AS overdue_at, t.number AS number
    FROM tasks t JOIN task_assignees a ON a.task_id = t.id
    WHERE t.status = 'open' AND a.done_at IS NULL
    UNION ALL
    SELECT t.id, t.created_by, t.group_id, t.overdue_at, t.number
    FROM tasks t
    WHERE t.status = 'open' AND NOT EXISTS (SELECT 1 FROM task_assignees a WHERE a.task_id = t.id);

CREATE TABLE task_owners (
    task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL,
    group_id    INTEGER NOT NULL,
    overdue_at  TEXT,
    number      INTEGER NOT NULL,
    PRIMARY KEY (task_id, user_id)
) WITHOUT ROWID;
-- "/ds toi" in one group; /viectoi across a person's groups.
CREATE INDEX task_owners_by_group ON task_owners (group_id, user_id, overdue_at, number);
CREATE INDEX task_owners_by_user ON task_owners (user_id, group_id, overdue_at, number);

INSERT INTO task_owners (task_id, user_id, group_id, overdue_at, number)
    SELECT task_id, user_id, group_id, overdue_at, number FROM task_owner_rule;

CREATE TRIGGER task_owners_task_insert AFTER INSERT ON tasks BEGIN
    INSERT INTO task_owners (task_id, user_id, group_id, overdue_at, number)
        SELECT task_id, user_id, group_id, overdue_at, number FROM task_owner_rule
        WHERE task_id = NEW.id;
END;

CREATE TRIGGER task_owners_task_update
AFTER UPDATE OF status, overdue_at, number, group_id, created_by ON tasks BEGIN
    DELETE FROM task_owners WHERE task_id = NEW.id;
    INSERT INTO task_owners (task_id, user_id, group_id, overdue_at, number)
        SELECT task_id, user_id, group_id, overdue_at, number FROM task_owner_rule
        WHERE task_id = NEW.id;
END;

CREATE TRIGGER task_owners_assignee_insert AFTER INSERT ON task_assignees BEGIN
    DELETE FROM task_owners WHERE task_id = NEW.task_id;
    INSERT INTO task_owners (task_id, user_id, group_id, overdue_at, number)
        SELECT task_id, user_id, group_id, overdue_at, number FROM task_owner_rule
        WHERE task_id = NEW.task_id;
END;

CREATE TRIGGER task_owners_assignee_update
AFTER UPDATE OF done_at, user_id ON task_assignees BEGIN
    DELETE FROM task_owners WHERE task_id = NEW.task_id;
    INSERT INTO task_owners (task_id, user_id, group_id, overdue_at, number)
        SELECT task_id, user_id, group_id, overdue_at, number FROM task_owner_rule
        WHERE task_id = NEW.task_id;
END;

CREATE TRIGGER task_owners_assignee_delete AFTER DELETE ON task_assignees BEGIN
    DELETE FROM task_owners WHERE task_id = OLD.task_id;
    INSERT INTO task_owners (task_id, user_id, group_id, overdue_at, number)
        SELECT task_id, user_id, group_id, overdue_at, number FROM task_owner_rule
        WHERE task_id = OLD.task_id;
END;

-- How many tasks each list holds, kept by the triggers below, so a list's header does not count
-- 100,000 index entries on every page. Only the overdue and due-soon parts (which move with
-- the clock) are counted at read time. task_group_counts: the group's open list (dated:
-- with a deadline, undated: without) and its done tasks; task_owner_counts: one person's open
-- list in a group (rows of task_owners).
CREATE TABLE task_group_counts (
    group_id  INTEGER PRIMARY KEY REFERENCES groups(id) ON DELETE CASCADE,
    dated     INTEGER NOT NULL DEFAULT 0,
    undated   INTEGER NOT NULL DEFAULT 0,
    done      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE task_owner_counts (
    group_id  INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id   TEXT NOT NULL,
    dated     INTEGER NOT NULL DEFAULT 0,
    undated   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (group_id, user_id)
) WITHOUT ROWID;
CREATE INDEX task_owner_counts_by_user ON task_owner_counts (user_id);

INSERT INTO task_group_counts (group_id, dated, undated, done)
    SELECT group_id, SUM(status = 'open' AND overdue_at IS NOT NULL),
           SUM(status = 'open' AND overdue_at IS NULL), SUM(status = 'done')
    FROM tasks GROUP BY group_id;
INSERT INTO task_owner_counts (group_id, user_id, dated, undated)
    SELECT group_id, user_id, COUNT(overdue_at), SUM(overdue_at IS NULL)
    FROM task_owners GROUP BY group_id, user_id;

-- Counting: a row leaving a list is taken off its counts, a row entering it is added (the
-- owner triggers above re-insert a task's rows after each change, so these see every move).
CREATE TRIGGER task_group_counts_insert AFTER INSERT ON tasks BEGIN
    INSERT INTO task_group_counts (group_id, dated, undated, done)
        VALUES (NEW.group_id, NEW.status = 'open' AND NEW.overdue_at IS NOT NULL,
                NEW.status = 'open' AND NEW.overdue_at IS NULL, NEW.status = 'done')
        ON CONFLICT (group_id) DO UPDATE SET dated = dated + excluded.dated,
            undated = undated + excluded.undated, done = done + excluded.done;
END;

CREATE TRIGGER task_group_counts_update AFTER UPDATE OF status, overdue_at, group_id ON tasks
BEGIN
    UPDATE task_group_counts
        SET dated = dated - (OLD.status = 'open' AND OLD.overdue_at IS NOT NULL),
            undated = undated - (OLD.status = 'open' AND OLD.overdue_at IS NULL),
            done = done - (OLD.status = 'done')
        WHERE group_id = OLD.group_id;
    INSERT INTO task_group_counts (group_id, dated, undated, done)
        VALUES (NEW.group_id, NEW.status = 'open' AND NEW.overdue_at IS NOT NULL,
                NEW.status = 'open' AND NEW.overdue_at IS NULL, NEW.status = 'done')
        ON CONFLICT (group_id) DO UPDATE SET dated = dated + excluded.dated,
            undated = undated + excluded.undated, done = done + excluded.done;
END;

CREATE TRIGGER task_group_counts_delete AFTER DELETE ON tasks BEGIN
    UPDATE task_group_counts
        SET dated = dated - (OLD.status = 'open' AND OLD.overdue_at IS NOT NULL),
            undated = undated - (OLD.status = 'open' AND OLD.overdue_at IS NULL),
            done = done - (OLD.status = 'done')
        WHERE group_id = OLD.group_id;
END;

CREATE TRIGGER task_owner_counts_insert AFTER INSERT ON task_owners BEGIN
    INSERT INTO task_owner_counts (group_id, user_id, dated, undated)
        VALUES (NEW.group_id, NEW.user_id, NEW.overdue_at IS NOT NULL, NEW.overdue_at IS NULL)
        ON CONFLICT (group_id, user_id) DO UPDATE SET dated = dated + excluded.dated,
            undated = undated + excluded.undated;
END;

CREATE TRIGGER task_owner_counts_delete AFTER DELETE ON task_owners BEGIN
    UPDATE task_owner_counts
        SET dated = dated - (OLD.overdue_at IS NOT NULL), undated = undated - (OLD.overdue_at IS NULL)
        WHERE group_id = OLD.group_id AND user_id = OLD.user_id;
END;
