package org.gatehouse.coap;

import java.util.Objects;

/**
 * How to secure the connection to a peer, as an LwM2M Security instance describes it (/0/x/2..5,
 * 14, 15). Keys and certificates are DER bytes exactly as the Security object holds them.
 *
 * @since 1.0.0
 */
public sealed interface PeerSecurity {

    /** Mode 3: plain CoAP. */
    record NoSec() implements PeerSecurity {
    }

    /** Mode 0: DTLS with a pre-shared key. */
    record Psk(String identity, byte[] key) implements PeerSecurity {
        public Psk {
            Objects.requireNonNull(identity, "identity");
            key = key.clone();
        }

        @Override
        public String toString() {
            return "PSK identity '" + identity + "'"; // never the key
        }
    }

    /** Mode 1: raw public keys (SubjectPublicKeyInfo DER; private key PKCS#8 DER). */
    record Rpk(byte[] publicKey, byte[] privateKey, byte[] serverPublicKey) implements PeerSecurity {
        @Override
        public String toString() {
            return "RPK";
        }
    }

    /**
     * Mode 2: X.509. {@code serverCertificate} is the trust anchor or the server's certificate as
     * {@code certificateUsage} (RFC 6698: 0..3, default 3) says; {@code sni} is sent when not empty.
     */
    record X509(byte[] certificate, byte[] privateKey, byte[] serverCertificate, int certificateUsage, String sni) implements PeerSecurity {
        @Override
        public String toString() {
            return "X.509 (certificate usage " + certificateUsage + ")";
        }
    }

}
