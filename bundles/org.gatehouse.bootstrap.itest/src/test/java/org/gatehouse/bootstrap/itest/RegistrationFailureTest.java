package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.awaitility.Awaitility;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.request.ContentFormat;
import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;
import org.gatehouse.bootstrap.BootstrapMode;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.junit.jupiter.api.Test;

/**
 * /1/x/16 Bootstrap on Registration Failure applied per server, and the retry resources (/1/x/17–20)
 * followed after a failed Register or Update, against Leshan's server (which refuses on demand) and
 * bootstrap server. Retry timers are seconds here so that every case ends within seconds.
 */
class RegistrationFailureTest extends WithLeshan {

    private static final Duration T = Duration.ofSeconds(30);
    private static final String NOBODY = "coap://127.0.0.1:9"; // nothing answers there

    private TestGateway gatewayWithBootstrapAccount(String ep) throws Exception {
        leshan.bootstrapConfigs.add(ep, Accounts.config(leshan.bootstrapUri(Protocol.COAP), ContentFormat.TLV, null, null,
            leshan.serverUri(Protocol.COAP)));
        TestGateway gw = gateway(ep, Map.of("attempts", 1));
        gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, leshan.bootstrapUri(Protocol.COAP), null, null));
        return gw;
    }

    private static boolean bootstrapped(TestGateway gw) {
        return gw.coordinator.history().stream().anyMatch(a -> a.mode().equals(BootstrapMode.CLIENT));
    }

    private static boolean registered(TestGateway gw) {
        return gw.registration.servers().stream().anyMatch(s -> s.registered());
    }

    @Test
    void one_failed_server_with_16_true_makes_the_client_bootstrap_although_another_failed_one_has_16_false() throws Exception {
        String ep = "gw-16-mixed";
        TestGateway gw = gatewayWithBootstrapAccount(ep);
        gw.write(LwM2mPath.of(0, 5), Accounts.serverSecurity(5, NOBODY, 7));
        gw.write(LwM2mPath.of(1, 5), Accounts.server(5, 7, 60, false, 1, 1, 86400));
        gw.write(LwM2mPath.of(0, 6), Accounts.serverSecurity(6, NOBODY, 8));
        gw.write(LwM2mPath.of(1, 6), Accounts.server(6, 8, 60, true, 1, 1, 86400));

        assertEquals(Phase.REGISTERED, gw.runSequence(Duration.ofSeconds(60)));
        assertTrue(bootstrapped(gw));
        assertNotNull(leshan.server.getRegistrationService().getByEndpoint(ep));
        assertTrue(gw.store.read(LwM2mPath.of(1, 5)).isEmpty(), "the bootstrap replaced the failed accounts");
    }

    @Test
    void a_failed_server_with_16_false_never_bootstraps_and_is_tried_again_after_its_sequence_delay() throws Exception {
        String ep = "gw-16-false";
        TestGateway gw = gatewayWithBootstrapAccount(ep);
        gw.write(LwM2mPath.of(0, 1), Accounts.serverSecurity(1, leshan.serverUri(Protocol.COAP), 101));
        gw.write(LwM2mPath.of(1, 1), Accounts.server(1, 101, 60, false, 1, 1, 1));
        leshan.refuseRegistrations(true);

        gw.coordinator.start(Optional.empty());
        Awaitility.await("a refused Register").atMost(T).until(() -> leshan.refusals() >= 1 && gw.coordinator.phase() == Phase.REGISTERING);
        leshan.refuseRegistrations(false);

        Awaitility.await("registered after the sequence delay").atMost(T).until(() -> registered(gw));
        assertNotNull(leshan.server.getRegistrationService().getByEndpoint(ep));
        assertFalse(bootstrapped(gw), "a server with /1/x/16 = false must not cause a bootstrap");
    }

    @Test
    void a_failed_update_registers_again_under_the_retry_resources() throws Exception {
        String ep = "gw-update-lost";
        TestGateway gw = gateway(ep, Map.of("attempts", 1));
        gw.write(LwM2mPath.of(0, 1), Accounts.serverSecurity(1, leshan.serverUri(Protocol.COAP), 101));
        gw.write(LwM2mPath.of(1, 1), Accounts.server(1, 101, 4, false, 2, 1, 1)); // Update 2 s after each registration
        assertEquals(Phase.REGISTERED, gw.runSequence(T));
        String first = leshan.server.getRegistrationService().getByEndpoint(ep).getId();

        // Update, then Register twice (/1/x/17), and once more after /1/x/19: one re-Register and a
        // dropped server would give up within these four.
        leshan.refuseRegistrations(true);
        Awaitility.await("the Update and three Registers refused").atMost(T).until(() -> leshan.refusals() >= 4);
        assertFalse(registered(gw));
        leshan.refuseRegistrations(false);

        Awaitility.await("registered again").atMost(T).until(() -> registered(gw));
        assertFalse(first.equals(leshan.server.getRegistrationService().getByEndpoint(ep).getId()), "a new registration");
        assertFalse(bootstrapped(gw));
    }

    @Test
    void a_lost_registration_with_16_true_and_no_other_server_falls_back_to_bootstrap() throws Exception {
        String ep = "gw-update-bootstrap";
        TestGateway gw = gatewayWithBootstrapAccount(ep);
        gw.write(LwM2mPath.of(0, 1), Accounts.serverSecurity(1, leshan.serverUri(Protocol.COAP), 101));
        gw.write(LwM2mPath.of(1, 1), Accounts.server(1, 101, 4, true, 1, 1, 86400));
        assertEquals(Phase.REGISTERED, gw.runSequence(T));
        assertFalse(bootstrapped(gw));

        leshan.refuseRegistrations(true);
        // the bootstrap takes milliseconds; the account it brings has the default 5 attempts, so the
        // Register refused right after it is followed by one that is let through
        Awaitility.await("client-initiated bootstrap").atMost(T).pollInterval(Duration.ofMillis(10)).until(() -> bootstrapped(gw));
        leshan.refuseRegistrations(false);
        Awaitility.await("registered after the bootstrap").atMost(T).until(() -> gw.coordinator.phase() == Phase.REGISTERED);
        assertTrue(registered(gw));
    }
}
