-- An engagement form as it is typed, before it is saved, so that a crash
-- loses none of it: one per engagement (its uid, chosen when the form opens
-- for a new one), the fields as typed (JSON), and the process typing it, so
-- that a draft still being typed in a running bansou is not offered
-- elsewhere.
CREATE TABLE engagement_drafts (
	uid TEXT PRIMARY KEY,
	engagement_id INTEGER,
	data TEXT NOT NULL,
	owner INTEGER NOT NULL DEFAULT 0,
	updated_at TEXT NOT NULL
);
