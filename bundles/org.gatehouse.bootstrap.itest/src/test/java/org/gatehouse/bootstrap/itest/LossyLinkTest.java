package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.server.security.SecurityInfo;
import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.eclipse.californium.core.config.CoapConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bootstrap and registration over a lossy link: {@link LossyRelay}s in front of Leshan's bootstrap
 * server and server drop 30 % of the datagrams both ways, and the exchanges still complete through
 * CoAP (and DTLS handshake) retransmissions. The link dying in the middle of a bootstrap leaves the
 * configuration as it was, and the gateway bootstraps once it is back.
 *
 * <p>Timers: the spec's MAX_RETRANSMIT 4 (and 4 DTLS flight retransmissions, initial timeout 1 s)
 * on both sides; ACK_TIMEOUT is halved from the spec's 2 s to 1 s on both sides to keep the tests
 * short. The gateway's own waits
 * (Bootstrap-Request and Register timeouts) are longer than a whole retransmission sequence, so that
 * the CoAP layer, not an early give-up, decides.
 */
class LossyLinkTest extends WithLeshan {

    private static final byte[] PSK = "0123456789abcdef".getBytes();
    private static final Duration T = Duration.ofSeconds(60);
    private static final Map<String, Object> TIMERS = Map.of("ack_timeout", 1000, "max_retransmit", 4, "dtls_retransmission_timeout", 1000,
        "dtls_max_retransmissions", 4);
    private LossyRelay toBootstrapServer;
    private LossyRelay toServer;

    private TestGateway lossyGateway(String ep, Map<String, Object> client) throws Exception {
        gateway = new TestGateway(dir.resolve("store"), ep, client, TIMERS, Map.of("request_timeout", 60_000L));
        return gateway;
    }

    /** Leshan with the gateway's shortened ACK_TIMEOUT; MAX_RETRANSMIT and DTLS timers stay Californium's defaults (4, 1 s). */
    @BeforeEach
    void shorterLeshanTimers() {
        leshan.close();
        leshan = new LeshanPeers(p -> p, c -> c.set(CoapConfig.ACK_TIMEOUT, 1, TimeUnit.SECONDS));
    }

    /** The relays' seeds: a test's own, or -Dlossy.seed=N added to it to explore other loss patterns. */
    private void relays(Protocol protocol, long testSeed) throws Exception {
        long seed = testSeed + Long.getLong("lossy.seed", 0);
        toBootstrapServer = LossyRelay.inFrontOf(leshan.bootstrapUri(protocol), seed);
        toServer = LossyRelay.inFrontOf(leshan.serverUri(protocol), seed + 100);
    }

    /** The gateway first, over a lossless link, so that its De-register is not left to time out. */
    @AfterEach
    void closeRelays() {
        if (toBootstrapServer != null) {
            toBootstrapServer.loss(0);
            toServer.loss(0);
            if (gateway != null) {
                gateway.close();
                gateway = null;
            }
            toBootstrapServer.close();
            toServer.close();
        }
    }

