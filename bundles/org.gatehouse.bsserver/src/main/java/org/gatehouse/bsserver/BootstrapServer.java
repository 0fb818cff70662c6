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

    /**
     * LwM2M 1.0 Server-Initiated Bootstrap: connects to a device listening at {@code device} (a
     * {@code coaps://} URI with the endpoint's PSK credential, {@code coap://} for an endpoint without
     * one) and runs the session of its configuration without a Bootstrap-Request. Logged like any
     * session.
     *
     * @return the outcome as logged ("success", "failed: …", "abandoned: …"); completes exceptionally
     *         when the push cannot start (unknown endpoint, a session of it already running)
     */
    java.util.concurrent.CompletionStage<String> push(String endpoint, java.net.URI device);
}
