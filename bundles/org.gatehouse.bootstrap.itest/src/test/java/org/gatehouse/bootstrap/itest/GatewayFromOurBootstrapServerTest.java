package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.leshan.core.endpoint.Protocol;
import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;
import org.gatehouse.bsserver.storage.SessionRecord;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gatehouse on both sides: the gateway's client-initiated mode bootstraps from our bootstrap server,
 * by Bootstrap-Request and by Bootstrap-Pack-Request, and registers at Leshan's server with the
 * account it was given.
 */
class GatewayFromOurBootstrapServerTest extends WithLeshan {

    private OurBootstrapServer ours;

    @BeforeEach
    void startOurs() throws Exception {
        ours = new OurBootstrapServer(dir.resolve("bsserver"));
    }

    @AfterEach
    void stopOurs() {
        ours.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void the_gateway_bootstraps_from_our_server_and_registers(boolean pack) throws Exception {
        String ep = pack ? "gw-ours-pack" : "gw-ours";
        ours.configs.put("""
            {"endpoint": "%s", "servers": [{"ssid": 101, "uri": "%s", "lifetime": 300}]}
            """.formatted(ep, leshan.serverUri(Protocol.COAP)));
        gateway(ep, Map.of("attempts", 1, "bootstrap_pack", pack));
        gateway.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, ours.coapUri(), null, null));
        assertEquals(Phase.REGISTERED, gateway.runSequence(Duration.ofSeconds(30)));
        assertNotNull(leshan.server.getRegistrationService().getByEndpoint(ep));
        assertTrue(gateway.store.read(LwM2mPath.of(1, 0)).isPresent());

        SessionRecord s = ours.ended(ep);
        assertEquals(Optional.of("success"), s.outcome());
        if (pack) {
            assertEquals(1, s.events().size());
            assertTrue(s.events().get(0).startsWith("BOOTSTRAP-PACK 2.05 from "), s.events().toString());
            assertTrue(gateway.coordinator.last().orElseThrow().outcome().detail().contains("bootstrap pack"));
        } else {
            assertEquals(List.of("WRITE /0/1 2.04", "WRITE /1/0 2.04", "FINISH 2.04"), s.events().subList(1, s.events().size()));
        }
    }
}
