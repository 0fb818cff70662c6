package org.gatehouse.coap;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A connection to one peer with its own local endpoint and (for DTLS) its own session: requests go
 * out with {@link #send}, the peer's requests come in to the handler given at open. Implemented by
 * the transport bundle only.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface Connection extends AutoCloseable {

    PeerSpec peer();

    /** Sends a request and waits for the response (retransmissions included). */
    CoapResponse send(CoapRequest request, Duration timeout) throws TransportException;

    /**
     * Sends a request without blocking a thread. The stage completes with the response, or
     * exceptionally with a {@link TransportException} of the same kind {@link #send} throws.
     *
     * @since 1.1.0
     */
    CompletionStage<CoapResponse> sendAsync(CoapRequest request, Duration timeout);

    /**
     * Observes a resource on the peer: {@code request} (a GET or FETCH) goes out with Observe 0, the
     * stage completes with the {@link Observation} once the first response came, and each later
     * notification goes to {@code notifications}.
     *
     * @since 1.1.0
     */
    CompletionStage<Observation> observe(CoapRequest request, Duration timeout, Consumer<CoapResponse> notifications);

    /**
     * Tells the peer, if it observes {@code path}, a resource under it or above it, that it changed:
     * the handler answers the Observe request again and the answer goes out as a notification.
     *
     * @since 1.1.0
     */
    void changed(String path);

    /** The local UDP port, for logs and tests. */
    int localPort();

    @Override
    void close();
}
