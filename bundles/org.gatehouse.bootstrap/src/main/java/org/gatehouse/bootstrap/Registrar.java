package org.gatehouse.bootstrap;

/**
 * Registers the gateway with its LwM2M servers; the coordinator calls it at step 3 of the bootstrap
 * sequence. Implemented by the registration bundle.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ConsumerType
public interface Registrar {

    /** Registers with every configured server (retries included); returns when the outcome is known. */
    Outcome registerAll() throws InterruptedException;

    /**
     * @param registered        servers now registered
     * @param bootstrapOnFailure false when a failed server has /1/x/16 Bootstrap on Registration Failure = false
     */
    record Outcome(int registered, int failed, boolean bootstrapOnFailure, String detail) {
    }

    /** Drops every registration (before a new bootstrap replaces the accounts). */
    void deregisterAll();
}
