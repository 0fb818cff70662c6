package org.gatehouse.bsserver.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Prunes the session log: sessions that started longer ago than the retention age, and all but the
 * newest sessions beyond the retention count, each with its events (ON DELETE CASCADE). Deletes in
 * batches of {@link #BATCH} sessions, one transaction each, so that a long-neglected log neither
 * holds locks for long nor needs one huge transaction; several nodes pruning at once only find less
 * to delete.
 */
final class SessionRetention {

    static final int BATCH = 1000;

    private final Database database;

    SessionRetention(Database database) {
        this.database = database;
    }

    /**
     * @param maxAge   sessions started longer ago (database time) go; zero or negative: no age limit
     * @param maxCount only the newest this many stay, and older ones still running; zero or negative: no count limit
     * @return how many sessions were deleted
     */
    int prune(Duration maxAge, int maxCount) {
        int deleted = 0;
        if (maxAge.compareTo(Duration.ZERO) > 0) {
            OffsetDateTime threshold = database.call("reading the database time", SessionRetention::now).minus(maxAge);
            deleted += inBatches("pruning sessions older than " + maxAge, "started < ?", threshold);
        }
        if (maxCount > 0) {
            Long newestGone = database.call("finding the sessions beyond the newest " + maxCount, c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT id FROM bs_session ORDER BY id DESC LIMIT 1 OFFSET ?")) {
                    s.setInt(1, maxCount);
                    try (ResultSet rs = s.executeQuery()) {
                        return rs.next() ? rs.getLong(1) : null;
                    }
                }
            });
            if (newestGone != null) {
                // a session still running keeps its row, or its next event would find no session
                deleted += inBatches("pruning sessions beyond the newest " + maxCount, "id <= ? AND ended IS NOT NULL", newestGone);
            }
        }
        return deleted;
    }

    private int inBatches(String what, String condition, Object parameter) {
        int total = 0;
        int batch;
        do {
            batch = database.transaction(what, c -> Database.update(c, "DELETE FROM bs_session WHERE id IN (SELECT id FROM bs_session WHERE "
                + condition + " ORDER BY id LIMIT " + BATCH + ")", parameter));
            total += batch;
        } while (batch == BATCH);
        return total;
    }

    private static OffsetDateTime now(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT CURRENT_TIMESTAMP"); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class);
        }
    }
}
