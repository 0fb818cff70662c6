package org.gatehouse.bsserver.storage.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gatehouse.bsserver.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date: the scripts in {@link #SCRIPTS} (resources {@code schema/V<n>__<name>.sql},
 * or an engine's own variant {@code schema/<engine>/V<n>__<name>.sql}) are applied in order, each in one
 * transaction together with its row in {@code schema_version}. Nodes starting at once are serialised by
 * the engine's migration lock, and the version's primary key refuses a second application anyway.
 */
final class SchemaMigrator {

    /** Every migration, in order. A new one is appended here and never edited once released. */
    static final List<String> SCRIPTS = List.of("V1__initial.sql", "V2__sealed_config_documents.sql", "V3__session_log_retention.sql",
        "V4__lwm2m_server_credentials.sql", "V5__open_sessions.sql", "V6__session_event_index.sql",
        "V7__session_events_inline.sql");

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final Pattern NAME = Pattern.compile("V(\\d+)__\\w+\\.sql");
    private static final String VERSION_TABLE = "CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, "
        + "script VARCHAR(255) NOT NULL, applied TIMESTAMP WITH TIME ZONE NOT NULL)";

    private final Database database;
    private final List<String> scripts;

    SchemaMigrator(Database database) {
        this(database, SCRIPTS);
    }

    /** Up to the last of {@code scripts} only: how tests make a database as an earlier version left it. */
    SchemaMigrator(Database database, List<String> scripts) {
        this.database = database;
        this.scripts = List.copyOf(scripts);
    }

    /** Applies what is missing; returns the schema version now in place. */
    int migrate() {
        synchronized (MigrationLocks.of(database.described())) {
            return migrateLocked();
        }
    }

    private int migrateLocked() {
        int latest = 0;
        for (String script : scripts) {
            int version = version(script);
            if (version != latest + 1) {
                throw new IllegalStateException("migration " + script + " out of order after version " + latest);
            }
            latest = version;
            database.transaction("schema migration " + script, c -> apply(c, version, script));
        }
        int found = database.call("reading the schema version", SchemaMigrator::current);
        if (found > latest) {
            throw new StorageException("the schema of " + database.described() + " is at version " + found
                + ", newer than this bundle knows (" + latest + "): update org.gatehouse.bsserver.storage.jdbc on this node");
        }
        return found;
    }

    private boolean apply(Connection c, int version, String script) throws SQLException {
        database.engine().lockMigrations(c);
        try (Statement s = c.createStatement()) {
            s.execute(VERSION_TABLE);
        }
        try (PreparedStatement applied = c.prepareStatement("SELECT 1 FROM schema_version WHERE version = ?")) {
            applied.setInt(1, version);
            try (ResultSet rs = applied.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String statement : statements(read(script))) {
                s.execute(statement);
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO schema_version (version, script, applied) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
            insert.setInt(1, version);
            insert.setString(2, script);
            insert.executeUpdate();
        }
        LOG.info("Applied schema migration {} to {}", script, database.described());
        return true;
    }

    private static int current(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private String read(String script) {
        String engineVariant = "schema/" + database.engine().id() + "/" + script;
        InputStream in = SchemaMigrator.class.getResourceAsStream(engineVariant);
        if (in == null) {
            in = SchemaMigrator.class.getResourceAsStream("schema/" + script);
        }
        if (in == null) {
            throw new IllegalStateException("migration " + script + " is missing from the bundle");
        }
        try (InputStream sql = in) {
            return new String(sql.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + script, e);
        }
    }

    static int version(String script) {
        Matcher m = NAME.matcher(script);
        if (!m.matches()) {
            throw new IllegalStateException("migration " + script + " is not named V<n>__<name>.sql");
        }
        return Integer.parseInt(m.group(1));
    }

    /** The statements of a script: "--" comment lines dropped, split at a ";" that ends a line. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                statements.add(current.substring(0, current.lastIndexOf(";")).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
