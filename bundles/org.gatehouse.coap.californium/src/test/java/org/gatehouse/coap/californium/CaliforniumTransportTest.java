package org.gatehouse.coap.californium;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

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
import org.gatehouse.coap.TransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transport over real loopback sockets, with a plain Californium server as the peer. What the
 * peer saw is recorded on Californium's threads and asserted on the test thread.
 */
class CaliforniumTransportTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** What the peer's resource was asked. */
    private record Seen(String method, List<String> query, int contentFormat, int accept, String payload) {
    }

    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    private CaliforniumTransport transport;
    private CoapServer peer;

    @BeforeEach
    void start() {
        transport = new CaliforniumTransport(config(Map.of("ack_timeout", 200, "max_retransmit", 1)));
        peer = new CoapServer(CaliforniumTransport.configuration(config(Map.of())));
        peer.addEndpoint(new CoapEndpoint.Builder().setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build());
        peer.add(new CoapResource("rd") {
            @Override
            public void handlePOST(CoapExchange exchange) {
                record(exchange);
                Response created = new Response(CoAP.ResponseCode.CREATED);
                created.getOptions().setLocationPath("rd/5a3f");
                exchange.respond(created);
            }

            @Override
            public void handleGET(CoapExchange exchange) {
                record(exchange);
                exchange.respond(CoAP.ResponseCode.CONTENT, new byte[] {1, 2, 3}, 112);
            }
        });
        peer.start();
    }

    private void record(CoapExchange exchange) {
        var o = exchange.getRequestOptions();
        seen.add(new Seen(exchange.getRequestCode().name(), o.getUriQuery(), o.hasContentFormat() ? o.getContentFormat() : -1,
            o.hasAccept() ? o.getAccept() : -1, exchange.getRequestText()));
    }

    @AfterEach
    void stop() {
        peer.destroy();
        transport.deactivate();
    }

    private static CaliforniumTransport.Config config(Map<String, Object> values) {
        Class<CaliforniumTransport.Config> type = CaliforniumTransport.Config.class;
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            Object v = values.get(method.getName());
            return v != null ? v : method.getDefaultValue();
        }));
    }

    private static PeerSpec noSec(int port) {
        return new PeerSpec("test peer", URI.create("coap://127.0.0.1:" + port), new PeerSecurity.NoSec());
    }

    private Endpoint peerEndpoint() {
        return peer.getEndpoints().get(0);
    }

    @Test
    void a_request_and_its_response_make_the_round_trip() throws Exception {
        try (Connection c = transport.open(noSec(peerEndpoint().getAddress().getPort()), r -> CoapResponse.of(ResponseCode.CHANGED))) {
            CoapResponse created = c.send(CoapRequest.of(Method.POST, "/rd").withQuery(List.of("ep=gw-1", "lt=300"))
                .withPayload(40, "</1/0>".getBytes(StandardCharsets.UTF_8)), WAIT);
            assertEquals(ResponseCode.CREATED, created.code());
            assertEquals("/rd/5a3f", created.locationPath());
            assertEquals(new Seen("POST", List.of("ep=gw-1", "lt=300"), 40, -1, "</1/0>"), seen.poll());

            CoapResponse content = c.send(CoapRequest.of(Method.GET, "/rd").withAccept(112), WAIT);
            assertEquals(ResponseCode.CONTENT, content.code());
            assertEquals(112, content.contentFormat());
            assertArrayEquals(new byte[] {1, 2, 3}, content.payload());
            assertEquals(new Seen("GET", List.of(), -1, 112, ""), seen.poll());
            assertTrue(c.localPort() > 0 && c.localPort() != peerEndpoint().getAddress().getPort());
        }
    }

    @Test
    void a_request_from_the_peer_reaches_the_handler_and_one_from_a_stranger_is_refused_with_4_01() throws Exception {
        BlockingQueue<CoapRequest> handled = new LinkedBlockingQueue<>();
        try (Connection c = transport.open(noSec(peerEndpoint().getAddress().getPort()), r -> {
            handled.add(r);
            return CoapResponse.content(0, "ok".getBytes(StandardCharsets.UTF_8));
        })) {
            Response fromPeer = Fixtures.get(peerEndpoint(), c.localPort());
            assertNotNull(fromPeer, "no answer to the peer");
            assertEquals(CoAP.ResponseCode.CONTENT, fromPeer.getCode());
            assertEquals("/3/0", handled.poll().pathString());

            CoapEndpoint stranger = new CoapEndpoint.Builder().setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build();
            stranger.start();
            try {
                Response refused = Fixtures.get(stranger, c.localPort());
                assertNotNull(refused, "no answer to the stranger");
                assertEquals(CoAP.ResponseCode.UNAUTHORIZED, refused.getCode());
                assertTrue(handled.isEmpty(), "the stranger's request reached the handler: " + handled);
            } finally {
                stranger.destroy();
            }
        }
    }

    @Test
    void a_peer_that_never_answers_gives_a_timeout() throws Exception {
        // a bound socket that is never read: no answer, and no ICMP "port unreachable" either
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Connection c = transport.open(noSec(silent.getLocalPort()), r -> CoapResponse.of(ResponseCode.CHANGED))) {
            long start = System.nanoTime();
            TransportException e = assertThrows(TransportException.class,
                () -> c.send(CoapRequest.of(Method.GET, "/3/0"), Duration.ofMillis(300)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(TransportException.Kind.TIMEOUT, e.kind(), e.getMessage());
            assertEquals("test peer: no response to GET /3/0 within 300 ms", e.getMessage());
            assertTrue(millis >= 300 && millis < 5_000, "gave up after " + millis + " ms");
        }
    }

    @Test
    void a_get_with_a_payload_is_refused_as_a_transport_error_not_an_unchecked_exception() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Connection c = transport.open(noSec(silent.getLocalPort()), r -> CoapResponse.of(ResponseCode.CHANGED))) {
            TransportException e = assertThrows(TransportException.class, () -> c.send(CoapRequest.of(Method.GET, "/3/0")
                .withPayload(0, "x".getBytes(StandardCharsets.UTF_8)), Duration.ofMillis(300)));
            assertEquals(TransportException.Kind.CONFIGURATION, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("GET /3/0 cannot be sent"), e.getMessage());
        }
    }
}
