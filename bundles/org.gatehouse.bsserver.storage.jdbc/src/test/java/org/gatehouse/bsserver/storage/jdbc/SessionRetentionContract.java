package org.gatehouse.bsserver.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.gatehouse.bsserver.storage.SessionRecord;
import org.junit.jupiter.api.Test;

/** Part of the engine contract ({@link StorageContract}): the session log's retention by age and by count. */
abstract class SessionRetentionContract extends SessionLogRowsContract {

    @Test
    void sessions_past_the_retention_age_go_with_their_events() {
        JdbcBootstrapStorage s = storage("a");
        long old1 = session(s, "ep-1");
        long old2 = session(s, "ep-2");
        long recent = session(s, "ep-1");
        ids(s); // a read writes the rows still queued
        s.database().call("backdate", c -> Database.update(c, "UPDATE bs_session SET started = ? WHERE id IN (?, ?)",
            OffsetDateTime.now().minusDays(3), old1, old2));
        long kept = count(s, "SELECT COUNT(*) FROM bs_session_event WHERE session_id = " + recent);
        assertTrue(count(s, "SELECT COUNT(*) FROM bs_session_event") > kept && kept > 0, "each session has an event row");

        assertEquals(2, s.pruneSessions(Duration.ofDays(2), 0));
        assertEquals(List.of(recent), ids(s));
        assertEquals(List.of("WRITE /0/1 2.04", "FINISH 2.04"), s.sessions(Optional.empty(), 10).get(0).events());
        assertEquals(kept, count(s, "SELECT COUNT(*) FROM bs_session_event"), "the events of pruned sessions went with them");
        assertEquals(0, s.pruneSessions(Duration.ofDays(2), 0), "nothing more to prune");
    }

    @Test
    void only_the_newest_sessions_up_to_the_retention_count_stay_and_running_ones() {
        JdbcBootstrapStorage s = storage("a");
        long running = s.sessionStarted("ep-running", "a");
        for (int i = 0; i < 5; i++) {
            session(s, "ep-" + i);
        }
        List<Long> ended = ids(s).subList(0, 5);
        long kept = count(s, "SELECT COUNT(*) FROM bs_session_event WHERE session_id IN (" + ended.get(0) + ", " + ended.get(1) + ")");
        assertEquals(3, s.pruneSessions(Duration.ZERO, 2));
        assertEquals(List.of(ended.get(0), ended.get(1), running), ids(s));
        assertEquals(kept, count(s, "SELECT COUNT(*) FROM bs_session_event"));
        s.sessionEvent(running, "WRITE /0/1 2.04"); // the running session goes on
        s.sessionEnded(running, "success");
        assertEquals(1, s.pruneSessions(Duration.ZERO, 2), "once ended, it goes too");
    }

    @Test
    void no_limit_keeps_everything_and_a_large_backlog_goes_in_several_batches() throws Exception {
        JdbcBootstrapStorage s = storage("a");
        s.open();
        int backlog = SessionRetention.BATCH * 2 + 5;
        s.database().transaction("backlog", c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO bs_session (endpoint, node, started, ended, outcome) "
                + "VALUES (?, 'a', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'success')")) {
                for (int i = 0; i < backlog; i++) {
                    st.setString(1, "ep-" + i);
                    st.addBatch();
                }
                return st.executeBatch().length;
            }
        });
        assertEquals(0, s.pruneSessions(Duration.ZERO, 0));
        assertEquals(0, s.pruneSessions(Duration.ofDays(1), 0), "all of them are recent");
        assertEquals(backlog - 3, s.pruneSessions(Duration.ZERO, 3));
        assertEquals(3, count(s, "SELECT COUNT(*) FROM bs_session"));
    }

    /** A session with an event written in its row and one in a row of its own (the read between writes what is queued). */
    private static long session(JdbcBootstrapStorage s, String endpoint) {
        long id = s.sessionStarted(endpoint, "a");
        s.sessionEvent(id, "WRITE /0/1 2.04");
        ids(s);
        s.sessionEvent(id, "FINISH 2.04");
        s.sessionEnded(id, "success");
        return id;
    }

    private static List<Long> ids(JdbcBootstrapStorage s) {
        return s.sessions(Optional.empty(), 100).stream().map(SessionRecord::id).toList();
    }
}
