package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.request.ContentFormat;
import org.gatehouse.bootstrap.BootstrapCoordinator.Attempt;
import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;
import org.gatehouse.bootstrap.ModeOutcome;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.junit.jupiter.api.Test;

/** Factory bootstrap: the manufacturer's SenML JSON file, alone or followed by client-initiated bootstrap. */
class FactoryBootstrapTest extends WithLeshan {


    private TestGateway gateway(String ep) throws Exception {
        return gateway(ep, Map.of("attempts", 1));
    }

    private static String serverAccount(String uri) {
        return "{\"n\":\"/0/1/0\",\"vs\":\"" + uri + "\"},{\"n\":\"/0/1/1\",\"vb\":false},{\"n\":\"/0/1/2\",\"v\":3},{\"n\":\"/0/1/10\",\"v\":101},"
            + "{\"n\":\"/1/0/0\",\"v\":101},{\"n\":\"/1/0/1\",\"v\":300},{\"n\":\"/1/0/6\",\"vb\":false},{\"n\":\"/1/0/7\",\"vs\":\"U\"}";
    }

    @Test
    void factory_server_account_registers_without_any_bootstrap_server() throws Exception {
        TestGateway gw = gateway("gw-factory");
        Files.writeString(gw.factoryFile, "[" + serverAccount(leshan.serverUri(Protocol.COAP)) + "]");
        assertEquals(Phase.REGISTERED, gw.runSequence(Duration.ofSeconds(30)));
        assertNotNull(leshan.server.getRegistrationService().getByEndpoint("gw-factory"));
        assertEquals("factory", gw.coordinator.last().orElseThrow().mode());
    }

    @Test
    void factory_bootstrap_account_leads_to_client_initiated_bootstrap() throws Exception {
        String ep = "gw-factory-bs";
        leshan.bootstrapConfigs.add(ep, Accounts.config(leshan.bootstrapUri(Protocol.COAP), ContentFormat.SENML_CBOR, null, null, leshan.serverUri(Protocol.COAP)));
        TestGateway gw = gateway(ep);
        Files.writeString(gw.factoryFile, "[{\"bn\":\"/0/0/\",\"n\":\"0\",\"vs\":\"" + leshan.bootstrapUri(Protocol.COAP) + "\"},"
            + "{\"n\":\"1\",\"vb\":true},{\"n\":\"2\",\"v\":3},{\"n\":\"11\",\"v\":0}]");
        assertEquals(Phase.REGISTERED, gw.runSequence(Duration.ofSeconds(30)));
        leshan.sessions.awaitSuccesses(ep, 1, Duration.ofSeconds(10)); // Leshan saw Bootstrap-Finish answered 2.04
        assertEquals(java.util.List.of("client", "factory"), gw.coordinator.history().stream().map(Attempt::mode).toList());
        assertNotNull(leshan.server.getRegistrationService().getByEndpoint(ep));
    }

    @Test
    void a_bad_file_is_refused_naming_the_record_and_nothing_is_applied() throws Exception {
        TestGateway gw = gateway("gw-factory-bad");
        var before = gw.store.snapshot();
        Files.writeString(gw.factoryFile, "[" + serverAccount("coap://127.0.0.1:1") + ",{\"n\":\"/1/0/1\",\"vs\":\"long\"}]");
        gw.runSequence(Duration.ofSeconds(30));
        Attempt factory = gw.coordinator.history().stream().filter(a -> a.mode().equals("factory")).findFirst().orElseThrow();
        assertEquals(ModeOutcome.Result.FAILED, factory.outcome().result());
        assertTrue(factory.outcome().detail().contains("record 8"), factory.outcome().detail());
        assertEquals(before, gw.store.snapshot());
        assertTrue(gw.store.read(LwM2mPath.of(1)).isEmpty());
    }
}
