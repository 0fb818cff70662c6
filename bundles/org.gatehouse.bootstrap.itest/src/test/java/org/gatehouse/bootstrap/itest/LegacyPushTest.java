package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.gatehouse.bsserver.storage.SessionRecord;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.ListenSpec;
import org.gatehouse.coap.Listener;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.PeerIdentity;
import org.gatehouse.coap.PeerSecurity;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.coap.californium.CaliforniumTransport;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LwM2M 1.0 Server-Initiated Bootstrap: our bootstrap server connects to a device that listens for
 * its bootstrap server (the transport's listener for one account, as a 1.0 device in hold-off would)
 * and runs Delete, Writes and Finish without a Bootstrap-Request.
 */
class LegacyPushTest {

    private static final byte[] KEY = "push-psk-16bytes".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    private OurBootstrapServer ours;
    private CaliforniumTransport deviceTransport;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile byte[] serverInstance;
    private volatile PeerIdentity pusher;

    @BeforeEach
    void start() throws Exception {
        ours = new OurBootstrapServer(dir);
        deviceTransport = new CaliforniumTransport(Configs.of(CaliforniumTransport.Config.class, Map.of()));
    }

    @AfterEach
    void stop() {
        ours.close();
        deviceTransport.deactivate();
    }

    /** A listening device that accepts only its bootstrap account's PSK and answers as a 1.0 client would. */
    private Listener device(PeerSecurity account) throws Exception {
        return deviceTransport.listen(ListenSpec.forAccount("1.0 push", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), account),
            RequestHandler.withPeer((request, peer) -> {
                pusher = peer.identity();
                seen.add(request.method() + " " + request.pathString());
                if (request.pathString().equals("/1/0")) {
                    serverInstance = request.payload();
                }
                return CoapResponse.of(request.method() == Method.DELETE ? ResponseCode.DELETED : ResponseCode.CHANGED);
            }));
    }

    @Test
    void the_server_pushes_the_configuration_to_a_listening_device_over_dtls() throws Exception {
        ours.configs.put("""
            {"endpoint": "legacy-1", "credential": {"mode": "psk", "identity": "legacy-1", "key": "hex:%s"}, "deleteFirst": true,
             "servers": [{"ssid": 42, "uri": "coap://127.0.0.1:5683", "lifetime": 600}]}
            """.formatted(HexFormat.of().formatHex(KEY)));
        try (Listener device = device(new PeerSecurity.Psk("legacy-1", KEY))) {
            URI uri = URI.create("coaps://127.0.0.1:" + device.localAddress().getPort());
            assertEquals("success", ours.server.push("legacy-1", uri).toCompletableFuture().get(20, TimeUnit.SECONDS));
            assertEquals(List.of("DELETE /", "PUT /0/1", "PUT /1/0", "POST /bs"), seen);
            assertEquals(new PeerIdentity.Psk("legacy-1"), pusher);
            LwM2mObjectInstance server = (LwM2mObjectInstance) new TlvCodec().decode(serverInstance, LwM2mPath.of(1, 0), CoreModels.all());
            assertEquals(Value.integer(42), ((SingleResource) server.resource(0)).value());
            assertEquals(Value.integer(600), ((SingleResource) server.resource(1)).value());

            SessionRecord s = ours.ended("legacy-1");
            assertEquals(Optional.of("success"), s.outcome());
            assertEquals("PUSH to " + uri + " (Psk)", s.events().get(0));
            assertEquals(List.of("DELETE / 2.02", "WRITE /0/1 2.04", "WRITE /1/0 2.04", "FINISH 2.04"), s.events().subList(1, s.events().size()));
        }
    }

    @Test
    void a_device_holding_another_key_refuses_the_handshake_and_the_log_says_so() throws Exception {
        ours.configs.put("""
            {"endpoint": "legacy-2", "credential": {"mode": "psk", "identity": "legacy-2", "key": "hex:%s"},
             "servers": [{"ssid": 42, "uri": "coap://127.0.0.1:5683"}]}
            """.formatted(HexFormat.of().formatHex(KEY)));
        try (Listener device = device(new PeerSecurity.Psk("legacy-2", "another-key-16by".getBytes(StandardCharsets.US_ASCII)))) {
            URI uri = URI.create("coaps://127.0.0.1:" + device.localAddress().getPort());
            String outcome = ours.server.push("legacy-2", uri).toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertTrue(outcome.startsWith("failed: "), outcome);
            assertEquals(List.of(), seen);
            assertEquals(Optional.of(outcome), ours.ended("legacy-2").outcome());
        }
    }

    @Test
    void an_unknown_endpoint_cannot_be_pushed() {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
            () -> ours.server.push("nobody", URI.create("coap://127.0.0.1:9")).toCompletableFuture().get());
        assertEquals("cannot push to nobody: unknown endpoint nobody: no configuration serves it", e.getCause().getMessage());
    }
}
