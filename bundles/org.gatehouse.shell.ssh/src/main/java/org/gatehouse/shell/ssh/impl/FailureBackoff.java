package org.gatehouse.shell.ssh.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per source address. After {@code freeFailures} failures an address is refused for 1 s,
 * then 2 s, 4 s, ... up to {@code max}, whatever it offers; a success or {@code max} without a failure
 * forgets it. Refusing rather than sleeping keeps SSHD's I/O threads free for everybody else.
 */
final class FailureBackoff {

    /** Addresses kept before expired ones are swept, so that a scan from many addresses cannot fill the heap. */
    private static final int SWEEP_ABOVE = 1024;

    private record Entry(int failures, Instant last, Instant until) {
    }

    private final int freeFailures;
    private final Duration max;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    FailureBackoff(int freeFailures, Duration max, Clock clock) {
        if (freeFailures < 1 || max.isNegative() || max.isZero()) {
            throw new IllegalArgumentException("back-off needs at least 1 free failure and a positive maximum");
        }
        this.freeFailures = freeFailures;
        this.max = max;
        this.clock = clock;
    }

    /** How long {@code source} is still refused; zero when it may try. */
    Duration blockedFor(String source) {
        Entry e = entries.get(source);
        Instant now = clock.instant();
        return e == null || !e.until().isAfter(now) ? Duration.ZERO : Duration.between(now, e.until());
    }

    /** Records a failure; returns how long {@code source} is now refused (zero below the threshold). */
    Duration failed(String source) {
        Instant now = clock.instant();
        if (entries.size() > SWEEP_ABOVE) {
            entries.values().removeIf(e -> expired(e, now));
        }
        Entry e = entries.compute(source, (k, old) -> {
            int failures = old == null || expired(old, now) ? 1 : old.failures() + 1;
            return new Entry(failures, now, now.plus(delay(failures)));
        });
        return Duration.between(now, e.until());
    }

    /** Forgets the failures of {@code source} after it logged in. */
    void succeeded(String source) {
        entries.remove(source);
    }

    /** Failures counted for {@code source} (for the log line). */
    int failures(String source) {
        Entry e = entries.get(source);
        return e == null ? 0 : e.failures();
    }

    private Duration delay(int failures) {
        if (failures < freeFailures) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - freeFailures, 30); // 2^30 s is far past any sensible maximum
        Duration d = Duration.ofSeconds(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }

    private boolean expired(Entry e, Instant now) {
        return !e.last().plus(max).isAfter(now) && !e.until().isAfter(now);
    }
}
