-- Placeholder on branch dates: number 0006 belongs to another branch. The migration runner
-- wants a gapless sequence, so this empty step lets 0008 run here. Dropped when branches merge.
SELECT 1;
