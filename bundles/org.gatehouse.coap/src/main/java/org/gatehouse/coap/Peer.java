package org.gatehouse.coap;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The sender of a request: its socket address and the identity it authenticated with. A listener
 * sends requests back to a peer by this value.
 *
 * @since 1.1.0
 */
public record Peer(InetSocketAddress address, PeerIdentity identity) {

    public Peer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(identity, "identity");
    }

    @Override
    public String toString() {
        return identity instanceof PeerIdentity.None ? address.toString() : identity + " at " + address;
    }
}
