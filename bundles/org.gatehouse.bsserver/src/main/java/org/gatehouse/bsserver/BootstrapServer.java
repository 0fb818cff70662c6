package org.gatehouse.bsserver;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A running bootstrap server: where it listens and how busy it is. Implemented by the bootstrap-server
 * bundle only.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface BootstrapServer {

    /** The plain CoAP address, when that listener is enabled. */
    Optional<InetSocketAddress> coapAddress();

    /** The CoAPs (DTLS) address, when that listener is enabled. */
    Optional<InetSocketAddress> coapsAddress();

    /** The name this node writes into the session log and its claims. */
    String node();

    /** Sessions running now on this node. */
    int activeSessions();
}
