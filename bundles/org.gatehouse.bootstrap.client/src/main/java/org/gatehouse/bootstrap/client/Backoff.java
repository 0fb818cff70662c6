package org.gatehouse.bootstrap.client;

import java.util.Random;

/**
 * Waits between Bootstrap-Request attempts: the first is the account's Client Hold Off Time; each
 * retry doubles the previous wait with a random jitter of up to +50%, capped so that NAT bindings
 * and operators' patience both survive.
 */
final class Backoff {

    private final long firstMillis;
    private final long capMillis;
    private final Random random;

    Backoff(long firstMillis, long capMillis, Random random) {
        this.firstMillis = firstMillis;
        this.capMillis = capMillis;
        this.random = random;
    }

    /** The wait before attempt {@code n} (0 = the first attempt). */
    long delayMillis(int n) {
        if (n == 0) {
            return Math.min(firstMillis, capMillis);
        }
        long base = Math.max(1000, firstMillis) << Math.min(n - 1, 20);
        long jittered = base + (long) (base * 0.5 * random.nextDouble());
        return Math.min(jittered, capMillis);
    }
}
