package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.server.security.SecurityInfo;
import org.gatehouse.bsserver.storage.SessionRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Gatehouse's bootstrap server against Eclipse Leshan's client, which bootstraps from it and then
 * registers at Leshan's server with the account it was given. The server keeps everything in the
 * embedded H2 engine. Both sides are asserted: what Leshan's
 * client reports and holds, and what our session log recorded.
 */
class BootstrapServerInteropTest {

    private static final String PSK_KEY = "hex:" + HexFormat.of().formatHex("bsserver-psk-key".getBytes(StandardCharsets.US_ASCII));
    private static final String DM_KEY = "dm-server-psk-16";

    @TempDir
    java.nio.file.Path dir;
    private OurBootstrapServer ours;
    private LeshanPeers leshan;
    private LeshanBootstrapClient device;

    @BeforeEach
    void start() throws Exception {
        ours = new OurBootstrapServer(dir);
        leshan = new LeshanPeers();
    }

    @AfterEach
    void stop() {
        if (device != null) {
            device.close();
        }
        ours.close();
        leshan.close();
    }

    private static Security pskAccount(String uri, String identity, String hexKey) {
        return Security.pskBootstrap(uri, identity.getBytes(StandardCharsets.UTF_8), HexFormat.of().parseHex(hexKey.substring(4)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"NOSEC, TLV", "NOSEC, SENML_CBOR", "NOSEC, SENML_JSON", "PSK, TLV", "PSK, SENML_CBOR", "PSK, SENML_JSON"})
    void leshan_client_bootstraps_and_registers_with_the_account_it_was_given(String mode, String format) throws Exception {
        String ep = "leshan-" + mode + "-" + format;
        boolean psk = mode.equals("PSK");
        String dmUri = leshan.serverUri(psk ? Protocol.COAPS : Protocol.COAP);
        if (psk) {
            leshan.serverSecurity.add(SecurityInfo.newPreSharedKeyInfo(ep, ep + "-dm", DM_KEY.getBytes(StandardCharsets.US_ASCII)));
        }
        ours.configs.put("""
            {"endpoint": "%s", %s "contentFormat": "%s", "deleteFirst": true, "discoverFirst": true,
             "servers": [{"ssid": 101, "uri": "%s", "lifetime": 300, %s "binding": "U"}]}
            """.formatted(ep, psk ? "\"credential\": {\"mode\": \"psk\", \"identity\": \"" + ep + "\", \"key\": \"" + PSK_KEY + "\"}," : "",
            format, dmUri, psk ? "\"security\": {\"mode\": \"psk\", \"identity\": \"" + ep + "-dm\", \"key\": \"hex:"
                + HexFormat.of().formatHex(DM_KEY.getBytes(StandardCharsets.US_ASCII)) + "\"}," : ""));

        device = new LeshanBootstrapClient(ep, psk ? pskAccount(ours.coapsUri(), ep, PSK_KEY) : Security.noSecBootstrap(ours.coapUri()));
        assertTrue(device.bootstrapped.get(20, TimeUnit.SECONDS), "Leshan's client reports bootstrap success");
        assertEquals(dmUri, device.registered.get(20, TimeUnit.SECONDS), "it registered with the configured account");
        assertTrue(leshan.server.getRegistrationService().getByEndpoint(ep) != null, "Leshan's server knows it");

        LwM2mObjectInstance security = device.object(0).getInstance(1);
        assertEquals(dmUri, security.getResource(0).getValue());
        assertEquals(false, security.getResource(1).getValue());
        assertEquals(psk ? 0L : 3L, security.getResource(2).getValue());
        assertEquals(101L, security.getResource(10).getValue());
        if (psk) {
            assertArrayEquals((ep + "-dm").getBytes(StandardCharsets.UTF_8), (byte[]) security.getResource(3).getValue());
        }
        LwM2mObject servers = device.object(1);
        assertEquals(List.of(0), List.copyOf(servers.getInstances().keySet()));
        assertEquals(101L, servers.getInstance(0).getResource(0).getValue());
        assertEquals(300L, servers.getInstance(0).getResource(1).getValue());
        assertEquals("U", servers.getInstance(0).getResource(7).getValue());

        SessionRecord s = ours.ended(ep);
        assertEquals(Optional.of("success"), s.outcome());
        assertEquals("node-a", s.node());
        List<String> events = s.events();
        assertTrue(events.get(0).startsWith("BOOTSTRAP-REQUEST 2.04 from "), events.toString());
        int code = switch (format) {
            case "TLV" -> 11542;
            case "SENML_JSON" -> 110;
            default -> 112;
        };
        assertTrue(events.get(0).endsWith("format " + code), events.toString());
        assertEquals(List.of("DISCOVER / 2.05", "DELETE / 2.02", "WRITE /0/1 2.04", "WRITE /1/0 2.04", "FINISH 2.04"),
            events.subList(1, events.size()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"NOSEC", "PSK"})
    void an_unknown_endpoint_is_refused_and_the_log_says_why(String mode) throws Exception {
        String ep = "stranger-" + mode;
        boolean psk = mode.equals("PSK");
        if (psk) {
            // a known identity speaking for an endpoint without configuration
            ours.configs.put("{\"endpoint\": \"known\", \"credential\": {\"mode\": \"psk\", \"identity\": \"known\", \"key\": \"" + PSK_KEY
                + "\"}, \"servers\": [{\"ssid\": 1, \"uri\": \"coap://127.0.0.1:1\"}]}");
        }
        device = new LeshanBootstrapClient(ep, psk ? pskAccount(ours.coapsUri(), "known", PSK_KEY) : Security.noSecBootstrap(ours.coapUri()));
        assertEquals(false, device.bootstrapped.get(20, TimeUnit.SECONDS));
        assertEquals(org.eclipse.leshan.core.ResponseCode.BAD_REQUEST, device.failure.get());

        SessionRecord s = ours.ended(ep);
        assertEquals(Optional.of("refused: unknown endpoint " + ep + ": no configuration serves it"), s.outcome());
        assertEquals(1, s.events().size());
        assertTrue(s.events().get(0).startsWith("BOOTSTRAP-REQUEST 4.00 from "), s.events().toString());
    }

    @ParameterizedTest(name = "as {0}")
    @CsvSource({"victim"})
    void a_psk_identity_of_another_endpoint_is_refused_and_the_log_says_why(String victim) throws Exception {
        ours.configs.put("{\"endpoint\": \"" + victim + "\", \"credential\": {\"mode\": \"psk\", \"identity\": \"victim-id\", \"key\": \"hex:0102\"},"
            + " \"servers\": [{\"ssid\": 1, \"uri\": \"coap://127.0.0.1:1\"}]}");
        ours.configs.put("{\"endpoint\": \"intruder\", \"credential\": {\"mode\": \"psk\", \"identity\": \"intruder-id\", \"key\": \"" + PSK_KEY
            + "\"}, \"servers\": [{\"ssid\": 1, \"uri\": \"coap://127.0.0.1:1\"}]}");
        device = new LeshanBootstrapClient(victim, pskAccount(ours.coapsUri(), "intruder-id", PSK_KEY));
        assertEquals(false, device.bootstrapped.get(20, TimeUnit.SECONDS));
        assertEquals(org.eclipse.leshan.core.ResponseCode.BAD_REQUEST, device.failure.get());

        SessionRecord s = ours.ended(victim);
        assertEquals(Optional.of("refused: identity mismatch: PSK identity 'intruder-id' belongs to endpoint intruder, not to victim"), s.outcome());
        assertTrue(s.events().get(0).startsWith("BOOTSTRAP-REQUEST 4.00 from Psk[identity=intruder-id]"), s.events().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"second bootstrap account"})
    void an_inconsistent_configuration_is_refused_at_finish_and_recorded(String what) throws Exception {
        String ep = "inconsistent";
        // Delete / keeps the client's bootstrap account at /0/0: a second one at /0/7 is inconsistent
        ours.configs.put("""
            {"endpoint": "inconsistent", "deleteFirst": true, "bootstrapAccount": {"uri": "%s", "instance": 7},
             "servers": [{"ssid": 101, "uri": "coap://127.0.0.1:1"}]}
            """.formatted(ours.coapUri()));
        device = new LeshanBootstrapClient(ep, Security.noSecBootstrap(ours.coapUri()));
        SessionRecord s = ours.ended(ep);
        assertTrue(s.outcome().orElseThrow().startsWith("failed: Bootstrap-Finish answered 4.06"), s.outcome().toString());
        assertTrue(s.outcome().orElseThrow().endsWith("(the client found the configuration inconsistent)"), s.outcome().toString());
        assertTrue(s.events().get(s.events().size() - 1).startsWith("FINISH 4.06"), s.events().toString());
        assertEquals(List.of("DELETE / 2.02", "WRITE /0/1 2.04", "WRITE /0/7 2.04", "WRITE /1/0 2.04"), s.events().subList(1, 5), what);
        assertTrue(!device.bootstrapped.isDone() || !device.bootstrapped.get(), "Leshan's client did not report success");
    }
}
