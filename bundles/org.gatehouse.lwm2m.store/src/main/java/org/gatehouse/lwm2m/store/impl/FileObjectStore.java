package org.gatehouse.lwm2m.store.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.StoreBusyException;
import org.gatehouse.lwm2m.store.StoreCommitEvent;
import org.gatehouse.lwm2m.store.StoreConflictException;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store without OSGi: a volatile committed state for readers, private transactions for writers,
 * and a lock held only while one commit checks, persists, publishes and announces its state. The lock
 * is taken and released by the committing thread within {@link #commit}, never by a transaction's
 * owner, so no interleaving of commits and rollbacks can release it twice or leave it held.
 */
public final class FileObjectStore implements ObjectStore {

    /** How long a transaction may stay open unless the store is told otherwise. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(FileObjectStore.class);

    private final StoreFile file;
    private final Consumer<StoreCommitEvent> announce;
    private final Clock clock;
    private final Duration lifetime;
    private final ReentrantLock commitLock = new ReentrantLock();
    private volatile String committing = "";
    private volatile StoreState committed;

    public FileObjectStore(Path directory) throws IOException {
        this(directory, e -> { });
    }

    /** @param announce receives each commit's event while the commit still excludes others: it must not block */
    public FileObjectStore(Path directory, Consumer<StoreCommitEvent> announce) throws IOException {
        this(directory, announce, Clock.systemUTC(), DEFAULT_LIFETIME);
    }

    /** @param lifetime how long a transaction may stay open before it expires */
    public FileObjectStore(Path directory, Consumer<StoreCommitEvent> announce, Clock clock, Duration lifetime) throws IOException {
        this.file = new StoreFile(directory);
        this.announce = announce;
        this.clock = clock;
        this.lifetime = lifetime;
        this.committed = file.load();
    }

    public Path file() {
        return file.path();
    }

    @Override
    public ObjectTree snapshot() {
        return committed.tree();
    }

    @Override
    public Optional<String> writerOf(LwM2mPath path) {
        return committed.writerOf(path);
    }

    @Override
    public StoreTransaction begin(String writer, Duration wait) {
        return new Transaction(this, committed, writer, wait, clock.instant().plus(lifetime), clock);
    }

    /** True while a commit is in progress; for tests that check the lock is free after a race. */
    boolean isCommitting() {
        return commitLock.isLocked();
    }

    /**
     * Persists {@code changes} as the next revision if nothing was committed since {@code base},
     * publishes and announces it; on any failure nothing changes.
     */
    long commit(StoreState base, Transaction.Changes changes, String writer, Duration wait) throws StoreException {
        acquire(writer, wait);
        try {
            StoreState current = committed;
            if (current.revision() != base.revision()) {
                throw new StoreConflictException("the store moved from revision " + base.revision() + " to " + current.revision()
                    + " while the transaction of " + writer + " was open; nothing applied", base.revision(), current.revision());
            }
            StoreState next = current.next(changes.tree().withRevision(current.revision() + 1), changes.touched(), writer);
            try {
                file.save(next);
            } catch (IOException e) {
                throw new StoreException("commit failed, previous state kept: " + e.getMessage(), e);
            }
            committed = next;
            publish(CommitEvents.between(current, next, writer));
            return next.revision();
        } finally {
            committing = "";
            commitLock.unlock();
        }
    }

    private void acquire(String writer, Duration wait) throws StoreException {
        try {
            if (!commitLock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StoreBusyException("the commit of " + committing + " still holds the store after " + wait.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the store", e);
        }
        committing = writer;
    }

    // The commit is durable already: a failing listener must not make it look failed.
    private void publish(StoreCommitEvent event) {
        try {
            announce.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("Commit {} of {} not announced: {}", event.revision(), event.writer(), e.toString());
        }
    }
}
