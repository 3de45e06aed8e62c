-- 023: how many days after the last finished self-review the next falls
-- due, for each person who set it (the single user is account 0; no row:
-- the default, model.DefaultReviewCadenceDays); and the skill a step
-- names, for a peer round's next action practised on a skill of the map.
CREATE TABLE review_cadence (
	account_id INTEGER PRIMARY KEY,
	days       INTEGER NOT NULL CHECK (days > 0)
);
ALTER TABLE steps ADD COLUMN skill TEXT NOT NULL DEFAULT '';
