-- Placeholder: migration 0007 belongs to another branch; this file keeps the sequence gapless
-- for the everyday branch and is dropped at merge.
SELECT 1;
