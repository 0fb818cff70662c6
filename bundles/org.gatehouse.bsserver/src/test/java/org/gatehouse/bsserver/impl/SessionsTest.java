package org.gatehouse.bsserver.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SessionsTest {

    private final MemoryStorage storage = new MemoryStorage();

    private Sessions sessions(String node, int max) {
        return new Sessions(storage, node, max, Duration.ofSeconds(60), Duration.ofSeconds(5), Runnable::run);
    }

    @Test
    void no_more_than_the_maximum_is_reserved_and_a_given_back_reservation_frees_its_place() {
        Sessions s = sessions("a", 2);
        assertEquals(Optional.empty(), s.reserve("e1"));
        assertEquals(Optional.empty(), s.reserve("e2"));
        assertEquals(Optional.of("this node runs its maximum of sessions; retry later"), s.reserve("e3"));
        s.unreserve("e1");
        assertEquals(Optional.empty(), s.reserve("e3"));
    }

    @Test
    void an_endpoint_is_reserved_once_on_this_node() {
        Sessions s = sessions("a", 5);
        assertEquals(Optional.empty(), s.reserve("e1"));
        assertEquals(Optional.of("a session of e1 is already running on this node"), s.reserve("e1"));
        s.unreserve("e1");
        assertEquals(Optional.empty(), s.reserve("e1"));
    }

    @Test
    void an_endpoint_claimed_by_another_node_is_not_run_here() {
        assertTrue(storage.claim("e1", "b", Duration.ofSeconds(60)));
        Sessions s = sessions("a", 2);
        assertEquals(Optional.of("another bootstrap-server node is running a session of e1"), s.reserve("e1"));
        assertEquals(Optional.empty(), s.reserve("e2"), "the refused claim gave its place back");
        assertEquals(Optional.empty(), s.reserve("e3"));
    }

    @Test
    void a_reservation_holds_the_claim_until_given_back() {
        Sessions a = sessions("a", 2);
        assertEquals(Optional.empty(), a.reserve("e1"));
        assertEquals(Optional.of("another bootstrap-server node is running a session of e1"), sessions("b", 2).reserve("e1"));
        a.unreserve("e1");
        assertEquals(Optional.empty(), sessions("b", 2).reserve("e1"));
    }
}
