package org.gatehouse.bsserver.storage.jdbc;

import static org.gatehouse.bsserver.storage.jdbc.Database.update;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.gatehouse.bsserver.storage.SessionRecord;
import org.gatehouse.bsserver.storage.StorageException;

/**
 * The session log: one row per session, its requests in that row (those written with it, {@link LogRows}) and
 * in rows of their own (one or several per row, {@link EventLines}); read newest first in one query. A
 * session's events and end are written behind by a {@link LogWriter}, and flushed before this node reads
 * the log and when the storage closes. Its start is written at once on a shared database (its id is the
 * row's); on an embedded one, whose ids this process hands out ({@link SessionIds}), it is written behind
 * too, and a read flushes the writers of every storage open on that file.
 */
final class SessionLog {

    private final Database database;
    private final LogWriter writer;
    private final SessionIds ids; // null: the database numbers sessions
    private final Set<LogWriter> writers; // this file's writers (embedded), else only ours
    // sessions started through this object and not ended yet: their events and end are written behind
    private final Set<Long> open = ConcurrentHashMap.newKeySet();

    /** @param embedded the state of an embedded database file, or null */
    SessionLog(Database database, Embedded embedded) {
        this.database = database;
        this.writer = new LogWriter(database);
        this.ids = embedded == null ? null : embedded.sessionIds;
        this.writers = embedded == null ? Set.of(writer) : embedded.writers;
        if (embedded != null) {
            writers.add(writer);
        }
    }

    long started(String endpoint, String node) {
        if (ids != null) {
            long id = ids.next(database);
            OffsetDateTime now = OffsetDateTime.now(); // an embedded database's clock is this machine's
            if (!writer.offerStart(id, endpoint, node, now)) {
                database.call("logging a session of " + endpoint, c -> update(c,
                    "INSERT INTO bs_session (id, endpoint, node, started) VALUES (?, ?, ?, ?)", id, endpoint, node, now));
            }
            return opened(id);
        }
        return opened(database.call("logging a session of " + endpoint, c -> insertStarted(c, endpoint, node)));
    }

