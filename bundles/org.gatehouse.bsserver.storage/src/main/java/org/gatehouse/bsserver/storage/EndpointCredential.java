package org.gatehouse.bsserver.storage;

/**
 * How an endpoint authenticates to the bootstrap server.
 *
 * @param endpoint the endpoint client name the credential belongs to
 * @param kind     the security mode
 * @param identity PSK identity (UTF-8); RPK: the public key's SubjectPublicKeyInfo, Base64;
 *                 X.509: the certificate subject's CN
 * @param secret   PSK: the key; otherwise empty. Never logged or printed.
 * @since 1.0.0
 */
public record EndpointCredential(String endpoint, Kind kind, String identity, byte[] secret) {

    /** @since 1.0.0 */
    public enum Kind { PSK, RPK, X509 }

    public EndpointCredential {
        secret = secret == null ? new byte[0] : secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public String toString() {
        return "EndpointCredential[" + endpoint + ", " + kind + ", " + identity + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EndpointCredential c && c.endpoint.equals(endpoint) && c.kind == kind
                && c.identity.equals(identity) && java.util.Arrays.equals(c.secret, secret);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(endpoint, kind, identity, java.util.Arrays.hashCode(secret));
    }
}
