-- The due list on the home screen reads, for every engagement, the session
-- started last (sessions_by_engagement), the session continued last and
-- the return checkpoints held, and the latest word on every worry and
-- action. Without these indexes the first two mean reading every session,
-- and the latest word a sort for every entry: with 10,000 sessions that
-- was a good part of the time before the first frame.
CREATE INDEX sessions_by_engagement_update ON sessions (engagement_id, updated_at);
CREATE INDEX sessions_checkpoints ON sessions (engagement_id) WHERE flow_use = 'checkpoint';
DROP INDEX anxiety_updates_by_anxiety;
CREATE INDEX anxiety_updates_by_anxiety ON anxiety_updates (anxiety_id, at, id);
DROP INDEX action_updates_by_action;
CREATE INDEX action_updates_by_action ON action_updates (action_id, at, id);