    /** The start of a session inserted on {@code c} (in the caller's transaction); {@link #opened} once committed. */
    static long insertStarted(Connection c, String endpoint, String node) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO bs_session (endpoint, node, started) VALUES (?, ?, CURRENT_TIMESTAMP)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, endpoint);
            s.setString(2, node);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1); // id is the first column (PostgreSQL returns all of them)
            }
        }
    }

    /** Marks a committed session as started here: its events and end are written behind. */
    long opened(long id) {
        open.add(id);
        return id;
    }

    void event(long sessionId, String event) {
        String text = EventLines.oneLine(event);
        if (open.contains(sessionId) && writer.offer(sessionId, text, false)) {
            return;
        }
        flush(); // what is queued goes first, in order (the session's start too)
        try {
            database.call("logging an event of session " + sessionId,
                c -> update(c, "INSERT INTO bs_session_event (session_id, event) VALUES (?, ?)", sessionId, text));
        } catch (StorageException e) {
            // a missing parent row: 23503 on PostgreSQL, 23506 on H2
            if (e.getCause() instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("2350")) {
                throw new StorageException("no session " + sessionId + " in the log", e);
            }
            throw e;
        }
    }

    /** Records the first end of a session; a later one is ignored. */
    void ended(long sessionId, String outcome) {
        String text = EventLines.oneLine(outcome);
        if (open.remove(sessionId) && writer.offer(sessionId, text, true)) {
            return;
        }
        flush(); // a first end still queued counts, not this one
        database.call("logging the end of session " + sessionId, c -> {
            if (update(c, "UPDATE bs_session SET ended = CURRENT_TIMESTAMP, outcome = ? WHERE id = ? AND ended IS NULL", text,
                sessionId) == 0 && !exists(c, sessionId)) {
                throw new StorageException("no session " + sessionId + " in the log");
            }
            return null;
        });
    }

    /**
     * The end of a session started here and the release of its claim, both queued: false when they
     * were not (the caller writes them itself).
     */
    boolean endedAndReleased(long sessionId, String outcome, String endpoint, String node) {
        if (open.remove(sessionId)) {
            if (writer.offerEnd(sessionId, EventLines.oneLine(outcome), endpoint, node)) {
                return true;
            }
            open.add(sessionId);
        }
        return false;
    }

    /** Before a claim of {@code endpoint} on this node: its release still queued here is written first. */
    void awaitRelease(String endpoint) {
        if (writer.releasing(endpoint)) {
            writer.flush();
        }
    }

    /** Writes what is queued now (on an embedded database, by every storage of the file), before a statement that must see it. */
    void flush() {
        for (LogWriter w : writers) {
            w.flush();
        }
    }

    /** Writes every queued row; later ones are written by their callers. */
    void close() {
        writer.close();
        if (ids != null) {
            writers.remove(writer);
        }
    }

    /** See {@link org.gatehouse.bsserver.storage.BootstrapStorage#endOrphanedSessions}; one statement, on the index of open sessions. */
    int endOrphaned(java.time.Duration grace) {
        flush(); // this node's own ends still queued count first
        return database.call("ending orphaned sessions", c -> update(c, "UPDATE bs_session SET ended = CURRENT_TIMESTAMP, outcome = "
            + "'abandoned: node ' || node || ' stopped renewing its claim before the session ended' WHERE ended IS NULL AND started < "
            + database.engine().nowPlusMillis() + " AND NOT EXISTS (SELECT 1 FROM bs_claim c WHERE c.endpoint = bs_session.endpoint"
            + " AND c.node = bs_session.node AND c.expires > CURRENT_TIMESTAMP)", -Math.max(0, grace.toMillis())));
    }

    List<SessionRecord> recent(Optional<String> endpoint, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit " + limit + " < 0");
        }
        if (limit == 0) {
            return List.of();
        }
        String sql = "SELECT s.id, s.endpoint, s.node, s.started, s.ended, s.outcome, e.event, s.events FROM (SELECT * FROM bs_session"
            + (endpoint.isPresent() ? " WHERE endpoint = ?" : "") + " ORDER BY id DESC LIMIT ?) s"
            + " LEFT JOIN bs_session_event e ON e.session_id = s.id ORDER BY s.id DESC, e.id";
        flush(); // this node's own rows are read back at once
        return database.call("reading the session log", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int p = 1;
                if (endpoint.isPresent()) {
                    s.setString(p++, endpoint.get());
                }
                s.setInt(p, limit);
                try (ResultSet rs = s.executeQuery()) {
                    return records(rs);
                }
            }
        });
    }

    private static List<SessionRecord> records(ResultSet rs) throws SQLException {
        Map<Long, SessionRecord> sessions = new LinkedHashMap<>();
        Map<Long, List<String>> events = new LinkedHashMap<>();
        while (rs.next()) {
            long id = rs.getLong(1);
            if (!sessions.containsKey(id)) {
                sessions.put(id, new SessionRecord(id, rs.getString(2), rs.getString(3), instant(rs, 4).orElseThrow(), instant(rs, 5),
                    Optional.ofNullable(rs.getString(6)), List.of()));
                List<String> inline = new ArrayList<>();
                String written = rs.getString(8); // those written with the row come first
                if (written != null) {
                    EventLines.split(written, inline);
                }
                events.put(id, inline);
            }
            String event = rs.getString(7);
            if (event != null) {
                EventLines.split(event, events.get(id));
            }
        }
        List<SessionRecord> records = new ArrayList<>(sessions.size());
        sessions.forEach((id, r) -> records.add(new SessionRecord(id, r.endpoint(), r.node(), r.started(), r.ended(), r.outcome(),
            events.get(id))));
        return records;
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? Optional.empty() : Optional.of(time.toInstant());
    }

    private static boolean exists(Connection c, long sessionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM bs_session WHERE id = ?")) {
            s.setLong(1, sessionId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
