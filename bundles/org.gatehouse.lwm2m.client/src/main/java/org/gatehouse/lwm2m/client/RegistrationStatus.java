package org.gatehouse.lwm2m.client;

import java.time.Instant;
import java.util.List;

/**
 * Where the gateway stands with each LwM2M server. Implemented by the registration bundle only.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface RegistrationStatus {

    /**
     * One server account.
     *
     * @param registrationId the Location-Path the server gave ("" when not registered)
     * @param nextUpdate     null when not registered
     */
    record Server(int ssid, String uri, boolean registered, String registrationId, Instant nextUpdate, String lastError) {
    }

    List<Server> servers();
}
