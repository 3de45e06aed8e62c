-- Lookups of ledger entries by the session (and step) they were made or
-- told about in: session summaries count a step as answered when a worry,
-- an action or an update was recorded there, and without these indexes
-- that check scans the whole ledger for every step.
CREATE INDEX anxieties_by_session ON anxieties (session_id, step_key);
CREATE INDEX actions_by_session ON actions (session_id, step_key);
CREATE INDEX anxiety_updates_by_session ON anxiety_updates (session_id);
CREATE INDEX action_updates_by_session ON action_updates (session_id);
