-- 022: the skill map as rated for the companion by someone who watches
-- their support from outside (a mentor, a boss, a peer), and the sheets the
-- companion wrote for such a rating offline. A rating is its owner's, the
-- companion rated (0: the single user), and no one else reads it: not the
-- rater (rater_account, on a server), not an admin.
CREATE TABLE peer_ratings (
	id            INTEGER PRIMARY KEY,
	uid           TEXT NOT NULL UNIQUE,
	owner         INTEGER NOT NULL DEFAULT 0,
	rater_account INTEGER NOT NULL DEFAULT 0,
	for_name      TEXT NOT NULL DEFAULT '',
	rater         TEXT NOT NULL,
	relation      TEXT NOT NULL CHECK (relation IN ('mentor', 'boss', 'peer', 'other')),
	lang          TEXT NOT NULL DEFAULT 'ja',
	rated_at      TEXT NOT NULL,
	saved_at      TEXT NOT NULL,
	worked        TEXT NOT NULL DEFAULT '',
	improvement   TEXT NOT NULL DEFAULT '',
	alternative   TEXT NOT NULL DEFAULT '',
	reason        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX peer_ratings_by_owner ON peer_ratings (owner, rated_at);

-- One line per skill a rating speaks to: a level (0: none given) and the
-- evidence, in the skill map's order (position).
CREATE TABLE peer_rating_skills (
	rating_id INTEGER NOT NULL REFERENCES peer_ratings(id) ON DELETE CASCADE,
	skill_id  TEXT NOT NULL,
	position  INTEGER NOT NULL,
	level     INTEGER NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 5),
	evidence  TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (rating_id, skill_id)
) WITHOUT ROWID;

-- A sheet written for an offline rating: only a sheet written here, for
-- the person who wrote it, is imported.
CREATE TABLE peer_rating_sheets (
	uid        TEXT PRIMARY KEY,
	owner      INTEGER NOT NULL DEFAULT 0,
	for_name   TEXT NOT NULL DEFAULT '',
	lang       TEXT NOT NULL DEFAULT 'ja',
	skills     TEXT NOT NULL DEFAULT '',
	written_at TEXT NOT NULL
) WITHOUT ROWID;
