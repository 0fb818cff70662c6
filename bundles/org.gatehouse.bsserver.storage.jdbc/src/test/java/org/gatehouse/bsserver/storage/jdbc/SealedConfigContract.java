package org.gatehouse.bsserver.storage.jdbc;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

import org.gatehouse.bsserver.storage.StorageException;
import org.gatehouse.bsserver.storage.StoredConfig;
import org.junit.jupiter.api.Test;

/**
 * Part of the engine contract ({@link StorageContract}): configuration documents, which hold the keys
 * written to devices, are sealed at rest, and those stored in clear by schema version 1 are sealed
 * at the next start.
 */
abstract class SealedConfigContract {

    static final String SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    static final String DOCUMENT = "{\"endpoint\": \"ep\", \"servers\": [{\"ssid\": 1, \"uri\": \"coaps://dm\", "
        + "\"security\": {\"mode\": \"psk\", \"identity\": \"ep-dm\", \"key\": \"hex:" + SECRET + "\"}}]}";

    /** A new storage on this test's database; see {@link StorageContract#storage}. */
    protected abstract JdbcBootstrapStorage storage(String node);

    @Test
    void a_configuration_document_is_sealed_in_its_row_and_read_back_as_given() {
        JdbcBootstrapStorage s = storage("a");
        s.putConfig("ep", DOCUMENT);
        assertEquals(DOCUMENT, s.config("ep").orElseThrow().json());
        assertEquals(DOCUMENT, s.configs().get(0).json());
        Row row = row(s, "ep");
        assertNull(row.json(), "nothing in the clear column");
        assertFalse(new String(row.sealed(), ISO_8859_1).contains(SECRET), "plain key in the row");
        assertFalse(new String(row.sealed(), ISO_8859_1).contains("coaps://dm"), "the whole document is sealed");
    }

    @Test
    void a_document_moved_to_another_key_does_not_decrypt() {
        JdbcBootstrapStorage s = storage("a");
        s.putConfig("victim", DOCUMENT);
        s.putConfig("attacker", "{\"endpoint\": \"attacker\"}");
        s.database().call("swap", c -> Database.update(c,
            "UPDATE bs_config SET json_sealed = (SELECT json_sealed FROM bs_config WHERE config_key = 'victim') WHERE config_key = 'attacker'"));
        StorageException e = assertThrows(StorageException.class, () -> s.config("attacker"));
        assertFalse(e.getMessage().contains(SECRET));
    }

    @Test
    void documents_in_clear_from_schema_version_1_are_sealed_at_the_next_start_and_keep_their_revision() {
        JdbcBootstrapStorage before = storage("a");
        // the database as version 1 of this bundle left it: schema 1, documents in clear, a tombstone
        new SchemaMigrator(before.database(), SchemaMigrator.SCRIPTS.subList(0, 1)).migrate();
        before.database().call("rows of version 1", c -> Database.update(c, "INSERT INTO bs_config (config_key, json, revision, updated) "
            + "VALUES ('ep', ?, 3, CURRENT_TIMESTAMP), ('gone', NULL, 2, CURRENT_TIMESTAMP)", DOCUMENT));
        before.close();

        JdbcBootstrapStorage after = storage("b");
        StoredConfig read = after.config("ep").orElseThrow();
        assertEquals(SchemaMigrator.SCRIPTS.size(), after.schemaVersion());
        assertEquals(DOCUMENT, read.json());
        assertEquals(3, read.revision(), "the same document, the same revision");
        Row row = row(after, "ep");
        assertNull(row.json(), "the clear copy is gone");
        assertFalse(new String(row.sealed(), ISO_8859_1).contains(SECRET));
        assertEquals(Optional.empty(), after.config("gone"), "a removed configuration stays removed");
        assertEquals(3, after.putConfig("gone", DOCUMENT).revision(), "and its revision keeps growing");
    }

    /** The one number {@code sql} selects. */
    static long count(JdbcBootstrapStorage s, String sql) {
        return s.database().call("count", c -> {
            try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private record Row(String json, byte[] sealed) {
    }

    private static Row row(JdbcBootstrapStorage s, String key) {
        return s.database().call("raw read", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT json, json_sealed FROM bs_config WHERE config_key = ?")) {
                st.setString(1, key);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return new Row(rs.getString(1), rs.getBytes(2));
                }
            }
        });
    }
}
