package org.gatehouse.lwm2m.store.impl;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.gatehouse.lwm2m.store.StoreCommitEvent;
import org.gatehouse.lwm2m.store.StoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands commit events to the listeners of the moment, on one thread of its own: the store calls
 * {@link #accept} inside a commit, so this must only queue; one thread keeps commit order; a slow or
 * failing listener delays or loses only its own calls, never a commit.
 */
final class StoreAnnouncer implements Consumer<StoreCommitEvent>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreAnnouncer.class);

    private final Supplier<List<StoreListener>> listeners;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "gatehouse-store-events"));

    StoreAnnouncer(Supplier<List<StoreListener>> listeners) {
        this.listeners = listeners;
    }

    @Override
    public void accept(StoreCommitEvent event) {
        try {
            thread.execute(() -> deliver(event));
        } catch (RejectedExecutionException e) {
            LOG.debug("Store closing: {} not announced", event);
        }
    }

    private void deliver(StoreCommitEvent event) {
        for (StoreListener l : listeners.get()) {
            try {
                l.committed(event);
            } catch (RuntimeException e) {
                LOG.warn("Store listener {} failed on commit {}: {}", l.getClass().getName(), event.revision(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        thread.shutdown();
    }
}
