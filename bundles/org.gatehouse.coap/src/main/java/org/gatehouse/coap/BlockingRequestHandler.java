package org.gatehouse.coap;

import java.util.Objects;

/**
 * A request handler whose answers may wait (on a database, a file, another host). The transport calls
 * it on a thread of its own, never on one that carries the network's messages, so that a slow answer
 * holds up no other peer's exchange; the answer leaves when the handler returns.
 *
 * @since 1.2.0
 */
@org.osgi.annotation.versioning.ConsumerType
public interface BlockingRequestHandler extends RequestHandler {

    /**
     * What the transport calls: the answer, and what runs once that answer has been handed to the
     * network, on the same thread. Work the answer announces (a bootstrap server's session behind its
     * 2.04) so starts behind it without a hand-over to yet another thread. By default the answer of
     * {@link #handle(CoapRequest, Peer)} and nothing after.
     *
     * @since 1.3.0
     */
    default Answer answer(CoapRequest request, Peer from) {
        return Answer.only(handle(request, from));
    }

    /**
     * An answer and the work that follows it; {@code then} runs even when the answer could not be
     * sent, so that what it was to start is always started (and ends on its own).
     *
     * @since 1.3.0
     */
    record Answer(CoapResponse response, Runnable then) {

        private static final Runnable NOTHING = () -> { };

        public Answer {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(then, "then");
        }

        /** An answer that nothing follows. */
        public static Answer only(CoapResponse response) {
            return new Answer(response, NOTHING);
        }
    }
}
