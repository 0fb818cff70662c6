package org.gatehouse.coap;

import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Answers the requests a peer sends (a bootstrap server's writes, a server's reads, a device's
 * Bootstrap-Request to a listener). On a connection only requests from its peer, authenticated as
 * the connection requires, reach it; on a listener, those of every peer its resolver accepts.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ConsumerType
@FunctionalInterface
public interface RequestHandler {

    CoapResponse handle(CoapRequest request);

    /**
     * What the transport calls: the request and who sent it. Handlers written before peers were
     * known answer through {@link #handle(CoapRequest)}; a handler that needs the sender overrides
     * this, or is made with {@link #withPeer}.
     *
     * @since 1.1.0
     */
    default CoapResponse handle(CoapRequest request, Peer from) {
        return handle(request);
    }

    /**
     * A handler that sees the sender of every request.
     *
     * @since 1.1.0
     */
    static RequestHandler withPeer(BiFunction<CoapRequest, Peer, CoapResponse> handler) {
        Objects.requireNonNull(handler, "handler");
        return new RequestHandler() {
            @Override
            public CoapResponse handle(CoapRequest request) {
                throw new UnsupportedOperationException("this handler answers only with the peer known: handle(request, peer)");
            }

            @Override
            public CoapResponse handle(CoapRequest request, Peer from) {
                return handler.apply(request, from);
            }
        };
    }

    /** Refuses everything: for connections where the peer has no business sending requests. */
    RequestHandler REFUSE = r -> CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, "no requests accepted on this connection");
}
