package org.gatehouse.lwm2m.store.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.StoreCommitEvent;
import org.gatehouse.lwm2m.store.StoreConflictException;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Bootstrap-Finish racing a cancel is a commit racing a rollback of the same transaction on two
 * threads. Before, both could release the single writer permit, after which two writers could commit
 * at once. Here each round lets exactly one of them win; afterwards the store holds exactly the
 * committed rounds, its commit lock is free, and concurrent read-modify-write commits still lose no update.
 */
class CommitRaceTest {

    private static final int ROUNDS = 3_000;
    private static final LwM2mPath COUNTER = LwM2mPath.of(33000, 0);
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void commit_against_rollback_on_two_threads_takes_effect_once() throws Exception {
        ConcurrentLinkedQueue<StoreCommitEvent> events = new ConcurrentLinkedQueue<>();
        FileObjectStore store = new FileObjectStore(dir, events::add);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CyclicBarrier start = new CyclicBarrier(2);
        int committed = 0;
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                StoreTransaction tx = store.begin("bootstrap:race", WAIT);
                tx.write(COUNTER, counter(round));
                Future<Boolean> finish = threads.submit(() -> {
                    start.await();
                    try {
                        tx.commit();
                        return true;
                    } catch (StoreException e) {
                        assertTrue(e.getMessage().contains("already ended"), e.getMessage());
                        return false;
                    }
                });
                Future<?> cancel = threads.submit((Callable<Void>) () -> {
                    start.await();
                    tx.rollback();
                    return null;
                });
                cancel.get(10, TimeUnit.SECONDS);
                if (finish.get(10, TimeUnit.SECONDS)) {
                    committed++;
                    assertEquals(counter(round), store.read(COUNTER).orElseThrow(), "round " + round);
                }
                assertFalse(tx.isOpen());
                assertEquals(committed, store.snapshot().revision(), "round " + round + ": one revision per commit that won");
                assertFalse(store.isCommitting(), "round " + round + ": commit lock left held");
            }
        } finally {
            threads.shutdownNow();
        }
        assertTrue(committed > 0 && committed < ROUNDS, "both outcomes happened: " + committed + " commits in " + ROUNDS + " rounds");
        assertEquals(committed, events.size(), "one event per commit");
        assertEquals(committed, new FileObjectStore(dir).snapshot().revision(), "the file holds the last commit");
        commits_still_exclude_each_other(store);
    }

    /** Four writers add one to a counter 150 times each; any two commits overlapping would lose an increment. */
    private static void commits_still_exclude_each_other(FileObjectStore store) throws Exception {
        long before = value(store.snapshot().read(COUNTER).orElseThrow());
        long revision = store.snapshot().revision();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String writer = "writer-" + w;
                done.add(writers.submit((Callable<Void>) () -> {
                    for (int i = 0; i < 150; i++) {
                        increment(store, writer);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
        assertEquals(before + 600, value(store.snapshot().read(COUNTER).orElseThrow()), "no increment lost");
        assertEquals(revision + 600, store.snapshot().revision(), "one revision per increment");
        assertFalse(store.isCommitting());
    }

    // Four writers on two cores conflict often: retry until this increment lands.
    private static void increment(FileObjectStore store, String writer) throws StoreException {
        while (true) {
            try (StoreTransaction tx = store.begin(writer, WAIT)) {
                tx.write(COUNTER, counter(value(tx.view().read(COUNTER).orElseThrow()) + 1));
                tx.commit();
                return;
            } catch (StoreConflictException e) {
                // someone else's increment landed first; read it and add one to it
            }
        }
    }

    private static LwM2mObjectInstance counter(long n) {
        return LwM2mObjectInstance.of(0, SingleResource.of(0, Value.integer(n)));
    }

    private static long value(org.gatehouse.lwm2m.model.LwM2mNode instance) {
        return ((SingleResource) ((LwM2mObjectInstance) instance).resource(0)).value().asLong();
    }
}
