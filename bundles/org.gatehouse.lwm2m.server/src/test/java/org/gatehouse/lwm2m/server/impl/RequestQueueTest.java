package org.gatehouse.lwm2m.server.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.gatehouse.coap.Peer;
import org.gatehouse.coap.PeerIdentity;
import org.gatehouse.lwm2m.server.Registration;
import org.junit.jupiter.api.Test;

class RequestQueueTest {

    private final MutableClock clock = new MutableClock();
    private final RequestQueue queue = new RequestQueue(clock, Duration.ofSeconds(93), Duration.ofSeconds(600));
    private final List<String> sent = new ArrayList<>();

    private static Registration device(boolean queueMode) {
        Instant t = Instant.EPOCH;
        return new Registration("id", "dev", new Peer(new InetSocketAddress("127.0.0.1", 1), new PeerIdentity.None()), "1.1",
            Duration.ofSeconds(60), queueMode ? "UQ" : "U", queueMode, "/", List.of(), t, t);
    }

    private CompletableFuture<String> submit(Registration d, String what) {
        return queue.submit(d, what, () -> {
            sent.add(what);
            return CompletableFuture.completedFuture(what + " done");
        }).toCompletableFuture();
    }

    @Test
    void a_device_not_in_queue_mode_gets_requests_at_once() {
        assertEquals("Read /3/0/0 done", submit(device(false), "Read /3/0/0").join());
    }

    @Test
    void requests_for_a_sleeping_device_wait_for_it_to_wake_and_go_in_order() {
        Registration d = device(true);
        CompletableFuture<String> first = submit(d, "Read /3/0/0");
        CompletableFuture<String> second = submit(d, "Write /3/0/14");
        assertTrue(sent.isEmpty());
        assertEquals(List.of("Read /3/0/0", "Write /3/0/14"), queue.held("dev"));
        queue.woke("dev");
        assertEquals(List.of("Read /3/0/0", "Write /3/0/14"), sent);
        assertEquals("Read /3/0/0 done", first.join());
        assertEquals("Write /3/0/14 done", second.join());
        assertEquals(List.of(), queue.held("dev"));
    }

    @Test
    void an_awake_device_gets_requests_at_once_until_the_awake_time_is_over() {
        Registration d = device(true);
        queue.woke("dev");
        clock.advance(Duration.ofSeconds(92));
        assertTrue(submit(d, "Read /3/0/0").isDone());
        clock.advance(Duration.ofSeconds(1));
        assertFalse(submit(d, "Read /3/0/1").isDone(), "93 s after its last message the device sleeps");
    }

    @Test
    void held_requests_fail_when_the_device_does_not_wake_in_time() {
        CompletableFuture<String> held = submit(device(true), "Read /3/0/0");
        clock.advance(Duration.ofSeconds(600));
        queue.sweep();
        assertFalse(held.isDone());
        clock.advance(Duration.ofSeconds(1));
        queue.sweep();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, held::get);
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertTrue(sent.isEmpty());
    }

    @Test
    void held_requests_fail_when_the_registration_ends() {
        CompletableFuture<String> held = submit(device(true), "Read /3/0/0");
        queue.drop("dev", "de-registered");
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, held::get);
        assertTrue(e.getCause().getMessage().contains("de-registered before Read /3/0/0 went out"), e.getCause().getMessage());
        queue.woke("dev");
        assertTrue(sent.isEmpty());
    }
}
