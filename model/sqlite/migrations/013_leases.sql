-- 013: who has a session open, or an engagement form being typed, is a
-- lease instead of a process id. The holder (a running bansou; one per user
-- of a server) records a random token, the time it last renewed the lease
-- (every few seconds: its heartbeat), and for a bansou on the same machine
-- the machine, its process id and the process's start, so that the sessions
-- of a bansou killed here are offered for resuming at once, a process that
-- later took its id does not hide that, and a bansou elsewhere is told by
-- its heartbeat. Renewing a lease is not a change to the session: these
-- columns are not among those whose update adds to its revision (011).
ALTER TABLE sessions ADD COLUMN lease TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN lease_at TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN lease_host TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN lease_pid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN lease_start INTEGER NOT NULL DEFAULT 0;

ALTER TABLE engagement_drafts ADD COLUMN lease TEXT NOT NULL DEFAULT '';
ALTER TABLE engagement_drafts ADD COLUMN lease_at TEXT NOT NULL DEFAULT '';
ALTER TABLE engagement_drafts ADD COLUMN lease_host TEXT NOT NULL DEFAULT '';
ALTER TABLE engagement_drafts ADD COLUMN lease_pid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE engagement_drafts ADD COLUMN lease_start INTEGER NOT NULL DEFAULT 0;

-- A session open before the upgrade is held by a lease that has lapsed
-- (never renewed): it is offered for resuming. A draft without a lease is
-- offered already. The old columns (sessions.open, engagement_drafts.owner)
-- are no longer read, and are left as they are so that an older bansou
-- still running on this file while it is upgraded fails no write.
UPDATE sessions SET lease = 'pid ' || open WHERE open <> 0;

CREATE INDEX sessions_leased ON sessions (lease) WHERE lease <> '';
