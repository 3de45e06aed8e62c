-- 002: structured answers, check-in cadence, and the ledger carried between
-- sessions: worries with their dated statuses, actions with their outcomes,
-- and the three-party agreement as recorded in each session.
ALTER TABLE engagements ADD COLUMN checkin_early_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE engagements ADD COLUMN checkin_later_days INTEGER NOT NULL DEFAULT 0;

ALTER TABLE sessions ADD COLUMN flow_use TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN milestone TEXT NOT NULL DEFAULT '';

ALTER TABLE steps ADD COLUMN answer_kind TEXT NOT NULL DEFAULT 'text';
ALTER TABLE steps ADD COLUMN value INTEGER NOT NULL DEFAULT 0;
-- chosen option ids, one per line
ALTER TABLE steps ADD COLUMN choices TEXT NOT NULL DEFAULT '';

CREATE TABLE anxieties (
	id            TEXT PRIMARY KEY,
	engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
	session_id    INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
	step_key      TEXT NOT NULL DEFAULT '',
	text          TEXT NOT NULL,
	category      TEXT NOT NULL DEFAULT '',
	intensity     INTEGER NOT NULL DEFAULT 0 CHECK (intensity BETWEEN 0 AND 5),
	term          TEXT NOT NULL DEFAULT '',
	plan          TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);
CREATE INDEX anxieties_by_engagement ON anxieties (engagement_id, created_at);

CREATE TABLE anxiety_updates (
	id         TEXT PRIMARY KEY,
	anxiety_id TEXT NOT NULL REFERENCES anxieties(id) ON DELETE CASCADE,
	session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
	status     TEXT NOT NULL CHECK (status IN ('open', 'easing', 'resolved', 'happened')),
	note       TEXT NOT NULL DEFAULT '',
	at         TEXT NOT NULL
);
CREATE INDEX anxiety_updates_by_anxiety ON anxiety_updates (anxiety_id, at);

CREATE TABLE actions (
	id            TEXT PRIMARY KEY,
	engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
	session_id    INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
	step_key      TEXT NOT NULL DEFAULT '',
	text          TEXT NOT NULL,
	owner         TEXT NOT NULL CHECK (owner IN ('learner', 'companion', 'sending', 'host')),
	due           TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);
CREATE INDEX actions_by_engagement ON actions (engagement_id, created_at);

CREATE TABLE action_updates (
	id         TEXT PRIMARY KEY,
	action_id  TEXT NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
	session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
	outcome    TEXT NOT NULL CHECK (outcome IN ('pending', 'not_tried', 'no_effect', 'worked')),
	note       TEXT NOT NULL DEFAULT '',
	at         TEXT NOT NULL
);
CREATE INDEX action_updates_by_action ON action_updates (action_id, at);

CREATE TABLE agreement_items (
	session_id          INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
	topic               TEXT NOT NULL,
	title               TEXT NOT NULL DEFAULT '',
	learner_expectation TEXT NOT NULL DEFAULT '',
	learner_fit         INTEGER NOT NULL DEFAULT 0 CHECK (learner_fit BETWEEN 0 AND 5),
	sending_expectation TEXT NOT NULL DEFAULT '',
	sending_fit         INTEGER NOT NULL DEFAULT 0 CHECK (sending_fit BETWEEN 0 AND 5),
	host_expectation    TEXT NOT NULL DEFAULT '',
	host_fit            INTEGER NOT NULL DEFAULT 0 CHECK (host_fit BETWEEN 0 AND 5),
	agreed              TEXT NOT NULL DEFAULT '',
	updated_at          TEXT NOT NULL,
	PRIMARY KEY (session_id, topic)
);
