package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.gatehouse.bsserver.storage.SessionRecord;
import org.gatehouse.bsserver.storage.jdbc.JdbcBootstrapStorage;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.PeerSecurity;
import org.gatehouse.coap.PeerSpec;
import org.gatehouse.coap.RequestHandler;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.coap.californium.CaliforniumTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bootstrap-server nodes sharing one PostgreSQL database (scripts/pg-up.sh starts one): a
 * configuration put on one is served by the other with its sealed PSK, and while one node runs an
 * endpoint's session the other refuses that endpoint with 5.03.
 */
class TwoNodesTest {

    private static final String USER = "gatehouse";
    private static final String PASSWORD = "gatehouse";
    private static final byte[] PSK = "two-nodes-psk-16".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    private String schema;
    private OurBootstrapServer nodeA;
    private OurBootstrapServer nodeB;
    private LeshanPeers leshan;

    private static String baseUrl() throws Exception {
        String url = System.getenv("GATEHOUSE_PG_URL");
        Path file = Path.of(Optional.ofNullable(System.getenv("GATEHOUSE_PG_DIR")).orElse("/tmp/gatehouse-pg"), "jdbc-url");
        if ((url == null || url.isBlank()) && Files.exists(file)) {
            url = Files.readString(file).trim();
        }
        if (url == null || url.isBlank()) {
            fail("No PostgreSQL for the tests: run scripts/pg-up.sh (it writes " + file + "), or set GATEHOUSE_PG_URL");
        }
        return url;
    }

    private static void sql(String statement) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", PASSWORD);
        try (Connection c = new org.postgresql.Driver().connect(baseUrl(), p); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            fail("PostgreSQL at " + baseUrl() + " does not answer (" + e.getMessage() + "): run scripts/pg-up.sh", e);
        }
    }

    private OurBootstrapServer node(String name) throws Exception {
        String url = baseUrl() + (baseUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new OurBootstrapServer(JdbcBootstrapStorage.postgresql(url, USER, PASSWORD, name, dir.resolve("shared.key")), Map.of());
    }

    @BeforeEach
    void start() throws Exception {
        schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        sql("CREATE SCHEMA " + schema);
        nodeA = node("node-a");
        nodeB = node("node-b");
        leshan = new LeshanPeers();
    }

    @AfterEach
    void stop() throws Exception {
        nodeA.close();
        nodeB.close();
        leshan.close();
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Test
    void a_configuration_put_on_one_node_is_served_by_the_other_with_its_psk() throws Exception {
        nodeA.configs.put("""
            {"endpoint": "shared-psk", "credential": {"mode": "psk", "identity": "shared-psk", "key": "hex:%s"},
             "servers": [{"ssid": 3, "uri": "%s"}]}
            """.formatted(HexFormat.of().formatHex(PSK), leshan.serverUri(Protocol.COAP)));
        try (LeshanBootstrapClient device = new LeshanBootstrapClient("shared-psk", Security.pskBootstrap(nodeB.coapsUri(), "shared-psk".getBytes(StandardCharsets.UTF_8), PSK))) {
            assertTrue(device.bootstrapped.get(20, TimeUnit.SECONDS));
            assertEquals(leshan.serverUri(Protocol.COAP), device.registered.get(20, TimeUnit.SECONDS));
        }
        SessionRecord s = nodeA.ended("shared-psk"); // node A reads the log node B wrote
        assertEquals("node-b", s.node());
        assertEquals(Optional.of("success"), s.outcome());
    }

    @Test
    void while_one_node_runs_an_endpoint_the_other_refuses_it() throws Exception {
        nodeA.configs.put("""
            {"endpoint": "shared-1", "discoverFirst": true, "servers": [{"ssid": 3, "uri": "coap://127.0.0.1:1"}]}""");
        CountDownLatch discoverSeen = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // a device that holds its answer to node A's Discover until the test lets it go
        RequestHandler slowDevice = request -> {
            if (request.method() == Method.GET) {
                discoverSeen.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return CoapResponse.content(40, "</>;lwm2m=1.0,</0/0>,</1>,</3/0>".getBytes(StandardCharsets.UTF_8));
            }
            return CoapResponse.of(request.method() == Method.DELETE ? ResponseCode.DELETED : ResponseCode.CHANGED);
        };
        CaliforniumTransport transport = new CaliforniumTransport(Configs.of(CaliforniumTransport.Config.class, Map.of()));
        try (var toA = transport.open(new PeerSpec("node a", URI.create(nodeA.coapUri()), new PeerSecurity.NoSec()), slowDevice);
                var toB = transport.open(new PeerSpec("node b", URI.create(nodeB.coapUri()), new PeerSecurity.NoSec()), slowDevice)) {
            CoapRequest bootstrapRequest = CoapRequest.of(Method.POST, "/bs").withQuery(List.of("ep=shared-1"));
            assertEquals(ResponseCode.CHANGED, toA.send(bootstrapRequest, Duration.ofSeconds(5)).code());
            assertTrue(discoverSeen.await(10, TimeUnit.SECONDS), "node A started its session");

            CoapResponse refused = toB.send(bootstrapRequest, Duration.ofSeconds(5));
            assertEquals(ResponseCode.SERVICE_UNAVAILABLE, refused.code());
            assertEquals("another bootstrap-server node is running a session of shared-1", refused.text());

            release.countDown();
            List<SessionRecord> log = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> nodeB.storage.sessions(Optional.of("shared-1"), 10), l -> l.size() == 2 && l.get(1).outcome().isPresent());
            assertEquals("node-b", log.get(0).node());
            assertEquals(Optional.of("refused: another bootstrap-server node is running a session of shared-1"), log.get(0).outcome());
            assertEquals("node-a", log.get(1).node());
            assertEquals(Optional.of("success"), log.get(1).outcome());
            assertEquals(ResponseCode.CHANGED, toB.send(bootstrapRequest, Duration.ofSeconds(5)).code(), "once A is done, B may run it");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> nodeB.storage.sessions(Optional.of("shared-1"), 1).get(0).outcome(), o -> o.equals(Optional.of("success")));
        } finally {
            transport.deactivate();
        }
    }
}
