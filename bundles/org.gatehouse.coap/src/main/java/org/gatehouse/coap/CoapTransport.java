package org.gatehouse.coap;

/**
 * Opens connections to LwM2M servers and bootstrap servers, and listens for peers that connect to
 * us. Implemented by the transport bundle only.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface CoapTransport {

    /** The client role: one local endpoint (and DTLS session) for one peer; requests from anyone else get 4.01. */
    Connection open(PeerSpec peer, RequestHandler handler) throws TransportException;

    /**
     * The server role: binds the spec's address, plain CoAP or DTLS with its resolver deciding whom
     * to accept. The handler sees every request with its {@link Peer}
     * ({@link RequestHandler#handle(CoapRequest, Peer)}).
     *
     * @implSpec The default refuses, as a transport with only the client role does (test doubles
     *           written as lambdas of {@link #open}).
     * @throws TransportException {@code CONFIGURATION} when the address cannot be bound or the
     *                            credentials are unusable
     * @since 1.1.0
     */
    default Listener listen(ListenSpec spec, RequestHandler handler) throws TransportException {
        throw new TransportException(TransportException.Kind.CONFIGURATION, spec.name() + ": this transport has no server role");
    }
}
