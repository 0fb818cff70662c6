package org.gatehouse.lwm2m.store;

/**
 * Told about every commit of the object store (whiteboard: register a service of this type). Calls
 * come after the commit is durable, in commit order, one at a time, on a thread of the store's that
 * no commit waits for; a listener registered later misses earlier commits (read
 * {@link ObjectStore#snapshot()} for the state). Implemented by any bundle that follows the store
 * (registration, smartcard mode, shell, integrators), hence a consumer type.
 *
 * @since 1.1.0
 */
@org.osgi.annotation.versioning.ConsumerType
@FunctionalInterface
public interface StoreListener {

    /**
     * One commit. Keep it short: the next listener and the next event wait for it. An exception is
     * logged and does not stop delivery to the others.
     */
    void committed(StoreCommitEvent event);
}
