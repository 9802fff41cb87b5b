-- Issue 9: an event keeps the end time an invitation gives ("từ 8h00 đến 11h00" → /lich shows
-- 08:00–11:00). The questions asked before filing (a year left out that lands months away) are
-- stored in task_pending, whose kind is free since 0007_everyday (kinds listed in storage/pending.py).

ALTER TABLE events ADD COLUMN ends_at TEXT;      -- UTC text like starts_at; NULL when not given
