package org.gatehouse.lwm2m.server;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a device must prove to register as its endpoint. Only PSK so far; a final class (not a
 * record) so that RPK and X.509 can be added without breaking callers.
 *
 * @since 1.0.0
 */
public final class DeviceCredential {

    private final String endpoint;
    private final String pskIdentity;
    private final byte[] pskKey;

    private DeviceCredential(String endpoint, String pskIdentity, byte[] pskKey) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.pskIdentity = Objects.requireNonNull(pskIdentity, "pskIdentity");
        this.pskKey = pskKey.clone();
        if (endpoint.isEmpty() || pskIdentity.isEmpty() || pskKey.length == 0) {
            throw new IllegalArgumentException("a PSK credential needs an endpoint, an identity and a key");
        }
    }

    /** The device {@code endpoint} authenticates with this PSK identity and key. */
    public static DeviceCredential psk(String endpoint, String pskIdentity, byte[] pskKey) {
        return new DeviceCredential(endpoint, pskIdentity, pskKey);
    }

    public String endpoint() {
        return endpoint;
    }

    public String pskIdentity() {
        return pskIdentity;
    }

    public byte[] pskKey() {
        return pskKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceCredential c && endpoint.equals(c.endpoint) && pskIdentity.equals(c.pskIdentity)
            && Arrays.equals(pskKey, c.pskKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, pskIdentity) * 31 + Arrays.hashCode(pskKey);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return endpoint + ": PSK identity " + pskIdentity;
    }
}
