-- The open sessions, found without a scan of the whole log: each node looks for those a dead node
-- left open every lease or so (BootstrapStorage.endOrphanedSessions).
CREATE INDEX IF NOT EXISTS bs_session_open ON bs_session (ended, started);
