-- 011: a session's revision. Every write to a session — its position and
-- status, its steps, the worries, actions, statuses, outcomes and
-- agreement topics recorded in it, a round's record — adds one to it, by
-- trigger, whoever writes: bansou, an import, or any program. A window
-- that has the session open remembers the revision it last read or wrote,
-- and a save finding another refuses rather than write its older copy
-- over what changed (model.ErrChangedElsewhere). Marking a session open
-- or closed is not a change to it.
ALTER TABLE sessions ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER sessions_revision AFTER UPDATE OF uid, engagement_id, flow_id, flow_title, lang, mode, flow_use,
	milestone, status, current_key, started_at, updated_at, finished_at ON sessions BEGIN
	UPDATE sessions SET revision = revision + 1 WHERE id = new.id;
END;

CREATE TRIGGER steps_revision_insert AFTER INSERT ON steps BEGIN
	UPDATE sessions SET revision = revision + 1 WHERE id = new.session_id;
END;
CREATE TRIGGER steps_revision_update AFTER UPDATE ON steps BEGIN
	UPDATE sessions SET revision = revision + 1 WHERE id IN (old.session_id, new.session_id);
END;
CREATE TRIGGER steps_revision_delete AFTER DELETE ON steps BEGIN
	UPDATE sessions SET revision = revision + 1 WHERE id = old.session_id;
END;

CREATE TRIGGER anxieties_revision_insert AFTER INSERT ON anxieties BEGIN
	UPDATE sessions SET revision = revision + 1 WHERE id = new.session_id;
END;
CREATE TRIGGER anxieties_revision_update AFTER UPDATE ON anxieties BEGIN
	UPDATE sessions SET revision = revision + 1 WHERE id IN (old.session_id, new.session_id);
END;
CREATE TRIGGER anxieties_revision_delete AFTER DELETE ON anxieties BEGIN
	UPDATE sessions SET revision = revision + 1 WHERE id = old.session_id;
END;

CREATE TRIGGER anxiety_updates_revision_insert AFTER INSERT ON anxiety_updates BEGIN
	UPDATE sessions SET revision = revision + 1 WHERE id = new.session_id;
END;
CREATE TRIGGER anxiety_updates_revision_update AFTER UPDATE ON anxiety_updates BEGIN
	UPDATE sessions SET revision = revision + 1 WHERE id IN (old.session_id, new.session_id);
END;
CREATE TRIGGER anxiety_updates_revision_delete AFTER DELETE ON anxiety_updates BEGIN
	UPDATE sessions SET revision = revision + 1 WHERE id = old.session_id;
END;

CREATE TRIGGER actions_revision_insert AFTER INSERT ON actions BEGIN
	UPDATE sessions SET revision = revision + 1 WHERE id = new.session_id;
END;
CREATE TRIGGER actions_revision_update AFTER UPDATE ON actions BEGIN
	UPDATE sessions SET revision = revision + 1 WHERE id IN (old.session_id, new.session_id);
END;
CREATE TRIGGER actions_revision_delete AFTER DELETE ON actions BEGIN
	UPDATE sessions SET revision = revision + 1 WHERE id = old.session_id;
END;

CREATE TRIGGER action_updates_revision_insert AFTER INSERT ON action_updates BEGIN
	UPDATE sessions SET revision = revision + 1 WHERE id = new.session_id;
END;
CREATE TRIGGER action_updates_revision_update AFTER UPDATE ON action_updates BEGIN
	UPDATE sessions SET revision = revision + 1 WHERE id IN (old.session_id, new.session_id);
END;
CREATE TRIGGER action_updates_revision_delete AFTER DELETE ON action_updates BEGIN
	UPDATE sessions SET revision = revision + 1 WHERE id = old.session_id;
END;

CREATE TRIGGER agreement_items_revision_insert AFTER INSERT ON agreement_items BEGIN
	UPDATE sessions SET revision = revision + 1 WHERE id = new.session_id;
END;
CREATE TRIGGER agreement_items_revision_update AFTER UPDATE ON agreement_items BEGIN
	UPDATE sessions SET revision = revision + 1 WHERE id IN (old.session_id, new.session_id);
END;
CREATE TRIGGER agreement_items_revision_delete AFTER DELETE ON agreement_items BEGIN
	UPDATE sessions SET revision = revision + 1 WHERE id = old.session_id;
END;

CREATE TRIGGER rounds_revision_insert AFTER INSERT ON rounds BEGIN
	UPDATE sessions SET revision = revision + 1 WHERE id = new.session_id;
END;
CREATE TRIGGER rounds_revision_update AFTER UPDATE ON rounds BEGIN
	UPDATE sessions SET revision = revision + 1 WHERE id IN (old.session_id, new.session_id);
END;
