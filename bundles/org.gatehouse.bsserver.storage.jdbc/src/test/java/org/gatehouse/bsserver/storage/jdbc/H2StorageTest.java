package org.gatehouse.bsserver.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded H2 engine, one database file per test; plus what only a file engine has. */
class H2StorageTest extends StorageContract {

    @TempDir
    Path dir;

    @Override
    protected JdbcBootstrapStorage newStorage(String node) {
        return JdbcBootstrapStorage.h2(dir.resolve("data"), node);
    }

    @Test
    void the_database_and_the_key_are_owner_only_files_in_an_owner_only_folder() throws Exception {
        JdbcBootstrapStorage s = storage("a");
        s.open();
        Path data = dir.resolve("data");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("secret.key"))));
        assertEquals(32, Files.size(data.resolve("secret.key")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("bsserver.mv.db"))));
        assertEquals("h2", s.engine());
    }

    @Test
    void data_survives_a_restart() {
        JdbcBootstrapStorage before = storage("a");
        before.putCredential(new org.gatehouse.bsserver.storage.EndpointCredential("ep",
            org.gatehouse.bsserver.storage.EndpointCredential.Kind.PSK, "id", new byte[] {9, 8, 7}));
        before.close();
        JdbcBootstrapStorage after = storage("a");
        assertEquals(3, after.credential("ep").orElseThrow().secret().length);
    }

    @Test
    void claims_are_kept_in_memory_and_shared_by_the_storages_of_one_file() {
        JdbcBootstrapStorage a = storage("node-a");
        JdbcBootstrapStorage b = storage("node-b");
        long id = a.claimAndStart("ep", "node-a", java.time.Duration.ofMinutes(1)).orElseThrow();
        assertEquals(java.util.OptionalLong.empty(), b.claimAndStart("ep", "node-b", java.time.Duration.ofMinutes(1)));
        assertEquals(Integer.valueOf(0), a.database().call("claim rows", c -> {
            try (var s = c.prepareStatement("SELECT COUNT(*) FROM bs_claim"); var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }), "no statement per claim");
        a.sessionEndedAndReleased(id, "success", "ep", "node-a");
        assertTrue(b.claim("ep", "node-b", java.time.Duration.ofMinutes(1)), "released at once");
        assertEquals(java.util.Optional.of("success"), a.sessions(java.util.Optional.of("ep"), 1).get(0).outcome(), "its end logged");
    }

    @Test
    void session_ids_handed_out_here_never_meet_a_row_inserted_without_an_id_and_go_on_when_the_file_is_opened_again() {
        JdbcBootstrapStorage a = storage("a");
        long first = a.sessionStarted("ep", "a");
        long plain = a.database().call("a row without an id, as an earlier version wrote it", c -> {
            try (var s = c.prepareStatement("INSERT INTO bs_session (endpoint, node, started) VALUES ('old', 'a', CURRENT_TIMESTAMP)",
                    java.sql.Statement.RETURN_GENERATED_KEYS)) {
                s.executeUpdate();
                try (var keys = s.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        long second = a.sessionStarted("ep", "a");
        assertTrue(plain > second && second > first, first + " " + second + " " + plain);
        a.sessionEnded(second, "success");
        assertEquals(3, a.sessions(java.util.Optional.empty(), 10).size());
        a.close();
        JdbcBootstrapStorage b = storage("a");
        assertTrue(b.sessionStarted("ep", "a") > second);
        assertEquals(java.util.Optional.of("success"), b.sessions(java.util.Optional.of("ep"), 10).stream()
            .filter(r -> r.id() == second).findFirst().orElseThrow().outcome(), "written at close");
    }

    @Test
    void an_event_row_goes_into_its_primary_key_and_the_foreign_keys_index_only() {
        JdbcBootstrapStorage s = storage("a");
        s.open();
        java.util.List<String> indexes = s.database().call("indexes", c -> {
            try (var st = c.prepareStatement("SELECT INDEX_TYPE_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'BS_SESSION_EVENT' "
                + "ORDER BY INDEX_TYPE_NAME"); var rs = st.executeQuery()) {
                java.util.List<String> found = new java.util.ArrayList<>();
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
                return found;
            }
        });
        assertEquals(java.util.List.of("INDEX", "PRIMARY KEY"), indexes);
    }

    @Test
    void a_credential_found_by_identity_is_never_served_after_another_storage_of_the_file_changed_it() {
        var psk = org.gatehouse.bsserver.storage.EndpointCredential.Kind.PSK;
        JdbcBootstrapStorage a = storage("a");
        JdbcBootstrapStorage b = storage("b");
        a.putCredential(new org.gatehouse.bsserver.storage.EndpointCredential("ep", psk, "id", new byte[] {1}));
        assertEquals(1, a.credentialByIdentity(psk, "id").orElseThrow().secret()[0]);
        assertEquals(1, a.credentialByIdentity(psk, "id").orElseThrow().secret()[0], "kept");
        b.putCredential(new org.gatehouse.bsserver.storage.EndpointCredential("ep", psk, "id", new byte[] {2}));
        assertEquals(2, a.credentialByIdentity(psk, "id").orElseThrow().secret()[0]);
        b.putCredential(new org.gatehouse.bsserver.storage.EndpointCredential("ep", psk, "other", new byte[] {3}));
        assertEquals(java.util.Optional.empty(), a.credentialByIdentity(psk, "id"));
        assertTrue(a.credentialByIdentity(psk, "other").isPresent());
        b.removeCredential("ep");
        assertEquals(java.util.Optional.empty(), a.credentialByIdentity(psk, "other"));
        assertEquals(java.util.Optional.empty(), a.credential("ep"));
    }
}
