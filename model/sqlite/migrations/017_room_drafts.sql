-- 017: what a person has typed in a room and not yet sent, kept for them
-- alone, so that a dropped connection loses nothing.
ALTER TABLE room_people ADD COLUMN draft TEXT NOT NULL DEFAULT '';
