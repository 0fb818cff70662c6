package org.gatehouse.bsserver.storage.jdbc;

import static org.gatehouse.bsserver.storage.jdbc.Database.update;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import org.gatehouse.bsserver.storage.StorageException;

/**
 * Claims on endpoints. The common case, a free endpoint, is one INSERT that a concurrent insert makes
 * fail or insert nothing. When the row is there, one transaction locks it (SELECT … FOR UPDATE) and
 * decides by the database clock: ours is renewed, another node's unexpired claim is refused, and an
 * expired one is taken over. Taking over also ends the sessions the former holder left open on that
 * endpoint as abandoned, in the same transaction: the holder stopped renewing its claim, so it died
 * (or lost the database), and its session can no longer finish. The row lock orders this against the
 * former holder's own renewal, so a node that is alive after all either renewed first (and keeps
 * its session) or finds its claim gone (and stops its session).
 */
final class Claims {

    /** The outcome logged for a session whose node's claim was taken over; it starts with "abandoned:". */
    static String abandonedBy(String formerNode, String node) {
        return "abandoned: node " + formerNode + " stopped renewing its claim; node " + node + " took the endpoint over";
    }

    private final Database database;

    Claims(Database database) {
        this.database = database;
    }

    boolean claim(String endpoint, String node, Duration lease) {
        long millis = millis(lease);
        String insert = insert();
        try {
            if (database.call("claiming " + endpoint + " for " + node, c -> update(c, insert, endpoint, node, millis)) == 1) {
                return true;
            }
        } catch (StorageException e) {
            if (!(e.getCause() instanceof SQLException sql && Database.UNIQUE_VIOLATION.equals(sql.getSQLState()))) {
                throw e;
            }
            // H2: the row is there; decided below
        }
        return database.transaction("claiming " + endpoint + " for " + node, c -> claimHeld(c, endpoint, node, millis, insert));
    }

    /**
     * Claims within the caller's transaction (the same decisions as {@link #claim}), so that work on the
     * claim commits with it. H2 undoes only the failed statement of a duplicate key; PostgreSQL's insert
     * does nothing instead of failing, so its transaction is not aborted.
     */
    boolean claim(Connection c, String endpoint, String node, Duration lease) throws SQLException {
        long millis = millis(lease);
        String insert = insert();
        try {
            if (update(c, insert, endpoint, node, millis) == 1) {
                return true;
            }
        } catch (SQLException e) {
            if (!Database.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
        }
        return claimHeld(c, endpoint, node, millis, insert);
    }

    private String insert() {
        Engine engine = database.engine();
        return engine.insertOrNothing("INSERT INTO bs_claim (endpoint, node, expires) VALUES (?, ?, " + engine.nowPlusMillis() + ")");
    }

    private static long millis(Duration lease) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease " + lease + " must be positive");
        }
        return Math.max(1, lease.toMillis());
    }

    private boolean claimHeld(Connection c, String endpoint, String node, long millis, String insert) throws SQLException {
        String holder;
        boolean expired;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT node, CASE WHEN expires <= CURRENT_TIMESTAMP THEN 1 ELSE 0 END FROM bs_claim WHERE endpoint = ? FOR UPDATE")) {
            s.setString(1, endpoint);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    // released since our insert: a duplicate key now is a lost race, which the transaction retries
                    return update(c, insert, endpoint, node, millis) == 1;
                }
                holder = rs.getString(1);
                expired = rs.getInt(2) == 1;
            }
        }
        if (!holder.equals(node) && !expired) {
            return false;
        }
        if (!holder.equals(node)) {
            update(c, "UPDATE bs_session SET ended = CURRENT_TIMESTAMP, outcome = ? WHERE endpoint = ? AND node = ? AND ended IS NULL",
                abandonedBy(holder, node), endpoint, holder);
        }
        return update(c, "UPDATE bs_claim SET node = ?, expires = " + database.engine().nowPlusMillis() + " WHERE endpoint = ?",
            node, millis, endpoint) == 1;
    }

    void release(String endpoint, String node) {
        database.call("releasing " + endpoint + " for " + node,
            c -> update(c, "DELETE FROM bs_claim WHERE endpoint = ? AND node = ?", endpoint, node));
    }
}
