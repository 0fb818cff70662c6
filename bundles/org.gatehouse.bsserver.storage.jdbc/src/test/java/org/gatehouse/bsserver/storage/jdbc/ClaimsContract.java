package org.gatehouse.bsserver.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.gatehouse.bsserver.storage.SessionRecord;
import org.junit.jupiter.api.Test;

/**
 * Claims between nodes, part of {@link StorageContract}: exclusive, leased and renewed in database
 * time, taken over once expired (ending the former holder's open sessions), and the sweep of open
 * sessions nobody holds a claim for.
 */
abstract class ClaimsContract extends LwM2mServerCredentialContract {

    // --- claims -----------------------------------------------------------------------------

    @Test
    void a_claim_is_exclusive_between_two_nodes_until_released() {
        JdbcBootstrapStorage a = storage("node-a");
        JdbcBootstrapStorage b = storage("node-b");
        assertTrue(a.claim("ep", "node-a", Duration.ofMinutes(1)));
        assertFalse(b.claim("ep", "node-b", Duration.ofMinutes(1)));
        assertTrue(a.claim("ep", "node-a", Duration.ofMinutes(1)), "renewing one's own claim");
        assertTrue(b.claim("other-ep", "node-b", Duration.ofMinutes(1)), "claims are per endpoint");
        b.release("ep", "node-b"); // not b's claim: nothing happens
        assertFalse(b.claim("ep", "node-b", Duration.ofMinutes(1)));
        a.release("ep", "node-a");
        assertTrue(b.claim("ep", "node-b", Duration.ofMinutes(1)));
        assertFalse(a.claim("ep", "node-a", Duration.ofMinutes(1)));
    }

    @Test
    void a_claim_and_a_sessions_start_at_once_log_the_session_only_when_the_claim_is_won() {
        JdbcBootstrapStorage a = storage("node-a");
        JdbcBootstrapStorage b = storage("node-b");
        long id = a.claimAndStart("ep", "node-a", Duration.ofSeconds(2)).orElseThrow();
        a.sessionEvent(id, "BOOTSTRAP-REQUEST 2.04");
        assertEquals(Optional.empty(), session(a, "ep", id).outcome(), "logged open");
        assertEquals(List.of("BOOTSTRAP-REQUEST 2.04"), session(a, "ep", id).events(), "its event written behind like any (a's read flushes it)");
        assertEquals(OptionalLong.empty(), b.claimAndStart("ep", "node-b", Duration.ofMinutes(1)));
        assertEquals(1, b.sessions(Optional.of("ep"), 10).size(), "a refused claim logs no session");

        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
            .until(() -> b.claimAndStart("ep", "node-b", Duration.ofMinutes(1)).isPresent());
        assertEquals(Optional.of("abandoned: node node-a stopped renewing its claim; node node-b took the endpoint over"),
            session(b, "ep", id).outcome());
        assertEquals(2, b.sessions(Optional.of("ep"), 10).size());
        assertTrue(b.claimAndStart("ep", "node-b", Duration.ofMinutes(1)).isPresent(), "one's own claim is renewed");
        assertFalse(a.claim("ep", "node-a", Duration.ofMinutes(1)));
    }

    @Test
    void an_end_and_release_written_behind_never_drops_a_claim_made_after_it() {
        JdbcBootstrapStorage a = storage("node-a");
        JdbcBootstrapStorage b = storage("node-b");
        for (int i = 0; i < 50; i++) { // the same node bootstraps the endpoint again at once, many times
            long id = a.claimAndStart("ep", "node-a", Duration.ofMinutes(1)).orElseThrow();
            a.sessionEndedAndReleased(id, "success", "ep", "node-a");
        }
        long last = a.claimAndStart("ep", "node-a", Duration.ofMinutes(1)).orElseThrow();
        assertEquals(51, a.sessions(Optional.of("ep"), 100).stream().filter(r -> r.outcome().equals(Optional.of("success"))).count() + 1);
        assertFalse(b.claim("ep", "node-b", Duration.ofMinutes(1)), "the running session's claim survived the releases before it");
        a.sessionEndedAndReleased(last, "success", "ep", "node-a");
        a.sessions(Optional.of("ep"), 1); // written: reading the log flushes this node's queue
        assertTrue(b.claim("ep", "node-b", Duration.ofMinutes(1)), "released once written");
        assertEquals(Optional.of("success"), session(b, "ep", last).outcome());
    }

    @Test
    void a_claim_that_is_not_renewed_expires_with_its_lease() {
        JdbcBootstrapStorage a = storage("node-a");
        JdbcBootstrapStorage b = storage("node-b");
        assertTrue(a.claim("ep", "node-a", Duration.ofSeconds(3))); // long enough for a slow machine to try b in between
        assertFalse(b.claim("ep", "node-b", Duration.ofMinutes(1)));
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
            .until(() -> b.claim("ep", "node-b", Duration.ofMinutes(1)));
        assertFalse(a.claim("ep", "node-a", Duration.ofMinutes(1)), "the expired holder lost it");
    }

