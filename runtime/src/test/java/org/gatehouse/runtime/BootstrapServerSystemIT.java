package org.gatehouse.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.gatehouse.bootstrap.itest.LeshanBootstrapClient;
import org.gatehouse.bootstrap.itest.LeshanPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootstrap server in the assembled distribution (real Felix, SCR, FileInstall, Gogo): feature
 * bsserver with feature bsserver-storage (the embedded H2 engine), a configuration dropped into etc/bsserver, a bad one refused
 * with the reason while the good one stays, and Leshan's client bootstrapping from it and registering
 * at Leshan's server.
 */
class BootstrapServerSystemIT {

    private static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void the_bootstrap_server_feature_serves_a_configuration_dropped_into_etc() throws Exception {
        Path home = Gateway.install(dir.resolve("gatehouse"));
        int port;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        Files.writeString(home.resolve("etc/org.gatehouse.bsserver.cfg"), "coap.port=" + port + "\ncoaps.port=-1\n");

        try (LeshanPeers leshan = new LeshanPeers(); Gateway gw = Gateway.start(home)) {
            gw.await("Gatehouse started in", 0, T);
            gw.await("listening on [/127.0.0.1:" + port + "]", 0, T);
            Files.createDirectories(home.resolve("etc/bsserver"));
            Files.writeString(home.resolve("etc/bsserver/sys-1.json"), """
                {"endpoint": "sys-1", "deleteFirst": true, "servers": [{"ssid": 5, "uri": "%s", "lifetime": 300}]}
                """.formatted(leshan.serverUri(Protocol.COAP)));
            Awaitility.await().atMost(T).pollInterval(Duration.ofMillis(250)).until(() -> gw.command("bsserver:list", "g!", T).contains("sys-1"));

            Files.writeString(home.resolve("etc/bsserver/sys-1.json"), "{\"endpoint\": \"sys-1\", \"servers\": []}");
            gw.await("sys-1.json refused, the previous configuration stays: servers: at least one server account is required", 0, T);

            try (LeshanBootstrapClient device = new LeshanBootstrapClient("sys-1", Security.noSecBootstrap("coap://127.0.0.1:" + port))) {
                assertTrue(device.bootstrapped.get(20, TimeUnit.SECONDS));
                assertEquals(leshan.serverUri(Protocol.COAP), device.registered.get(20, TimeUnit.SECONDS));
            }
            String sessions = gw.command("bsserver:sessions sys-1", "FINISH", T);
            assertTrue(sessions.contains("sys-1 on ") && sessions.contains(": success"), sessions);
            assertTrue(sessions.contains("DELETE / 2.02") && sessions.contains("WRITE /1/0 2.04") && sessions.contains("FINISH 2.04"), sessions);
            String components = gw.command("scr:list", "g!", T);
            for (String c : new String[] {"BootstrapServerComponent", "ConfigStore", "ConfigFolder", "BsServerCommands"}) {
                assertTrue(components.contains("org.gatehouse.bsserver.impl." + c), components);
            }
            assertFalse(components.contains("UNSATISFIED"), components);
            assertEquals(0, gw.stop());
            assertFalse(gw.output().contains("Exception"), gw.output());
        }
    }
}
