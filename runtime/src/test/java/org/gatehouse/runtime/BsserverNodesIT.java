package org.gatehouse.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.eclipse.leshan.client.engine.DefaultRegistrationEngineFactory;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.gatehouse.bootstrap.itest.LeshanBootstrapClient;
import org.gatehouse.bootstrap.itest.LeshanPeers;
import org.gatehouse.bsserver.storage.SessionRecord;
import org.gatehouse.bsserver.storage.jdbc.JdbcBootstrapStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bootstrap-server nodes on one PostgreSQL, as an operator runs them: two gateway processes
 * (bin/gatehouse, each its own copy, data and port) configured for one database (a fresh schema on
 * the server of scripts/pg-up.sh) and one secret key file. The fleet's configuration ({@code fleet-*})
 * is dropped into the first node's etc/bsserver only; the second serves it from the shared storage.
 * Leshan clients, half given each node's address (a {@link FailoverAddress}), bootstrap and register
 * with Leshan's server; the first node is killed (SIGKILL) while some of its sessions are open, and
 * its address is moved to the second node, as a load balancer would. Every client must end
 * bootstrapped exactly once, and the shared session log must say so: one success per endpoint, the
 * dead node's open sessions ended as abandoned by the takeover, no two sessions of an endpoint
 * overlapping, none left open.
 */
class BsserverNodesIT {

