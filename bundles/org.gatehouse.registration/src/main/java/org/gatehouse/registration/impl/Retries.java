package org.gatehouse.registration.impl;

import org.gatehouse.lwm2m.client.ServerSettings;

/**
 * When to try a server again under its retry resources: /1/x/20 Communication Sequence Retry Count
 * sequences of /1/x/17 Communication Retry Count attempts each. Within a sequence the wait doubles,
 * /1/x/18 Communication Retry Timer × 2^(n−1) after the n-th failed attempt, capped by
 * {@code max.retry.wait}; between sequences the wait is /1/x/19 Communication Sequence Delay Timer
 * exactly as given, and its maximum value means "no further sequence". Once every attempt failed the
 * registration is deemed failed.
 */
record Retries(long attempts, long sequences, long retryTimer, long sequenceDelay, long maxRetryWait) {

    /** /1/x/19 at or above the largest unsigned 32-bit value (or an unsigned 64-bit one read as negative): no further sequence. */
    static final long NO_FURTHER_SEQUENCE = 0xFFFF_FFFFL;

    /** Returned by {@link #waitBefore(long)} once the registration is deemed failed. */
    static final long FAILED = -1;

    static Retries of(ServerSettings server, long maxRetryWait) {
        return new Retries(count(server.retryCount()), count(server.sequenceRetryCount()), Math.max(0, server.retryTimer()),
            server.sequenceDelay(), maxRetryWait);
    }

    // 0 would mean no attempt at all; an unsigned count beyond 2^63 reads as negative: both mean "at least one".
    private static long count(long value) {
        return value == 0 ? 1 : value < 0 ? Long.MAX_VALUE : value;
    }

    /** True when /1/x/19 says no sequence follows a failed one. */
    boolean noFurtherSequence() {
        return sequenceDelay < 0 || sequenceDelay >= NO_FURTHER_SEQUENCE;
    }

    /**
     * Seconds to wait before attempt {@code made} (counting from 0 over all sequences), that is after
     * {@code made} failed attempts; {@link #FAILED} when none follows.
     */
    long waitBefore(long made) {
        if (made == 0) {
            return 0;
        }
        long sequence = made / attempts;
        long inSequence = made % attempts;
        if (inSequence == 0) {
            return sequence >= sequences || noFurtherSequence() ? FAILED : sequenceDelay;
        }
        return Math.min(maxRetryWait, backOff(inSequence));
    }

    // timer × 2^(n−1) after the n-th failed attempt of a sequence, without overflowing
    private long backOff(long failed) {
        long shift = failed - 1;
        if (retryTimer == 0) {
            return 0;
        }
        return shift >= Long.numberOfLeadingZeros(retryTimer) - 1 ? Long.MAX_VALUE : retryTimer << shift;
    }
}