    @Test
    void taking_over_an_expired_claim_ends_the_former_holders_open_sessions_of_that_endpoint_as_abandoned() {
        JdbcBootstrapStorage a = storage("node-a");
        JdbcBootstrapStorage b = storage("node-b");
        long finished = a.sessionStarted("ep", "node-a");
        a.sessionEnded(finished, "success");
        assertTrue(a.claim("ep", "node-a", Duration.ofSeconds(2)));
        long open = a.sessionStarted("ep", "node-a");
        a.sessionEvent(open, "WRITE /0/1 2.04");
        long elsewhere = a.sessionStarted("other-ep", "node-a");
        assertFalse(b.claim("ep", "node-b", Duration.ofMinutes(1)));
        assertEquals(Optional.empty(), session(b, "ep", open).outcome(), "open while the lease runs");

        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
            .until(() -> b.claim("ep", "node-b", Duration.ofMinutes(1)));
        SessionRecord abandoned = session(b, "ep", open);
        assertEquals(Optional.of("abandoned: node node-a stopped renewing its claim; node node-b took the endpoint over"), abandoned.outcome());
        assertTrue(abandoned.ended().isPresent());
        assertEquals(List.of("WRITE /0/1 2.04"), abandoned.events());
        assertEquals(Optional.of("success"), session(b, "ep", finished).outcome(), "an ended session keeps its outcome");
        assertEquals(Optional.empty(), session(b, "other-ep", elsewhere).outcome(), "other endpoints are not touched");

        a.sessionEnded(open, "success"); // the former holder, alive after all, reports late: the first end counts
        assertEquals(abandoned.outcome(), session(b, "ep", open).outcome());
        assertFalse(a.claim("ep", "node-a", Duration.ofMinutes(1)), "its renewal finds the claim gone");
        assertTrue(b.claim("ep", "node-b", Duration.ofMinutes(1)), "the new holder renews without abandoning its own");
        assertEquals(abandoned.outcome(), session(b, "ep", open).outcome());
    }

    @Test
    void open_sessions_whose_node_holds_no_live_claim_on_their_endpoint_are_ended_as_abandoned_after_the_grace() {
        JdbcBootstrapStorage a = storage("node-a");
        assertTrue(a.claim("held", "node-a", Duration.ofMinutes(1)));
        long running = a.sessionStarted("held", "node-a");
        long orphan = a.sessionStarted("gone", "node-a"); // its node died after the device finished: nobody claims it again
        long done = a.sessionStarted("gone", "node-a");
        a.sessionEnded(done, "success");
        assertTrue(a.claim("lapsing", "node-b", Duration.ofSeconds(1)));
        long lapsed = a.sessionStarted("lapsing", "node-b");
        assertEquals(0, a.endOrphanedSessions(Duration.ofMinutes(1)), "none older than the grace");

        java.util.concurrent.atomic.AtomicInteger ended = new java.util.concurrent.atomic.AtomicInteger();
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
            .until(() -> ended.addAndGet(a.endOrphanedSessions(Duration.ofMillis(100))) == 2);
        assertEquals(Optional.of("abandoned: node node-a stopped renewing its claim before the session ended"), session(a, "gone", orphan).outcome());
        assertEquals(Optional.of("abandoned: node node-b stopped renewing its claim before the session ended"),
            session(a, "lapsing", lapsed).outcome());
        assertEquals(Optional.empty(), session(a, "held", running).outcome(), "its node holds the claim: running");
        assertEquals(Optional.of("success"), session(a, "gone", done).outcome());
        assertEquals(0, a.endOrphanedSessions(Duration.ofMillis(100)));
    }

    private static SessionRecord session(JdbcBootstrapStorage s, String endpoint, long id) {
        return s.sessions(Optional.of(endpoint), 100).stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }

    @Test
    void renewing_moves_the_expiry_to_the_new_lease_in_database_time() {
        JdbcBootstrapStorage a = storage("node-a");
        assertTrue(a.claim("ep", "node-a", Duration.ofSeconds(5)));
        Duration first = remainingLease(a, "ep");
        assertTrue(first.compareTo(Duration.ofSeconds(5)) <= 0 && !first.isNegative(), first.toString());
        assertTrue(a.claim("ep", "node-a", Duration.ofHours(1)));
        Duration renewed = remainingLease(a, "ep");
        assertTrue(renewed.compareTo(Duration.ofMinutes(55)) > 0 && renewed.compareTo(Duration.ofHours(1)) <= 0, renewed.toString());
    }

    @Test
    void of_many_concurrent_claims_on_one_endpoint_exactly_one_wins() throws Exception {
        int nodes = 12;
        List<JdbcBootstrapStorage> storages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            storages.add(storage("node-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            for (int round = 0; round < 10; round++) {
                String endpoint = "ep-" + round;
                if (round % 2 == 1) { // an expired claim of a dead node is there: taken over by exactly one too
                    JdbcBootstrapStorage first = storages.get(0);
                    assertTrue(first.claim(endpoint, "dead", Duration.ofMillis(1)));
                    Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                        .until(() -> first.claimLeft(endpoint).map(left -> left.isNegative() || left.isZero()).orElse(false));
                }
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < nodes; i++) {
                    JdbcBootstrapStorage s = storages.get(i % storages.size());
                    String node = "node-" + i;
                    int i2 = i;
                    Callable<Boolean> claim = () -> {
                        start.await();
                        // half of them with the session's start in the same transaction
                        return i2 % 2 == 0 ? s.claim(endpoint, node, Duration.ofMinutes(1))
                            : s.claimAndStart(endpoint, node, Duration.ofMinutes(1)).isPresent();
                    };
                    results.add(pool.submit(claim));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> r : results) {
                    winners += r.get() ? 1 : 0;
                }
                assertEquals(1, winners, "winners on " + endpoint);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The claim's expiry minus now (the database's time where claims are rows). */
    static Duration remainingLease(JdbcBootstrapStorage s, String endpoint) {
        return s.claimLeft(endpoint).orElseThrow();
    }
}
