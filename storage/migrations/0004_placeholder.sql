-- Placeholder so the migration sequence has no gap while the minutes branch is unmerged.
-- Dropped at merge: the real 0004 comes from that branch.
SELECT 1;
