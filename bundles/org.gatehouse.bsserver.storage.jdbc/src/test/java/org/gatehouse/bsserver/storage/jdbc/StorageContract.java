package org.gatehouse.bsserver.storage.jdbc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.gatehouse.bsserver.storage.EndpointCredential;
import org.gatehouse.bsserver.storage.EndpointCredential.Kind;
import org.gatehouse.bsserver.storage.SessionRecord;
import org.gatehouse.bsserver.storage.StorageException;
import org.gatehouse.bsserver.storage.StoredConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every engine must do, run against each of them by a subclass that provides a fresh database
 * per test. Two storages on one database stand for two nodes.
 */
abstract class StorageContract extends ClaimsContract {

    private final List<JdbcBootstrapStorage> opened = new ArrayList<>();

    /** A new storage on this test's database (the same database for every call of one test). */
    protected abstract JdbcBootstrapStorage newStorage(String node);

    @Override
    protected final JdbcBootstrapStorage storage(String node) {
        JdbcBootstrapStorage storage = newStorage(node);
        opened.add(storage);
        return storage;
    }

    @AfterEach
    void closeStorages() {
        opened.forEach(JdbcBootstrapStorage::close);
    }

    // --- configurations ---------------------------------------------------------------------

    @Test
    void a_configuration_is_put_replaced_with_a_higher_revision_and_removed() {
        JdbcBootstrapStorage s = storage("a");
        StoredConfig first = s.putConfig("urn:dev:1", "{\"v\":1}");
        assertEquals("urn:dev:1", first.key());
        assertEquals("{\"v\":1}", first.json());
        assertEquals(Optional.of(first), s.config("urn:dev:1"));

        StoredConfig second = s.putConfig("urn:dev:1", "{\"v\":2}");
        assertEquals("{\"v\":2}", second.json());
        assertTrue(second.revision() > first.revision());
        assertFalse(second.updated().isBefore(first.updated()));
        assertEquals(Optional.of(second), s.config("urn:dev:1"));

        assertTrue(s.removeConfig("urn:dev:1"));
        assertFalse(s.removeConfig("urn:dev:1"));
        assertEquals(Optional.empty(), s.config("urn:dev:1"));
        assertEquals(List.of(), s.configs());

        StoredConfig again = s.putConfig("urn:dev:1", "{\"v\":3}");
        assertTrue(again.revision() > second.revision(), "a key stored again continues its revisions");
    }

    @Test
    void configurations_are_listed_by_key_with_prefix_keys_among_them() {
        JdbcBootstrapStorage s = storage("a");
        s.putConfig("sensor-*", "{}");
        s.putConfig("gw-2", "{\"n\":2}");
        s.putConfig("gw-1", "{\"n\":1}");
        s.putConfig("gone", "{}");
        s.removeConfig("gone");
        assertEquals(List.of("gw-1", "gw-2", "sensor-*"), s.configs().stream().map(StoredConfig::key).toList());
        assertEquals("{\"n\":2}", s.configs().get(1).json());
        assertEquals(Optional.empty(), s.config("sensor-1"), "a prefix is a key of its own, not a lookup");
    }

    @Test
    void an_endpoint_is_served_its_own_configuration_else_its_longest_prefix_as_another_node_changed_them() {
        JdbcBootstrapStorage a = storage("node-a");
        JdbcBootstrapStorage b = storage("node-b");
        assertEquals(Optional.empty(), b.configFor("plant-17"));
        a.putConfig("*", "{\"any\":1}");
        a.putConfig("plant-*", "{\"plant\":1}");
        a.putConfig("plant-1*", "{\"plant1\":1}");
        a.putConfig("plant-17", "{\"own\":1}");
        assertEquals("plant-17", b.configFor("plant-17").orElseThrow().key());
        assertEquals("plant-1*", b.configFor("plant-18").orElseThrow().key());
        assertEquals("plant-*", b.configFor("plant-2").orElseThrow().key());
        assertEquals("*", b.configFor("pump").orElseThrow().key());
        assertEquals("plant-1*", b.configFor("plant-1").orElseThrow().key(), "a prefix serves a name equal to it");
        a.removeConfig("plant-17");
        assertEquals("plant-1*", b.configFor("plant-17").orElseThrow().key());
        StoredConfig changed = a.putConfig("plant-1*", "{\"plant1\":2}");
        assertEquals(changed, b.configFor("plant-17").orElseThrow());
        assertEquals("*", b.configFor("").orElseThrow().key());
        String longest = "x".repeat(255);
        a.putConfig(longest, "{}");
        assertEquals(longest, b.configFor(longest).orElseThrow().key());
    }

