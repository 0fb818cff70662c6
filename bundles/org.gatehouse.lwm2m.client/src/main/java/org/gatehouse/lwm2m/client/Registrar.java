package org.gatehouse.lwm2m.client;

/**
 * Registers the gateway with its LwM2M servers; the coordinator calls it at step 3 of the bootstrap
 * sequence. Implemented by the registration bundle. A server that fails later (a lost registration
 * tried again under its retry resources) with /1/x/16 = true while no server is registered makes the
 * registrar start client-initiated bootstrap itself, through {@link BootstrapRequests#clientInitiated}.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ConsumerType
public interface Registrar {

    /**
     * Registers with every configured server, each under its retry resources (/1/x/17–20), and
     * returns when each is registered or deemed failed. Servers that failed and do not cause a
     * bootstrap (see {@link Outcome}) go on being tried by the registrar after this returns.
     */
    Outcome registerAll() throws InterruptedException;

    /**
     * What registration came to. /1/x/16 Bootstrap on Registration Failure is applied per server:
     * the caller falls back to client-initiated bootstrap when {@code registered} is 0 and
     * {@code bootstrapOnFailure} is true; a server with 16 = false never causes a bootstrap.
     *
     * @param registered         servers now registered
     * @param failed             servers deemed failed (those behind one with /1/x/15 = true are not tried, nor counted)
     * @param bootstrapOnFailure true when there is no server account, or when at least one failed server
     *                           has /1/x/16 = true (its default); false when every failed server has 16 = false
     */
    record Outcome(int registered, int failed, boolean bootstrapOnFailure, String detail) {
    }

    /** Drops every registration (before a new bootstrap replaces the accounts). */
    void deregisterAll();
}
