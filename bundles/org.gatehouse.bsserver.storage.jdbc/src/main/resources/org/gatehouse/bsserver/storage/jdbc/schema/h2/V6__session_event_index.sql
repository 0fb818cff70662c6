-- H2 gave the foreign key of bs_session_event (V1, declared before bs_session_event_session existed) an
-- index of its own on session_id, so every event row went into three indexes. That one serves the cascade
-- and the lookup of a session's events (H2 orders equal keys by the row's id): the second index goes.
DROP INDEX IF EXISTS bs_session_event_session;
