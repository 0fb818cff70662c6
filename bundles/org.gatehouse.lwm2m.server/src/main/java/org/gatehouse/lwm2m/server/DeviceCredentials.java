package org.gatehouse.lwm2m.server;

import java.util.Optional;

/**
 * A source of device credentials, registered as an OSGi service; the server asks them (in the order
 * they appeared; the first that knows the endpoint or identity answers) during each DTLS handshake
 * and each Register, so a change applies to the next one. The server bundle provides one per factory configuration
 * {@code org.gatehouse.lwm2m.server.credential}; another bundle (a bootstrap server's storage) may
 * provide its own. Implemented by credential stores; the server calls it.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ConsumerType
public interface DeviceCredentials {

    /**
     * The credential of this endpoint. A device with one must register over DTLS with it. An X.509
     * device is found here too, by the subject CN of its certificate.
     */
    Optional<DeviceCredential> forEndpoint(String endpoint);

    /** The credential that uses this PSK identity. */
    Optional<DeviceCredential> forPskIdentity(String identity);

    /** The credential with this raw public key (SubjectPublicKeyInfo DER); the default knows none. */
    default Optional<DeviceCredential> forPublicKey(byte[] publicKey) {
        return Optional.empty();
    }
}
