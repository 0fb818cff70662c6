package org.gatehouse.bsserver.storage.jdbc;

import static org.gatehouse.bsserver.storage.jdbc.Database.update;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalLong;

import org.gatehouse.bsserver.storage.StorageException;

/**
 * Claims on endpoints in the database, between the nodes sharing it. The common case, a free endpoint, is one INSERT that a concurrent insert makes
 * fail or insert nothing. When the row is there, one transaction locks it (SELECT … FOR UPDATE) and
 * decides by the database clock: ours is renewed, another node's unexpired claim is refused, and an
 * expired one is taken over. Taking over also ends the sessions the former holder left open on that
 * endpoint as abandoned, in the same transaction: the holder stopped renewing its claim, so it died
 * (or lost the database), and its session can no longer finish. The row lock orders this against the
 * former holder's own renewal, so a node that is alive after all either renewed first (and keeps
 * its session) or finds its claim gone (and stops its session).
 */
final class DatabaseClaims implements Claims {

    private final Database database;
    private final SessionLog sessions;

    DatabaseClaims(Database database, SessionLog sessions) {
        this.database = database;
        this.sessions = sessions;
    }

    @Override
    public boolean claim(String endpoint, String node, Duration lease) {
        sessions.awaitRelease(endpoint); // else the queued release would drop the claim made now
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

    /** The claim and the session's first row in one transaction: one commit and one connection for both. */
    @Override
    public OptionalLong claimAndStart(String endpoint, String node, Duration lease) {
        sessions.awaitRelease(endpoint); // else the queued release would drop the claim made now
        OptionalLong id = database.transaction("claiming " + endpoint + " for " + node + " and logging its session",
            c -> claim(c, endpoint, node, lease) ? OptionalLong.of(SessionLog.insertStarted(c, endpoint, node)) : OptionalLong.empty());
        id.ifPresent(sessions::opened);
        return id;
    }

    /**
     * Both written behind, in one batch with other ends: other nodes may find the claim held for the
     * writer's linger (about 20 ms) longer; a claim of the endpoint through this storage waits for it.
     */
    @Override
    public void endedAndReleased(long sessionId, String outcome, String endpoint, String node) {
        if (!sessions.endedAndReleased(sessionId, outcome, endpoint, node)) {
            sessions.ended(sessionId, outcome);
            release(endpoint, node);
        }
    }

    @Override
    public int endOrphaned(Duration grace) {
        return sessions.endOrphaned(grace);
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
                Claims.abandonedBy(holder, node), endpoint, holder);
        }
        return update(c, "UPDATE bs_claim SET node = ?, expires = " + database.engine().nowPlusMillis() + " WHERE endpoint = ?",
            node, millis, endpoint) == 1;
    }

    @Override
    public void release(String endpoint, String node) {
        database.call("releasing " + endpoint + " for " + node,
            c -> update(c, "DELETE FROM bs_claim WHERE endpoint = ? AND node = ?", endpoint, node));
    }

    @Override
    public Optional<Duration> left(String endpoint) {
        return database.call("reading the claim on " + endpoint, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT expires, CURRENT_TIMESTAMP FROM bs_claim WHERE endpoint = ?")) {
                s.setString(1, endpoint);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(Duration.between(rs.getObject(2, OffsetDateTime.class), rs.getObject(1, OffsetDateTime.class)))
                        : Optional.empty();
                }
            }
        });
    }
}
