-- Placeholder so the migration sequence has no gap while the claims branch is unmerged.
-- Dropped at merge: the real 0005 comes from that branch.
SELECT 1;
