package org.gatehouse.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution exactly as shipped, nothing else installed: its factory file holds a
 * bootstrap-server account pointing at its own bootstrap server, whose catch-all configuration
 * provisions an account on its own LwM2M server. The gateway bootstraps client-initiated and
 * registers with itself, and each of the three sides says so from the console.
 */
class AllInOneIT {

    private static final Duration T = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void the_default_configuration_bootstraps_from_its_own_server_and_registers_with_its_own_lwm2m_server() throws Exception {
        Path home = Gateway.install(dir.resolve("gatehouse"));
        try (Gateway gw = Gateway.start(home)) {
            gw.await("Gatehouse started in", 0, T);
            gw.await("Bootstrap mode client: CONFIGURED", 0, T);
            gw.await("Registered with server 1 (coap://127.0.0.1:5685)", 0, T);
            String endpoint = Files.readString(home.resolve("data/endpoint-name")).trim();

            String servers = gw.command("lwm2m:servers", "g!", T);
            assertTrue(servers.contains("coap://127.0.0.1:5685") && servers.contains("registered"), servers);
            String sessions = gw.command("bsserver:sessions " + endpoint, "FINISH", T);
            assertTrue(sessions.contains(": success") && sessions.contains("FINISH 2.04"), sessions);
            // the LwM2M server side: the gateway is one of its devices (polled: its registry is filled by the same Register)
            org.awaitility.Awaitility.await().atMost(T).pollInterval(Duration.ofMillis(500))
                .until(() -> gw.command("dm:devices", "g!", T).contains(endpoint));
            String manufacturer = gw.command("dm:read " + endpoint + " /3/0/0", "g!", T);
            assertTrue(manufacturer.contains("2.05"), manufacturer);

            long started = millisOf(gw.output(), "Gatehouse started in");
            System.out.println("all-in-one: started in " + started + " ms; log up to registration:\n"
                + gw.output().lines().filter(l -> l.contains("Bootstrap mode") || l.contains("Registered with")).reduce("", (a, b) -> a + b + "\n"));
            assertEquals(0, gw.stop());
            // the servers' bundles stop after the client's: the gateway's last word reaches its own LwM2M server
            gw.await("De-registered from server 1: 2.02", 0, T);
            gw.await("LwM2M server stopped; 0 registration(s) dropped", 0, T);
            assertFalse(gw.hasUnexpectedException(), gw.output());
        }
    }

    private static long millisOf(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).findFirst()
            .map(l -> Long.parseLong(l.substring(prefix.length()).trim().split(" ")[0])).orElse(-1L);
    }
}
