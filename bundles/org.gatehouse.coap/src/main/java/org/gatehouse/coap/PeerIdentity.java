package org.gatehouse.coap;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Who the peer of a request proved to be during the DTLS handshake; {@link None} over plain CoAP,
 * where only the socket address is known.
 *
 * @since 1.1.0
 */
public sealed interface PeerIdentity {

    /** Plain CoAP: no authenticated identity. */
    record None() implements PeerIdentity {
    }

    /** The PSK identity the peer used (its key was the one the resolver gave). */
    record Psk(String identity) implements PeerIdentity {
        public Psk {
            Objects.requireNonNull(identity, "identity");
        }

        // as a record prints it, without the String.format of Java 17's record toString (a session logs it per request)
        @Override
        public String toString() {
            return "Psk[identity=" + identity + "]";
        }
    }

    /** The peer's raw public key, SubjectPublicKeyInfo DER. */
    record Rpk(byte[] publicKey) implements PeerIdentity {
        public Rpk {
            publicKey = publicKey.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        // A record compares arrays by reference; two peers with the same key are the same peer.
        @Override
        public boolean equals(Object o) {
            return o instanceof Rpk other && Arrays.equals(publicKey, other.publicKey);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(publicKey);
        }

        @Override
        public String toString() {
            return "RPK " + HexFormat.of().formatHex(publicKey, Math.max(0, publicKey.length - 8), publicKey.length);
        }
    }

    /** The subject of the peer's certificate (RFC 2253 form, e.g. {@code CN=gw-1}), after its chain was verified. */
    record X509(String subject) implements PeerIdentity {
        public X509 {
            Objects.requireNonNull(subject, "subject");
        }

        /**
         * The first CN of the subject, which LwM2M servers bind to the endpoint name; empty when
         * the subject has none.
         *
         * @since 1.2.0
         */
        public Optional<String> commonName() {
            for (String part : subject.split(",")) {
                String p = part.trim();
                if (p.regionMatches(true, 0, "CN=", 0, 3)) {
                    return Optional.of(p.substring(3));
                }
            }
            return Optional.empty();
        }
    }
}
