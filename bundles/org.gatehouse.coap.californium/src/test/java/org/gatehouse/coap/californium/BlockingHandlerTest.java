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
import org.gatehouse.coap.Peer;
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

    @Test
    void what_follows_an_answer_runs_after_the_answer_left_on_the_handlers_thread() throws Exception {
        CountDownLatch answered = new CountDownLatch(1);
        CompletableFuture<String> followed = new CompletableFuture<>();
        BlockingRequestHandler handler = new BlockingRequestHandler() {
            @Override
            public org.gatehouse.coap.CoapResponse handle(CoapRequest request) {
                throw new AssertionError("the transport asks for the answer and what follows it");
            }

            @Override
            public Answer answer(CoapRequest request, Peer from) {
                String handlerThread = Thread.currentThread().getName();
                return new Answer(org.gatehouse.coap.CoapResponse.of(ResponseCode.CHANGED), () -> {
                    try { // the client has the answer while this still runs: it left first
                        boolean seen = answered.await(10, TimeUnit.SECONDS);
                        followed.complete(seen && Thread.currentThread().getName().equals(handlerThread) ? handlerThread : "not after, or elsewhere");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("a failure here is logged and harms nothing");
                });
            }
        };
        CaliforniumTransport transport = Fixtures.transport();
        try (Listener listener = transport.listen(new ListenSpec("follows", Fixtures.anyLoopbackPort(), new ListenSecurity.NoSec()), handler);
                PlainClient client = PlainClient.nosec()) {
            CoapResponse first = client.post(listener.localAddress(), "/bs", new byte[0]);
            answered.countDown();
            assertEquals(org.eclipse.californium.core.coap.CoAP.ResponseCode.CHANGED, first.getCode());
            assertTrue(followed.get(10, TimeUnit.SECONDS).startsWith("gatehouse-coap-handler-"), followed.join());
            assertEquals(org.eclipse.californium.core.coap.CoAP.ResponseCode.CHANGED, client.post(listener.localAddress(), "/bs", new byte[0]).getCode(),
                "the handler thread is free again");
        } finally {
            transport.deactivate();
        }
    }
}
