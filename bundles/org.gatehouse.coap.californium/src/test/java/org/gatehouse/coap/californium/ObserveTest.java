package org.gatehouse.coap.californium;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Connection;
import org.gatehouse.coap.ListenSecurity;
import org.gatehouse.coap.ListenSpec;
import org.gatehouse.coap.Listener;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.Observation;
import org.gatehouse.coap.Peer;
import org.gatehouse.coap.PeerSecurity;
import org.gatehouse.coap.PeerSpec;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.ResponseCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Observe both ways over DTLS PSK: a server observing a resource of a device connected to it, and
 * the device observing the server. The observed side's handler answers each change again, and its
 * answer arrives as a notification.
 */
class ObserveTest {

    private static final CaliforniumTransport TRANSPORT = Fixtures.transport();
    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final AtomicInteger deviceValue = new AtomicInteger();
    private final AtomicInteger serverValue = new AtomicInteger();
    private final AtomicInteger deviceReads = new AtomicInteger();
    private final CompletableFuture<Peer> device = new CompletableFuture<>();
    private final List<String> notifications = new CopyOnWriteArrayList<>();
    private Listener listener;
    private Connection connection;

    @BeforeEach
    void connect() throws Exception {
        TestResolver resolver = new TestResolver();
        resolver.psk.put("device-1", KEY);
        listener = TRANSPORT.listen(new ListenSpec("server", Fixtures.anyLoopbackPort(), ListenSecurity.Dtls.psk(resolver)),
            RequestHandler.withPeer((request, peer) -> {
                if (request.method() == Method.POST) {
                    device.complete(peer);
                    return CoapResponse.of(ResponseCode.CREATED);
                }
                int v = serverValue.get();
                return v < 0 ? CoapResponse.of(ResponseCode.NOT_FOUND) : CoapResponse.content(0, Integer.toString(v).getBytes(StandardCharsets.UTF_8));
            }));
        connection = TRANSPORT.open(new PeerSpec("server", URI.create("coaps://127.0.0.1:" + listener.localAddress().getPort()),
            new PeerSecurity.Psk("device-1", KEY)), request -> {
                if (!request.pathString().startsWith("/3/0")) {
                    return CoapResponse.of(ResponseCode.NOT_FOUND);
                }
                deviceReads.incrementAndGet();
                return CoapResponse.content(0, Integer.toString(deviceValue.get()).getBytes(StandardCharsets.UTF_8));
            });
        assertEquals(ResponseCode.CREATED, connection.send(CoapRequest.of(Method.POST, "/rd"), Duration.ofSeconds(5)).code());
    }

    @AfterEach
    void close() {
        connection.close();
        listener.close();
    }

    @AfterAll
    static void stop() {
        TRANSPORT.deactivate();
    }

    @Test
    void a_server_observes_a_resource_of_the_device_until_it_cancels() throws Exception {
        Observation observation = listener.observe(device.get(1, TimeUnit.SECONDS), CoapRequest.of(Method.GET, "/3/0/13"), Duration.ofSeconds(5),
            n -> notifications.add(n.text())).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals("0", observation.response().text());
        assertTrue(observation.active());

        deviceValue.set(1);
        connection.changed("/3/0/13"); // the resource itself
        await().atMost(Duration.ofSeconds(3)).until(() -> notifications.equals(List.of("1")));
        deviceValue.set(2);
        connection.changed("/3/0"); // the instance that holds it
        await().atMost(Duration.ofSeconds(3)).until(() -> notifications.equals(List.of("1", "2")));
        deviceValue.set(3);
        connection.changed("/4/0"); // something unrelated: no notification
        deviceValue.set(4);
        connection.changed("/3/0/13");
        await().atMost(Duration.ofSeconds(3)).until(() -> notifications.equals(List.of("1", "2", "4")));

        observation.close();
        assertFalse(observation.active());
        deviceValue.set(5);
        int reads = deviceReads.get();
        connection.changed("/3/0/13"); // still sent: the device learns of the cancel from the reset it gets
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(1)).until(() -> notifications.equals(List.of("1", "2", "4")));
        assertEquals(reads + 1, deviceReads.get());
        connection.changed("/3/0/13"); // the device has forgotten the observer: its handler is not asked again
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> deviceReads.get() == reads + 1);
    }

    @Test
    void a_device_observes_the_server_until_the_resource_goes() throws Exception {
        Observation observation = connection.observe(CoapRequest.of(Method.GET, "/bs/state"), Duration.ofSeconds(5), n -> notifications.add(n.toString() + " " + n.text()))
            .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(ResponseCode.CONTENT, observation.response().code());
        serverValue.set(7);
        listener.changed("/bs");
        await().atMost(Duration.ofSeconds(3)).until(() -> notifications.size() == 1 && notifications.get(0).endsWith(" 7"));
        serverValue.set(-1); // gone: the error ends the observation
        listener.changed("/bs/state");
        await().atMost(Duration.ofSeconds(3)).until(() -> notifications.size() == 2 && !observation.active());
        assertTrue(notifications.get(1).startsWith("4.04"), notifications.toString());
    }

    @Test
    void an_observe_the_peer_refuses_is_not_active() throws Exception {
        Observation observation = listener.observe(device.get(1, TimeUnit.SECONDS), CoapRequest.of(Method.GET, "/5/0/3"), Duration.ofSeconds(5),
            n -> notifications.add(n.text())).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(ResponseCode.NOT_FOUND, observation.response().code());
        assertFalse(observation.active());
    }
}
