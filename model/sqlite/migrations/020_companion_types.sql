-- 020: the kind of companion the single user is on each engagement (on a
-- server, a person's membership says it), and the kind of companion who
-- held a session, so that its prompts and hints read for them.
ALTER TABLE engagements ADD COLUMN my_type TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN holder_type TEXT NOT NULL DEFAULT '';
