-- 018: a party's suggested words for a topic's agreed text, written in the
-- room beside its expectation and shown like it: to its writer, and to
-- everyone once the views are revealed.
ALTER TABLE party_views ADD COLUMN wording TEXT NOT NULL DEFAULT '';
