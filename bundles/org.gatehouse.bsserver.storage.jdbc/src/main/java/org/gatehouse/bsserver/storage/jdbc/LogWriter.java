package org.gatehouse.bsserver.storage.jdbc;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.gatehouse.bsserver.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes session-log rows behind their callers (events and ends; on an embedded database starts too):
 * they are queued, and one thread writes what
 * has queued up meanwhile, and what follows within {@link #LINGER_MILLIS}, in one transaction (one JDBC
 * batch per statement). A busy server thus pays one commit per batch instead of one per row, and its
 * request threads never wait for the database. The queue holds at most {@link #CAPACITY} rows; a caller
 * finding it full waits. A session that began within {@link #HOLD_MILLIS} and has not ended is kept back for the
 * next batch, so that a short session is written whole, in one row ({@link LogRows}). A crash loses what is queued
 * or kept back: the rows of the last moments (about the last {@link #LINGER_MILLIS} ms, at most {@link #CAPACITY}
 * rows) and the sessions begun in the last {@link #HOLD_MILLIS} ms; a flush and {@link #close} write them all. A
 * session's end may carry the release of its claim: a crash then leaves the claim to expire with its lease.
 */
final class LogWriter implements AutoCloseable {

    static final int CAPACITY = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(LogWriter.class);
    private static final int BATCH = 1000;
    private static final long LINGER_MILLIS = 20;
    private static final long HOLD_MILLIS = 100;
    private static final long RETRY_MILLIS = 1000;
    private static final long FLUSH_SECONDS = 30;

    /**
     * A row to write: a session's start ({@code started} set, with its endpoint and node), an event, or an end
     * (which may release its node's claim on {@code endpoint}); or a flush marker ({@code done} set).
     */
    record Entry(long sessionId, String text, boolean end, String endpoint, String node, OffsetDateTime started,
            CompletableFuture<Void> done) {
    }

    private final Database database;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final AtomicInteger flushes = new AtomicInteger(); // flush markers queued and not yet done
    private final Map<String, AtomicInteger> releasing = new ConcurrentHashMap<>(); // by endpoint: releases queued, not yet written
    // the writer thread's own: what holdBack kept for the next batch, and since when each of those sessions is held
    private final List<Entry> held = new ArrayList<>();
    private final Map<Long, Long> heldSince = new HashMap<>();
    private Thread thread;
    private volatile boolean closed;

    LogWriter(Database database) {
        this.database = database;
    }

    /** Queues an event ({@code end} false) or the end of a session; false once closed (then write it yourself). */
    boolean offer(long sessionId, String text, boolean end) {
        return enqueue(new Entry(sessionId, text, end, null, null, null, null));
    }

    /** Queues the start of a session whose id was handed out by the caller; false once closed. */
    boolean offerStart(long sessionId, String endpoint, String node, OffsetDateTime started) {
        return enqueue(new Entry(sessionId, null, false, endpoint, node, started, null));
    }

    /** Queues the end of a session, then the release of {@code node}'s claim on {@code endpoint}; false once closed. */
    boolean offerEnd(long sessionId, String text, String endpoint, String node) {
        releasing.computeIfAbsent(endpoint, k -> new AtomicInteger()).incrementAndGet();
        if (enqueue(new Entry(sessionId, text, true, endpoint, node, null, null))) {
            return true;
        }
        released(endpoint);
        return false;
    }

    /** True while a release of a claim on {@code endpoint} is queued or being written. */
    boolean releasing(String endpoint) {
        AtomicInteger n = releasing.get(endpoint);
        return n != null && n.get() > 0;
    }

    private void released(String endpoint) {
        releasing.computeIfPresent(endpoint, (k, n) -> n.decrementAndGet() == 0 ? null : n);
    }

    /** Returns once everything queued before has been written (or failed for good, which was logged). */
    void flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        flushes.incrementAndGet(); // before the marker: the writer counts it down once written
        if (enqueue(new Entry(0, null, false, null, null, null, done))) {
            wake();
            await(done);
        } else {
            flushes.decrementAndGet();
        }
    }

    /** Ends the writer's linger: a flush is waited for. */
    private void wake() {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        LockSupport.unpark(t);
    }

    private void await(CompletableFuture<Void> done) {
        try {
            done.get(FLUSH_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("The session log of {} was not written within {} s", database.described(), FLUSH_SECONDS);
        }
    }

    private synchronized boolean enqueue(Entry e) {
        if (closed) {
            return false;
        }
        if (thread == null) {
            thread = new Thread(this::run, "bsserver-log-writer");
            thread.setDaemon(true);
            thread.start();
        }
        try {
            queue.put(e); // full: the database is behind, and the caller waits as it did when it wrote itself
            return true;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void run() {
        List<Entry> batch = new ArrayList<>();
        while (true) {
            Entry first;
            try {
                first = held.isEmpty() ? queue.take() : queue.poll(heldFor(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return; // close() interrupts only after the last flush, which wrote what was held too
            }
            batch.addAll(held); // older than what follows, and in their order
            held.clear();
            try {
                if (first != null) {
                    batch.add(first);
                    gather(batch, first.done() == null);
                }
            } catch (InterruptedException e) {
                writeUntilDone(batch); // close() interrupts only after the last flush: nothing is left behind
                return;
            }
            holdBack(batch);
            if (!batch.isEmpty()) {
                writeUntilDone(batch);
            }
            batch.forEach(e -> {
                if (e.end() && e.endpoint() != null) {
                    released(e.endpoint()); // written, or given up on (logged): a claim waits no longer
                }
                if (e.done() != null) {
                    flushes.decrementAndGet();
                    e.done().complete(null);
                }
            });
            batch.clear();
        }
    }

    /**
     * Keeps back the start and events of each session that began within {@link #HOLD_MILLIS} and has not ended
     * in this batch, unless a flush is asked for: most sessions end within that time, and a session written
     * whole is one insert rather than an insert, an event row and an update ({@link LogRows}).
     */
    private void holdBack(List<Entry> batch) {
        if (closed || flushes.get() > 0 || batch.stream().anyMatch(e -> e.done() != null)) {
            heldSince.clear();
            return;
        }
        Set<Long> ended = new HashSet<>();
        batch.forEach(e -> {
            if (e.end()) {
                ended.add(e.sessionId());
            }
        });
        long now = System.nanoTime();
        Set<Long> keep = new HashSet<>();
        for (Entry e : batch) {
            if (e.started() != null && !ended.contains(e.sessionId())
                    && now - heldSince.computeIfAbsent(e.sessionId(), id -> now) < TimeUnit.MILLISECONDS.toNanos(HOLD_MILLIS)) {
                keep.add(e.sessionId());
            }
        }
        heldSince.keySet().retainAll(keep);
        if (!keep.isEmpty()) {
            for (Iterator<Entry> i = batch.iterator(); i.hasNext();) {
                Entry e = i.next();
                if (keep.contains(e.sessionId()) && e.done() == null) { // its start and events: its end is not here
                    held.add(e);
                    i.remove();
                }
            }
        }
    }

    /** How long until the session held longest is due. */
    private long heldFor() {
        long oldest = heldSince.values().stream().mapToLong(Long::longValue).min().orElse(System.nanoTime());
        return Math.max(0, oldest + TimeUnit.MILLISECONDS.toNanos(HOLD_MILLIS) - System.nanoTime());
    }

    /**
     * Adds what arrives within {@link #LINGER_MILLIS} of the first row, or until a flush is asked for: one
     * transaction per row would cost more than the writes it saves the callers. The rows arriving meanwhile
     * do not wake this thread (one wake-up per batch rather than one per row); a flush does.
     */
    private void gather(List<Entry> batch, boolean linger) throws InterruptedException {
        if (linger) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
            for (long left = LINGER_MILLIS; left > 0 && flushes.get() == 0 && queue.size() < BATCH; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(this, deadline - System.nanoTime());
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
        queue.drainTo(batch, BATCH - batch.size());
    }

    /** Retries while the database is unreachable (the rows stay queued); a row the database refuses is dropped with a warning. */
    private void writeUntilDone(List<Entry> batch) {
        while (true) {
            try {
                database.transaction("writing " + batch.size() + " session-log rows", c -> {
                    LogRows.write(c, batch);
                    return null;
                });
                return;
            } catch (StorageException e) {
                if (!(e.getCause() instanceof SQLException sql) || !Database.connectionLost(sql) || closed) {
                    LOG.warn("Session log: a batch of {} rows was refused ({}); writing them one by one", batch.size(), e.getMessage());
                    batch.forEach(this::writeAlone);
                    return;
                }
                LOG.warn("Session log: {} rows wait for the database: {}", batch.size() + queue.size(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("Session log: {} rows could not be written", batch.size(), e);
                return;
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void writeAlone(Entry e) {
        if (e.done() == null) {
            try {
                database.transaction("writing a session-log row", c -> {
                    LogRows.write(c, List.of(e));
                    return null;
                });
            } catch (RuntimeException ex) {
                LOG.warn("Session log: dropped '{}' of session {}: {}", e.started() != null ? "start" : e.text(), e.sessionId(), ex.getMessage());
            }
        }
    }

    /** Writes what is queued, then stops the thread; later rows are the caller's to write. */
    @Override
    public void close() {
        Thread t;
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true; // under the lock of enqueue: nothing is queued after the last marker
            t = thread;
        }
        if (t != null) {
            try {
                flushes.incrementAndGet();
                queue.put(new Entry(0, null, false, null, null, null, done));
                wake();
                await(done);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(FLUSH_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
