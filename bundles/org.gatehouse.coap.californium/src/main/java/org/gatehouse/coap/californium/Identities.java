package org.gatehouse.coap.californium;

import java.security.Principal;

import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.elements.auth.RawPublicKeyIdentity;
import org.eclipse.californium.elements.auth.X509CertPath;
import org.gatehouse.coap.Peer;
import org.gatehouse.coap.PeerIdentity;

/** Scandium's principals as the API's peer identities, and back as far as a request's destination needs. */
final class Identities {
    private Identities() {
    }

    static Peer peer(EndpointContext context) {
        return new Peer(context.getPeerAddress(), identity(context.getPeerIdentity()));
    }

    static PeerIdentity identity(Principal principal) {
        if (principal == null) {
            return new PeerIdentity.None();
        } else if (principal instanceof Requested requested) {
            return requested.identity;
        } else if (principal instanceof PreSharedKeyIdentity psk) {
            return new PeerIdentity.Psk(psk.getIdentity());
        } else if (principal instanceof RawPublicKeyIdentity rpk) {
            return new PeerIdentity.Rpk(rpk.getKey().getEncoded());
        } else if (principal instanceof X509CertPath x509) {
            return new PeerIdentity.X509(x509.getTarget().getSubjectX500Principal().getName());
        }
        // Never from Scandium 3.14; compared by name so that it cannot match a PSK, RPK or X.509 peer.
        return new PeerIdentity.X509("unknown principal " + principal.getClass().getName() + ": " + principal.getName());
    }

    /** The principal a request to {@code peer} must find on the DTLS session it goes out on; null over plain CoAP. */
    static Principal requested(Peer peer) {
        return peer.identity() instanceof PeerIdentity.None ? null : new Requested(peer.identity());
    }

    /**
     * A principal that stands for an API identity: {@link PeerMatcher} compares it with the session's
     * principal through {@link #identity}, so an X.509 peer is found by its subject alone.
     */
    private record Requested(PeerIdentity identity) implements Principal {
        @Override
        public String getName() {
            return identity.toString();
        }
    }
}
