package org.gatehouse.coap.californium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.CoapResponse;
import org.gatehouse.coap.BlockingRequestHandler;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.ListenSecurity;
import org.gatehouse.coap.ListenSpec;
import org.gatehouse.coap.Listener;
import org.gatehouse.coap.ResponseCode;
import org.junit.jupiter.api.Test;

/** A handler that waits holds none of the threads that carry the other peers' messages. */
class BlockingHandlerTest {

    @Test
    void peers_are_answered_while_more_blocking_handlers_wait_than_the_transport_has_network_threads() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch slowStarted = new CountDownLatch(3);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        BlockingRequestHandler handler = new BlockingRequestHandler() {
            @Override
            public org.gatehouse.coap.CoapResponse handle(CoapRequest request) {
                threads.add(Thread.currentThread().getName());
                if (request.path().equals(List.of("slow"))) {
                    slowStarted.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return org.gatehouse.coap.CoapResponse.of(ResponseCode.CHANGED);
            }
        };
        CaliforniumTransport transport = Fixtures.transport();
        List<PlainClient> clients = new ArrayList<>();
        try (Listener listener = transport.listen(new ListenSpec("slow server", Fixtures.anyLoopbackPort(), new ListenSecurity.NoSec()), handler)) {
            List<CompletableFuture<CoapResponse>> slow = new ArrayList<>();
            for (int i = 0; i < 3; i++) { // more than the transport's two network threads
                PlainClient c = PlainClient.nosec();
                clients.add(c);
                slow.add(CompletableFuture.supplyAsync(() -> c.post(listener.localAddress(), "/slow", new byte[0])));
            }
            assertTrue(slowStarted.await(10, TimeUnit.SECONDS), "every slow request reached the handler");
            PlainClient fast = PlainClient.nosec();
            clients.add(fast);
            CoapResponse answer = fast.post(listener.localAddress(), "/fast", new byte[0]);
            assertNotNull(answer, "answered while three handlers wait");
            assertEquals(org.eclipse.californium.core.coap.CoAP.ResponseCode.CHANGED, answer.getCode());
            release.countDown();
            for (CompletableFuture<CoapResponse> s : slow) {
                assertEquals(org.eclipse.californium.core.coap.CoAP.ResponseCode.CHANGED, s.get(10, TimeUnit.SECONDS).getCode());
            }
            assertTrue(threads.stream().allMatch(t -> t.startsWith("gatehouse-coap-handler-")), threads.toString());
        } finally {
            release.countDown();
            clients.forEach(PlainClient::close);
            transport.deactivate();
        }
    }
}
