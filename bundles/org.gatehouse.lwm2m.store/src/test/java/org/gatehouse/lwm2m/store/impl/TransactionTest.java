package org.gatehouse.lwm2m.store.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.StoreBusyException;
import org.gatehouse.lwm2m.store.StoreCommitEvent;
import org.gatehouse.lwm2m.store.StoreConflictException;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.gatehouse.lwm2m.store.StoreWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A transaction's life: owner, deadline, ending once, commits that wait, and {@link ObjectStore#update}. */
class TransactionTest {

    private static final Duration WAIT = Duration.ofSeconds(1);
    private static final LwM2mPath DEVICE = LwM2mPath.of(3, 0);

    @TempDir
    Path dir;

    private final List<StoreCommitEvent> events = new ArrayList<>();

    static LwM2mObjectInstance device(String manufacturer) {
        return LwM2mObjectInstance.of(0, SingleResource.of(0, Value.string(manufacturer)));
    }

    @Test
    void a_transaction_knows_its_writer_and_deadline() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        FileObjectStore store = new FileObjectStore(dir, events::add, Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(90));
        try (StoreTransaction tx = store.begin("server:101", WAIT)) {
            assertEquals("server:101", tx.writer());
            assertEquals(now.plusSeconds(90), tx.deadline());
        }
        assertEquals(ObjectStore.UNKNOWN_WRITER, store.begin(WAIT).writer(), "the old begin names no writer");
    }

    @Test
    void an_expired_transaction_refuses_writes_and_commit_and_applies_nothing() throws Exception {
        MutableClock clock = new MutableClock();
        FileObjectStore store = new FileObjectStore(dir, events::add, clock, Duration.ofSeconds(60));
        StoreTransaction tx = store.begin("bootstrap:coap://bs", WAIT);
        tx.write(DEVICE, device("a"));
        clock.now = clock.now.plusSeconds(61);
        StoreException e = assertThrows(StoreException.class, tx::commit);
        assertTrue(e.getMessage().contains("expired") && e.getMessage().contains("bootstrap:coap://bs"), e.getMessage());
        assertFalse(tx.isOpen());
        assertTrue(store.read(DEVICE).isEmpty());
        assertEquals(0, store.snapshot().revision());

        StoreTransaction late = store.begin("late", WAIT);
        clock.now = clock.now.plusSeconds(61);
        assertThrows(StoreException.class, () -> late.write(DEVICE, device("b")));
        assertTrue(events.isEmpty());
    }

    @Test
    void ending_is_idempotent_and_a_commit_happens_once() throws Exception {
        FileObjectStore store = new FileObjectStore(dir, events::add);
        StoreTransaction tx = store.begin("device-config", WAIT);
        tx.write(DEVICE, device("a"));
        assertEquals(1, tx.commit());
        tx.rollback();
        tx.close();
        assertTrue(assertThrows(StoreException.class, tx::commit).getMessage().contains("already ended"));
        assertEquals(1, store.snapshot().revision());
        assertEquals(1, events.size());

        StoreTransaction discarded = store.begin("device-config", WAIT);
        discarded.write(DEVICE, device("b"));
        discarded.rollback();
        discarded.rollback();
        discarded.close();
        assertThrows(StoreException.class, discarded::commit);
        assertEquals(device("a"), store.read(DEVICE).orElseThrow());
    }

    @Test
    void a_transaction_without_changes_commits_nothing() throws Exception {
        FileObjectStore store = new FileObjectStore(dir, events::add);
        try (StoreTransaction tx = store.begin("device-config", WAIT)) {
            tx.write(DEVICE, device("a"));
            tx.commit();
        }
        StoreTransaction idle = store.begin("reader", WAIT);
        try (StoreTransaction other = store.begin("other", WAIT)) {
            other.write(DEVICE, device("b"));
            other.commit();
        }
        assertEquals(2, idle.commit(), "no conflict for nothing: it returns the current revision");
        assertEquals(2, store.snapshot().revision());
        assertEquals(2, events.size());
    }

    @Test
    void a_commit_waits_for_the_one_in_progress_then_gives_up_as_busy() throws Exception {
        CountDownLatch inCommit = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FileObjectStore store = new FileObjectStore(dir, event -> {
            if (event.writer().equals("slow")) { // holds the commit lock, as a commit on a slow disk would
                inCommit.countDown();
                await(release);
            }
        });
        StoreTransaction slow = store.begin("slow", WAIT);
        slow.write(DEVICE, device("slow"));
        CompletableFuture<Long> slowCommit = CompletableFuture.supplyAsync(() -> commit(slow));
        assertTrue(inCommit.await(5, TimeUnit.SECONDS));

        StoreTransaction hasty = store.begin("server:1", Duration.ofMillis(100));
        hasty.write(LwM2mPath.of(1, 0), LwM2mObjectInstance.of(0, SingleResource.of(0, Value.integer(1))));
        long start = System.nanoTime();
        StoreBusyException e = assertThrows(StoreBusyException.class, hasty::commit);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waited >= 100 && waited < 2000, "waited " + waited + " ms");
        assertTrue(e.getMessage().contains("slow"), "names the commit in progress: " + e.getMessage());
        assertFalse(hasty.isOpen());

        release.countDown();
        assertEquals(1, slowCommit.get(5, TimeUnit.SECONDS));
        assertTrue(store.read(LwM2mPath.of(1, 0)).isEmpty(), "the busy commit applied nothing");
        assertFalse(store.isCommitting());
    }

    @Test
    void update_runs_the_work_again_on_the_new_state_after_a_conflict() throws Exception {
        FileObjectStore store = new FileObjectStore(dir, events::add);
        AtomicInteger runs = new AtomicInteger();
        String result = store.update("server:1", WAIT, tx -> {
            if (runs.incrementAndGet() == 1) { // another writer commits while this work is under way
                try (StoreTransaction other = store.begin("device-config", WAIT)) {
                    other.write(DEVICE, device("concurrent"));
                    other.commit();
                }
            }
            tx.write(LwM2mPath.of(1, 0), LwM2mObjectInstance.of(0, SingleResource.of(1, Value.integer(runs.get()))));
            return "run " + runs.get();
        });
        assertEquals("run 2", result);
        assertEquals(device("concurrent"), store.read(DEVICE).orElseThrow(), "the concurrent commit is kept");
        assertEquals(LwM2mObjectInstance.of(0, SingleResource.of(1, Value.integer(2))), store.read(LwM2mPath.of(1, 0)).orElseThrow());
        assertEquals(List.of("device-config", "server:1"), events.stream().map(StoreCommitEvent::writer).toList());
    }

    @Test
    void update_gives_up_after_its_attempts_and_commits_nothing_when_the_work_rolls_back() throws Exception {
        FileObjectStore store = new FileObjectStore(dir, events::add);
        AtomicInteger runs = new AtomicInteger();
        assertThrows(StoreConflictException.class, () -> store.update("server:1", WAIT, tx -> {
            runs.incrementAndGet();
            try (StoreTransaction other = store.begin("other", WAIT)) {
                other.write(DEVICE, device("run " + runs.get()));
                other.commit();
            }
            tx.write(LwM2mPath.of(1, 0), LwM2mObjectInstance.of(0));
            return null;
        }));
        assertEquals(StoreWork.ATTEMPTS, runs.get());
        assertTrue(store.read(LwM2mPath.of(1, 0)).isEmpty());

        long revision = store.snapshot().revision();
        assertEquals("refused", store.update("server:1", WAIT, tx -> {
            tx.write(LwM2mPath.of(1, 0), LwM2mObjectInstance.of(0));
            tx.rollback();
            return "refused";
        }));
        assertEquals(revision, store.snapshot().revision());
    }

    private static long commit(StoreTransaction tx) {
        try {
            return tx.commit();
        } catch (StoreException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
