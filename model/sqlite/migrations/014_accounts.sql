-- 014: people on a bansou server, their keys, their enrolment codes and
-- the engagements they are members of; and, on every record that can be
-- private, whose it is. The single-user bansou has no accounts: its records
-- are account 0's, and it reads as account 0, so nothing changes for it.
CREATE TABLE accounts (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	type       TEXT NOT NULL DEFAULT 'sending' CHECK (type IN ('sending', 'host', 'third_party')),
	role       TEXT NOT NULL CHECK (role IN ('companion', 'facilitator', 'office')),
	admin      INTEGER NOT NULL DEFAULT 0,
	accessible INTEGER NOT NULL DEFAULT 0,
	lang       TEXT NOT NULL DEFAULT 'ja',
	created_at TEXT NOT NULL
);

-- A public key in authorized_keys form, without its comment.
CREATE TABLE account_keys (
	key        TEXT PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	added_at   TEXT NOT NULL
);

-- Only a hash of a code is kept; a code is spent once.
CREATE TABLE enrolment_codes (
	hash       TEXT PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	expires_at TEXT NOT NULL,
	used_at    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE members (
	engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
	account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	type          TEXT NOT NULL CHECK (type IN ('sending', 'host', 'third_party')),
	PRIMARY KEY (account_id, engagement_id)
) WITHOUT ROWID;
CREATE INDEX members_by_engagement ON members (engagement_id);

-- Who held a session (its private answers and notes are theirs), and who
-- wrote a worry, a status note, an outcome note or a form's draft.
ALTER TABLE sessions ADD COLUMN held_by INTEGER NOT NULL DEFAULT 0;
ALTER TABLE anxieties ADD COLUMN author INTEGER NOT NULL DEFAULT 0;
ALTER TABLE anxiety_updates ADD COLUMN author INTEGER NOT NULL DEFAULT 0;
ALTER TABLE action_updates ADD COLUMN author INTEGER NOT NULL DEFAULT 0;
ALTER TABLE engagement_drafts ADD COLUMN author INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sessions_by_holder ON sessions (held_by) WHERE held_by <> 0;
