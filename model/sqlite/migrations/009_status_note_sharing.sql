-- A note on how a worry stands or what came of an action is the
-- companion's, like a note on an answer: private unless marked shared.
ALTER TABLE anxiety_updates ADD COLUMN note_shared INTEGER NOT NULL DEFAULT 0;
ALTER TABLE action_updates ADD COLUMN note_shared INTEGER NOT NULL DEFAULT 0;
