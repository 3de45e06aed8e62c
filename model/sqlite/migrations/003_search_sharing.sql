-- 003: identities that survive export and import, who may read what, and
-- the search index.

-- Stable identities, so that importing the same export twice adds nothing.
ALTER TABLE learners ADD COLUMN uid TEXT;
ALTER TABLE engagements ADD COLUMN uid TEXT;
ALTER TABLE sessions ADD COLUMN uid TEXT;
UPDATE learners SET uid = lower(hex(randomblob(12))) WHERE uid IS NULL;
UPDATE engagements SET uid = lower(hex(randomblob(12))) WHERE uid IS NULL;
UPDATE sessions SET uid = lower(hex(randomblob(12))) WHERE uid IS NULL;
CREATE UNIQUE INDEX learners_by_uid ON learners (uid);
CREATE UNIQUE INDEX engagements_by_uid ON engagements (uid);
CREATE UNIQUE INDEX sessions_by_uid ON sessions (uid);

-- Visibility: an answer is shared unless marked private; a note is private
-- unless marked shared; a worry is shared unless marked private.
ALTER TABLE steps ADD COLUMN answer_private INTEGER NOT NULL DEFAULT 0;
ALTER TABLE steps ADD COLUMN note_shared INTEGER NOT NULL DEFAULT 0;
ALTER TABLE anxieties ADD COLUMN private INTEGER NOT NULL DEFAULT 0;

-- The search index. Every searchable text (an answer, a note, a worry, an
-- action, an agreement topic) is one document, with its text normalised
-- (full-width letters and digits as half-width, lower case). Documents are
-- indexed twice: by trigram for terms of three characters or more, and one
-- character per token for shorter Japanese terms.
CREATE TABLE search_docs (
	id         INTEGER PRIMARY KEY,
	source     TEXT NOT NULL,   -- answer, note, anxiety, action, agreement
	source_key TEXT NOT NULL,   -- the step, worry, action or session:topic
	session_id INTEGER,
	step_key   TEXT NOT NULL DEFAULT '',
	body       TEXT NOT NULL,
	UNIQUE (source, source_key)
);
CREATE VIRTUAL TABLE search_tri USING fts5(body, content = 'search_docs', content_rowid = 'id', tokenize = 'trigram');
CREATE VIRTUAL TABLE search_uni USING fts5(body, content = '', contentless_delete = 1, tokenize = 'unicode61');

-- What changed since the index was last brought up to date. Saving only
-- notes the change here; the next search indexes it, so that typing stays
-- fast. (The triggers test for an entry rather than use INSERT OR IGNORE,
-- whose policy an outer upsert would override.)
CREATE TABLE search_queue (
	source     TEXT NOT NULL,   -- step, anxiety, action, agreement
	source_key TEXT NOT NULL,
	PRIMARY KEY (source, source_key)
) WITHOUT ROWID;
INSERT INTO search_queue SELECT 'step', CAST(id AS TEXT) FROM steps;
INSERT INTO search_queue SELECT 'anxiety', id FROM anxieties;
INSERT INTO search_queue SELECT 'action', id FROM actions;
INSERT INTO search_queue SELECT 'agreement', session_id || ':' || topic FROM agreement_items;

CREATE TRIGGER steps_queue_insert AFTER INSERT ON steps BEGIN
	INSERT INTO search_queue SELECT 'step', CAST(new.id AS TEXT)
		WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE source = 'step' AND source_key = CAST(new.id AS TEXT));
END;
CREATE TRIGGER steps_queue_update AFTER UPDATE OF answer, note ON steps BEGIN
	INSERT INTO search_queue SELECT 'step', CAST(new.id AS TEXT)
		WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE source = 'step' AND source_key = CAST(new.id AS TEXT));
END;
CREATE TRIGGER steps_queue_delete AFTER DELETE ON steps BEGIN
	INSERT INTO search_queue SELECT 'step', CAST(old.id AS TEXT)
		WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE source = 'step' AND source_key = CAST(old.id AS TEXT));
END;
CREATE TRIGGER anxieties_queue_insert AFTER INSERT ON anxieties BEGIN
	INSERT INTO search_queue SELECT 'anxiety', new.id
		WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE source = 'anxiety' AND source_key = CAST(new.id AS TEXT));
END;
CREATE TRIGGER anxieties_queue_update AFTER UPDATE OF text, plan ON anxieties BEGIN
	INSERT INTO search_queue SELECT 'anxiety', new.id
		WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE source = 'anxiety' AND source_key = CAST(new.id AS TEXT));
END;
CREATE TRIGGER anxieties_queue_delete AFTER DELETE ON anxieties BEGIN
	INSERT INTO search_queue SELECT 'anxiety', old.id
		WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE source = 'anxiety' AND source_key = CAST(old.id AS TEXT));
END;
CREATE TRIGGER actions_queue_insert AFTER INSERT ON actions BEGIN
	INSERT INTO search_queue SELECT 'action', new.id
		WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE source = 'action' AND source_key = CAST(new.id AS TEXT));
END;
CREATE TRIGGER actions_queue_update AFTER UPDATE OF text ON actions BEGIN
	INSERT INTO search_queue SELECT 'action', new.id
		WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE source = 'action' AND source_key = CAST(new.id AS TEXT));
END;
CREATE TRIGGER actions_queue_delete AFTER DELETE ON actions BEGIN
	INSERT INTO search_queue SELECT 'action', old.id
		WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE source = 'action' AND source_key = CAST(old.id AS TEXT));
END;
CREATE TRIGGER agreement_queue_insert AFTER INSERT ON agreement_items BEGIN
	INSERT INTO search_queue SELECT 'agreement', new.session_id || ':' || new.topic
		WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE source = 'agreement' AND source_key = new.session_id || ':' || new.topic);
END;
CREATE TRIGGER agreement_queue_update AFTER UPDATE ON agreement_items BEGIN
	INSERT INTO search_queue SELECT 'agreement', new.session_id || ':' || new.topic
		WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE source = 'agreement' AND source_key = new.session_id || ':' || new.topic);
END;
CREATE TRIGGER agreement_queue_delete AFTER DELETE ON agreement_items BEGIN
	INSERT INTO search_queue SELECT 'agreement', old.session_id || ':' || old.topic
		WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE source = 'agreement' AND source_key = old.session_id || ':' || old.topic);
END;
