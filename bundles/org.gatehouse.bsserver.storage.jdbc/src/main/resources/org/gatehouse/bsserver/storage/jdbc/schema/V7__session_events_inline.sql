-- The requests of a short session go into its own row, one per line, written with the row: one insert per
-- session instead of a session row, an event row and an update of its end. Its later requests, and those of a
-- session written before it ended, stay rows of bs_session_event, read after these.
ALTER TABLE bs_session ADD COLUMN IF NOT EXISTS events VARCHAR(100000);
