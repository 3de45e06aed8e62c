-- Search, second version.
--
-- Results come newest session first. A document's id now encodes when its
-- session began (its start in seconds, shifted left by 20 bits, plus a
-- counter), so both full-text indexes hand out matches newest first and a
-- search stops after one page instead of sorting every match.
--
-- The single-character index now holds every letter and digit as a token of
-- its own (Latin too, not only Japanese), so short terms of any script are
-- found through it instead of by reading every text.
--
-- The notes on a worry's status or an action's outcome are searched too:
-- triggers queue them like the other sources.
--
-- The documents and both indexes are emptied and every source is queued:
-- the next search indexes everything again, with the new ids and tokens.
INSERT INTO search_tri (search_tri) VALUES ('delete-all');
INSERT INTO search_uni (search_uni) VALUES ('delete-all');
DELETE FROM search_docs;
DELETE FROM search_queue;
INSERT INTO search_queue SELECT 'step', CAST(id AS TEXT) FROM steps;
INSERT INTO search_queue SELECT 'anxiety', id FROM anxieties;
INSERT INTO search_queue SELECT 'action', id FROM actions;
INSERT INTO search_queue SELECT 'agreement', session_id || ':' || topic FROM agreement_items;
INSERT INTO search_queue SELECT 'anxiety_update', id FROM anxiety_updates;
INSERT INTO search_queue SELECT 'action_update', id FROM action_updates;

CREATE TRIGGER anxiety_updates_queue_insert AFTER INSERT ON anxiety_updates BEGIN
	INSERT INTO search_queue SELECT 'anxiety_update', new.id
		WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE source = 'anxiety_update' AND source_key = new.id);
END;
CREATE TRIGGER anxiety_updates_queue_update AFTER UPDATE OF note ON anxiety_updates BEGIN
	INSERT INTO search_queue SELECT 'anxiety_update', new.id
		WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE source = 'anxiety_update' AND source_key = new.id);
END;
CREATE TRIGGER anxiety_updates_queue_delete AFTER DELETE ON anxiety_updates BEGIN
	INSERT INTO search_queue SELECT 'anxiety_update', old.id
		WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE source = 'anxiety_update' AND source_key = old.id);
END;
CREATE TRIGGER action_updates_queue_insert AFTER INSERT ON action_updates BEGIN
	INSERT INTO search_queue SELECT 'action_update', new.id
		WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE source = 'action_update' AND source_key = new.id);
END;
CREATE TRIGGER action_updates_queue_update AFTER UPDATE OF note ON action_updates BEGIN
	INSERT INTO search_queue SELECT 'action_update', new.id
		WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE source = 'action_update' AND source_key = new.id);
END;
CREATE TRIGGER action_updates_queue_delete AFTER DELETE ON action_updates BEGIN
	INSERT INTO search_queue SELECT 'action_update', old.id
		WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE source = 'action_update' AND source_key = old.id);
END;
