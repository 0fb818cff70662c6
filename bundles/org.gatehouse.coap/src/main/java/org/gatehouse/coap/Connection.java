package org.gatehouse.coap;

import java.time.Duration;

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

    /** The local UDP port, for logs and tests. */
    int localPort();

    @Override
    void close();
}
