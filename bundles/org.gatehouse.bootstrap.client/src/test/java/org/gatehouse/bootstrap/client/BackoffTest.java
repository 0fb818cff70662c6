package org.gatehouse.bootstrap.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The waits between Bootstrap-Request attempts: hold-off first, then doubling with up to +50% jitter, capped. */
class BackoffTest {

    @Test
    void the_first_wait_is_the_hold_off_capped() {
        assertEquals(7000, new Backoff(7000, 300_000, new Random(1)).delayMillis(0));
        assertEquals(0, new Backoff(0, 300_000, new Random(1)).delayMillis(0));
        assertEquals(5000, new Backoff(900_000, 5000, new Random(1)).delayMillis(0));
    }

    @Test
    void retries_double_from_the_hold_off_with_jitter_up_to_half_and_stop_at_the_cap() {
        Backoff b = new Backoff(4000, 60_000, new Random(7));
        for (int n = 1; n <= 12; n++) {
            long base = 4000L << (n - 1);
            long wait = b.delayMillis(n);
            assertTrue(wait >= Math.min(base, 60_000) && wait <= Math.min(base + base / 2, 60_000), "attempt " + n + ": " + wait);
        }
        assertEquals(60_000, b.delayMillis(30), "far attempts sit at the cap");
    }

    @Test
    void without_hold_off_retries_start_from_one_second() {
        long wait = new Backoff(0, 60_000, new Random(3)).delayMillis(1);
        assertTrue(wait >= 1000 && wait <= 1500, Long.toString(wait));
    }
}
