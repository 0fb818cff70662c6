package org.gatehouse.lwm2m.server;

/**
 * Told when a device registers, updates, de-registers or lapses. Register an implementation as an
 * OSGi service (whiteboard) or with {@link DeviceRegistry#addListener}. Called on a transport or
 * scheduler thread, in order for one device; return quickly. Implemented by whoever watches the
 * devices; the server calls it.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ConsumerType
public interface RegistryListener {

    /** A Register was accepted; {@code replaced} is the endpoint's earlier registration, or null. */
    default void registered(Registration registration, Registration replaced) {
    }

    /** An Update was accepted. */
    default void updated(Registration before, Registration after) {
    }

    /** The device sent De-register. */
    default void deregistered(Registration registration) {
    }

    /** The lifetime (plus the configured grace) passed without an Update. */
    default void expired(Registration registration) {
    }
}
