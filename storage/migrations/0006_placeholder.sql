-- PLACEHOLDER on the reliability branch only: migration 0006 belongs to another branch. The
-- runner wants a gapless sequence, so 0007 needs 0006 to exist while the branches are apart.
-- Drop this file at merge in favour of that branch's real 0006.
SELECT 1;
