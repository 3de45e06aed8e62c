-- 019: whether the person who confirmed an agreed text joined as a guest
-- (known by their key alone), so that documents say so.
ALTER TABLE confirmations ADD COLUMN guest INTEGER NOT NULL DEFAULT 0;
