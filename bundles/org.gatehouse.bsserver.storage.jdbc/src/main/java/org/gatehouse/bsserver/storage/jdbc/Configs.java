package org.gatehouse.bsserver.storage.jdbc;

import static org.gatehouse.bsserver.storage.jdbc.Database.update;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gatehouse.bsserver.storage.BootstrapStorage;
import org.gatehouse.bsserver.storage.StoredConfig;

/** The configurations table: put as update-else-insert in one transaction, removal as a tombstone. */
final class Configs {

    private static final String COLUMNS = "SELECT config_key, json, revision, updated FROM bs_config ";

    private final Database database;

    Configs(Database database) {
        this.database = database;
    }

    StoredConfig put(String key, String json) {
        checkKey(key);
        if (json == null) {
            throw new IllegalArgumentException("configuration " + key + ": no document");
        }
        // a concurrent first insert of the same key fails with a duplicate key; the transaction is retried
        return database.transaction("storing configuration " + key, c -> {
            if (update(c, "UPDATE bs_config SET json = ?, revision = revision + 1, updated = CURRENT_TIMESTAMP WHERE config_key = ?",
                json, key) == 0) {
                update(c, "INSERT INTO bs_config (config_key, json, revision, updated) VALUES (?, ?, 1, CURRENT_TIMESTAMP)", key, json);
            }
            return read(c, key).orElseThrow();
        });
    }

    boolean remove(String key) {
        return database.call("removing configuration " + key, c -> update(c,
            "UPDATE bs_config SET json = NULL, revision = revision + 1, updated = CURRENT_TIMESTAMP WHERE config_key = ? AND json IS NOT NULL",
            key) == 1);
    }

    Optional<StoredConfig> get(String key) {
        return database.call("reading configuration " + key, c -> read(c, key));
    }

    /** The endpoint's own configuration, else its longest prefix's: every candidate key in one query. */
    Optional<StoredConfig> forEndpoint(String endpoint) {
        List<String> candidates = BootstrapStorage.candidateKeys(endpoint);
        String sql = COLUMNS + "WHERE config_key IN (" + "?,".repeat(candidates.size() - 1) + "?) AND json IS NOT NULL";
        return database.call("looking up the configuration of " + endpoint, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < candidates.size(); i++) {
                    s.setString(i + 1, candidates.get(i));
                }
                Map<String, StoredConfig> found = new HashMap<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        StoredConfig config = config(rs);
                        found.put(config.key(), config);
                    }
                }
                return candidates.stream().filter(found::containsKey).findFirst().map(found::get);
            }
        });
    }

    List<StoredConfig> all() {
        return database.call("listing configurations", c -> {
            try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE json IS NOT NULL ORDER BY config_key");
                    ResultSet rs = s.executeQuery()) {
                List<StoredConfig> configs = new ArrayList<>();
                while (rs.next()) {
                    configs.add(config(rs));
                }
                return configs;
            }
        });
    }

    private static Optional<StoredConfig> read(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE config_key = ? AND json IS NOT NULL")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(config(rs)) : Optional.empty();
            }
        }
    }

    private static StoredConfig config(ResultSet rs) throws SQLException {
        return new StoredConfig(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getObject(4, OffsetDateTime.class).toInstant());
    }

    private static void checkKey(String key) {
        if (key == null || key.isBlank() || key.length() > 255) {
            throw new IllegalArgumentException("configuration key must be 1 to 255 characters: " + key);
        }
        int star = key.indexOf('*');
        if (star >= 0 && star != key.length() - 1) {
            throw new IllegalArgumentException("configuration key " + key + ": '*' may only end a prefix");
        }
    }
}
