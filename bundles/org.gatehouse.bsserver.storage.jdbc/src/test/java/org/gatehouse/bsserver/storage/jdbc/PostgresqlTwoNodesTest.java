package org.gatehouse.bsserver.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.awaitility.Awaitility;
import org.gatehouse.bsserver.storage.EndpointCredential;
import org.gatehouse.bsserver.storage.SessionRecord;
import org.gatehouse.bsserver.storage.StorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL database, each with its own data folder and its own copy of the key
 * file, as two bootstrap servers would run.
 */
class PostgresqlTwoNodesTest {

    @TempDir
    Path dir;
    private String schema;
    private JdbcBootstrapStorage nodeA;
    private JdbcBootstrapStorage nodeB;

    @BeforeEach
    void startTwoNodes() throws Exception {
        schema = TestPostgresql.createSchema();
        nodeA = node("node-a", dir.resolve("a/secret.key"));
        nodeA.open(); // creates the key; the operator copies it to the second node
        Files.createDirectories(dir.resolve("b"));
        Files.copy(dir.resolve("a/secret.key"), dir.resolve("b/secret.key"));
        nodeB = node("node-b", dir.resolve("b/secret.key"));
    }

    @AfterEach
    void stop() {
        nodeA.close();
        nodeB.close();
        TestPostgresql.dropSchema(schema);
    }

    @Test
    void an_endpoint_claimed_by_one_node_is_refused_to_the_other_until_released() {
        assertTrue(nodeA.claim("urn:imei:1", nodeA.node(), Duration.ofSeconds(30)));
        assertFalse(nodeB.claim("urn:imei:1", nodeB.node(), Duration.ofSeconds(30)));
        assertTrue(nodeB.claim("urn:imei:2", nodeB.node(), Duration.ofSeconds(30)));
        assertFalse(nodeA.claim("urn:imei:2", nodeA.node(), Duration.ofSeconds(30)));
        nodeA.release("urn:imei:1", nodeA.node());
        assertTrue(nodeB.claim("urn:imei:1", nodeB.node(), Duration.ofSeconds(30)));
    }

    @Test
    void a_node_that_dies_loses_its_claim_when_the_lease_runs_out() {
        assertTrue(nodeA.claim("urn:imei:1", nodeA.node(), Duration.ofSeconds(3)));
        nodeA.close(); // the node dies: no renewal, no release
        assertFalse(nodeB.claim("urn:imei:1", nodeB.node(), Duration.ofSeconds(30)));
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
            .until(() -> nodeB.claim("urn:imei:1", nodeB.node(), Duration.ofSeconds(30)));
    }

    @Test
    void a_node_that_keeps_renewing_keeps_its_claim_past_the_first_lease() {
        assertTrue(nodeA.claim("urn:imei:1", nodeA.node(), Duration.ofSeconds(1)));
        // renewals with a longer lease, checked in database time rather than by waiting
        assertTrue(nodeA.claim("urn:imei:1", nodeA.node(), Duration.ofMinutes(5)));
        assertTrue(StorageContract.remainingLease(nodeB, "urn:imei:1").compareTo(Duration.ofMinutes(4)) > 0);
        assertFalse(nodeB.claim("urn:imei:1", nodeB.node(), Duration.ofSeconds(30)));
    }

    @Test
    void what_one_node_writes_the_other_reads_secrets_included() {
        byte[] key = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88};
        nodeA.putCredential(new EndpointCredential("urn:imei:1", EndpointCredential.Kind.PSK, "imei-1", key));
        nodeA.putConfig("urn:imei:*", "{\"servers\":[]}");
        long session = nodeA.sessionStarted("urn:imei:1", nodeA.node());
        nodeA.sessionEnded(session, "success");

        assertArrayEquals(key, nodeB.credentialByIdentity(EndpointCredential.Kind.PSK, "imei-1").orElseThrow().secret());
        assertEquals("{\"servers\":[]}", nodeB.config("urn:imei:*").orElseThrow().json());
        List<SessionRecord> log = nodeB.sessions(Optional.of("urn:imei:1"), 5);
        assertEquals("node-a", log.get(0).node());
        assertEquals(nodeA.config("urn:imei:*").orElseThrow().revision(), nodeB.putConfig("urn:imei:*", "{}").revision() - 1);
    }

    @Test
    void a_node_with_a_key_file_of_its_own_is_refused_with_what_to_do() {
        JdbcBootstrapStorage stranger = node("node-c", dir.resolve("c/secret.key"));
        try {
            StorageException e = assertThrows(StorageException.class, stranger::open);
            assertTrue(e.getMessage().contains("every node must use a copy of the same key file"), e.getMessage());
            assertTrue(e.getMessage().contains(dir.resolve("c/secret.key").toString()), e.getMessage());
        } finally {
            stranger.close();
        }
    }

    private JdbcBootstrapStorage node(String name, Path keyFile) {
        return JdbcBootstrapStorage.postgresql(TestPostgresql.urlOf(schema), TestPostgresql.USER, TestPostgresql.PASSWORD, name, keyFile);
    }
}
