package org.gatehouse.registration.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetriesTest {

    /** The waits before each attempt until registration is deemed failed. */
    private static List<Long> waits(Retries r) {
        List<Long> out = new ArrayList<>();
        for (long n = 0; n < 100; n++) {
            long w = r.waitBefore(n);
            if (w == Retries.FAILED) {
                return out;
            }
            out.add(w);
        }
        throw new AssertionError("never deemed failed");
    }

    @Test
    void spec_defaults_double_the_retry_timer_within_one_sequence() {
        // /1/x/17 = 5, 18 = 60 s, 19 = 86400 s, 20 = 1
        assertEquals(List.of(0L, 60L, 120L, 240L, 480L), waits(new Retries(5, 1, 60, 86400, 600)));
    }

    @Test
    void max_retry_wait_caps_only_the_back_off() {
        assertEquals(List.of(0L, 60L, 100L, 100L), waits(new Retries(4, 1, 60, 86400, 100)));
    }

    @Test
    void the_sequence_delay_is_honoured_as_given_not_capped_by_max_retry_wait() {
        assertEquals(List.of(0L, 1L, 86400L, 1L, 86400L, 1L), waits(new Retries(2, 3, 1, 86400, 1)));
    }

    @ParameterizedTest
    @ValueSource(longs = {0xFFFF_FFFFL, Long.MAX_VALUE, -1L /* unsigned 2^64-1 */})
    void the_maximum_sequence_delay_means_no_further_sequence(long delay) {
        Retries r = new Retries(2, 5, 1, delay, 600);
        assertTrue(r.noFurtherSequence());
        assertEquals(List.of(0L, 1L), waits(r));
    }

    @Test
    void a_large_retry_timer_does_not_overflow() {
        Retries r = new Retries(80, 1, 0xFFFF_FFFFL, 86400, 600);
        assertEquals(600, r.waitBefore(70));
        assertFalse(r.noFurtherSequence());
    }

    @Test
    void zero_counts_still_make_one_attempt() {
        assertEquals(List.of(0L), waits(Retries.of(new org.gatehouse.lwm2m.client.ServerSettings(0, 1, 60, "U", -1, 0, false, true, 0, 60,
            86400, 0), 600)));
    }
}
