package org.gatehouse.lwm2m.client;

/**
 * How the registration side asks for a bootstrap without knowing who runs it. Implemented by the
 * bootstrap coordinator; called by the registration bundle when a server executes Bootstrap-Request
 * Trigger (/1/x/9), when registration failed everywhere with /1/x/16 = true, or when a
 * {@link RegistrationGuard} vetoed a Register or Update.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface BootstrapRequests {

    /** Runs client-initiated bootstrap (and then registration), once the current run allows it. */
    void clientInitiated(String reason);

    /**
     * Server-initiated bootstrap (LwM2M 1.1+): a server executed /1/x/9, so the gateway runs
     * client-initiated bootstrap. Ignored, as the spec requires, while the sequence is still trying
     * smartcard or factory bootstrap.
     */
    void serverInitiated(int ssid);

    /** Runs the whole bootstrap sequence again, so that a mode applies what changed. */
    void sequence(String reason);
}
