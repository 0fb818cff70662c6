package org.gatehouse.bsserver.storage.jdbc;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What an in-memory index of an embedded database ({@link ConfigIndex}, {@link CredentialIndex}) shares:
 * exact because this process makes every write of the file and applies each to the index under
 * {@link #writes}, in the order the writes commit; loaded at the first lookup after an open; refused
 * (lookups read the database) when too large or when loading failed, until the next {@link #invalidate()}.
 */
abstract class LocalIndex {

    /** Held by writers around their transaction and its index update, and while loading. */
    final Object writes = new Object();
    private volatile boolean loaded;
    private volatile boolean refused;

    /** True when lookups may use it. */
    final boolean usable() {
        return loaded;
    }

    /** Forgets everything (at open: the file may have changed while closed): the next lookup loads it again. */
    final void invalidate() {
        synchronized (writes) {
            loaded = false;
            refused = false;
            clear();
        }
    }

    /** Not usable until the next {@link #invalidate()}. */
    final void refuse() {
        synchronized (writes) {
            invalidate();
            refused = true;
        }
    }

    /** Loads it once, under {@link #writes}, unless loaded or refused; a failing {@code load} refuses it and is thrown. */
    final void ensureLoaded(Runnable load) {
        if (loaded || refused) {
            return;
        }
        synchronized (writes) {
            if (loaded || refused) {
                return;
            }
            try {
                load.run();
            } catch (RuntimeException e) {
                refuse();
                throw e;
            }
        }
    }

    /** For {@code load} implementations: the index now holds what the database holds. */
    final void loaded() {
        loaded = true;
    }

    /** Drops the index's entries. Called under {@link #writes}. */
    abstract void clear();

    /** Runs {@code write} on the database and, without an index, nothing more; with one, applies its result in commit order. */
    static <T> T write(LocalIndex index, Supplier<T> write, Consumer<T> apply) {
        if (index == null) {
            return write.get();
        }
        synchronized (index.writes) {
            T result = write.get();
            apply.accept(result);
            return result;
        }
    }
}
