package org.gatehouse.coap;

import java.util.List;
import java.util.Objects;

/**
 * How a listener is secured: plain CoAP, or DTLS in the server role with a resolver that decides
 * whom it accepts. Keys and certificates are DER, as in {@link PeerSecurity}.
 *
 * @since 1.1.0
 */
public sealed interface ListenSecurity {

    /** Plain CoAP: anyone may send, and {@link PeerIdentity.None} is all a handler learns. */
    record NoSec() implements ListenSecurity {
    }

    /**
     * DTLS server role. PSK needs only the resolver. For RPK clients the listener shows its own
     * {@code publicKey}; for X.509 clients its {@code certificateChain} (own certificate first),
     * which also serves RPK clients with the certificate's key. Leave both empty for PSK only.
     *
     * @param privateKey PKCS#8 DER, or empty for PSK only
     */
    record Dtls(CredentialResolver resolver, byte[] privateKey, byte[] publicKey, List<byte[]> certificateChain) implements ListenSecurity {
        public Dtls {
            Objects.requireNonNull(resolver, "resolver");
            privateKey = privateKey == null ? new byte[0] : privateKey.clone();
            publicKey = publicKey == null ? new byte[0] : publicKey.clone();
            certificateChain = certificateChain == null ? List.of() : certificateChain.stream().map(byte[]::clone).toList();
            if (privateKey.length == 0 != (publicKey.length == 0 && certificateChain.isEmpty())) {
                throw new IllegalArgumentException("a private key needs a public key or a certificate chain, and the other way round");
            }
        }

        /** PSK clients only. */
        public static Dtls psk(CredentialResolver resolver) {
            return new Dtls(resolver, null, null, null);
        }

        /** RPK (and PSK) clients; the listener shows {@code publicKey}. */
        public static Dtls rpk(CredentialResolver resolver, byte[] publicKey, byte[] privateKey) {
            return new Dtls(resolver, privateKey, publicKey, null);
        }

        /** X.509, RPK and PSK clients; the listener shows {@code certificateChain}. */
        public static Dtls x509(CredentialResolver resolver, List<byte[]> certificateChain, byte[] privateKey) {
            return new Dtls(resolver, privateKey, null, certificateChain);
        }

        @Override
        public byte[] privateKey() {
            return privateKey.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public List<byte[]> certificateChain() {
            return certificateChain.stream().map(byte[]::clone).toList();
        }

        @Override
        public String toString() {
            return "DTLS" + (certificateChain.isEmpty() ? publicKey.length == 0 ? " (PSK)" : " (RPK, PSK)" : " (X.509, RPK, PSK)");
        }
    }
}
