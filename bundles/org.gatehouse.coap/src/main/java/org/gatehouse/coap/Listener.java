package org.gatehouse.coap;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A bound CoAP or CoAPs endpoint in the server role: requests from any peer its {@link ListenSpec}
 * accepts go to the handler with their {@link Peer}, and requests go back to a peer it heard from
 * (a bootstrap server writing to the device that sent Bootstrap-Request). Over DTLS a request can
 * reach only a peer with a live session, and only the identity it was sent to. Implemented by the
 * transport bundle only.
 *
 * @since 1.1.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface Listener extends AutoCloseable {

    ListenSpec spec();

    /** The bound address, with the port chosen when the spec asked for 0. */
    InetSocketAddress localAddress();

    /**
     * Sends a request to {@code peer} without blocking. The stage completes with the response, or
     * exceptionally with a {@link TransportException} (timeout, no session with that identity,
     * closed listener).
     */
    CompletionStage<CoapResponse> send(Peer peer, CoapRequest request, Duration timeout);

    /** Observes a resource on {@code peer}; see {@link Connection#observe}. */
    CompletionStage<Observation> observe(Peer peer, CoapRequest request, Duration timeout, Consumer<CoapResponse> notifications);

    /**
     * Tells the peers that observe {@code path}, a resource under it or above it, that it changed:
     * the handler answers their Observe request again and the answer goes out as a notification.
     */
    void changed(String path);

    /** Unbinds; answers still owed to peers are sent first (up to 2 s). */
    @Override
    void close();
}
