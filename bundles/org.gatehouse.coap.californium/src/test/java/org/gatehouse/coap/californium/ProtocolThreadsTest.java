package org.gatehouse.coap.californium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Connection;
import org.gatehouse.coap.ListenSecurity;
import org.gatehouse.coap.ListenSpec;
import org.gatehouse.coap.Listener;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.PeerSecurity;
import org.gatehouse.coap.PeerSpec;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.ResponseCode;
import org.junit.jupiter.api.Test;

/** protocol.threads: how many threads carry the messages of every connection and listener. */
class ProtocolThreadsTest {

    @Test
    void one_protocol_thread_carries_every_peer() throws Exception {
        CaliforniumTransport transport = new CaliforniumTransport(Fixtures.config(Map.of("protocol_threads", 1)));
        Set<String> serverThreads = ConcurrentHashMap.newKeySet();
        RequestHandler server = RequestHandler.withPeer((request, peer) -> {
            serverThreads.add(Thread.currentThread().getName());
            return CoapResponse.of(ResponseCode.CHANGED);
        });
        List<Connection> devices = new ArrayList<>();
        try (Listener listener = transport.listen(new ListenSpec("bootstrap server", Fixtures.anyLoopbackPort(), new ListenSecurity.NoSec()),
                server)) {
            URI uri = URI.create("coap://127.0.0.1:" + listener.localAddress().getPort());
            List<CompletableFuture<CoapResponse>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Connection c = transport.open(new PeerSpec("device " + i, uri, new PeerSecurity.NoSec()), r -> CoapResponse.of(ResponseCode.CHANGED));
                devices.add(c);
                answers.add(c.sendAsync(CoapRequest.of(Method.POST, "/bs").withQuery(List.of("ep=d" + i)), Duration.ofSeconds(5))
                    .toCompletableFuture());
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
            assertTrue(answers.stream().allMatch(a -> a.join().code() == ResponseCode.CHANGED));
            assertEquals(Set.of("gatehouse-coap-1"), serverThreads, "ten peers' requests on the one protocol thread");
        } finally {
            devices.forEach(Connection::close);
            transport.deactivate();
        }
    }

    @Test
    void fewer_than_one_is_refused_with_what_it_needs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new CaliforniumTransport(Fixtures.config(Map.of("protocol_threads", 0))));
        assertTrue(e.getMessage().contains("protocol.threads of org.gatehouse.coap is 0; it needs at least 1"), e.getMessage());
    }
}
