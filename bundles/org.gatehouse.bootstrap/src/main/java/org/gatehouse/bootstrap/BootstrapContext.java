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

    /** Opens the single bootstrap session (a store transaction); {@code source} names it in logs. */
    BootstrapSession openSession(String source) throws BootstrapException;

    /** True once the run must stop: the mode is leaving, the gateway stops, or a new run was asked for. */
    boolean cancelled();
}
