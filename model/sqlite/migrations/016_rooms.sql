-- 016: rooms, so that everyone at the table types from their own terminal.
-- The holder of a session (a peer round's facilitator, an agreement's
-- companion) opens a room on it with a short join code, of which only a
-- hash is kept. People in a room are enrolled accounts or guests (known by
-- their key alone, for that one room); what they write is theirs.
CREATE TABLE rooms (
	session_id   INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
	code_hash    TEXT UNIQUE,
	code_expires TEXT NOT NULL DEFAULT '',
	anonymous    INTEGER NOT NULL DEFAULT 0,
	revealed_at  TEXT NOT NULL DEFAULT '',
	opened_at    TEXT NOT NULL
);

CREATE TABLE room_people (
	id         INTEGER PRIMARY KEY,
	session_id INTEGER NOT NULL REFERENCES rooms(session_id) ON DELETE CASCADE,
	account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE, -- NULL for a guest
	guest_key  TEXT,                                              -- a guest's key
	name       TEXT NOT NULL,
	party      TEXT NOT NULL DEFAULT '' CHECK (party IN ('', 'learner', 'sending', 'host')),
	holder     INTEGER NOT NULL DEFAULT 0,
	joined_at  TEXT NOT NULL,
	CHECK ((account_id IS NULL) <> (guest_key IS NULL))
);
CREATE UNIQUE INDEX room_people_account ON room_people (session_id, account_id) WHERE account_id IS NOT NULL;
CREATE UNIQUE INDEX room_people_guest ON room_people (session_id, guest_key) WHERE guest_key IS NOT NULL;
CREATE INDEX room_people_by_key ON room_people (guest_key) WHERE guest_key IS NOT NULL;

-- What a person wrote in a round's room.
CREATE TABLE contributions (
	id         INTEGER PRIMARY KEY,
	session_id INTEGER NOT NULL REFERENCES rooms(session_id) ON DELETE CASCADE,
	author     INTEGER NOT NULL REFERENCES room_people(id) ON DELETE CASCADE,
	kind       TEXT NOT NULL,
	phase      TEXT NOT NULL DEFAULT '',
	presenter  TEXT NOT NULL DEFAULT '',
	text       TEXT NOT NULL,
	anonymous  INTEGER NOT NULL DEFAULT 0,
	private    INTEGER NOT NULL DEFAULT 0,
	taken_up   INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX contributions_by_session ON contributions (session_id);

-- A party's view of an agreement topic, written in the room.
CREATE TABLE party_views (
	session_id  INTEGER NOT NULL REFERENCES rooms(session_id) ON DELETE CASCADE,
	topic       TEXT NOT NULL,
	party       TEXT NOT NULL CHECK (party IN ('learner', 'sending', 'host')),
	author      INTEGER NOT NULL REFERENCES room_people(id) ON DELETE CASCADE,
	expectation TEXT NOT NULL DEFAULT '',
	fit         INTEGER NOT NULL DEFAULT 0,
	updated_at  TEXT NOT NULL,
	PRIMARY KEY (session_id, topic, party)
) WITHOUT ROWID;

-- A party's confirmation of the agreed text of a topic, with the text.
CREATE TABLE confirmations (
	session_id   INTEGER NOT NULL REFERENCES rooms(session_id) ON DELETE CASCADE,
	topic        TEXT NOT NULL,
	party        TEXT NOT NULL CHECK (party IN ('learner', 'sending', 'host')),
	name         TEXT NOT NULL,
	agreed       TEXT NOT NULL,
	confirmed_at TEXT NOT NULL,
	PRIMARY KEY (session_id, topic, party)
) WITHOUT ROWID;
