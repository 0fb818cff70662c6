package org.gatehouse.lwm2m.server;

import java.time.Instant;
import java.util.Optional;

/**
 * An Observe the server holds on a registered device's path. Ends when cancelled, when the device
 * ends it, or when the device de-registers or lapses. Implemented by the server bundle only.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface DeviceObservation {

    /** A small number that names this observation in the shell ({@code dm:cancel <id>}). */
    int id();

    String endpoint();

    String path();

    /** The answer to the Observe request. */
    DeviceResult response();

    /** The last notification, with when it came; empty before the first. */
    Optional<Notification> last();

    boolean active();

    /** Cancels the observation (the device's next notification is answered with a reset). Idempotent. */
    void cancel();

    /** A notification as it arrived. */
    record Notification(Instant time, DeviceResult result) {
    }
}
