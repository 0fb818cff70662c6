package org.gatehouse.coap.californium;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ExecutorService;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Connection;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.PeerSecurity;
import org.gatehouse.coap.PeerSpec;
import org.gatehouse.coap.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plain endpoint started ahead: the connection after one that started its own takes it and works both
 * ways; before it is taken it refuses requests; unused it is closed after its idle time, and with the transport.
 * (The path without a spare is the first connection of every test in this module.)
 */
class SpareEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private CaliforniumTransport transport;
    private CoapServer peer;

    @BeforeEach
    void start() {
        transport = new CaliforniumTransport(Fixtures.config(Map.of("ack_timeout", 200, "max_retransmit", 1)));
        peer = new CoapServer(CaliforniumTransport.configuration(Fixtures.config(Map.of())));
        peer.addEndpoint(new CoapEndpoint.Builder().setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build());
        peer.add(new CoapResource("rd") {
            @Override
            public void handlePOST(CoapExchange exchange) {
                exchange.respond(CoAP.ResponseCode.CREATED);
            }
        });
        peer.start();
    }

    @AfterEach
    void stop() {
        peer.destroy();
        transport.deactivate();
    }

    private PeerSpec noSec() {
        return new PeerSpec("test peer", URI.create("coap://127.0.0.1:" + peerEndpoint().getAddress().getPort()), new PeerSecurity.NoSec());
    }

    private Endpoint peerEndpoint() {
        return peer.getEndpoints().get(0);
    }

    @Test
    void the_connection_after_one_that_started_its_own_takes_the_spare_and_it_works_both_ways() throws Exception {
        BlockingQueue<CoapRequest> handled = new LinkedBlockingQueue<>();
        try (Connection first = transport.open(noSec(), r -> CoapResponse.of(ResponseCode.CHANGED))) {
            await().atMost(WAIT).until(() -> transport.spareReadyPort() > 0);
            int spare = transport.spareReadyPort();
            assertTrue(spare != first.localPort());
            try (Connection second = transport.open(noSec(), r -> {
                handled.add(r);
                return CoapResponse.of(ResponseCode.CHANGED);
            })) {
                assertEquals(spare, second.localPort(), "the second connection took the endpoint started ahead");
                assertEquals(-1, transport.spareReadyPort(), "a connection that took the spare starts none");
                assertEquals(ResponseCode.CREATED, second.send(CoapRequest.of(Method.POST, "/rd"), WAIT).code());
                Response fromPeer = Fixtures.get(peerEndpoint(), spare);
                assertNotNull(fromPeer, "no answer to the peer");
                assertEquals(CoAP.ResponseCode.CHANGED, fromPeer.getCode());
                assertEquals("/3/0", handled.poll().pathString());
                CoapEndpoint stranger = new CoapEndpoint.Builder().setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build();
                stranger.start();
                try {
                    assertEquals(CoAP.ResponseCode.UNAUTHORIZED, Fixtures.get(stranger, spare).getCode());
                    assertTrue(handled.isEmpty(), "the stranger's request reached the handler: " + handled);
                } finally {
                    stranger.destroy();
                }
            }
        }
    }

    @Test
    void a_spare_refuses_requests_until_taken_and_unused_is_closed_after_its_idle_time() throws Exception {
        ExecutorService maker = Executors.newSingleThreadExecutor();
        try (SpareEndpoint spares = new SpareEndpoint(transport.setup(), maker, Duration.ofMillis(1500))) {
            assertNull(spares.take(), "none at first: one is started for the next call");
            await().atMost(WAIT).until(() -> spares.readyPort() > 0);
            int port = spares.readyPort();
            Response refused = Fixtures.get(peerEndpoint(), port);
            assertNotNull(refused, "the spare did not answer");
            assertEquals(CoAP.ResponseCode.UNAUTHORIZED, refused.getCode(), "a spare nobody took refuses every request");
            await().atMost(WAIT).until(() -> spares.readyPort() == -1);
            await().atMost(WAIT).untilAsserted(() -> assertPortFree(port));
        } finally {
            maker.shutdownNow();
        }
    }

    @Test
    void the_transport_closes_its_spare() throws Exception {
        transport.open(noSec(), r -> CoapResponse.of(ResponseCode.CHANGED)).close();
        await().atMost(WAIT).until(() -> transport.spareReadyPort() > 0);
        int port = transport.spareReadyPort();
        transport.deactivate();
        assertPortFree(port);
    }

    private static void assertPortFree(int port) throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(port))) {
            assertEquals(port, s.getLocalPort(), "the spare's socket was closed");
        }
    }
}
