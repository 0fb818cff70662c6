package org.gatehouse.coap;

import java.util.List;
import java.util.Optional;

/**
 * Decides whom a DTLS listener accepts, over the implementer's own store (a bootstrap server's
 * device accounts, the gateway's one bootstrap-server account). Every method is asked during a
 * handshake, so a change in the store applies to the next handshake; an answer of "unknown" refuses
 * the handshake. The defaults refuse, so a resolver implements only the modes it accepts.
 * Implemented by the bundles that listen; the transport calls it.
 *
 * @since 1.1.0
 */
@org.osgi.annotation.versioning.ConsumerType
public interface CredentialResolver {

    /** PSK: the key of this identity, or empty when the identity is unknown. */
    default Optional<byte[]> pskKey(String identity) {
        return Optional.empty();
    }

    /** RPK: whether a peer with this public key (SubjectPublicKeyInfo DER) is accepted. */
    default boolean acceptsPublicKey(byte[] publicKey) {
        return false;
    }

    /** X.509: the certificates (DER) a client certificate must chain up to. */
    default List<byte[]> trustAnchors() {
        return List.of();
    }

    /**
     * X.509: whether a client certificate whose chain was verified against {@link #trustAnchors()}
     * is accepted.
     *
     * @param subject     its subject, RFC 2253 form, as {@link PeerIdentity.X509} carries it
     * @param certificate the certificate, DER
     */
    default boolean acceptsCertificate(String subject, byte[] certificate) {
        return false;
    }

    /**
     * Accepts exactly the peer an account describes, as a client connection to it would: its PSK
     * identity and key, its public key (/0/x/4), or its certificate (/0/x/4) as trust anchor, pinned
     * for certificate usage 1 and 3. This is the LwM2M 1.0 push, where the bootstrap server is the
     * DTLS client of the gateway.
     */
    static CredentialResolver forAccount(PeerSecurity account) {
        return new AccountResolver(account);
    }
}
