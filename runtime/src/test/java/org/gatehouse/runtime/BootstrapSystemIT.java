package org.gatehouse.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.request.ContentFormat;
import org.gatehouse.bootstrap.itest.Accounts;
import org.gatehouse.bootstrap.itest.LeshanPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as shipped: bin/gatehouse with nothing but a factory file holding a
 * bootstrap-server account bootstraps from Leshan's bootstrap server and registers with Leshan's
 * server, both on loopback.
 */
class BootstrapSystemIT {

    private static final Duration T = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void factory_bootstrap_account_then_client_initiated_bootstrap_then_registration() throws Exception {
        try (LeshanPeers leshan = new LeshanPeers()) {
            String ep = "urn:imei:490154203237518";
            leshan.bootstrapConfigs.add(ep, Accounts.config(leshan.bootstrapUri(Protocol.COAP), ContentFormat.SENML_CBOR, null, null,
                leshan.serverUri(Protocol.COAP)));
            Path home = Gateway.install(dir.resolve("gatehouse"));
            Files.writeString(home.resolve("etc/org.gatehouse.endpoint.cfg"), "name=" + ep + "\n");
            Files.writeString(home.resolve("etc/factory-bootstrap.json"), "[{\"bn\":\"/0/0/\",\"n\":\"0\",\"vs\":\""
                + leshan.bootstrapUri(Protocol.COAP) + "\"},{\"n\":\"1\",\"vb\":true},{\"n\":\"2\",\"v\":3},{\"n\":\"11\",\"v\":0}]");
            long start = System.nanoTime();
            try (Gateway gw = Gateway.start(home)) {
                gw.await("Registered with server 101", 0, T);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertNotNull(leshan.server.getRegistrationService().getByEndpoint(ep), gw.output());
                // the phase turns REGISTERED just after the registration is logged
                org.awaitility.Awaitility.await().atMost(T).until(() -> gw.command("bootstrap:status", "g!", T).contains("phase: REGISTERED"));
                String status = gw.command("bootstrap:status", "g!", T);
                assertTrue(status.contains("phase: REGISTERED") && status.contains("last mode: client"), status);
                String servers = gw.command("lwm2m:servers", "g!", T);
                assertTrue(servers.contains("ssid 101") && servers.contains("registered as /rd/"), servers);
                String security = gw.command("lwm2m:read /0", "g!", T);
                assertTrue(security.contains("/0/1/0 = \"" + leshan.serverUri(Protocol.COAP) + "\""), security);

                // /3/0/4 Reboot: 2.04, then the framework restarts in the same process and registers again
                int beforeReboot = gw.output().length();
                var registration = leshan.server.getRegistrationService().getByEndpoint(ep);
                assertEquals(org.eclipse.leshan.core.ResponseCode.CHANGED,
                    leshan.server.send(registration, new org.eclipse.leshan.core.request.ExecuteRequest(3, 0, 4), 5000).getCode());
                gw.await("Gatehouse restarted in", beforeReboot, T);
                gw.await("Registered with server 101", beforeReboot, T);
                gw.type(""); // the stopped console's reader takes one more byte of stdin with it
                gw.stop();
                System.out.println("bin/gatehouse start to registered: " + millis + " ms");
            }
            assertTrue(Files.notExists(home.resolve("Californium3.properties")), "Californium must not write its properties file");
            assertTrue(leshan.server.getRegistrationService().getByEndpoint(ep) == null, "de-registered on stop");
        }
    }
}
