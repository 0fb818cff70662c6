package org.gatehouse.coap.californium;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.gatehouse.coap.PeerSecurity;
import org.junit.jupiter.api.Test;

/** The start-up warm-up makes its loopback round trips, plain and DTLS, and gives up quietly once the transport is gone. */
class WarmupTest {

    @Test
    void round_trips_over_plain_coap_and_dtls_then_stops_with_the_transport() {
        CaliforniumTransport transport = Fixtures.transport();
        try {
            assertTrue(new Warmup(transport.setup(), new PeerSecurity.NoSec()).warm(), "plain CoAP");
            assertTrue(new Warmup(transport.setup(), new PeerSecurity.Psk("warm-up", "0123456789abcdef".getBytes(StandardCharsets.US_ASCII))).warm(),
                "DTLS");
        } finally {
            transport.deactivate();
        }
        assertFalse(new Warmup(transport.setup(), new PeerSecurity.NoSec()).warm(), "its threads are gone: nothing to warm");
    }
}