    @Test
    void nosec_bootstrap_and_registration_through_30_percent_loss() throws Exception {
        String ep = "gw-lossy-nosec";
        relays(Protocol.COAP, 9);
        String bs = toBootstrapServer.uri("coap");
        leshan.bootstrapConfigs.add(ep, Accounts.config(bs, ContentFormat.TLV, null, null, toServer.uri("coap")));
        TestGateway gw = lossyGateway(ep, Map.of("attempts", 3, "max_backoff", 1L, "request_timeout", 60_000L, "finish_timeout", 60L));
        gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, bs, null, null));
        throughLoss(gw, ep);
    }

    @Test
    void psk_bootstrap_and_registration_through_30_percent_loss() throws Exception {
        String ep = "gw-lossy-psk";
        relays(Protocol.COAPS, 12);
        leshan.bootstrapSecurity.add(SecurityInfo.newPreSharedKeyInfo(ep, "bs-" + ep, PSK));
        leshan.serverSecurity.add(SecurityInfo.newPreSharedKeyInfo(ep, "dm-" + ep, PSK));
        String bs = toBootstrapServer.uri("coaps");
        var config = Accounts.config(bs, ContentFormat.SENML_CBOR, "dm-" + ep, PSK, toServer.uri("coaps"));
        config.security.get(0).publicKeyOrId = ("bs-" + ep).getBytes();
        leshan.bootstrapConfigs.add(ep, config);
        TestGateway gw = lossyGateway(ep, Map.of("attempts", 3, "max_backoff", 1L, "request_timeout", 60_000L, "finish_timeout", 60L));
        gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, bs, "bs-" + ep, PSK));
        throughLoss(gw, ep);
    }

    private void throughLoss(TestGateway gw, String ep) throws Exception {
        toBootstrapServer.loss(0.3);
        toServer.loss(0.3);
        long start = System.nanoTime();
        assertEquals(Phase.REGISTERED, gw.runSequence(T));
        leshan.sessions.awaitSuccesses(ep, 1, T); // Leshan saw Bootstrap-Finish answered 2.04
        assertNotNull(leshan.server.getRegistrationService().getByEndpoint(ep), "Leshan's server has the registration");
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%s: registered in %d ms; bootstrap link: %s; server link: %s%n", ep, millis, toBootstrapServer, toServer);
        assertTrue(toBootstrapServer.up.dropped.get() + toBootstrapServer.down.dropped.get() > 0, "the link lost datagrams");
    }

    @Test
    void the_link_dying_after_the_first_bootstrap_write_keeps_the_configuration_and_a_later_attempt_succeeds() throws Exception {
        String ep = "gw-lossy-cut";
        bootstrapFailuresExpected = true; // Leshan's first session never completes: the gateway's next Bootstrap-Request cancels it
        relays(Protocol.COAP, 13);
        String bs = toBootstrapServer.uri("coap");
        leshan.bootstrapConfigs.add(ep, Accounts.config(bs, ContentFormat.TLV, null, null, toServer.uri("coap")));
        TestGateway gw = lossyGateway(ep, Map.of("attempts", 5, "max_backoff", 1L, "request_timeout", 60_000L, "finish_timeout", 3L));
        gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, bs, null, null));
        ObjectTree before = gw.store.snapshot();

        Set<Integer> requests = ConcurrentHashMap.newKeySet(); // message IDs of the gateway's Bootstrap-Requests
        toBootstrapServer.tapUp(d -> {
            if (CoapBytes.isConfirmablePost(d)) {
                requests.add(CoapBytes.messageId(d));
            }
        });
        toBootstrapServer.cutAfter(CoapBytes::isPut); // the first Bootstrap-Write reaches the gateway, then nothing more
        gw.coordinator.start(java.util.Optional.empty());

        Awaitility.await("a second Bootstrap-Request after the lost session").atMost(T).until(() -> requests.size() >= 2);
        assertTrue(toBootstrapServer.up.dropped.get() > 0, "the gateway's answers were lost");
        assertEquals(before, gw.store.snapshot(), "the written and unfinished bootstrap left the store as it was (revision and content)");
        assertEquals(0, leshan.sessions.successes(ep), "Leshan's session did not succeed");
        System.out.printf("%s: link cut after the first write; %s%n", ep, toBootstrapServer);

        toBootstrapServer.loss(0);
        Awaitility.await("a bootstrap once the link is back").atMost(T).until(() -> leshan.sessions.successes(ep) >= 1);
        Awaitility.await("registered").atMost(T).until(() -> gw.coordinator.phase() == Phase.REGISTERED);
        assertNotNull(leshan.server.getRegistrationService().getByEndpoint(ep));
        assertTrue(gw.store.snapshot().revision() > before.revision());
    }
}
