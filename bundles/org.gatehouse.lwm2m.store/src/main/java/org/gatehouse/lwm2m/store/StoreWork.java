package org.gatehouse.lwm2m.store;

/**
 * Changes made inside a transaction by {@link ObjectStore#update}, which may run them more than once.
 * Implemented by callers (usually as a lambda), hence a consumer type.
 *
 * @param <T> what the work returns to the caller of {@code update}
 * @since 1.1.0
 */
@org.osgi.annotation.versioning.ConsumerType
@FunctionalInterface
public interface StoreWork<T> {

    /** How many times {@link ObjectStore#update} runs the work before it gives up on conflicts. */
    int ATTEMPTS = 5;

    /**
     * Reads {@code tx.view()} and writes or deletes through {@code tx}. Calling {@link StoreTransaction#rollback()}
     * discards the changes; {@code update} then commits nothing and returns the result.
     */
    T apply(StoreTransaction tx) throws StoreException;
}
