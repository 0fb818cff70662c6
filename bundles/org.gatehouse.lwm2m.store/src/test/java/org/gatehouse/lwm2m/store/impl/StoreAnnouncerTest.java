package org.gatehouse.lwm2m.store.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.StoreCommitEvent;
import org.gatehouse.lwm2m.store.StoreListener;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listeners get every commit in order, off the committing thread, and one failing or slow listener harms only itself. */
class StoreAnnouncerTest {

    private static final Duration WAIT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private static void commit(FileObjectStore store, int n) throws Exception {
        try (StoreTransaction tx = store.begin("server:" + n, WAIT)) {
            tx.write(LwM2mPath.of(1, 0), LwM2mObjectInstance.of(0, SingleResource.of(1, Value.integer(n))));
            tx.commit();
        }
    }

    @Test
    void every_listener_gets_every_commit_in_order_even_when_another_fails() throws Exception {
        List<Long> seen = new CopyOnWriteArrayList<>();
        StoreListener failing = e -> {
            throw new IllegalStateException("broken listener");
        };
        StoreListener recording = e -> seen.add(e.revision());
        try (StoreAnnouncer announcer = new StoreAnnouncer(() -> List.of(failing, recording))) {
            FileObjectStore store = new FileObjectStore(dir, announcer);
            for (int n = 1; n <= 20; n++) {
                commit(store, n);
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 20);
        }
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList(), seen);
    }

    @Test
    void a_commit_does_not_wait_for_a_slow_listener() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<StoreCommitEvent> seen = new CopyOnWriteArrayList<>();
        StoreListener slow = e -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            seen.add(e);
        };
        try (StoreAnnouncer announcer = new StoreAnnouncer(() -> List.of(slow))) {
            FileObjectStore store = new FileObjectStore(dir, announcer);
            long start = System.nanoTime();
            for (int n = 1; n <= 3; n++) {
                commit(store, n);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 5_000, "three commits took " + millis + " ms while the listener was blocked");
            assertTrue(seen.isEmpty());
            release.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 3);
        }
        assertEquals(List.of("server:1", "server:2", "server:3"), seen.stream().map(StoreCommitEvent::writer).toList());
    }
}
