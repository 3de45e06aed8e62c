-- Self-reviews against the skill map are sessions without an engagement
-- (flow "self-review"). A skill's rating keeps its level in value, the
-- evidence in answer and the level aimed for in target.
ALTER TABLE steps ADD COLUMN target INTEGER NOT NULL DEFAULT 0;

-- The history of self-reviews is read by flow, in date order.
CREATE INDEX sessions_solo_by_flow ON sessions (flow_id, started_at) WHERE engagement_id IS NULL;

-- The learner's feedback on the support is read across all sessions.
CREATE INDEX steps_feedback ON steps (session_id) WHERE kind = 'feedback';
