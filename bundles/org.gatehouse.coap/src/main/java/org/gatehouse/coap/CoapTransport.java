package org.gatehouse.coap;

/**
 * Opens connections to LwM2M servers and bootstrap servers. Implemented by the transport bundle only.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface CoapTransport {

    Connection open(PeerSpec peer, RequestHandler handler) throws TransportException;
}
