package org.gatehouse.lwm2m.server;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * What a device must prove to register as its endpoint: a PSK (identity and key), a raw public
 * key, or an X.509 certificate that chains up to the server's trust anchors and whose subject CN is
 * the endpoint name. A final class (not a record) so that modes can be added without breaking callers.
 *
 * @since 1.0.0
 */
public final class DeviceCredential {

    private final String endpoint;
    private final String pskIdentity;
    private final byte[] pskKey;
    private final byte[] publicKey;
    private final boolean x509;

    private DeviceCredential(String endpoint, String pskIdentity, byte[] pskKey, byte[] publicKey, boolean x509) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.pskIdentity = pskIdentity;
        this.pskKey = pskKey == null ? null : pskKey.clone();
        this.publicKey = publicKey == null ? null : publicKey.clone();
        this.x509 = x509;
        if (endpoint.isEmpty()) {
            throw new IllegalArgumentException("a credential needs an endpoint");
        }
    }

    /** The device {@code endpoint} authenticates with this PSK identity and key. */
    public static DeviceCredential psk(String endpoint, String pskIdentity, byte[] pskKey) {
        Objects.requireNonNull(pskIdentity, "pskIdentity");
        Objects.requireNonNull(pskKey, "pskKey");
        if (pskIdentity.isEmpty() || pskKey.length == 0) {
            throw new IllegalArgumentException("a PSK credential needs an identity and a key");
        }
        return new DeviceCredential(endpoint, pskIdentity, pskKey, null, false);
    }

    /** The device {@code endpoint} authenticates with this raw public key (SubjectPublicKeyInfo DER). */
    public static DeviceCredential rpk(String endpoint, byte[] publicKey) {
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length == 0) {
            throw new IllegalArgumentException("an RPK credential needs a public key");
        }
        return new DeviceCredential(endpoint, null, null, publicKey, false);
    }

    /**
     * The device {@code endpoint} authenticates with an X.509 certificate whose subject CN is
     * {@code endpoint}; which certificates are trusted is the server's configuration (its trust anchors).
     *
     * @since 1.1.0
     */
    public static DeviceCredential x509(String endpoint) {
        return new DeviceCredential(endpoint, null, null, null, true);
    }

    public String endpoint() {
        return endpoint;
    }

    /** The PSK identity; empty for an RPK credential. */
    public Optional<String> pskIdentity() {
        return Optional.ofNullable(pskIdentity);
    }

    /** The PSK key; empty for an RPK credential. */
    public Optional<byte[]> pskKey() {
        return Optional.ofNullable(pskKey).map(byte[]::clone);
    }

    /** The raw public key, SubjectPublicKeyInfo DER; empty for a PSK credential. */
    public Optional<byte[]> publicKey() {
        return Optional.ofNullable(publicKey).map(byte[]::clone);
    }

    /**
     * Whether this is an X.509 credential, for a certificate whose subject CN is the endpoint name.
     *
     * @since 1.1.0
     */
    public boolean x509() {
        return x509;
    }

    /** Whether this is an RPK credential for exactly this key. */
    public boolean hasPublicKey(byte[] key) {
        return publicKey != null && Arrays.equals(publicKey, key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceCredential c && endpoint.equals(c.endpoint) && Objects.equals(pskIdentity, c.pskIdentity)
            && Arrays.equals(pskKey, c.pskKey) && Arrays.equals(publicKey, c.publicKey) && x509 == c.x509;
    }

    @Override
    public int hashCode() {
        return (Objects.hash(endpoint, pskIdentity) * 31 + Arrays.hashCode(pskKey)) * 31 + Arrays.hashCode(publicKey) * 2 + (x509 ? 1 : 0);
    }

    /** Never shows the PSK key. */
    @Override
    public String toString() {
        if (x509) {
            return endpoint + ": X.509 CN=" + endpoint;
        }
        return endpoint + (pskIdentity != null ? ": PSK identity " + pskIdentity
            : ": RPK …" + HexFormat.of().formatHex(publicKey, Math.max(0, publicKey.length - 8), publicKey.length));
    }
}
