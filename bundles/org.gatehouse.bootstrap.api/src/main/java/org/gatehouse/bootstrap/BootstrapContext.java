package org.gatehouse.bootstrap;

import org.gatehouse.lwm2m.store.ObjectTree;

/**
 * What the coordinator gives a mode for one run. Implemented by the coordinator only.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface BootstrapContext {

    /** The Endpoint Client Name. */
    String endpointName();

    /** The committed configuration. */
    ObjectTree current();

    /**
     * Opens a bootstrap session. It blocks no other writer of the store while open; its changes are
     * applied at finish (see {@link BootstrapSession#finish()}).
     *
     * @param source the writer the store records for every instance the session commits, and the
     *        session's name in logs: {@code "factory"}, {@code "smartcard:<card digest>"},
     *        {@code "bootstrap:<bootstrap-server URI>"}
     */
    BootstrapSession openSession(String source) throws BootstrapException;

    /** True once the run must stop: the mode is leaving, the gateway stops, or a new run was asked for. */
    boolean cancelled();
}