    private static final int CLIENTS = 60;
    /** Each way, per datagram: a session of five exchanges then lasts about half a second. */
    private static final Duration NETWORK_DELAY = Duration.ofMillis(40);
    private static final Duration STAGGER = Duration.ofMillis(50);
    private static final int CLAIM_LEASE_S = 5;
    /** Sessions a dead node left open that nobody takes over are ended once this (and a lease) has passed. */
    private static final int SESSION_TIMEOUT_S = 15;
    private static final Duration T = Duration.ofSeconds(60);
    private static final byte[] PSK = "sealed-psk-16-by".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void two_nodes_on_one_postgresql_serve_one_fleet_and_the_survivor_takes_over_when_one_is_killed() throws Exception {
        long begin = System.nanoTime();
        String schema = "nodes_" + UUID.randomUUID().toString().replace("-", "");
        Postgresql.execute("CREATE SCHEMA " + schema);
        String url = Postgresql.url(schema);
        Path key = dir.resolve("shared/secret.key"); // one file (as on a shared mount); created by the first node to open the storage
        int portA = freePort();
        int portB = freePort();
        int coapsB = freePort();
        InetSocketAddress nodeB = new InetSocketAddress("127.0.0.1", portB);
        Map<String, LeshanBootstrapClient> fleet = new ConcurrentHashMap<>();
        Map<String, Long> registeredAt = new ConcurrentHashMap<>();
        ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor();
        try (LeshanPeers leshan = new LeshanPeers();
                Gateway a = Gateway.start(node("node-a", portA, freePort(), url, key));
                Gateway b = Gateway.start(node("node-b", portB, coapsB, url, key));
                FailoverAddress toA = new FailoverAddress(new InetSocketAddress("127.0.0.1", portA), NETWORK_DELAY);
                FailoverAddress toB = new FailoverAddress(nodeB, NETWORK_DELAY)) {
            for (Gateway gw : List.of(a, b)) {
                gw.await("Bootstrap-server storage ready on jdbc:postgresql:", 0, T);
                gw.await("listening on [/127.0.0.1:", 0, T);
            }
            Path folder = Files.createDirectories(dir.resolve("node-a/etc/bsserver"));
            Files.writeString(folder.resolve("fleet.json"), """
                {"endpoint": "fleet-*", "deleteFirst": true, "servers": [{"ssid": 7, "uri": "%s", "lifetime": 300}]}
                """.formatted(leshan.serverUri(Protocol.COAP)));
            Files.writeString(folder.resolve("sealed-1.json"), """
                {"endpoint": "sealed-1", "credential": {"mode": "psk", "identity": "sealed-1", "key": "hex:%s"},
                 "servers": [{"ssid": 7, "uri": "%s", "lifetime": 300}]}
                """.formatted(HexFormat.of().formatHex(PSK), leshan.serverUri(Protocol.COAP)));
            Awaitility.await().atMost(T).pollInterval(Duration.ofMillis(250)).until(() -> {
                String list = b.listing("bsserver:list", T); // node b sees what node a stored
                return list.contains("fleet-*") && list.contains("sealed-1");
            });
            // a PSK device configured through node a and bootstrapped over DTLS by node b: b unseals its key with the shared key file
            try (LeshanBootstrapClient sealed = new LeshanBootstrapClient("sealed-1",
                    Security.pskBootstrap("coaps://127.0.0.1:" + coapsB, "sealed-1".getBytes(StandardCharsets.UTF_8), PSK), BsserverNodesIT::quick, coap -> {
                    })) {
                assertEquals(leshan.serverUri(Protocol.COAP), sealed.registered.get(T.toSeconds(), TimeUnit.SECONDS));
                assertEquals(List.of("success"), sealed.attempts);
            }
            long fleetStart = System.nanoTime();

            for (int i = 0; i < CLIENTS; i++) {
                String endpoint = "fleet-" + i;
                FailoverAddress via = i % 2 == 0 ? toA : toB;
                starter.schedule(() -> {
                    LeshanBootstrapClient c = new LeshanBootstrapClient(endpoint, Security.noSecBootstrap(via.uri()), BsserverNodesIT::quick, coap -> {
                    });
                    c.registered.thenRun(() -> registeredAt.put(endpoint, System.nanoTime()));
                    fleet.put(endpoint, c);
                }, i * STAGGER.toMillis(), TimeUnit.MILLISECONDS);
            }
            // kill -9 node a while it is in the middle of the run: some of its sessions done, some open
            long[] atKill = Awaitility.await().atMost(T).pollInterval(Duration.ofMillis(10))
                .until(() -> openAndSucceeded(url, "node-a"), c -> c[0] >= 2 && c[1] >= 3);
            a.close();
            assertTrue(a.waitFor(Duration.ofSeconds(10)), "node a killed");
            long killedAt = System.nanoTime();
            toA.moveTo(nodeB);
            Set<Long> leftOpen = openSessions(url, "node-a");

            Awaitility.await().atMost(T).pollInterval(Duration.ofMillis(100))
                .until(() -> fleet.size() == CLIENTS && fleet.values().stream().allMatch(c -> c.registered.isDone()));
            long lastRegistered = registeredAt.values().stream().max(Comparator.naturalOrder()).orElseThrow();
            // clients that needed more than one attempt; those given node a's address met the dead node
            Set<String> retried = fleet.entrySet().stream().filter(e -> e.getValue().attempts.size() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
            Set<String> metTheDeadNode = retried.stream().filter(e -> Integer.parseInt(e.substring("fleet-".length())) % 2 == 0)
                .collect(Collectors.toSet());
            long failover = metTheDeadNode.stream().mapToLong(registeredAt::get).max().orElse(killedAt) - killedAt;

            // Leshan's side: each client bootstrapped once (its last attempt), holds the account and registered with it
            for (Map.Entry<String, LeshanBootstrapClient> e : fleet.entrySet()) {
                String endpoint = e.getKey();
                LeshanBootstrapClient c = e.getValue();
                List<String> attempts = List.copyOf(c.attempts);
                assertEquals(1, attempts.stream().filter("success"::equals).count(), endpoint + " " + attempts);
                assertEquals("success", attempts.get(attempts.size() - 1), endpoint + " " + attempts);
                assertEquals(leshan.serverUri(Protocol.COAP), c.registered.get());
                assertEquals(7L, c.object(1).getInstances().values().iterator().next().getResource(0).getValue(), endpoint);
                assertTrue(leshan.server.getRegistrationService().getByEndpoint(endpoint) != null, endpoint);
            }

            // the shared log, read through the storage API like any node would
            try (JdbcBootstrapStorage log = JdbcBootstrapStorage.postgresql(url, Postgresql.USER, Postgresql.PASSWORD, "observer", key)) {
                List<SessionRecord> sessions = Awaitility.await().atMost(Duration.ofSeconds(SESSION_TIMEOUT_S + CLAIM_LEASE_S * 3L))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> log.sessions(Optional.empty(), 100_000), l -> l.stream().allMatch(s -> s.ended().isPresent()));
                Map<String, List<SessionRecord>> byEndpoint = sessions.stream()
                    .collect(Collectors.groupingBy(SessionRecord::endpoint, TreeMap::new, Collectors.toList()));
                List<SessionRecord> sealedLog = byEndpoint.remove("sealed-1");
                assertEquals(1, sealedLog.size(), sealedLog.toString());
                assertEquals("node-b", sealedLog.get(0).node());
                assertTrue(succeeded(sealedLog.get(0)), sealedLog.toString());
                assertEquals(fleet.keySet(), byEndpoint.keySet());
                int endsLost = 0;
                int servedAgain = 0;
                for (Map.Entry<String, List<SessionRecord>> e : byEndpoint.entrySet()) {
                    List<SessionRecord> own = e.getValue();
                    assertRanOneAtATime(e.getKey(), own);
                    // each Bootstrap-Request served at most once; one whose client gave up waiting (node a too slow, or dead)
                    // may have been finished on the server all the same
                    long successes = own.stream().filter(BsserverNodesIT::succeeded).count();
                    assertTrue(successes <= fleet.get(e.getKey()).attempts.size(), own.toString());
                    servedAgain += successes > 1 ? 1 : 0;
                    if (own.stream().noneMatch(BsserverNodesIT::succeeded)) {
                        // node a died between the device's last answer and recording the end: its only session, logged
                        // abandoned (the log cannot know), and a client that bootstrapped at its first request
                        assertEquals(1, own.size(), own.toString());
                        assertTrue(leftOpen.contains(own.get(0).id()) && own.get(0).events().contains("WRITE /1/0 2.04"), own.toString());
                        assertEquals(List.of("success"), fleet.get(e.getKey()).attempts, own.toString());
                        endsLost++;
                    }
                }
                Map<String, Long> outcomes = sessions.stream().collect(Collectors.groupingBy(s -> s.outcome().orElseThrow().split(":")[0],
                    TreeMap::new, Collectors.counting()));
                System.out.printf("bsserver nodes: %d clients (%d per node, %d ms between starts, %d ms network delay each way); node-a killed "
                    + "with %d sessions open and %d succeeded; %d sessions logged %s, %d left open by the dead node and ended as abandoned; "
                    + "the %d clients that met the dead node (of %d that needed more than one attempt) all registered %d ms after the kill "
                    + "(claim lease %d s); fleet done in %d ms, test run %d ms; %d of the abandoned had taken their device to Finish "
                    + "(node-a died before recording the end); "
                    + "%d clients gave up on a session that the server then finished, and were served again%n",
                    CLIENTS, CLIENTS / 2, STAGGER.toMillis(), NETWORK_DELAY.toMillis(), atKill[0], atKill[1], sessions.size(), outcomes,
                    leftOpen.size(), metTheDeadNode.size(), retried.size(), failover / 1_000_000, CLAIM_LEASE_S,
                    (lastRegistered - fleetStart) / 1_000_000, (System.nanoTime() - begin) / 1_000_000, endsLost, servedAgain);
                for (SessionRecord s : sessions) {
                    if (leftOpen.contains(s.id())) {
                        assertEquals("node-a", s.node());
                        assertTrue(s.outcome().orElseThrow().startsWith("abandoned: node node-a stopped renewing its claim"), s.toString());
                    }
                }
                byEndpoint.forEach((endpoint, own) -> {
                    if (metTheDeadNode.contains(endpoint)) {
                        SessionRecord last = own.stream().filter(BsserverNodesIT::succeeded).max(Comparator.comparing(SessionRecord::started))
                            .orElseThrow();
                        assertEquals("node-b", last.node(), "the survivor served " + endpoint + ": " + own);
                    } else if (!retried.contains(endpoint)) {
                        assertEquals(1, own.size(), "a client bootstrapped at its first request is logged once: " + own);
                    }
                });
                assertFalse(leftOpen.isEmpty(), "node a died with sessions open");
            }
            assertEquals(0, b.stop());
            assertFalse(b.hasUnexpectedException(), b.output());
        } finally {
            starter.shutdownNow();
            fleet.values().forEach(LeshanBootstrapClient::close);
            Postgresql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /**
     * Successes from Bootstrap-Request to Finish; the other sessions refused
     * (the endpoint still claimed by the dead node, or its session still running where the client gave
     * up on it), abandoned (on the dead node) or failed (the client gave up on it and no longer
     * answers); the sessions that ran (not refused) never overlap in time.
     */
    private static void assertRanOneAtATime(String endpoint, List<SessionRecord> sessions) {
        for (SessionRecord success : sessions.stream().filter(BsserverNodesIT::succeeded).toList()) {
            assertEquals("FINISH 2.04", success.events().get(success.events().size() - 1), success.toString());
            assertTrue(success.events().get(0).startsWith("BOOTSTRAP-REQUEST 2.04"), success.toString());
        }
        List<SessionRecord> ran = new ArrayList<>();
        for (SessionRecord s : sessions) {
            String outcome = s.outcome().orElseThrow();
            if (!succeeded(s)) {
                assertTrue(outcome.startsWith("refused: ") && outcome.contains("session of " + endpoint)
                    || outcome.startsWith("abandoned:") && s.node().equals("node-a") || outcome.startsWith("failed:"), s.toString());
            }
            if (!outcome.startsWith("refused:")) {
                ran.add(s);
            }
        }
        ran.sort(Comparator.comparing(SessionRecord::started));
        for (int i = 1; i < ran.size(); i++) {
            assertFalse(ran.get(i).started().isBefore(ran.get(i - 1).ended().orElseThrow()), "overlapping sessions: " + ran);
        }
    }

    private static boolean succeeded(SessionRecord s) {
        return s.outcome().equals(Optional.of("success"));
    }

    /** Leshan's client with short timers, as a fleet retrying through a load balancer would be configured. */
    private static void quick(org.eclipse.leshan.client.LeshanClientBuilder builder) {
        DefaultRegistrationEngineFactory engine = new DefaultRegistrationEngineFactory();
        engine.setBootstrapSessionTimeoutInSec(15);
        engine.setRetryWaitingTimeInMs(500);
        engine.setRequestTimeoutInMs(5000);
        builder.setRegistrationEngineFactory(engine);
    }

    /** A copy of the distribution with the bootstrap server, its storage on the shared database and the console (which needs feature bootstrap). */
    private Path node(String name, int port, int coapsPort, String url, Path key) throws Exception {
        Path home = Gateway.install(dir.resolve(name));
        Path etc = home.resolve("etc");
        Path properties = etc.resolve("config.properties");
        Files.writeString(properties, Files.readString(properties).replaceFirst("(?m)^gatehouse\\.features=.*$",
            "gatehouse.features=core,transport,bootstrap,bsserver-storage,bsserver,shell"));
        Files.delete(etc.resolve("bsserver/all-in-one.json"));
        Files.writeString(etc.resolve("org.gatehouse.bsserver.cfg"), String.join("\n", "coap.port=" + port, "coaps.port=" + coapsPort,
            "request.timeout=5", "session.timeout=" + SESSION_TIMEOUT_S, "claim.lease=" + CLAIM_LEASE_S) + "\n");
        Files.writeString(etc.resolve("org.gatehouse.bsserver.storage.cfg"), String.join("\n", "engine=postgresql", "url=" + url,
            "user=" + Postgresql.USER, "password=" + Postgresql.PASSWORD, "node=" + name, "secretKeyFile=" + key) + "\n");
        return home;
    }

    private static long[] openAndSucceeded(String url, String node) throws Exception {
        try (Connection c = Postgresql.connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) FILTER (WHERE ended IS NULL), count(*) FILTER (WHERE outcome = 'success') FROM bs_session WHERE node = '"
                    + node + "'")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private static Set<Long> openSessions(String url, String node) throws Exception {
        Set<Long> ids = new java.util.HashSet<>();
        try (Connection c = Postgresql.connect(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM bs_session WHERE ended IS NULL AND node = '" + node + "'")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static int freePort() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
