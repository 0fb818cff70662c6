package org.gatehouse.bsserver.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one batch of the {@link LogWriter}'s entries on one connection, in as few row operations as it can:
 * a session whose start is in the batch is one insert, with the events that came with it in its own row
 * (column {@code events}, one per line, up to {@link #INLINE_MAX} characters) and its end when that came too;
 * other events go to {@code bs_session_event}, a session's events of one batch in one row ({@link EventLines});
 * other ends are updates. Every row operation copies B-tree pages in H2, so fewer rows is less CPU and garbage.
 */
final class LogRows {

    static final int INLINE_MAX = 100_000;

    private LogRows() {
    }

    /** A session started in this batch: its start, the events inlined in its row, its first end. */
    private static final class Started {
        final LogWriter.Entry start;
        final StringBuilder events = new StringBuilder();
        int inlined;
        boolean full; // an event did not fit: this one and every later one go to bs_session_event, in order
        LogWriter.Entry end;

        Started(LogWriter.Entry start) {
            this.start = start;
        }
    }

    static void write(Connection c, List<LogWriter.Entry> batch) throws SQLException {
        // starts, then events, then ends, then releases: a session's start is queued before its events, they before
        // its end, its end before its release
        Map<Long, Started> started = new LinkedHashMap<>();
        EventLines.Joiner events = new EventLines.Joiner();
        List<LogWriter.Entry> ends = new ArrayList<>(); // of sessions written before, and second ends (which change nothing)
        List<LogWriter.Entry> releasing = new ArrayList<>();
        for (LogWriter.Entry e : batch) {
            Started s = started.get(e.sessionId());
            if (e.done() != null) {
                continue;
            } else if (e.started() != null) {
                started.put(e.sessionId(), new Started(e));
            } else if (e.end()) {
                if (s != null && s.end == null) {
                    s.end = e;
                } else {
                    ends.add(e);
                }
                if (e.endpoint() != null) {
                    releasing.add(e);
                }
            } else if (s != null && !s.full && s.events.length() + 1 + e.text().length() <= INLINE_MAX) {
                if (s.inlined++ > 0) {
                    s.events.append('\n');
                }
                s.events.append(e.text());
            } else {
                if (s != null) {
                    s.full = true;
                }
                events.add(e.sessionId(), e.text());
            }
        }
        OffsetDateTime now = OffsetDateTime.now(); // starts are handed out by an embedded database: its clock is ours
        try (PreparedStatement starts = c.prepareStatement("INSERT INTO bs_session (id, endpoint, node, started, ended, outcome, events) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement eventRows = c.prepareStatement("INSERT INTO bs_session_event (session_id, event) VALUES (?, ?)");
                PreparedStatement endRows = c.prepareStatement("UPDATE bs_session SET ended = CURRENT_TIMESTAMP, outcome = ? WHERE id = ? AND ended IS NULL");
                PreparedStatement releases = c.prepareStatement("DELETE FROM bs_claim WHERE endpoint = ? AND node = ?")) {
            batch(starts, started.values(), (st, s) -> {
                st.setLong(1, s.start.sessionId());
                st.setString(2, s.start.endpoint());
                st.setString(3, s.start.node());
                st.setObject(4, s.start.started());
                st.setObject(5, s.end == null ? null : now, Types.TIMESTAMP_WITH_TIMEZONE);
                st.setString(6, s.end == null ? null : s.end.text());
                st.setString(7, s.inlined == 0 ? null : s.events.toString());
            });
            batch(eventRows, events.rows(), (st, row) -> {
                st.setLong(1, row.getKey());
                st.setString(2, row.getValue());
            });
            batch(endRows, ends, (st, e) -> {
                st.setString(1, e.text());
                st.setLong(2, e.sessionId());
            });
            batch(releases, releasing, (st, e) -> {
                st.setString(1, e.endpoint());
                st.setString(2, e.node());
            });
        }
    }

    /** Sets one row's parameters. */
    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    /** {@code items} as one JDBC batch of {@code statement}; nothing is executed for none. */
    private static <T> void batch(PreparedStatement statement, Collection<T> items, Binder<T> binder) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        for (T item : items) {
            binder.bind(statement, item);
            statement.addBatch();
        }
        statement.executeBatch();
    }
}
