package org.gatehouse.lwm2m.store.impl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreTransaction;

/**
 * A private working copy of the tree and the instances it touched; only {@link #commit()} makes it
 * visible. The state leaves OPEN once, by a compare-and-set, so of a commit and a rollback racing
 * (Finish against a cancel) exactly one takes effect; neither touches the store's lock: only the
 * store's commit, on the committing thread, locks and unlocks it.
 */
final class Transaction implements StoreTransaction {

    private enum State { OPEN, COMMITTING, ENDED }

    /** What a commit applies: the working tree and the instance paths written or deleted. */
    record Changes(ObjectTree tree, Set<LwM2mPath> touched) {
    }

    private final FileObjectStore store;
    private final StoreState base;
    private final String writer;
    private final Duration wait;
    private final Instant deadline;
    private final Clock clock;
    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
    // Guarded by this: writes come from one thread at a time, but commit may come from another.
    private ObjectTree working;
    private final Set<LwM2mPath> touched = new HashSet<>();
    private boolean changed;

    Transaction(FileObjectStore store, StoreState base, String writer, Duration wait, Instant deadline, Clock clock) {
        this.store = store;
        this.base = base;
        this.writer = writer;
        this.wait = wait;
        this.deadline = deadline;
        this.clock = clock;
        this.working = base.tree();
    }

    @Override
    public synchronized ObjectTree view() {
        return working;
    }

    @Override
    public synchronized void write(LwM2mPath path, LwM2mNode node) throws StoreException {
        check();
        ObjectTree before = working;
        try {
            working = working.with(path, node);
        } catch (IllegalArgumentException e) {
            throw new StoreException(e.getMessage(), e);
        }
        if (path.isObject()) {
            touchInstances(before, path.objectId());
            ((LwM2mObject) node).instances().keySet().forEach(i -> touched.add(LwM2mPath.of(path.objectId(), i)));
        } else {
            touched.add(StoreState.instance(path));
        }
        changed = true;
    }

    @Override
    public synchronized void delete(LwM2mPath path) throws StoreException {
        check();
        if (path.isRoot()) {
            working.objects().keySet().forEach(o -> touchInstances(working, o));
        } else if (path.isObject()) {
            touchInstances(working, path.objectId());
        } else {
            touched.add(StoreState.instance(path));
        }
        working = working.without(path);
        changed = true;
    }

    private void touchInstances(ObjectTree tree, int objectId) {
        LwM2mObject o = tree.objects().get(objectId);
        if (o != null) {
            o.instances().keySet().forEach(i -> touched.add(LwM2mPath.of(objectId, i)));
        }
    }

    @Override
    public long commit() throws StoreException {
        if (!state.compareAndSet(State.OPEN, State.COMMITTING)) {
            throw new StoreException("the transaction of " + writer + " has already ended");
        }
        try {
            checkDeadline();
            Changes changes;
            synchronized (this) {
                changes = changed ? new Changes(working, Set.copyOf(touched)) : null;
            }
            return changes == null ? store.snapshot().revision() : store.commit(base, changes, writer, wait);
        } finally {
            state.set(State.ENDED);
        }
    }

    @Override
    public void rollback() {
        state.compareAndSet(State.OPEN, State.ENDED);
    }

    @Override
    public void close() {
        rollback();
    }

    @Override
    public String writer() {
        return writer;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public boolean isOpen() {
        return state.get() == State.OPEN;
    }

    @Override
    public synchronized Optional<String> writerOf(LwM2mPath path) {
        LwM2mPath instance = StoreState.instance(path);
        if (!touched.contains(instance)) {
            return base.writerOf(instance);
        }
        return working.read(instance).isPresent() ? Optional.of(writer) : Optional.empty();
    }

    private void check() throws StoreException {
        if (state.get() != State.OPEN) {
            throw new StoreException("the transaction of " + writer + " has already ended");
        }
        checkDeadline();
    }

    private void checkDeadline() throws StoreException {
        if (clock.instant().isAfter(deadline)) {
            state.set(State.ENDED);
            throw new StoreException("the transaction of " + writer + " expired at " + deadline + "; nothing applied");
        }
    }
}
