package org.gatehouse.bsserver.storage.jdbc;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which node runs an endpoint's session now, chosen by engine: in the database when several nodes share
 * it ({@link DatabaseClaims}), in memory for an embedded engine, whose file one process opens
 * ({@link LocalClaims}). Both keep an endpoint to one session at a time, leased, and end as abandoned
 * the open sessions of a holder that stopped renewing; the claim-related methods of
 * {@link org.gatehouse.bsserver.storage.BootstrapStorage} are answered here.
 */
interface Claims {

    /** The outcome logged for a session whose node's claim was taken over; it starts with "abandoned:". */
    static String abandonedBy(String formerNode, String node) {
        return "abandoned: node " + formerNode + " stopped renewing its claim; node " + node + " took the endpoint over";
    }

    /** The outcome of an open session that no node holds a claim for any more. */
    String ORPHANED = "abandoned: node %s stopped renewing its claim before the session ended";

    boolean claim(String endpoint, String node, Duration lease);

    /** The claim and, when won, the session's start: its id. */
    OptionalLong claimAndStart(String endpoint, String node, Duration lease);

    void release(String endpoint, String node);

    /** The session's end, then the release of its claim. */
    void endedAndReleased(long sessionId, String outcome, String endpoint, String node);

    /** See {@link org.gatehouse.bsserver.storage.BootstrapStorage#endOrphanedSessions}. */
    int endOrphaned(Duration grace);

    /** How long the claim on {@code endpoint} has left (zero or less: expired), if there is one. */
    Optional<Duration> left(String endpoint);
}
