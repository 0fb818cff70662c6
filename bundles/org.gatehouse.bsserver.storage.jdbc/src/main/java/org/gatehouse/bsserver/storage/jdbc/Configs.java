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
import java.util.function.Supplier;

import org.gatehouse.bsserver.storage.BootstrapStorage;
import org.gatehouse.bsserver.storage.StoredConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configurations table: put as update-else-insert in one transaction, removal as a tombstone.
 * Documents are sealed by {@link SecretCipher} (column json_sealed), since they hold the keys the
 * bootstrap server writes to devices; the clear column json is only what schema version 1 left.
 */
final class Configs {

    private static final String COLUMNS = "SELECT config_key, json_sealed, revision, updated FROM bs_config ";
    private static final Logger LOG = LoggerFactory.getLogger(Configs.class);

    private final Database database;
    private final Supplier<SecretCipher> cipher;
    private final ConfigIndex index; // null: every lookup asks the database (nodes sharing it)

    /**
     * @param cipher the cipher, asked for only when a document is sealed or opened
     * @param index  the index of an embedded database (every write of it goes through here), or null
     */
    Configs(Database database, Supplier<SecretCipher> cipher, ConfigIndex index) {
        this.database = database;
        this.cipher = cipher;
        this.index = index;
    }

    /** Forgets the index (at open: the file may have changed while closed); it is loaded again at the next lookup. */
    void reindex() {
        if (index != null) {
            index.invalidate();
        }
    }

    StoredConfig put(String key, String json) {
        checkKey(key);
        if (json == null) {
            throw new IllegalArgumentException("configuration " + key + ": no document");
        }
        byte[] sealed = cipher.get().sealConfig(json, key);
        return LocalIndex.write(index, () -> store(key, sealed), stored -> index.put(stored));
    }

    private StoredConfig store(String key, byte[] sealed) {
        // a concurrent first insert of the same key fails with a duplicate key; the transaction is retried
        return database.transaction("storing configuration " + key, c -> {
            if (update(c, "UPDATE bs_config SET json = NULL, json_sealed = ?, revision = revision + 1, updated = CURRENT_TIMESTAMP "
                + "WHERE config_key = ?", sealed, key) == 0) {
                update(c, "INSERT INTO bs_config (config_key, json_sealed, revision, updated) VALUES (?, ?, 1, CURRENT_TIMESTAMP)", key,
                    sealed);
            }
            return read(c, key).orElseThrow();
        });
    }

    boolean remove(String key) {
        return LocalIndex.write(index, () -> tombstone(key), removed -> index.remove(key));
    }

    private boolean tombstone(String key) {
        return database.call("removing configuration " + key, c -> update(c,
            "UPDATE bs_config SET json = NULL, json_sealed = NULL, revision = revision + 1, updated = CURRENT_TIMESTAMP "
                + "WHERE config_key = ? AND json_sealed IS NOT NULL",
            key) == 1);
    }

    Optional<StoredConfig> get(String key) {
        return database.call("reading configuration " + key, c -> read(c, key));
    }

    /**
     * The endpoint's own configuration, else its longest prefix's: from the index of an embedded database
     * (a configuration of its own read by key), else every candidate key in one query.
     */
    Optional<StoredConfig> forEndpoint(String endpoint) {
        List<String> candidates = BootstrapStorage.candidateKeys(endpoint);
        if (index != null) {
            loadIndex();
            if (index.usable()) {
                Optional<ConfigIndex.Hit> best = index.best(candidates);
                if (best.isEmpty()) {
                    return Optional.empty();
                }
                if (best.get().config() != null) {
                    return Optional.of(best.get().config());
                }
                Optional<StoredConfig> own = get(best.get().key());
                if (own.isPresent()) {
                    return own;
                }
                // removed since: asked below
            }
        }
        return query(candidates, endpoint);
    }

    private void loadIndex() {
        try {
            index.ensureLoaded(() -> index.load(keys(), prefixConfigs()));
        } catch (RuntimeException e) {
            LOG.warn("Configurations of {} are looked up in the database at every request until its next start: indexing them failed: {}",
                database.described(), e.getMessage());
        }
    }

    private List<String> keys() {
        return database.call("indexing configuration keys", c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT config_key FROM bs_config WHERE json_sealed IS NOT NULL "
                    + "AND config_key NOT LIKE '%*' LIMIT " + (ConfigIndex.MAX_KEYS + 1)); ResultSet rs = s.executeQuery()) {
                    List<String> keys = new ArrayList<>();
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                    }
                    return keys;
                }
            });
    }

    private List<StoredConfig> prefixConfigs() {
        return database.call("indexing prefix configurations", c -> {
                try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE json_sealed IS NOT NULL AND config_key LIKE '%*' LIMIT "
                    + (ConfigIndex.MAX_PREFIXES + 1)); ResultSet rs = s.executeQuery()) {
                    List<StoredConfig> found = new ArrayList<>();
                    while (rs.next()) {
                        found.add(config(rs));
                    }
                    return found;
                }
            });
    }

    private Optional<StoredConfig> query(List<String> candidates, String endpoint) {
        String sql = COLUMNS + "WHERE config_key IN (" + "?,".repeat(candidates.size() - 1) + "?) AND json_sealed IS NOT NULL";
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
            try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE json_sealed IS NOT NULL ORDER BY config_key");
                    ResultSet rs = s.executeQuery()) {
                List<StoredConfig> configs = new ArrayList<>();
                while (rs.next()) {
                    configs.add(config(rs));
                }
                return configs;
            }
        });
    }

    /**
     * Seals the documents schema version 1 stored in clear, each in its own transaction (a node that
     * stops half-way leaves the rest to the next start). Their revision stays: the document is the same.
     *
     * @return how many were sealed
     */
    int sealClearDocuments(SecretCipher with) {
        List<String> keys = database.call("finding configurations in clear", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT config_key FROM bs_config WHERE json IS NOT NULL");
                    ResultSet rs = s.executeQuery()) {
                List<String> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
                return found;
            }
        });
        int sealed = 0;
        for (String key : keys) {
            sealed += database.transaction("sealing configuration " + key, c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT json FROM bs_config WHERE config_key = ? AND json IS NOT NULL FOR UPDATE")) {
                    s.setString(1, key);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            return 0; // another node sealed it meanwhile
                        }
                        return update(c, "UPDATE bs_config SET json = NULL, json_sealed = ? WHERE config_key = ?",
                            with.sealConfig(rs.getString(1), key), key);
                    }
                }
            });
        }
        if (sealed > 0) {
            LOG.info("Sealed {} configuration document(s) stored in clear by an earlier version on {}", sealed, database.described());
        }
        return sealed;
    }

    private Optional<StoredConfig> read(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE config_key = ? AND json_sealed IS NOT NULL")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(config(rs)) : Optional.empty();
            }
        }
    }

    private StoredConfig config(ResultSet rs) throws SQLException {
        String key = rs.getString(1);
        return new StoredConfig(key, cipher.get().openConfig(rs.getBytes(2), key), rs.getLong(3),
            rs.getObject(4, OffsetDateTime.class).toInstant());
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
