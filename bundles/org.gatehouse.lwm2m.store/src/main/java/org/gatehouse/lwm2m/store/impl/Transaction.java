package org.gatehouse.lwm2m.store.impl;

import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreTransaction;

/** A working copy of the tree; only {@link #commit()} makes it visible. */
final class Transaction implements StoreTransaction {

    private final FileObjectStore store;
    private ObjectTree working;
    private boolean open = true;

    Transaction(FileObjectStore store, ObjectTree base) {
        this.store = store;
        this.working = base;
    }

    @Override
    public ObjectTree view() {
        return working;
    }

    @Override
    public void write(LwM2mPath path, LwM2mNode node) throws StoreException {
        check();
        try {
            working = working.with(path, node);
        } catch (IllegalArgumentException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    @Override
    public void delete(LwM2mPath path) throws StoreException {
        check();
        working = working.without(path);
    }

    @Override
    public long commit() throws StoreException {
        check();
        try {
            return store.commit(working);
        } finally {
            end();
        }
    }

    @Override
    public void rollback() {
        if (open) {
            end();
        }
    }

    @Override
    public void close() {
        rollback();
    }

    private void check() throws StoreException {
        if (!open) {
            throw new StoreException("transaction already ended");
        }
    }

    private void end() {
        open = false;
        store.release();
    }
}
