package org.gatehouse.bsserver.storage.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * The PostgreSQL server of the tests: the url from GATEHOUSE_PG_URL, or from the file scripts/pg-up.sh
 * writes ($GATEHOUSE_PG_DIR/jdbc-url, default /tmp/gatehouse-pg/jdbc-url). Each test gets a schema of
 * its own. No server is a failure that says how to start one, never a skip.
 */
final class TestPostgresql {

    static final String USER = env("GATEHOUSE_PG_USER", "gatehouse");
    static final String PASSWORD = env("GATEHOUSE_PG_PASSWORD", "gatehouse");

    private TestPostgresql() {
    }

    static String url() {
        String url = System.getenv("GATEHOUSE_PG_URL");
        if (url == null || url.isBlank()) {
            Path file = Path.of(env("GATEHOUSE_PG_DIR", "/tmp/gatehouse-pg"), "jdbc-url");
            try {
                url = Files.exists(file) ? Files.readString(file).trim() : null;
            } catch (IOException e) {
                fail("cannot read " + file + ": " + e);
            }
            if (url == null || url.isEmpty()) {
                fail("No PostgreSQL for the tests: run scripts/pg-up.sh (it starts a private server and writes " + file
                    + "), or set GATEHOUSE_PG_URL");
            }
        }
        return url;
    }

    /** Creates a fresh schema and returns its name. */
    static String createSchema() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE SCHEMA " + schema);
        return schema;
    }

    static void dropSchema(String schema) {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** The url whose connections work in {@code schema}. */
    static String urlOf(String schema) {
        String url = url();
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static void execute(String sql) {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("connectTimeout", "5");
        try (Connection c = new org.postgresql.Driver().connect(url(), properties); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            fail("PostgreSQL at " + url() + " does not answer (" + e.getMessage() + "): run scripts/pg-up.sh", e);
        }
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }
}
