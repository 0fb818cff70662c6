package org.gatehouse.lwm2m.server.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.gatehouse.lwm2m.server.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queue mode: a device in queue mode listens only for a while after it sent something (Register,
 * Update, a notification). Requests for it while it sleeps are held here and go out, one after the
 * other, when it wakes; held requests fail when it does not wake within {@code holdTimeout}, or when
 * its registration ends. Devices not in queue mode pass straight through.
 */
final class RequestQueue {

    private static final Logger LOG = LoggerFactory.getLogger(RequestQueue.class);

    private final Clock clock;
    private final Duration awakeTime;
    private final Duration holdTimeout;
    private final Map<String, Instant> awakeUntil = new HashMap<>();
    private final Map<String, Deque<Held<?>>> held = new HashMap<>();

    private record Held<T>(String what, Supplier<CompletionStage<T>> send, CompletableFuture<T> result, Instant deadline) {
        void go() {
            send.get().whenComplete((v, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(v);
                }
            });
        }
    }

    RequestQueue(Clock clock, Duration awakeTime, Duration holdTimeout) {
        this.clock = clock;
        this.awakeTime = awakeTime;
        this.holdTimeout = holdTimeout;
    }

    /** Sends now when the device listens, else holds the request until it wakes. */
    <T> CompletionStage<T> submit(Registration device, String what, Supplier<CompletionStage<T>> send) {
        if (!device.queueMode()) {
            return send.get();
        }
        Held<T> h = new Held<>(what, send, new CompletableFuture<>(), clock.instant().plus(holdTimeout));
        synchronized (this) {
            Instant until = awakeUntil.get(device.endpoint());
            Deque<Held<?>> waiting = held.get(device.endpoint());
            if (until == null || !clock.instant().isBefore(until) || waiting != null && !waiting.isEmpty()) {
                held.computeIfAbsent(device.endpoint(), k -> new ArrayDeque<>()).add(h);
                LOG.debug("Holding {} for {} until it wakes (queue mode)", what, device.endpoint());
                return h.result();
            }
        }
        h.go();
        return h.result();
    }

    /** The device sent something: it listens for the awake time; the held requests go out now, in order. */
    void woke(String endpoint) {
        List<Held<?>> due;
        synchronized (this) {
            awakeUntil.put(endpoint, clock.instant().plus(awakeTime));
            Deque<Held<?>> waiting = held.remove(endpoint);
            due = waiting == null ? List.of() : new ArrayList<>(waiting);
        }
        if (!due.isEmpty()) {
            LOG.debug("{} woke: sending {} held request(s)", endpoint, due.size());
        }
        // one after the other: a queue-mode device is usually too small for requests in parallel
        CompletableFuture<?> chain = CompletableFuture.completedFuture(null);
        for (Held<?> h : due) {
            chain = chain.handle((v, e) -> null).thenCompose(x -> {
                h.go();
                return h.result();
            });
        }
    }

    /** The registration ended: held requests fail and the device is forgotten. */
    void drop(String endpoint, String why) {
        Deque<Held<?>> waiting;
        synchronized (this) {
            awakeUntil.remove(endpoint);
            waiting = held.remove(endpoint);
        }
        if (waiting != null) {
            waiting.forEach(h -> h.result().completeExceptionally(new IllegalStateException(endpoint + " " + why + " before " + h.what() + " went out")));
        }
    }

    /** Fails the held requests whose device did not wake in time. */
    void sweep() {
        Instant now = clock.instant();
        List<Held<?>> late = new ArrayList<>();
        synchronized (this) {
            held.values().forEach(q -> q.removeIf(h -> now.isAfter(h.deadline()) && late.add(h)));
            held.values().removeIf(Deque::isEmpty);
        }
        late.forEach(h -> h.result().completeExceptionally(new TimeoutException(h.what() + " held " + holdTimeout.toSeconds()
            + " s for a device in queue mode that did not wake")));
    }

    /** What is held for the device, e.g. "Read /3/0/0". */
    synchronized List<String> held(String endpoint) {
        Deque<Held<?>> q = held.get(endpoint);
        return q == null ? List.of() : q.stream().map(Held::what).toList();
    }
}
