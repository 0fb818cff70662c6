package org.gatehouse.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.client.californium.endpoint.coaps.CoapsClientProtocolProvider;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.StaticModel;
import org.gatehouse.bootstrap.itest.LeshanDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution with the optional feature lwm2m-server added to etc/config.properties: the
 * server binds as configured in etc/, takes a device credential from a factory configuration, and a
 * Leshan client registered with PSK is managed from the console with the dm:* commands.
 */
class LwM2mServerSystemIT {

    private static final Duration T = Duration.ofSeconds(60);
    private static final Pattern DTLS_PORT = Pattern.compile("LwM2M server listening on /127\\.0\\.0\\.1:(\\d+) \\(DTLS");

    @TempDir
    Path dir;

    @Test
    void a_psk_device_registers_and_is_managed_from_the_console() throws Exception {
        Path home = Gateway.install(dir.resolve("gatehouse"));
        assertTrue(Files.readString(home.resolve("etc/config.properties")).contains("lwm2m-server"), "lwm2m-server is a default feature");
        Files.writeString(home.resolve("etc/org.gatehouse.lwm2m.server.cfg"), "coap.port=0\ncoaps.port=0\n");
        Files.writeString(home.resolve("etc/org.gatehouse.lwm2m.server.credential-sensor-1.cfg"),
            "endpoint=sensor-1\npsk.identity=sensor-1-id\npsk.key.hex=73656e736f722d312d736563726574\n");

        try (Gateway gw = Gateway.start(home)) {
            // the LwM2M server's own DTLS line (the bootstrap server of the all-in-one default has one too)
            Matcher m = await().atMost(T).until(() -> DTLS_PORT.matcher(gw.output()), Matcher::find);
            LeshanDevice device = new LeshanDevice();
            LeshanClient client = client("sensor-1", Security.psk("coaps://127.0.0.1:" + m.group(1), 123,
                "sensor-1-id".getBytes(StandardCharsets.UTF_8), "sensor-1-secret".getBytes(StandardCharsets.US_ASCII)), device);
            client.start();
            try {
                gw.await("LwM2M device registered: sensor-1", 0, T);
                String devices = gw.listing("dm:devices", T);
                assertTrue(devices.contains("sensor-1") && devices.contains("PSK sensor-1-id") && devices.contains("/3/0"), devices);

                assertTrue(gw.listing("dm:read sensor-1 /3/0/0", T).contains("2.05 CONTENT: Leshan test manufacturer"), gw.output());
                assertTrue(gw.listing("dm:write sensor-1 /3/0/14 +01:00", T).contains("2.04 CHANGED"), gw.output());
                assertEquals("+01:00", device.utcOffset);
                assertTrue(gw.listing("dm:execute sensor-1 /3/0/4", T).contains("2.04 CHANGED"), gw.output());
                assertEquals(1, device.reboots.get());
                assertTrue(gw.listing("dm:discover sensor-1 /3/0", T).contains("</3/0/0>"), gw.output());

                assertTrue(gw.listing("dm:observe sensor-1 /3/0/15", T).contains("observing #1 sensor-1 /3/0/15"), gw.output());
                device.changeTimezone("Asia/Tokyo");
                await().atMost(T).untilAsserted(() -> assertTrue(gw.listing("dm:notifications", T).contains("sensor-1 /3/0/15: 2.05 CONTENT: Asia/Tokyo"),
                    gw.output()));
                assertTrue(gw.listing("dm:cancel 1", T).contains("cancelled #1"), gw.output());
            } finally {
                client.destroy(true);
            }
            gw.await("LwM2M device deregistered: sensor-1", 0, T);
            gw.type("");
            gw.stop();
        }
    }

    private static LeshanClient client(String endpoint, Security security, LeshanDevice device) {
        ObjectsInitializer init = new ObjectsInitializer(new StaticModel(ObjectLoader.loadDefault()));
        init.setInstancesForObject(0, security);
        init.setInstancesForObject(1, new Server(123, 300));
        init.setInstancesForObject(3, device);
        LeshanClientBuilder b = new LeshanClientBuilder(endpoint);
        b.setObjects(init.createAll());
        b.setEndpointsProviders(new CaliforniumClientEndpointsProvider.Builder(new CoapClientProtocolProvider(), new CoapsClientProtocolProvider())
            .build());
        return b.build();
    }
}