    @Test
    void a_configuration_of_64_kib_and_unicode_is_kept_as_given() {
        JdbcBootstrapStorage s = storage("a");
        String json = "{\"name\":\"Größe ✓ 温度\",\"pad\":\"" + "x".repeat(65_536) + "\"}";
        s.putConfig("big", json);
        assertEquals(json, s.config("big").orElseThrow().json());
    }

    @Test
    void bad_configuration_keys_are_refused() {
        JdbcBootstrapStorage s = storage("a");
        assertThrows(IllegalArgumentException.class, () -> s.putConfig("a*b", "{}"));
        assertThrows(IllegalArgumentException.class, () -> s.putConfig("", "{}"));
        assertThrows(IllegalArgumentException.class, () -> s.putConfig("x".repeat(256), "{}"));
    }

    // --- credentials ------------------------------------------------------------------------

    @Test
    void credentials_are_found_by_endpoint_and_by_identity_of_their_kind() {
        JdbcBootstrapStorage s = storage("a");
        EndpointCredential psk = new EndpointCredential("ep-psk", Kind.PSK, "shared-id", new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        EndpointCredential rpk = new EndpointCredential("ep-rpk", Kind.RPK, "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE", null);
        EndpointCredential x509 = new EndpointCredential("ep-x509", Kind.X509, "shared-id", null);
        s.putCredential(psk);
        s.putCredential(rpk);
        s.putCredential(x509);

        assertEquals(Optional.of(psk), s.credential("ep-psk"));
        assertEquals(Optional.of(rpk), s.credential("ep-rpk"));
        assertEquals(Optional.of(x509), s.credential("ep-x509"));
        assertEquals(Optional.of(psk), s.credentialByIdentity(Kind.PSK, "shared-id"));
        assertEquals(Optional.of(x509), s.credentialByIdentity(Kind.X509, "shared-id"), "one identity string, two kinds");
        assertEquals(Optional.of(rpk), s.credentialByIdentity(Kind.RPK, "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE"));
        assertEquals(Optional.empty(), s.credentialByIdentity(Kind.RPK, "shared-id"));
        assertEquals(Optional.empty(), s.credential("nobody"));
        assertEquals(0, s.credential("ep-rpk").orElseThrow().secret().length);
    }

    @Test
    void a_credential_is_replaced_and_removed() {
        JdbcBootstrapStorage s = storage("a");
        s.putCredential(new EndpointCredential("ep", Kind.PSK, "old-id", "old-key".getBytes(UTF_8)));
        EndpointCredential replacement = new EndpointCredential("ep", Kind.X509, "ep.example.com", null);
        s.putCredential(replacement);
        assertEquals(Optional.of(replacement), s.credential("ep"));
        assertEquals(Optional.empty(), s.credentialByIdentity(Kind.PSK, "old-id"));
        assertTrue(s.removeCredential("ep"));
        assertFalse(s.removeCredential("ep"));
        assertEquals(Optional.empty(), s.credential("ep"));
    }

    @Test
    void an_identity_of_another_endpoint_is_refused_and_leaves_both_as_they_were() {
        JdbcBootstrapStorage s = storage("a");
        EndpointCredential first = new EndpointCredential("ep-1", Kind.PSK, "id-1", new byte[] {1});
        EndpointCredential second = new EndpointCredential("ep-2", Kind.PSK, "id-2", new byte[] {2});
        s.putCredential(first);
        s.putCredential(second);
        StorageException e = assertThrows(StorageException.class,
            () -> s.putCredential(new EndpointCredential("ep-2", Kind.PSK, "id-1", new byte[] {3})));
        assertTrue(e.getMessage().contains("ep-1"), e.getMessage());
        assertEquals(Optional.of(first), s.credential("ep-1"));
        assertEquals(Optional.of(second), s.credential("ep-2"));
    }

    @Test
    void a_psk_key_round_trips_and_is_not_in_the_database_row_in_plain_text() throws Exception {
        JdbcBootstrapStorage s = storage("a");
        byte[] key = "0123456789abcdef-psk-key-material".getBytes(UTF_8);
        s.putCredential(new EndpointCredential("ep", Kind.PSK, "ep-identity", key));
        assertEquals(new String(key, UTF_8), new String(s.credential("ep").orElseThrow().secret(), UTF_8));

        byte[] row = s.database().call("raw read", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT secret FROM bs_credential WHERE endpoint = 'ep'");
                    ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        });
        assertEquals(1 + 12 + key.length + 16, row.length, "format byte, nonce, ciphertext, tag");
        String asText = new String(row, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertFalse(asText.contains("0123456789abcdef"), "plain key in the row");
        assertFalse(asText.contains("psk-key"), "plain key in the row");
    }

    @Test
    void a_secret_moved_to_another_endpoints_row_does_not_decrypt() {
        JdbcBootstrapStorage s = storage("a");
        s.putCredential(new EndpointCredential("victim", Kind.PSK, "v", "victim-key".getBytes(UTF_8)));
        s.putCredential(new EndpointCredential("attacker", Kind.PSK, "a", "attacker-key".getBytes(UTF_8)));
        s.database().call("swap", c -> Database.update(c,
            "UPDATE bs_credential SET secret = (SELECT secret FROM bs_credential WHERE endpoint = 'victim') WHERE endpoint = 'attacker'"));
        StorageException e = assertThrows(StorageException.class, () -> s.credential("attacker"));
        assertFalse(e.getMessage().contains("victim-key"));
    }

    // --- session log ------------------------------------------------------------------------

    @Test
    void sessions_are_listed_most_recent_first_with_their_events_in_order() {
        JdbcBootstrapStorage s = storage("node-a");
        long first = s.sessionStarted("ep-1", "node-a");
        s.sessionEvent(first, "DELETE / 2.02");
        s.sessionEvent(first, "WRITE /0/1 2.04");
        s.sessionEvent(first, "FINISH 2.04");
        s.sessionEnded(first, "success");
        long second = s.sessionStarted("ep-2", "node-b");
        s.sessionEnded(second, "failed: 4.01 on WRITE /0");
        long third = s.sessionStarted("ep-1", "node-a");
        s.sessionEvent(third, "DISCOVER / 2.05");

        List<SessionRecord> all = s.sessions(Optional.empty(), 10);
        assertEquals(List.of(third, second, first), all.stream().map(SessionRecord::id).toList());
        SessionRecord done = all.get(2);
        assertEquals("ep-1", done.endpoint());
        assertEquals("node-a", done.node());
        assertEquals(List.of("DELETE / 2.02", "WRITE /0/1 2.04", "FINISH 2.04"), done.events());
        assertEquals(Optional.of("success"), done.outcome());
        assertTrue(done.ended().isPresent() && !done.ended().get().isBefore(done.started()));
        assertEquals(Optional.of("failed: 4.01 on WRITE /0"), all.get(1).outcome());
        assertEquals(List.of(), all.get(1).events());
        SessionRecord open = all.get(0);
        assertEquals(Optional.empty(), open.ended());
        assertEquals(Optional.empty(), open.outcome());
        assertEquals(List.of("DISCOVER / 2.05"), open.events());

        assertEquals(List.of(third, first), s.sessions(Optional.of("ep-1"), 10).stream().map(SessionRecord::id).toList());
        assertEquals(List.of(third, second), s.sessions(Optional.empty(), 2).stream().map(SessionRecord::id).toList());
        assertEquals(List.of(third), s.sessions(Optional.of("ep-1"), 1).stream().map(SessionRecord::id).toList());
        assertEquals(List.of(), s.sessions(Optional.empty(), 0));
        assertEquals(List.of(), s.sessions(Optional.of("nobody"), 10));
    }

    @Test
    void events_written_behind_reach_another_node_in_order_and_a_close_writes_what_is_queued() throws Exception {
        JdbcBootstrapStorage a = storage("node-a");
        JdbcBootstrapStorage b = storage("node-b");
        int threads = 8;
        int events = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> ids = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String endpoint = "ep-" + t;
            ids.add(pool.submit(() -> {
                long id = a.sessionStarted(endpoint, "node-a");
                for (int i = 0; i < events; i++) {
                    a.sessionEvent(id, "WRITE /0/" + i + " 2.04");
                }
                a.sessionEnded(id, "success");
                return id;
            }));
        }
        for (Future<Long> id : ids) {
            id.get();
        }
        pool.shutdown();
        long open = a.sessionStarted("ep-open", "node-a");
        a.sessionEvent(open, "DISCOVER / 2.05");
        a.close(); // what is still queued is written now
        List<String> expected = java.util.stream.IntStream.range(0, events).mapToObj(i -> "WRITE /0/" + i + " 2.04").toList();
        List<SessionRecord> seen = b.sessions(Optional.empty(), threads + 1);
        assertEquals(threads + 1, seen.size());
        assertEquals(List.of("DISCOVER / 2.05"), seen.get(0).events());
        assertEquals(Optional.empty(), seen.get(0).outcome());
        for (SessionRecord r : seen.subList(1, seen.size())) {
            assertEquals(expected, r.events(), r.endpoint());
            assertEquals(Optional.of("success"), r.outcome());
        }
        b.sessionEvent(open, "FINISH 2.04"); // a session another node started: written at once
        b.sessionEnded(open, "success");
        assertEquals(List.of("DISCOVER / 2.05", "FINISH 2.04"), b.sessions(Optional.of("ep-open"), 1).get(0).events());
    }

