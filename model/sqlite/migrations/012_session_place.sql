-- Where in its current step a session was being written when it was last
-- saved: the part of the screen (the answer, the note), the entry and the
-- field open there (a worry's plan, the sending organisation's
-- expectation, the note on the second carried worry) and the caret, as
-- JSON, so that a resumed session puts the caret back where it was.
-- Empty for a session no window has saved a place for.
ALTER TABLE sessions ADD COLUMN place TEXT NOT NULL DEFAULT '';
