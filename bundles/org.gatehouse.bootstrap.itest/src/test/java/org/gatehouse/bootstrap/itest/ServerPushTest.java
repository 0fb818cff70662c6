package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

import org.awaitility.Awaitility;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.request.ContentFormat;
import org.gatehouse.bootstrap.BootstrapCoordinator.Attempt;
import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;
import org.gatehouse.bootstrap.BootstrapMode;
import org.gatehouse.bootstrap.ModeOutcome;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Connection;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.PeerSecurity;
import org.gatehouse.coap.PeerSpec;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.coap.TransportException;
import org.gatehouse.coap.californium.CaliforniumTransport;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.junit.jupiter.api.Test;

/**
 * Server-initiated bootstrap in its LwM2M 1.0 form: with only a bootstrap-server account, the
 * gateway listens for that server to push a configuration during the hold-off time. The pushing
 * server here is a plain CoAP client on our transport (Leshan's bootstrap server never pushes); the
 * configuration it pushes points at Leshan's server, which sees the gateway register.
 */
class ServerPushTest extends WithLeshan {

    private static final byte[] PSK = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, Object> CLIENT = Map.of("attempts", 1, "max_backoff", 1L, "request_timeout", 3000L, "finish_timeout", 10L);

    @Test
    void a_pushed_configuration_is_applied_and_the_gateway_registers_with_its_server() throws Exception {
        String ep = "gw-push";
        int port = freePort();
        TestGateway gw = gateway(ep, CLIENT);
        gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, "coap://127.0.0.1:5783", null, null));
        gw.addPushMode(port, 30);
        gw.coordinator.start(Optional.empty());
        awaitListening(port);

        try (Pusher bs = new Pusher(port, new PeerSecurity.NoSec())) {
            assertEquals(ResponseCode.CHANGED, bs.write(LwM2mPath.of(0, 1), Accounts.serverSecurity(1, leshan.serverUri(Protocol.COAP), 7)));
            assertEquals(ResponseCode.CHANGED, bs.write(LwM2mPath.of(1, 1), Accounts.server(1, 7, 300, true, 1, 1, 60)));
            assertEquals(ResponseCode.CHANGED, bs.finish());
        }

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> gw.coordinator.phase() == Phase.REGISTERED);
        assertNotNull(leshan.server.getRegistrationService().getByEndpoint(ep), "Leshan's server saw no registration of " + ep);
        Attempt push = attempt(gw, BootstrapMode.SERVER);
        assertEquals(ModeOutcome.Result.CONFIGURED, push.outcome().result(), push.toString());
        assertTrue(gw.store.read(LwM2mPath.of(0, 1)).isPresent());
    }

    @Test
    void a_push_with_the_wrong_key_is_refused_and_the_configuration_kept() throws Exception {
        String ep = "gw-push-psk";
        int port = freePort();
        TestGateway gw = gateway(ep, CLIENT);
        gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, "coaps://127.0.0.1:5784", "bs-" + ep, PSK));
        gw.addPushMode(port, 2);
        gw.coordinator.start(Optional.empty());
        awaitListening(port);

        byte[] wrong = "fedcba9876543210".getBytes(StandardCharsets.UTF_8);
        try (Pusher bs = new Pusher(port, new PeerSecurity.Psk("bs-" + ep, wrong))) {
            assertThrows(TransportException.class, () -> bs.write(LwM2mPath.of(0, 1),
                Accounts.serverSecurity(1, leshan.serverUri(Protocol.COAP), 7)));
        }

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> gw.coordinator.history().stream()
            .anyMatch(a -> a.mode().equals(BootstrapMode.CLIENT)));
        Attempt push = attempt(gw, BootstrapMode.SERVER);
        assertEquals(ModeOutcome.Result.SKIPPED, push.outcome().result(), push.toString());
        assertEquals(1, ((LwM2mObject) gw.store.read(LwM2mPath.of(0)).orElseThrow()).instances().size(), "only the bootstrap account");
        assertTrue(gw.store.read(LwM2mPath.of(1)).isEmpty() || ((LwM2mObject) gw.store.read(LwM2mPath.of(1)).get()).instances().isEmpty());
    }

    @Test
    void without_a_push_in_the_hold_off_time_the_gateway_bootstraps_client_initiated() throws Exception {
        String ep = "gw-push-fallback";
        leshan.bootstrapConfigs.add(ep, Accounts.config(leshan.bootstrapUri(Protocol.COAP), ContentFormat.TLV, null, null,
            leshan.serverUri(Protocol.COAP)));
        TestGateway gw = gateway(ep, CLIENT);
        gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, leshan.bootstrapUri(Protocol.COAP), null, null));
        gw.addPushMode(freePort(), 1);

        assertEquals(Phase.REGISTERED, gw.runSequence(Duration.ofSeconds(30)));
        leshan.sessions.awaitSuccesses(ep, 1, Duration.ofSeconds(10));
        assertHoldOffExpiredThenClientInitiated(gw, 1);
        assertNotNull(leshan.server.getRegistrationService().getByEndpoint(ep));
    }

    @Test
    void the_accounts_own_hold_off_time_ends_the_push_window_then_client_initiated_bootstrap_follows() throws Exception {
        String ep = "gw-push-account-hold-off";
        leshan.bootstrapConfigs.add(ep, Accounts.config(leshan.bootstrapUri(Protocol.COAP), ContentFormat.TLV, null, null,
            leshan.serverUri(Protocol.COAP)));
        TestGateway gw = gateway(ep, CLIENT);
        gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, leshan.bootstrapUri(Protocol.COAP), null, null, 1));
        // an hour by default: only the account's /0/0/11 of 1 s can end the window within the sequence's 30 s
        gw.addPushMode(freePort(), 3600);

        assertEquals(Phase.REGISTERED, gw.runSequence(Duration.ofSeconds(30)));
        leshan.sessions.awaitSuccesses(ep, 1, Duration.ofSeconds(10));
        assertHoldOffExpiredThenClientInitiated(gw, 1);
        assertNotNull(leshan.server.getRegistrationService().getByEndpoint(ep), "Leshan's server saw the gateway register");
    }

    /** The push window stayed open for the hold-off time and closed for want of a push; client-initiated bootstrap came next and configured. */
    private static void assertHoldOffExpiredThenClientInitiated(TestGateway gw, long holdOffSeconds) {
        Attempt push = attempt(gw, BootstrapMode.SERVER);
        assertEquals(ModeOutcome.Result.SKIPPED, push.outcome().result(), push.toString());
        assertTrue(push.outcome().detail().contains("within the hold-off time"), push.toString());
        assertTrue(push.millis() >= holdOffSeconds * 1000, "the window stayed open for the hold-off time: " + push);
        Attempt client = attempt(gw, BootstrapMode.CLIENT);
        assertEquals(ModeOutcome.Result.CONFIGURED, client.outcome().result(), client.toString());
        assertTrue(!client.at().isBefore(push.at()), "client-initiated after the push window: " + gw.coordinator.history());
    }

    private static Attempt attempt(TestGateway gw, String mode) {
        return gw.coordinator.history().stream().filter(a -> a.mode().equals(mode)).findFirst()
            .orElseThrow(() -> new AssertionError("no attempt of " + mode + " in " + gw.coordinator.history()));
    }

    private static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        }
    }

    /** The gateway listens once the port can no longer be bound. */
    private static void awaitListening(int port) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
                return false;
            } catch (BindException e) {
                return true;
            }
        });
    }

    /** A bootstrap server pushing to the gateway: it is the (D)TLS client, the gateway the server. */
    private static final class Pusher implements AutoCloseable {
        private final CaliforniumTransport transport = new CaliforniumTransport(Configs.of(CaliforniumTransport.Config.class,
            Map.of("ack_timeout", 500, "max_retransmit", 1, "dtls_retransmission_timeout", 500, "dtls_max_retransmissions", 1)));
        private final Connection connection;

        Pusher(int port, PeerSecurity security) throws TransportException {
            String scheme = security instanceof PeerSecurity.NoSec ? "coap" : "coaps";
            connection = transport.open(new PeerSpec("pusher", URI.create(scheme + "://127.0.0.1:" + port), security), RequestHandler.REFUSE);
        }

        ResponseCode write(LwM2mPath path, LwM2mObjectInstance instance) throws Exception {
            byte[] tlv = new TlvCodec().encode(path, instance, CoreModels.all());
            return send(CoapRequest.of(Method.PUT, path.toString()).withPayload(11542, tlv));
        }

        ResponseCode finish() throws TransportException {
            return send(CoapRequest.of(Method.POST, "/bs"));
        }

        private ResponseCode send(CoapRequest request) throws TransportException {
            CoapResponse response = connection.send(request, Duration.ofSeconds(5));
            return response.code();
        }

        @Override
        public void close() {
            connection.close();
            transport.deactivate();
        }
    }
}
