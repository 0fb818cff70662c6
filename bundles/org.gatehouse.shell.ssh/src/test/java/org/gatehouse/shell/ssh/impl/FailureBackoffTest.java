package org.gatehouse.shell.ssh.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class FailureBackoffTest {

    /** A clock moved by the test. */
    private static final class Hand extends Clock {
        private Instant now = Instant.parse("2026-12-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final Hand clock = new Hand();
    private final FailureBackoff backoff = new FailureBackoff(3, Duration.ofSeconds(10), clock);

    @Test
    void failures_below_the_threshold_do_not_block() {
        assertEquals(Duration.ZERO, backoff.failed("10.0.0.1"));
        assertEquals(Duration.ZERO, backoff.failed("10.0.0.1"));
        assertEquals(Duration.ZERO, backoff.blockedFor("10.0.0.1"));
        assertEquals(2, backoff.failures("10.0.0.1"));
    }

    @Test
    void from_the_threshold_on_the_refusal_doubles_up_to_the_maximum() {
        backoff.failed("10.0.0.1");
        backoff.failed("10.0.0.1");
        assertEquals(Duration.ofSeconds(1), backoff.failed("10.0.0.1"));
        assertEquals(Duration.ofSeconds(2), backoff.failed("10.0.0.1"));
        assertEquals(Duration.ofSeconds(4), backoff.failed("10.0.0.1"));
        assertEquals(Duration.ofSeconds(8), backoff.failed("10.0.0.1"));
        assertEquals(Duration.ofSeconds(10), backoff.failed("10.0.0.1"));
        assertEquals(Duration.ofSeconds(10), backoff.failed("10.0.0.1"));
        assertEquals(Duration.ofSeconds(10), backoff.blockedFor("10.0.0.1"));
    }

    @Test
    void a_refusal_ends_when_its_time_is_over() {
        for (int i = 0; i < 4; i++) {
            backoff.failed("10.0.0.1");
        }
        clock.advance(Duration.ofMillis(1500));
        assertEquals(Duration.ofMillis(500), backoff.blockedFor("10.0.0.1"));
        clock.advance(Duration.ofMillis(500));
        assertEquals(Duration.ZERO, backoff.blockedFor("10.0.0.1"));
    }

    @Test
    void addresses_are_counted_apart() {
        for (int i = 0; i < 3; i++) {
            backoff.failed("10.0.0.1");
        }
        assertEquals(Duration.ofSeconds(1), backoff.blockedFor("10.0.0.1"));
        assertEquals(Duration.ZERO, backoff.blockedFor("10.0.0.2"));
        assertEquals(Duration.ZERO, backoff.failed("10.0.0.2"));
    }

    @Test
    void a_success_forgets_the_failures() {
        backoff.failed("10.0.0.1");
        backoff.failed("10.0.0.1");
        backoff.succeeded("10.0.0.1");
        assertEquals(0, backoff.failures("10.0.0.1"));
        assertEquals(Duration.ZERO, backoff.failed("10.0.0.1"));
    }

    @Test
    void failures_are_forgotten_after_the_maximum_without_one() {
        backoff.failed("10.0.0.1");
        backoff.failed("10.0.0.1");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(Duration.ZERO, backoff.failed("10.0.0.1"));
        assertEquals(1, backoff.failures("10.0.0.1"));
    }

    @Test
    void a_scan_from_many_addresses_does_not_keep_expired_ones() {
        for (int i = 0; i < 2000; i++) {
            backoff.failed("10.1." + (i / 256) + "." + (i % 256));
        }
        clock.advance(Duration.ofSeconds(11));
        backoff.failed("10.0.0.1");
        assertEquals(0, backoff.failures("10.1.0.0"));
        assertEquals(1, backoff.failures("10.0.0.1"));
    }

    @Test
    void nonsense_settings_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new FailureBackoff(0, Duration.ofSeconds(1), clock));
        assertThrows(IllegalArgumentException.class, () -> new FailureBackoff(3, Duration.ZERO, clock));
    }
}
