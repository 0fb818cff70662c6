package org.gatehouse.lwm2m.server;

import java.util.List;
import java.util.Optional;

/**
 * The devices registered with the gateway's LwM2M server. Registrations are held in memory: after a
 * restart, devices appear again with their next Register (an Update to an unknown id gets 4.04,
 * which makes an LwM2M client register anew). Implemented by the server bundle only.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface DeviceRegistry {

    /** Every live registration, ordered by endpoint name. */
    List<Registration> devices();

    /** The live registration of this endpoint, if any. */
    Optional<Registration> find(String endpoint);

    /** Adds a listener that is not a service (tests, the shell). */
    void addListener(RegistryListener listener);

    void removeListener(RegistryListener listener);
}
