package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;
import org.gatehouse.bootstrap.BootstrapMode;
import org.gatehouse.bootstrap.ModeOutcome;
import org.gatehouse.bsserver.storage.SessionRecord;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The LwM2M 1.0 push with Gatehouse on both sides: our bootstrap server pushes an endpoint's
 * configuration (bsserver:push) to our gateway listening in its server-initiated mode, over DTLS
 * with the endpoint's PSK; the gateway then registers at Leshan's server. A push with a key the
 * gateway's account does not hold is refused and changes nothing.
 */
class PushFromOurServerTest extends WithLeshan {

    private static final byte[] PSK = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private OurBootstrapServer ours;

    @BeforeEach
    void startOurs() throws Exception {
        ours = new OurBootstrapServer(dir.resolve("bsserver"));
    }

    @AfterEach
    void stopOurs() {
        ours.close();
    }

    @Test
    void our_server_pushes_to_the_listening_gateway_which_then_registers() throws Exception {
        String ep = "gw-pushed";
        configure(ep, PSK);
        int port = listeningGateway(ep, 30);

        String outcome = ours.server.push(ep, URI.create("coaps://127.0.0.1:" + port)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals("success", outcome);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> gateway.coordinator.phase() == Phase.REGISTERED);
        assertNotNull(leshan.server.getRegistrationService().getByEndpoint(ep), "Leshan's server saw no registration of " + ep);
        SessionRecord s = ours.ended(ep);
        assertEquals(Optional.of("success"), s.outcome());
        assertTrue(s.events().get(0).startsWith("PUSH to "), s.events().toString());
        assertEquals(ModeOutcome.Result.CONFIGURED, gateway.coordinator.history().stream()
            .filter(a -> a.mode().equals(BootstrapMode.SERVER)).findFirst().orElseThrow().outcome().result());
    }

    @Test
    void a_push_with_another_key_is_refused_by_the_gateway_and_changes_nothing() throws Exception {
        String ep = "gw-pushed-wrong";
        configure(ep, "fedcba9876543210".getBytes(StandardCharsets.UTF_8)); // the server's idea of the key differs from the gateway's
        int port = listeningGateway(ep, 30);

        try {
            String outcome = ours.server.push(ep, URI.create("coaps://127.0.0.1:" + port)).toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertTrue(!outcome.equals("success"), outcome);
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            // refused at the handshake: the push never got to a request
        }
        SessionRecord s = ours.ended(ep);
        assertTrue(s.outcome().orElseThrow().startsWith("failed") || s.outcome().orElseThrow().startsWith("abandoned"), s.toString());
        LwM2mObject security = (LwM2mObject) gateway.store.read(LwM2mPath.of(0)).orElseThrow();
        assertEquals(1, security.instances().size(), "only the bootstrap-server account");
        assertTrue(gateway.store.read(LwM2mPath.of(1)).map(o -> ((LwM2mObject) o).instances().isEmpty()).orElse(true));
    }

    /** Our server: the endpoint with its PSK credential and one NoSec account at Leshan's server. */
    private void configure(String ep, byte[] key) throws Exception {
        StringBuilder hex = new StringBuilder();
        for (byte b : key) {
            hex.append(String.format("%02x", b));
        }
        ours.configs.put("""
            {"endpoint": "%s", "credential": {"mode": "psk", "identity": "%s", "key": "hex:%s"},
             "servers": [{"ssid": 101, "uri": "%s", "lifetime": 300}]}
            """.formatted(ep, "bs-" + ep, hex, leshan.serverUri(Protocol.COAP)));
    }

    /** The gateway with its bootstrap-server account (PSK) at our server, listening for a push; returns its port once bound. */
    private int listeningGateway(String ep, long holdOff) throws Exception {
        int port = freePort();
        gateway(ep, Map.of("attempts", 1, "max_backoff", 1L, "request_timeout", 3000L, "finish_timeout", 10L));
        gateway.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, ours.coapsUri(), "bs-" + ep, PSK));
        gateway.addPushMode(port, holdOff);
        gateway.coordinator.start(Optional.empty());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
                return false;
            } catch (BindException e) {
                return true;
            }
        });
        return port;
    }

    private static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        }
    }
}
