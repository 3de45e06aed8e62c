-- 001: learners, engagements with their companions, sessions and their steps.
CREATE TABLE learners (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	created_at TEXT NOT NULL
);

CREATE TABLE engagements (
	id          INTEGER PRIMARY KEY,
	learner_id  INTEGER NOT NULL REFERENCES learners(id),
	sending_org TEXT NOT NULL DEFAULT '',
	host_org    TEXT NOT NULL DEFAULT '',
	start_date  TEXT NOT NULL DEFAULT '',
	end_date    TEXT NOT NULL DEFAULT '',
	archived    INTEGER NOT NULL DEFAULT 0,
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
);

CREATE TABLE companions (
	engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
	position      INTEGER NOT NULL,
	name          TEXT NOT NULL,
	type          TEXT NOT NULL CHECK (type IN ('sending', 'host', 'third_party')),
	PRIMARY KEY (engagement_id, position)
);

CREATE TABLE sessions (
	id            INTEGER PRIMARY KEY,
	engagement_id INTEGER REFERENCES engagements(id),
	flow_id       TEXT NOT NULL,
	flow_title    TEXT NOT NULL DEFAULT '',
	lang          TEXT NOT NULL,
	mode          TEXT NOT NULL,
	status        TEXT NOT NULL CHECK (status IN ('in_progress', 'done')),
	current_key   TEXT NOT NULL DEFAULT '',
	open          INTEGER NOT NULL DEFAULT 0,
	started_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	finished_at   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_engagement ON sessions (engagement_id, started_at);

CREATE TABLE steps (
	id          INTEGER PRIMARY KEY,
	session_id  INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
	key         TEXT NOT NULL,
	position    INTEGER NOT NULL,
	kind        TEXT NOT NULL,
	prompt_id   TEXT NOT NULL DEFAULT '',
	followup_id TEXT NOT NULL DEFAULT '',
	parent      TEXT NOT NULL DEFAULT '',
	title       TEXT NOT NULL DEFAULT '',
	question    TEXT NOT NULL DEFAULT '',
	answer      TEXT NOT NULL DEFAULT '',
	note        TEXT NOT NULL DEFAULT '',
	skipped     INTEGER NOT NULL DEFAULT 0,
	updated_at  TEXT NOT NULL DEFAULT '',
	UNIQUE (session_id, key)
);
