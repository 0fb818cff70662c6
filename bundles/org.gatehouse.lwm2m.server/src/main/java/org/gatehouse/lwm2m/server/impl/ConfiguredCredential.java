package org.gatehouse.lwm2m.server.impl;

import java.util.HexFormat;
import java.util.Optional;

import org.gatehouse.lwm2m.server.DeviceCredential;
import org.gatehouse.lwm2m.server.DeviceCredentials;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One device's credential from a factory configuration ({@code org.gatehouse.lwm2m.server.credential-<name>},
 * e.g. an {@code etc/org.gatehouse.lwm2m.server.credential-sensor-1.cfg}).
 */
@Component(service = DeviceCredentials.class, configurationPid = ConfiguredCredential.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ConfiguredCredential.Config.class, factory = true)
public final class ConfiguredCredential implements DeviceCredentials {

    static final String PID = "org.gatehouse.lwm2m.server.credential";

    @ObjectClassDefinition(name = "Gatehouse LwM2M server: device credential",
        description = "The PSK (identity and key), the raw public key or the X.509 certificate one device registers with")
    public @interface Config {
        @AttributeDefinition(description = "The device's endpoint name (ep)")
        String endpoint();

        @AttributeDefinition(description = "PSK identity; empty for an RPK device")
        String psk_identity() default "";

        @AttributeDefinition(description = "PSK key in hexadecimal; empty for an RPK device", type = AttributeType.PASSWORD)
        String psk_key_hex() default "";

        @AttributeDefinition(description = "RPK: the device's public key, SubjectPublicKeyInfo DER in hexadecimal; empty for a PSK device")
        String rpk_public_key_hex() default "";

        @AttributeDefinition(description = "X.509: the device shows a certificate whose subject CN is the endpoint name and which chains up "
            + "to the server's x509.trust.anchor.files; no PSK, no RPK then")
        boolean x509() default false;
    }

    private final DeviceCredential credential;

    @Activate
    public ConfiguredCredential(Config config) {
        try {
            credential = config.x509() ? DeviceCredential.x509(config.endpoint()) : config.rpk_public_key_hex().isEmpty()
                ? DeviceCredential.psk(config.endpoint(), config.psk_identity(), HexFormat.of().parseHex(config.psk_key_hex()))
                : DeviceCredential.rpk(config.endpoint(), HexFormat.of().parseHex(config.rpk_public_key_hex()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(PID + ": set endpoint and either psk.identity with psk.key.hex or rpk.public.key.hex "
                + "(hexadecimal): " + e.getMessage(), e);
        }
    }

    /** A credential given directly (tests, other components). */
    public ConfiguredCredential(DeviceCredential credential) {
        this.credential = credential;
    }

    @Override
    public Optional<DeviceCredential> forEndpoint(String endpoint) {
        return credential.endpoint().equals(endpoint) ? Optional.of(credential) : Optional.empty();
    }

    @Override
    public Optional<DeviceCredential> forPskIdentity(String identity) {
        return credential.pskIdentity().filter(identity::equals).map(i -> credential);
    }

    @Override
    public Optional<DeviceCredential> forPublicKey(byte[] publicKey) {
        return credential.hasPublicKey(publicKey) ? Optional.of(credential) : Optional.empty();
    }

    @Override
    public String toString() {
        return credential.toString();
    }

}
