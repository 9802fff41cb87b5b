-- Placeholder: migration 0004 belongs to another branch; this file keeps the sequence gapless
-- for the everyday branch and is dropped at merge.
SELECT 1;
