package org.gatehouse.lwm2m.server.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.ListenSpec;
import org.gatehouse.coap.Listener;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.Observation;
import org.gatehouse.coap.Peer;
import org.gatehouse.coap.PeerIdentity;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.lwm2m.codec.impl.TextCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.server.DeviceResult;
import org.junit.jupiter.api.Test;

/** What goes on the wire for each operation, below the device's root path, and what comes back decoded. */
class DeviceRequestsTest {

    private static final Peer PEER = new Peer(new InetSocketAddress("127.0.0.1", 40000), new PeerIdentity.None());
    private final List<CoapRequest> sent = new ArrayList<>();
    private CoapResponse answer = CoapResponse.content(0, "Acme".getBytes(StandardCharsets.UTF_8));

    /** A listener that records what it is asked to send and answers {@link #answer}. */
    private final Listener listener = new Listener() {
        @Override
        public ListenSpec spec() {
            return ListenSpec.coap("test", new InetSocketAddress(0));
        }

        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress(0);
        }

        @Override
        public CompletionStage<CoapResponse> send(Peer peer, CoapRequest request, Duration timeout) {
            sent.add(request);
            return CompletableFuture.completedFuture(answer);
        }

        @Override
        public CompletionStage<Observation> observe(Peer peer, CoapRequest request, Duration timeout, Consumer<CoapResponse> notifications) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void changed(String path) {
        }

        @Override
        public void close() {
        }
    };

    private final MutableClock clock = new MutableClock();
    private final Registrations registry = new Registrations(clock, Duration.ZERO);
    private final DeviceRequests requests = new DeviceRequests(registry, new RequestQueue(clock, Duration.ofSeconds(93), Duration.ofSeconds(600)),
        r -> listener, new Results(Map.of(0, new TextCodec()), CoreModels.all()), Duration.ofSeconds(5), clock);

    private void register(String root) {
        registry.register(new RegisterParams(Optional.of("dev"), Optional.of("1.1"), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.of(root), Optional.of(List.of("/3/0"))), PEER);
    }

    @Test
    void a_read_goes_below_the_root_path_and_comes_back_decoded() {
        register("/lwm2m");
        DeviceResult r = requests.read("dev", "/3/0/0").toCompletableFuture().join();
        assertEquals("/lwm2m/3/0/0", sent.get(0).pathString());
        assertEquals(Method.GET, sent.get(0).method());
        assertEquals("Acme", r.text());
        assertTrue(r.node().isPresent());
    }

    @Test
    void write_execute_and_discover_carry_their_format_payload_and_accept() {
        register("/");
        answer = CoapResponse.of(ResponseCode.CHANGED);
        requests.write("dev", "/3/0/14", "+02:00").toCompletableFuture().join();
        requests.execute("dev", "/3/0/4", "0='x'").toCompletableFuture().join();
        answer = CoapResponse.content(40, "</3/0/0>".getBytes(StandardCharsets.UTF_8));
        DeviceResult links = requests.discover("dev", "/3/0").toCompletableFuture().join();

        assertEquals(Method.PUT, sent.get(0).method());
        assertEquals(0, sent.get(0).contentFormat());
        assertEquals("+02:00", new String(sent.get(0).payload(), StandardCharsets.UTF_8));
        assertEquals(Method.POST, sent.get(1).method());
        assertEquals("0='x'", new String(sent.get(1).payload(), StandardCharsets.UTF_8));
        assertEquals(40, sent.get(2).accept());
        assertEquals("</3/0/0>", links.text());
    }

    @Test
    void an_error_answer_keeps_the_devices_diagnostic() {
        register("/");
        answer = CoapResponse.error(ResponseCode.NOT_FOUND, "no such resource");
        DeviceResult r = requests.read("dev", "/3/0/9").toCompletableFuture().join();
        assertEquals(ResponseCode.NOT_FOUND, r.code());
        assertEquals("no such resource", r.text());
    }

    @Test
    void unknown_endpoints_and_bad_paths_fail_without_sending() {
        register("/");
        assertInstanceOf(IllegalArgumentException.class, failure(requests.read("other", "/3/0/0")));
        assertInstanceOf(IllegalArgumentException.class, failure(requests.read("dev", "/3/x")));
        assertInstanceOf(IllegalArgumentException.class, failure(requests.write("dev", "/3/0", "v")));
        assertEquals(List.of(), sent);
    }

    private static Throwable failure(CompletionStage<?> stage) {
        return assertThrows(ExecutionException.class, () -> stage.toCompletableFuture().get()).getCause();
    }
}
