package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.security.SecurityInfo;
import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;
import org.gatehouse.bootstrap.ModeOutcome;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bootstrap sequence end to end against Eclipse Leshan: an empty gateway with only a
 * bootstrap-server account asks Leshan's bootstrap server, takes its configuration, and registers
 * with Leshan's server.
 */
class LeshanBootstrapInteropTest extends WithLeshan {

    private static final Duration T = Duration.ofSeconds(30);
    private static final byte[] PSK = "0123456789abcdef".getBytes();


    private TestGateway gateway(String endpoint) throws Exception {
        return gateway(endpoint, Map.of("attempts", 2, "max_backoff", 1L, "request_timeout", 5000L, "finish_timeout", 10L));
    }

    @ParameterizedTest
    @EnumSource(value = Format.class)
    void nosec_bootstrap_then_registration_in_every_format(Format format) throws Exception {
        String ep = "gw-nosec-" + format;
        leshan.bootstrapConfigs.add(ep, Accounts.config(leshan.bootstrapUri(Protocol.COAP), format.leshan, null, null, leshan.serverUri(Protocol.COAP)));
        TestGateway gw = gateway(ep);
        gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, leshan.bootstrapUri(Protocol.COAP), null, null));

        assertEquals(Phase.REGISTERED, gw.runSequence(T));
        leshan.sessions.awaitSuccesses(ep, 1, Duration.ofSeconds(10)); // Leshan saw Bootstrap-Finish answered 2.04
        Registration reg = leshan.server.getRegistrationService().getByEndpoint(ep);
        assertNotNull(reg, "Leshan server has no registration for " + ep);
        LwM2mObject servers = (LwM2mObject) gw.store.read(LwM2mPath.of(1)).orElseThrow();
        assertEquals(1, servers.instances().size());
        assertEquals(ModeOutcome.Result.CONFIGURED, gw.coordinator.last().orElseThrow().outcome().result());
        assertTrue(gw.registration.servers().get(0).registered());
    }

    @Test
    void psk_bootstrap_and_psk_registration() throws Exception {
        String ep = "gw-psk";
        leshan.bootstrapSecurity.add(SecurityInfo.newPreSharedKeyInfo(ep, "bs-" + ep, PSK));
        leshan.serverSecurity.add(SecurityInfo.newPreSharedKeyInfo(ep, "dm-" + ep, PSK));
        var config = Accounts.config(leshan.bootstrapUri(Protocol.COAPS), ContentFormat.SENML_CBOR, "dm-" + ep, PSK, leshan.serverUri(Protocol.COAPS));
        config.security.get(0).publicKeyOrId = ("bs-" + ep).getBytes();
        leshan.bootstrapConfigs.add(ep, config);
        TestGateway gw = gateway(ep);
        gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, leshan.bootstrapUri(Protocol.COAPS), "bs-" + ep, PSK));

        assertEquals(Phase.REGISTERED, gw.runSequence(T));
        leshan.sessions.awaitSuccesses(ep, 1, Duration.ofSeconds(10)); // Leshan saw Bootstrap-Finish answered 2.04
        assertNotNull(leshan.server.getRegistrationService().getByEndpoint(ep));
    }

    @Test
    void two_server_accounts_register_both() throws Exception {
        String ep = "gw-two";
        LeshanPeers second = new LeshanPeers();
        try {
            leshan.bootstrapConfigs.add(ep, Accounts.config(leshan.bootstrapUri(Protocol.COAP), ContentFormat.TLV, null, null,
                leshan.serverUri(Protocol.COAP), second.serverUri(Protocol.COAP)));
            TestGateway gw = gateway(ep);
            gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, leshan.bootstrapUri(Protocol.COAP), null, null));
            assertEquals(Phase.REGISTERED, gw.runSequence(T));
            leshan.sessions.awaitSuccesses(ep, 1, Duration.ofSeconds(10)); // Leshan saw Bootstrap-Finish answered 2.04
            assertNotNull(leshan.server.getRegistrationService().getByEndpoint(ep));
            assertNotNull(second.server.getRegistrationService().getByEndpoint(ep));
            assertEquals(2, gw.registration.servers().stream().filter(s -> s.registered()).count());
        } finally {
            second.close();
        }
    }

    @Test
    void wrong_psk_fails_cleanly_keeps_the_configuration_and_a_later_attempt_succeeds() throws Exception {
        String ep = "gw-badpsk";
        leshan.bootstrapSecurity.add(SecurityInfo.newPreSharedKeyInfo(ep, "bs-" + ep, "another-key-0000".getBytes()));
        var config = Accounts.config(leshan.bootstrapUri(Protocol.COAPS), ContentFormat.TLV, null, null, leshan.serverUri(Protocol.COAP));
        config.security.get(0).publicKeyOrId = ("bs-" + ep).getBytes();
        config.security.get(0).secretKey = PSK;
        config.security.get(0).securityMode = org.eclipse.leshan.core.SecurityMode.PSK;
        leshan.bootstrapConfigs.add(ep, config);
        TestGateway gw = gateway(ep);
        gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, leshan.bootstrapUri(Protocol.COAPS), "bs-" + ep, PSK));
        var before = gw.store.snapshot();

        assertEquals(Phase.WAITING_RETRY, gw.runSequence(T));
        assertEquals(ModeOutcome.Result.FAILED, gw.coordinator.last().orElseThrow().outcome().result());
        assertEquals(before, gw.store.snapshot(), "a failed bootstrap must leave the store as it was");

        leshan.bootstrapSecurity.remove(ep, false);
        leshan.bootstrapSecurity.add(SecurityInfo.newPreSharedKeyInfo(ep, "bs-" + ep, PSK));
        assertEquals(Phase.REGISTERED, gw.runSequence(T));
        leshan.sessions.awaitSuccesses(ep, 1, Duration.ofSeconds(10)); // Leshan saw Bootstrap-Finish answered 2.04
    }

    @Test
    void registration_failure_falls_back_to_bootstrap() throws Exception {
        String ep = "gw-fallback";
        leshan.bootstrapConfigs.add(ep, Accounts.config(leshan.bootstrapUri(Protocol.COAP), ContentFormat.TLV, null, null, leshan.serverUri(Protocol.COAP)));
        TestGateway gw = gateway(ep);
        gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, leshan.bootstrapUri(Protocol.COAP), null, null));
        // a stale account: a server nobody answers for on this port
        gw.write(LwM2mPath.of(0, 5), org.gatehouse.lwm2m.model.LwM2mObjectInstance.of(5,
            org.gatehouse.lwm2m.model.SingleResource.of(0, org.gatehouse.lwm2m.model.Value.string("coap://127.0.0.1:9")),
            org.gatehouse.lwm2m.model.SingleResource.of(1, org.gatehouse.lwm2m.model.Value.bool(false)),
            org.gatehouse.lwm2m.model.SingleResource.of(2, org.gatehouse.lwm2m.model.Value.integer(3)),
            org.gatehouse.lwm2m.model.SingleResource.of(10, org.gatehouse.lwm2m.model.Value.integer(7))));
        gw.write(LwM2mPath.of(1, 5), org.gatehouse.lwm2m.model.LwM2mObjectInstance.of(5,
            org.gatehouse.lwm2m.model.SingleResource.of(0, org.gatehouse.lwm2m.model.Value.integer(7)),
            org.gatehouse.lwm2m.model.SingleResource.of(1, org.gatehouse.lwm2m.model.Value.integer(60)),
            org.gatehouse.lwm2m.model.SingleResource.of(6, org.gatehouse.lwm2m.model.Value.bool(false)),
            org.gatehouse.lwm2m.model.SingleResource.of(7, org.gatehouse.lwm2m.model.Value.string("U")),
            org.gatehouse.lwm2m.model.SingleResource.of(17, org.gatehouse.lwm2m.model.Value.unsigned(1))));

        assertEquals(Phase.REGISTERED, gw.runSequence(Duration.ofSeconds(60)));
        leshan.sessions.awaitSuccesses(ep, 1, Duration.ofSeconds(10)); // Leshan saw Bootstrap-Finish answered 2.04
        assertNotNull(leshan.server.getRegistrationService().getByEndpoint(ep));
        assertTrue(gw.store.read(LwM2mPath.of(1, 5)).isEmpty(), "the stale account was replaced by the bootstrap");
    }

    @Test
    void leshan_discovers_our_objects_to_pick_security_instance_ids() throws Exception {
        String ep = "gw-autoid";
        var config = Accounts.config(leshan.bootstrapUri(Protocol.COAP), ContentFormat.TLV, null, null, leshan.serverUri(Protocol.COAP));
        config.autoIdForSecurityObject = true; // Leshan then sends Bootstrap-Discover on /0 before writing
        leshan.bootstrapConfigs.add(ep, config);
        TestGateway gw = gateway(ep);
        gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, leshan.bootstrapUri(Protocol.COAP), null, null));
        assertEquals(Phase.REGISTERED, gw.runSequence(T));
        leshan.sessions.awaitSuccesses(ep, 1, Duration.ofSeconds(10)); // Leshan saw Bootstrap-Finish answered 2.04
        assertNotNull(leshan.server.getRegistrationService().getByEndpoint(ep));
    }

    @Test
    void the_bootstrap_server_account_is_removed_after_its_timeout() throws Exception {
        String ep = "gw-purge";
        var config = Accounts.config(leshan.bootstrapUri(Protocol.COAP), ContentFormat.TLV, null, null, leshan.serverUri(Protocol.COAP));
        config.security.get(0).bootstrapServerAccountTimeout = 1;
        leshan.bootstrapConfigs.add(ep, config);
        TestGateway gw = gateway(ep);
        gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, leshan.bootstrapUri(Protocol.COAP), null, null));
        assertEquals(Phase.REGISTERED, gw.runSequence(T));
        leshan.sessions.awaitSuccesses(ep, 1, Duration.ofSeconds(10)); // Leshan saw Bootstrap-Finish answered 2.04
        org.awaitility.Awaitility.await("bootstrap-server account removed").atMost(Duration.ofSeconds(5))
            .until(() -> gw.store.read(LwM2mPath.of(0, 0)).isEmpty());
        assertTrue(gw.store.read(LwM2mPath.of(0, 1)).isPresent(), "the server account stays");
    }

    @Test
    void a_deleted_security_instance_takes_its_server_instance_along_when_leshan_does_not_delete_everything() throws Exception {
        String ep = "gw-orphan";
        LeshanPeers second = new LeshanPeers();
        try {
            leshan.bootstrapConfigs.add(ep, Accounts.config(leshan.bootstrapUri(Protocol.COAP), ContentFormat.TLV, null, null,
                leshan.serverUri(Protocol.COAP), second.serverUri(Protocol.COAP)));
            TestGateway gw = gateway(ep);
            gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, leshan.bootstrapUri(Protocol.COAP), null, null));
            assertEquals(Phase.REGISTERED, gw.runSequence(T));
            leshan.sessions.awaitSuccesses(ep, 1, T);
            assertEquals(2, ((LwM2mObject) gw.store.read(LwM2mPath.of(1)).orElseThrow()).instances().size());

            // the second bootstrap deletes only server 102's Security instance and rewrites server 101's account
            var config = Accounts.config(leshan.bootstrapUri(Protocol.COAP), ContentFormat.TLV, null, null, leshan.serverUri(Protocol.COAP));
            config.toDelete = java.util.List.of("/0/2");
            leshan.bootstrapConfigs.add(ep, config);
            gw.coordinator.start(java.util.Optional.of(org.gatehouse.bootstrap.BootstrapMode.CLIENT));
            leshan.sessions.awaitSuccesses(ep, 2, T); // Finish answered 2.04, not 4.06 for a leftover Server instance
            LwM2mObject servers = (LwM2mObject) gw.store.read(LwM2mPath.of(1)).orElseThrow();
            assertEquals(java.util.Set.of(0), servers.instances().keySet(), "server 102's Server instance went with its Security instance");
            assertTrue(gw.store.read(LwM2mPath.of(0, 2)).isEmpty());
        } finally {
            second.close();
        }
    }

    @Test
    void finish_without_a_server_account_is_refused_and_leshan_records_the_failure() throws Exception {
        String ep = "gw-no-server";
        bootstrapFailuresExpected = true;
        leshan.bootstrapConfigs.add(ep, Accounts.config(leshan.bootstrapUri(Protocol.COAP), ContentFormat.TLV, null, null));
        TestGateway gw = gateway(ep, Map.of("attempts", 1, "request_timeout", 5000L, "finish_timeout", 10L));
        gw.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, leshan.bootstrapUri(Protocol.COAP), null, null));
        var before = gw.store.snapshot();
        assertEquals(Phase.WAITING_RETRY, gw.runSequence(T));
        org.awaitility.Awaitility.await().atMost(T).until(() -> !leshan.sessions.failures().isEmpty());
        LeshanSessions.Ended ended = leshan.sessions.failures().get(0);
        assertEquals(org.eclipse.leshan.server.bootstrap.BootstrapFailureCause.FINISH_FAILED, ended.cause(), ended.toString());
        assertEquals(0, leshan.sessions.successes(ep));
        assertEquals(before, gw.store.snapshot(), "nothing of the refused bootstrap is applied");
    }

    enum Format {
        TLV(ContentFormat.TLV), SENML_JSON(ContentFormat.SENML_JSON), SENML_CBOR(ContentFormat.SENML_CBOR);

        final ContentFormat leshan;

        Format(ContentFormat leshan) {
            this.leshan = leshan;
        }
    }
}
