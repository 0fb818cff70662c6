package org.gatehouse.lwm2m.store.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreTransaction;

/**
 * The store without OSGi: a volatile committed snapshot for readers and a single-permit semaphore for
 * the one writer (a semaphore, not a lock, because a bootstrap's requests arrive on different threads).
 */
public final class FileObjectStore implements ObjectStore {

    private final StoreFile file;
    private final Semaphore writer = new Semaphore(1);
    private volatile ObjectTree committed;

    public FileObjectStore(Path directory) throws IOException {
        this.file = new StoreFile(directory);
        this.committed = file.load();
    }

    public Path file() {
        return file.path();
    }

    @Override
    public ObjectTree snapshot() {
        return committed;
    }

    @Override
    public StoreTransaction begin(Duration wait) throws StoreException {
        try {
            if (!writer.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StoreException("another store transaction is still open after " + wait.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the store", e);
        }
        return new Transaction(this, committed);
    }

    /** Persists {@code tree} as the next revision and publishes it; on failure nothing changes. */
    long commit(ObjectTree tree) throws StoreException {
        ObjectTree next = tree.withRevision(committed.revision() + 1);
        try {
            file.save(next);
        } catch (IOException e) {
            throw new StoreException("commit failed, previous state kept: " + e.getMessage(), e);
        }
        committed = next;
        return next.revision();
    }

    void release() {
        writer.release();
    }
}
