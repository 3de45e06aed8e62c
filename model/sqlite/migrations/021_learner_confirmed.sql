-- 021: when the learner last read back what a session heard and confirmed
-- it (聞き取ったこと → 本人が確認しました); '' if never.
ALTER TABLE sessions ADD COLUMN learner_confirmed TEXT NOT NULL DEFAULT '';
