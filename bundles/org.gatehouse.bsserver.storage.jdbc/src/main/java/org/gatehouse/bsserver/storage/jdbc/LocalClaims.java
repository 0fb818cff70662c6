package org.gatehouse.bsserver.storage.jdbc;

import static org.gatehouse.bsserver.storage.jdbc.Database.update;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentMap;

/**
 * Claims of an embedded engine, in memory: its database file is opened by one process, so no other
 * process can run an endpoint's session, and a map of this process's claims (shared by every storage
 * on that file, see {@link Embedded}) keeps one session per endpoint as the claim rows did, without a
 * statement per session. Leases run on the JVM's monotonic clock. A crash drops the map with the
 * process: the sessions it left open have no claim any more and are ended as abandoned by
 * {@link #endOrphaned} once their grace has passed (or by a takeover, should another node name claim the
 * endpoint first).
 */
final class LocalClaims implements Claims {

    /** A claim: its node, until when (System.nanoTime()). */
    record Held(String node, long deadline) {
        boolean expired(long now) {
            return deadline - now <= 0;
        }
    }

    private record Open(long id, String endpoint, String node) {
    }

    private final ConcurrentMap<String, Held> table;
    private final Database database;
    private final SessionLog sessions;

    /** @param table the claims of every storage on this database file */
    LocalClaims(ConcurrentMap<String, Held> table, Database database, SessionLog sessions) {
        this.table = table;
        this.database = database;
        this.sessions = sessions;
    }

    @Override
    public boolean claim(String endpoint, String node, Duration lease) {
        long nanos = nanos(lease);
        String[] former = new String[1];
        boolean[] won = new boolean[1];
        Held mine = table.compute(endpoint, (k, held) -> {
            long now = System.nanoTime();
            if (held != null && !held.node().equals(node)) {
                if (!held.expired(now)) {
                    return held;
                }
                former[0] = held.node();
            }
            won[0] = true;
            return new Held(node, now + nanos);
        });
        if (won[0] && former[0] != null) {
            abandon(endpoint, former[0], node, mine);
        }
        return won[0];
    }

    /** Ends the former holder's open sessions of {@code endpoint}; on failure the claim is given back and the error thrown. */
    private void abandon(String endpoint, String former, String node, Held mine) {
        try {
            sessions.flush(); // a first end still queued here counts
            database.call("ending the sessions " + former + " left open on " + endpoint, c -> update(c,
                "UPDATE bs_session SET ended = CURRENT_TIMESTAMP, outcome = ? WHERE endpoint = ? AND node = ? AND ended IS NULL",
                Claims.abandonedBy(former, node), endpoint, former));
        } catch (RuntimeException e) {
            table.remove(endpoint, mine);
            throw e;
        }
    }

    /** The claim in memory, then the session's row: one statement. */
    @Override
    public OptionalLong claimAndStart(String endpoint, String node, Duration lease) {
        if (!claim(endpoint, node, lease)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(sessions.started(endpoint, node));
        } catch (RuntimeException e) {
            release(endpoint, node);
            throw e;
        }
    }

    @Override
    public void release(String endpoint, String node) {
        table.computeIfPresent(endpoint, (k, held) -> held.node().equals(node) ? null : held);
    }

    /** The end written behind, the claim dropped at once (after the end is queued: see {@link #endOrphaned}). */
    @Override
    public void endedAndReleased(long sessionId, String outcome, String endpoint, String node) {
        sessions.ended(sessionId, outcome);
        release(endpoint, node);
    }

    /**
     * The open sessions older than {@code grace} whose node holds no claim on their endpoint here. A
     * session's end is queued before its claim is dropped, so the flush after the check writes the end of
     * any session found without a claim that did end, and the update then leaves it alone.
     */
    @Override
    public int endOrphaned(Duration grace) {
        sessions.flush();
        List<Open> open = database.call("finding open sessions", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, endpoint, node FROM bs_session WHERE ended IS NULL AND started < "
                + database.engine().nowPlusMillis())) {
                s.setLong(1, -Math.max(0, grace.toMillis()));
                try (ResultSet rs = s.executeQuery()) {
                    List<Open> found = new ArrayList<>();
                    while (rs.next()) {
                        found.add(new Open(rs.getLong(1), rs.getString(2), rs.getString(3)));
                    }
                    return found;
                }
            }
        });
        long now = System.nanoTime();
        open.removeIf(o -> {
            Held h = table.get(o.endpoint());
            return h != null && h.node().equals(o.node()) && !h.expired(now);
        });
        if (open.isEmpty()) {
            return 0;
        }
        sessions.flush();
        return database.transaction("ending orphaned sessions", c -> {
            int ended = 0;
            for (Open o : open) {
                ended += update(c, "UPDATE bs_session SET ended = CURRENT_TIMESTAMP, outcome = ? WHERE id = ? AND ended IS NULL",
                    String.format(ORPHANED, o.node()), o.id());
            }
            return ended;
        });
    }

    @Override
    public Optional<Duration> left(String endpoint) {
        Held h = table.get(endpoint);
        return h == null ? Optional.empty() : Optional.of(Duration.ofNanos(h.deadline() - System.nanoTime()));
    }

    private static long nanos(Duration lease) {
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease " + lease + " must be positive");
        }
        return lease.toNanos();
    }
}
