-- 025: each worry keeps its latest status, and each action its latest
-- outcome, beside it: the due list on the home screen reads only the open
-- ones, through the partial indexes below, instead of looking up every
-- entry's history at every start. The latest word decides, as in
-- model.Anxiety.Status: the one with the latest time, then the greatest id;
-- none means open (pending). Triggers keep them whoever writes a status:
-- bansou, an import, or any program.
ALTER TABLE anxieties ADD COLUMN latest_status TEXT NOT NULL DEFAULT 'open';
ALTER TABLE actions ADD COLUMN latest_outcome TEXT NOT NULL DEFAULT 'pending';

UPDATE anxieties SET latest_status = coalesce((SELECT h.status FROM anxiety_updates h
	WHERE h.anxiety_id = anxieties.id ORDER BY h.at DESC, h.id DESC LIMIT 1), 'open');
UPDATE actions SET latest_outcome = coalesce((SELECT h.outcome FROM action_updates h
	WHERE h.action_id = actions.id ORDER BY h.at DESC, h.id DESC LIMIT 1), 'pending');

CREATE TRIGGER anxiety_updates_latest_insert AFTER INSERT ON anxiety_updates BEGIN
	UPDATE anxieties SET latest_status = coalesce((SELECT h.status FROM anxiety_updates h
		WHERE h.anxiety_id = anxieties.id ORDER BY h.at DESC, h.id DESC LIMIT 1), 'open')
		WHERE id = new.anxiety_id;
END;
CREATE TRIGGER anxiety_updates_latest_update AFTER UPDATE OF id, anxiety_id, status, at ON anxiety_updates BEGIN
	UPDATE anxieties SET latest_status = coalesce((SELECT h.status FROM anxiety_updates h
		WHERE h.anxiety_id = anxieties.id ORDER BY h.at DESC, h.id DESC LIMIT 1), 'open')
		WHERE id IN (old.anxiety_id, new.anxiety_id);
END;
CREATE TRIGGER anxiety_updates_latest_delete AFTER DELETE ON anxiety_updates BEGIN
	UPDATE anxieties SET latest_status = coalesce((SELECT h.status FROM anxiety_updates h
		WHERE h.anxiety_id = anxieties.id ORDER BY h.at DESC, h.id DESC LIMIT 1), 'open')
		WHERE id = old.anxiety_id;
END;

CREATE TRIGGER action_updates_latest_insert AFTER INSERT ON action_updates BEGIN
	UPDATE actions SET latest_outcome = coalesce((SELECT h.outcome FROM action_updates h
		WHERE h.action_id = actions.id ORDER BY h.at DESC, h.id DESC LIMIT 1), 'pending')
		WHERE id = new.action_id;
END;
CREATE TRIGGER action_updates_latest_update AFTER UPDATE OF id, action_id, outcome, at ON action_updates BEGIN
	UPDATE actions SET latest_outcome = coalesce((SELECT h.outcome FROM action_updates h
		WHERE h.action_id = actions.id ORDER BY h.at DESC, h.id DESC LIMIT 1), 'pending')
		WHERE id IN (old.action_id, new.action_id);
END;
CREATE TRIGGER action_updates_latest_delete AFTER DELETE ON action_updates BEGIN
	UPDATE actions SET latest_outcome = coalesce((SELECT h.outcome FROM action_updates h
		WHERE h.action_id = actions.id ORDER BY h.at DESC, h.id DESC LIMIT 1), 'pending')
		WHERE id = old.action_id;
END;

-- The open ones in the order the due list reads them, with all it reads of
-- them (and what says who may read a worry), so that the entries
-- themselves are not read. A partial index is used only for a query that
-- writes the same values.
CREATE INDEX anxieties_open ON anxieties (created_at, id, engagement_id, private, author, latest_status)
	WHERE latest_status IN ('open', 'easing');
CREATE INDEX actions_open ON actions (created_at, id, engagement_id, owner, due, latest_outcome)
	WHERE latest_outcome IN ('pending', 'not_tried');
