package org.gatehouse.coap.californium;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Connection;
import org.gatehouse.coap.ListenSpec;
import org.gatehouse.coap.Listener;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.Peer;
import org.gatehouse.coap.PeerSecurity;
import org.gatehouse.coap.PeerSpec;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.ResponseCode;
import org.junit.jupiter.api.Test;

/**
 * Bodies larger than one CoAP message travel block-wise (Block1 for requests, Block2 for responses)
 * in both directions, up to the configured limit; a request over it gets 4.13 with Size1. NON
 * requests are answered and the handler knows they were NON.
 */
class TransferTest {

    private final List<CoapRequest> heardByServer = new CopyOnWriteArrayList<>();
    private final List<CoapRequest> heardByDevice = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Peer> device = new CompletableFuture<>();

    private static byte[] body(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    /** Both handlers echo a GET's size wish: a GET to /size/N is answered with N bytes. */
    private CoapResponse answer(List<CoapRequest> log, CoapRequest request) {
        log.add(request);
        if (request.method() == Method.GET && request.path().size() == 2 && request.path().get(0).equals("size")) {
            return CoapResponse.content(42, body(Integer.parseInt(request.path().get(1))));
        }
        return CoapResponse.of(ResponseCode.CHANGED);
    }

    private void withPair(CaliforniumTransport transport, PairTest test) throws Exception {
        try (Listener listener = transport.listen(ListenSpec.coap("server", Fixtures.anyLoopbackPort()), RequestHandler.withPeer((r, p) -> {
                device.complete(p);
                return answer(heardByServer, r);
            }));
             Connection connection = transport.open(new PeerSpec("server", URI.create("coap://127.0.0.1:" + listener.localAddress().getPort()),
                 new PeerSecurity.NoSec()), r -> answer(heardByDevice, r))) {
            test.run(listener, connection);
        } finally {
            transport.deactivate();
        }
    }

    private interface PairTest {
        void run(Listener listener, Connection connection) throws Exception;
    }

    @Test
    void large_bodies_go_block_wise_from_the_device_to_the_server_and_back() throws Exception {
        withPair(Fixtures.transport(), (listener, connection) -> {
            byte[] sent = body(6000);
            assertEquals(ResponseCode.CHANGED, connection.send(CoapRequest.of(Method.PUT, "/bs/data").withPayload(42, sent), Duration.ofSeconds(5)).code());
            assertArrayEquals(sent, heardByServer.get(0).payload());
            assertEquals(1, heardByServer.size(), "the handler saw the whole body once, not each block");

            CoapResponse large = connection.send(CoapRequest.of(Method.GET, "/size/7000"), Duration.ofSeconds(5));
            assertArrayEquals(body(7000), large.payload());
        });
    }

    @Test
    void large_bodies_go_block_wise_from_the_server_to_the_device_and_back() throws Exception {
        withPair(Fixtures.transport(), (listener, connection) -> {
            connection.send(CoapRequest.of(Method.POST, "/bs"), Duration.ofSeconds(5));
            Peer peer = device.get(1, TimeUnit.SECONDS);
            byte[] sent = body(5000);
            CoapResponse written = listener.send(peer, CoapRequest.of(Method.PUT, "/0").withPayload(11542, sent), Duration.ofSeconds(5))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(ResponseCode.CHANGED, written.code());
            assertArrayEquals(sent, heardByDevice.get(0).payload());

            CoapResponse read = listener.send(peer, CoapRequest.of(Method.GET, "/size/8000"), Duration.ofSeconds(5)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertArrayEquals(body(8000), read.payload());
        });
    }

    @Test
    void the_body_limit_is_configurable_and_a_request_over_it_gets_4_13_with_size1() throws Exception {
        withPair(new CaliforniumTransport(Fixtures.config(Map.of("max_body_size", 4096))), (listener, connection) -> {
            CoapResponse refused = connection.send(CoapRequest.of(Method.PUT, "/bs/data").withPayload(42, body(6000)), Duration.ofSeconds(5));
            assertEquals(ResponseCode.REQUEST_ENTITY_TOO_LARGE, refused.code());
            assertTrue(heardByServer.isEmpty(), "the handler never saw it");
            assertEquals(ResponseCode.CHANGED, connection.send(CoapRequest.of(Method.PUT, "/bs/data").withPayload(42, body(4000)), Duration.ofSeconds(5)).code());
        });
        // 70,000 bytes fit in no UDP datagram: only block-wise transfer can carry them, each way.
        withPair(new CaliforniumTransport(Fixtures.config(Map.of("max_body_size", 131072))), (listener, connection) -> {
            byte[] sent = body(70000);
            assertEquals(ResponseCode.CHANGED, connection.send(CoapRequest.of(Method.PUT, "/bs/data").withPayload(42, sent), Duration.ofSeconds(10)).code());
            assertArrayEquals(sent, heardByServer.get(heardByServer.size() - 1).payload());
            assertArrayEquals(body(70000), connection.send(CoapRequest.of(Method.GET, "/size/70000"), Duration.ofSeconds(10)).payload());
        });
    }

    @Test
    void a_non_confirmable_request_is_answered_and_the_handler_knows_it_was_non() throws Exception {
        withPair(Fixtures.transport(), (listener, connection) -> {
            CoapResponse r = connection.sendAsync(CoapRequest.of(Method.POST, "/dp").withPayload(110, new byte[] {1, 2}).withConfirmable(false),
                Duration.ofSeconds(5)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(ResponseCode.CHANGED, r.code());
            assertFalse(heardByServer.get(0).confirmable());
            assertEquals(CoapRequest.NONE, heardByServer.get(0).observe());
        });
    }
}
