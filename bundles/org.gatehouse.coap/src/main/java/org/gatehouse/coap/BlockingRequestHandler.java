package org.gatehouse.coap;

/**
 * A request handler whose answers may wait (on a database, a file, another host). The transport calls
 * it on a thread of its own, never on one that carries the network's messages, so that a slow answer
 * holds up no other peer's exchange; the answer leaves when the handler returns.
 *
 * @since 1.2.0
 */
@org.osgi.annotation.versioning.ConsumerType
public interface BlockingRequestHandler extends RequestHandler {
}
