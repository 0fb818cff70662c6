package org.gatehouse.bootstrap.impl;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.gatehouse.bootstrap.BootstrapContext;
import org.gatehouse.bootstrap.BootstrapException;
import org.gatehouse.bootstrap.BootstrapSession;
import org.gatehouse.lwm2m.model.ModelLookup;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.ObjectTree;

/** The context a mode gets for one run. */
final class SequenceContext implements BootstrapContext {

    /** Makes contexts bound to the coordinator's store, models and endpoint name. */
    interface Factory {
        BootstrapContext create(ModeEntry mode, BooleanSupplier cancelled);
    }

    private final ObjectStore store;
    private final ModelLookup models;
    private final String endpoint;
    private final BooleanSupplier cancelled;
    private final AtomicInteger openSessions;

    /** @param openSessions counts this context's sessions while they are open (a Finish may be under way) */
    SequenceContext(ObjectStore store, ModelLookup models, String endpoint, BooleanSupplier cancelled, AtomicInteger openSessions) {
        this.store = store;
        this.models = models;
        this.endpoint = endpoint;
        this.cancelled = cancelled;
        this.openSessions = openSessions;
    }

    @Override
    public String endpointName() {
        return endpoint;
    }

    @Override
    public ObjectTree current() {
        return store.snapshot();
    }

    @Override
    public BootstrapSession openSession(String source) throws BootstrapException {
        openSessions.incrementAndGet();
        try {
            return new StoreSession(store, models, source, Duration.ofSeconds(10), openSessions::decrementAndGet);
        } catch (BootstrapException | RuntimeException e) {
            openSessions.decrementAndGet();
            throw e;
        }
    }

    @Override
    public boolean cancelled() {
        return cancelled.getAsBoolean() || Thread.currentThread().isInterrupted();
    }
}
