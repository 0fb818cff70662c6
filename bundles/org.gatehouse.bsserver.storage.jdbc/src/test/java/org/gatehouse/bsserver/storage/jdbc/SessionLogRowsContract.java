package org.gatehouse.bsserver.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.awaitility.Awaitility;
import org.gatehouse.bsserver.storage.SessionRecord;
import org.junit.jupiter.api.Test;

/**
 * Part of the engine contract ({@link StorageContract}): the session log's rows as the log writer writes them
 * ({@link LogRows}): a session whose start, events and end come in one batch is one row; what comes later is
 * rows of their own, read after those written with the session.
 */
abstract class SessionLogRowsContract extends SealedConfigContract {

    @Test
    void a_session_written_whole_is_one_row_and_later_events_are_rows_of_their_own() {
        JdbcBootstrapStorage s = storage("a");
        s.open();
        write(s, start(9001, "ep-1"), event(9001, "DELETE / 2.02"), event(9001, "WRITE /0/1 2.04"));
        assertEquals(List.of("DELETE / 2.02\nWRITE /0/1 2.04", "open"), row(s, 9001));
        write(s, event(9001, "FINISH 2.04"), end(9001, "success"));
        write(s, start(9002, "ep-2"), event(9002, "DELETE / 2.02"), end(9002, "failed: 4.01"), event(9002, "late"), end(9002, "second end"));

        assertEquals(List.of("DELETE / 2.02\nWRITE /0/1 2.04", "success"), row(s, 9001));
        assertEquals(List.of("DELETE / 2.02\nlate", "failed: 4.01"), row(s, 9002), "a second end does not count");
        assertEquals(1, count(s, "SELECT COUNT(*) FROM bs_session_event"), "the one event that came after its session's row");
        List<SessionRecord> read = s.sessions(Optional.empty(), 10);
        assertEquals(List.of("DELETE / 2.02", "late"), read.get(0).events());
        assertEquals(List.of("DELETE / 2.02", "WRITE /0/1 2.04", "FINISH 2.04"), read.get(1).events());
        assertEquals(Optional.of("success"), read.get(1).outcome());
    }

    @Test
    void a_session_still_running_reaches_the_database_without_a_read_or_close() {
        JdbcBootstrapStorage s = storage("a");
        long id = s.sessionStarted("ep-running", "a");
        s.sessionEvent(id, "DISCOVER / 2.05");
        // kept back a moment for its end, then written: a count reads the database and flushes nothing
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> count(s, "SELECT COUNT(*) FROM bs_session WHERE id = " + id) == 1);
        assertEquals(List.of("DISCOVER / 2.05"), s.sessions(Optional.of("ep-running"), 1).get(0).events());
        assertEquals(Optional.empty(), s.sessions(Optional.of("ep-running"), 1).get(0).outcome());
    }

    private static LogWriter.Entry start(long id, String endpoint) {
        return new LogWriter.Entry(id, null, false, endpoint, "a", OffsetDateTime.now(), null);
    }

    private static LogWriter.Entry event(long id, String text) {
        return new LogWriter.Entry(id, text, false, null, null, null, null);
    }

    private static LogWriter.Entry end(long id, String outcome) {
        return new LogWriter.Entry(id, outcome, true, null, null, null, null);
    }

    private static void write(JdbcBootstrapStorage s, LogWriter.Entry... batch) {
        s.database().transaction("a batch", c -> {
            LogRows.write(c, List.of(batch));
            return null;
        });
    }

    /** The session's events column and its outcome ("open" while it has none). */
    private static List<String> row(JdbcBootstrapStorage s, long id) {
        return s.database().call("a session row", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT events, outcome FROM bs_session WHERE id = " + id); ResultSet rs = st.executeQuery()) {
                rs.next();
                return List.of(String.valueOf(rs.getString(1)), rs.getString(2) == null ? "open" : rs.getString(2));
            }
        });
    }
}
