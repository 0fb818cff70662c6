-- The session log is pruned by age (and by count, through the primary key): an index on the start
-- time, so that finding the sessions past the retention age reads no more than them.
CREATE INDEX IF NOT EXISTS bs_session_started ON bs_session (started);
