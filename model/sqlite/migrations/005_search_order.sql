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
