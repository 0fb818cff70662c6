package org.gatehouse.lwm2m.server.impl;

import java.util.Base64;
import java.util.Optional;

import org.gatehouse.bsserver.storage.BootstrapStorage;
import org.gatehouse.bsserver.storage.CredentialRole;
import org.gatehouse.bsserver.storage.EndpointCredential;
import org.gatehouse.lwm2m.server.DeviceCredential;
import org.gatehouse.lwm2m.server.DeviceCredentials;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device credentials from the bootstrap-server storage: the credentials its endpoints hold for the
 * role {@link CredentialRole#LWM2M_SERVER} (those the bootstrap server gave them for an account on
 * this server). Present only where a storage engine is: the storage package is an optional import,
 * and without a {@link BootstrapStorage} service this component stays unsatisfied and the server
 * works with its configured credentials alone. Asked at each handshake and Register, so a credential
 * stored a moment ago counts; a storage failure propagates (the handshake or Register is refused),
 * never read as "no credential", which would let anyone take the endpoint's name over plain CoAP.
 */
@Component(service = DeviceCredentials.class, configurationPid = StorageCredentials.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class StorageCredentials implements DeviceCredentials {

    /** Optional configuration, e.g. {@code storage.target} to pick one storage engine among several. */
    static final String PID = "org.gatehouse.lwm2m.server.storage";
    private static final Logger LOG = LoggerFactory.getLogger(StorageCredentials.class);

    private final BootstrapStorage storage;

    @Activate
    public StorageCredentials(@Reference(name = "storage") BootstrapStorage storage) {
        this.storage = storage;
    }

    @Override
    public Optional<DeviceCredential> forEndpoint(String endpoint) {
        return storage.credential(CredentialRole.LWM2M_SERVER, endpoint).flatMap(StorageCredentials::toDevice);
    }

    @Override
    public Optional<DeviceCredential> forPskIdentity(String identity) {
        return storage.credentialByIdentity(CredentialRole.LWM2M_SERVER, EndpointCredential.Kind.PSK, identity)
            .flatMap(StorageCredentials::toDevice);
    }

    @Override
    public Optional<DeviceCredential> forPublicKey(byte[] publicKey) {
        return storage.credentialByIdentity(CredentialRole.LWM2M_SERVER, EndpointCredential.Kind.RPK, Base64.getEncoder().encodeToString(publicKey))
            .flatMap(StorageCredentials::toDevice);
    }

    /** The stored credential as the server checks it; empty (and a warning) for one it cannot use. */
    static Optional<DeviceCredential> toDevice(EndpointCredential c) {
        byte[] secret = c.secret();
        try {
            return Optional.of(switch (c.kind()) {
                case PSK -> DeviceCredential.psk(c.endpoint(), c.identity(), secret);
                case RPK -> DeviceCredential.rpk(c.endpoint(), Base64.getDecoder().decode(c.identity()));
                case X509 -> {
                    // this server binds a certificate to the endpoint its CN names
                    if (!c.identity().equals(c.endpoint())) {
                        throw new IllegalArgumentException("its certificate CN " + c.identity() + " is not the endpoint name");
                    }
                    yield DeviceCredential.x509(c.endpoint());
                }
            });
        } catch (IllegalArgumentException e) {
            LOG.warn("LwM2M-server credential of {} in the bootstrap-server storage not usable: {}", c.endpoint(), e.getMessage());
            return Optional.empty();
        } finally {
            java.util.Arrays.fill(secret, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "LwM2M-server credentials in " + storage;
    }
}
