package org.gatehouse.bootstrap.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Connection;
import org.gatehouse.coap.Observation;
import org.gatehouse.coap.PeerSpec;
import org.junit.jupiter.api.Test;

/** A connection kept after Bootstrap-Finish is closed later, or at once when lingering is off or the mode goes. */
class LingerTest {

    @Test
    void zero_closes_at_once() {
        Counted c = new Counted();
        try (Linger linger = new Linger()) {
            linger.closeLater(c, Duration.ZERO);
            assertEquals(1, c.closed.get());
            assertEquals(0, linger.lingering());
        }
    }

    @Test
    void a_lingering_connection_stays_open_until_the_mode_goes() {
        Counted c = new Counted();
        Linger linger = new Linger();
        linger.closeLater(c, Duration.ofHours(1));
        assertEquals(0, c.closed.get());
        assertEquals(1, linger.lingering());
        linger.close();
        assertEquals(1, c.closed.get());
        assertEquals(0, linger.lingering());
        linger.closeLater(c, Duration.ofHours(1)); // after the mode went: closed at once
        assertEquals(2, c.closed.get());
    }

    /** Counts close(); nothing else is called on a lingering connection. */
    private static final class Counted implements Connection {
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public PeerSpec peer() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CoapResponse send(CoapRequest request, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<CoapResponse> sendAsync(CoapRequest request, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Observation> observe(CoapRequest request, Duration timeout, Consumer<CoapResponse> notifications) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void changed(String path) {
        }

        @Override
        public int localPort() {
            return 0;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }
}
