-- A peer round is a session without an engagement, of the flow
-- "round:<format id>". Beside it: who took part and in which role, the
-- format, the case card, the timer and the next actions brought back from
-- the round before, as one JSON document (model.PeerRound).
CREATE TABLE rounds (
    session_id INTEGER PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    data TEXT NOT NULL
);
