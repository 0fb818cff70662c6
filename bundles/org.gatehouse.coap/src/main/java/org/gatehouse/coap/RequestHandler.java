package org.gatehouse.coap;

/**
 * Answers the requests a connected peer sends (a bootstrap server's writes, a server's reads).
 * Only requests from that peer, authenticated as the connection requires, reach it.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ConsumerType
@FunctionalInterface
public interface RequestHandler {

    CoapResponse handle(CoapRequest request);

    /** Refuses everything: for connections where the peer has no business sending requests. */
    RequestHandler REFUSE = r -> CoapResponse.error(ResponseCode.METHOD_NOT_ALLOWED, "no requests accepted on this connection");
}
