-- PLACEHOLDER on the reliability branch only: migration 0005 belongs to another branch. The
-- runner wants a gapless sequence, so 0007 needs 0005 to exist while the branches are apart.
-- Drop this file at merge in favour of that branch's real 0005.
SELECT 1;
