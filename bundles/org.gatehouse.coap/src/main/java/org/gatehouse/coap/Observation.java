package org.gatehouse.coap;

/**
 * An Observe on a peer's resource. The first response is {@link #response()}; every later
 * notification goes to the consumer given when observing, on a transport thread, until the peer
 * ends it (an error or a response without Observe) or {@link #close()} cancels it. Implemented by
 * the transport bundle only.
 *
 * @since 1.1.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface Observation extends AutoCloseable {

    /** The answer to the Observe request itself. */
    CoapResponse response();

    /** True while notifications may still come: the peer accepted the Observe and nobody ended it. */
    boolean active();

    /** Stops the notifications: the next one is answered with a reset, so the peer forgets it too. Idempotent. */
    @Override
    void close();
}