    @Test
    void long_events_and_line_breaks_come_back_as_written_one_line_each() {
        JdbcBootstrapStorage a = storage("node-a");
        JdbcBootstrapStorage b = storage("node-b");
        long id = a.sessionStarted("ep", "node-a");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) { // 12 x 1,500 characters: more than one row holds, however they are batched
            String event = "WRITE /0/" + i + " 4.00 " + String.valueOf((char) ('a' + i)).repeat(1500);
            a.sessionEvent(id, event);
            expected.add(event);
        }
        a.sessionEvent(id, "FINISH 4.06 line one\r\nline two\nthree");
        expected.add("FINISH 4.06 line one line two three");
        a.sessionEvent(id, "");
        expected.add("");
        a.sessionEnded(id, "failed:\nno");
        a.close();
        SessionRecord r = b.sessions(Optional.of("ep"), 1).get(0);
        assertEquals(expected, r.events());
        assertEquals(Optional.of("failed: no"), r.outcome());
    }

    @Test
    void rows_written_behind_reach_another_node_without_a_read_or_close_on_the_writing_one() {
        JdbcBootstrapStorage a = storage("node-a");
        JdbcBootstrapStorage b = storage("node-b");
        long id = a.sessionStarted("ep", "node-a");
        a.sessionEvent(id, "DELETE / 2.02");
        a.sessionEnded(id, "success");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> b.sessions(Optional.of("ep"), 1).get(0).outcome().isPresent());
        assertEquals(List.of("DELETE / 2.02"), b.sessions(Optional.of("ep"), 1).get(0).events());
    }

    @Test
    void the_first_end_of_a_session_counts_and_unknown_sessions_are_refused() {
        JdbcBootstrapStorage s = storage("a");
        long id = s.sessionStarted("ep", "a");
        s.sessionEnded(id, "success");
        s.sessionEnded(id, "abandoned: timeout");
        assertEquals(Optional.of("success"), s.sessions(Optional.of("ep"), 1).get(0).outcome());
        StorageException event = assertThrows(StorageException.class, () -> s.sessionEvent(id + 1000, "WRITE /0 2.04"));
        assertTrue(event.getMessage().startsWith("no session " + (id + 1000)), event.getMessage());
        StorageException end = assertThrows(StorageException.class, () -> s.sessionEnded(id + 1000, "success"));
        assertTrue(end.getMessage().startsWith("no session " + (id + 1000)), end.getMessage());
    }

    // --- schema -----------------------------------------------------------------------------

    @Test
    void migrations_run_once_when_storages_open_the_database_twice_and_concurrently() throws Exception {
        JdbcBootstrapStorage first = storage("a");
        first.open();
        first.putConfig("kept", "{}");
        List<JdbcBootstrapStorage> more = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            more.add(storage("n" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(more.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> versions = new ArrayList<>();
            for (JdbcBootstrapStorage s : more) {
                versions.add(pool.submit(() -> {
                    start.await();
                    s.open();
                    return s.schemaVersion();
                }));
            }
            start.countDown();
            for (Future<Integer> v : versions) {
                assertEquals(SchemaMigrator.SCRIPTS.size(), v.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(SchemaMigrator.SCRIPTS.size(), first.schemaVersion());
        assertEquals((long) SchemaMigrator.SCRIPTS.size(), count(first, "SELECT COUNT(*) FROM schema_version"));
        assertEquals(1, count(first, "SELECT COUNT(*) FROM bs_meta"), "one key id recorded");
        assertTrue(more.get(0).config("kept").isPresent(), "data survives the second migration run");
    }

    @Test
    void concurrent_first_opens_of_an_empty_database_migrate_it_once() throws Exception {
        List<JdbcBootstrapStorage> storages = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            storages.add(storage("n" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(storages.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> configs = new ArrayList<>();
            for (JdbcBootstrapStorage s : storages) {
                configs.add(pool.submit(() -> {
                    start.await();
                    return s.putConfig("k", "{}").revision(); // the first call opens and migrates
                }));
            }
            start.countDown();
            List<Long> revisions = new ArrayList<>();
            for (Future<Long> c : configs) {
                revisions.add(c.get());
            }
            assertEquals(4, revisions.stream().distinct().count(), "every put got its own revision: " + revisions);
        } finally {
            pool.shutdownNow();
        }
        assertEquals((long) SchemaMigrator.SCRIPTS.size(), count(storages.get(0), "SELECT COUNT(*) FROM schema_version"));
    }

    @Test
    void a_storage_reports_engine_node_and_location_without_a_password() {
        JdbcBootstrapStorage s = storage("node-x");
        assertEquals("node-x", s.node());
        assertNotEquals("", s.engine());
        assertFalse(s.location().contains("password=g"), s.location());
        assertFalse(s.toString().contains("password=g"));
    }
}
