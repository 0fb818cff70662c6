package org.gatehouse.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** The PostgreSQL server of scripts/pg-up.sh (role and database gatehouse); its absence fails a test with what to run. */
final class Postgresql {

    static final String USER = "gatehouse";
    static final String PASSWORD = "gatehouse";

    private Postgresql() {
    }

    /** GATEHOUSE_PG_URL, else the url scripts/pg-up.sh wrote. */
    static String url() throws IOException {
        String url = System.getenv("GATEHOUSE_PG_URL");
        if (url == null || url.isBlank()) {
            String dir = System.getenv().getOrDefault("GATEHOUSE_PG_DIR", "/tmp/gatehouse-pg");
            Path file = Path.of(dir, "jdbc-url");
            if (!Files.exists(file)) {
                throw new AssertionError("No PostgreSQL for the tests: run scripts/pg-up.sh (it writes " + file + "), or set GATEHOUSE_PG_URL");
            }
            url = Files.readString(file).trim();
        }
        return url;
    }

    /** {@link #url()} with {@code schema} as the current schema. */
    static String url(String schema) throws IOException {
        String url = url();
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    static Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        return new org.postgresql.Driver().connect(url, properties);
    }

    static void execute(String sql) throws IOException {
        String url = url();
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL at " + url + ": " + e.getMessage() + "; run scripts/pg-up.sh", e);
        }
    }
}
