-- 023: a companion's request, on a server, that another person rate their
-- skill map from their own connection. The companion and the rater read the
-- request; the draft (what the rater has typed, as JSON) is the rater's
-- alone, and is dropped when the rating is sent (sent_at): the rating is
-- then the companion's, in peer_ratings under the request's uid.
CREATE TABLE rating_requests (
	id        INTEGER PRIMARY KEY,
	uid       TEXT NOT NULL UNIQUE,
	companion INTEGER NOT NULL REFERENCES accounts(id),
	rater     INTEGER NOT NULL REFERENCES accounts(id),
	asked_at  TEXT NOT NULL,
	draft     TEXT NOT NULL DEFAULT '',
	draft_at  TEXT NOT NULL DEFAULT '',
	sent_at   TEXT NOT NULL DEFAULT '',
	CHECK (companion <> rater)
);
CREATE INDEX rating_requests_by_rater ON rating_requests (rater, sent_at);
CREATE INDEX rating_requests_by_companion ON rating_requests (companion, sent_at);
