package org.gatehouse.bsserver.storage.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * What differs between the two engines: how the driver is obtained, the few SQL fragments that have
 * no common syntax, how migrations are serialised, and what an error means for the operator.
 */
enum Engine {

    H2("h2") {
        @Override
        Driver driver() {
            // constructed directly: DriverManager's lookup through the context class loader fails in OSGi
            return new org.h2.Driver();
        }

        @Override
        String nowPlusMillis() {
            return "DATEADD(MILLISECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP)";
        }

        @Override
        String insertOrNothing(String insert) {
            return insert; // a duplicate key fails with 23505, which callers treat as "not inserted"
        }

        @Override
        void lockMigrations(Connection connection) {
            // an H2 file is open in one process only; MigrationLocks serialises its users in this process
        }

        @Override
        String explain(SQLException e) {
            return switch (e.getErrorCode()) {
                case 90020 -> "the database file is in use by another process; only one process may open an embedded H2 database";
                case 28000 -> "wrong user or password for the H2 database; set user/password in " + StorageComponent.PID
                    + " to what the database was created with";
                default -> e.getMessage();
            };
        }
    },

    POSTGRESQL("postgresql") {
        @Override
        Driver driver() {
            return new org.postgresql.Driver();
        }

        @Override
        String nowPlusMillis() {
            return "CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '1 millisecond'";
        }

        @Override
        String insertOrNothing(String insert) {
            return insert + " ON CONFLICT DO NOTHING";
        }

        @Override
        void lockMigrations(Connection connection) throws SQLException {
            // held until the transaction ends: nodes starting at once apply each script exactly once
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, MIGRATION_LOCK_KEY);
                lock.execute();
            }
        }

        @Override
        String explain(SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.equals("28P01") || state.equals("28000")) {
                return "PostgreSQL refused the login (" + e.getMessage() + "); set user and password in " + StorageComponent.PID;
            }
            if (state.equals("3D000")) {
                return e.getMessage() + "; create the database (createdb -O <user> <name>) or fix url in " + StorageComponent.PID;
            }
            if (state.startsWith("08")) {
                return "cannot reach PostgreSQL (" + e.getMessage() + "); check that it runs and that url in "
                    + StorageComponent.PID + " names the right host and port";
            }
            return e.getMessage();
        }
    };

    /** Arbitrary but fixed: the advisory lock all nodes take while migrating ("gatehous" in ASCII). */
    static final long MIGRATION_LOCK_KEY = 0x6761746568_6f7573L;

    private final String id;

    Engine(String id) {
        this.id = id;
    }

    /** The name used in configuration and in the service property. */
    String id() {
        return id;
    }

    static Engine of(String id) {
        for (Engine engine : values()) {
            if (engine.id.equalsIgnoreCase(id.trim())) {
                return engine;
            }
        }
        throw new IllegalArgumentException("unknown storage engine '" + id + "': set engine in " + StorageComponent.PID
            + " to h2 or postgresql");
    }

    /** A new driver instance; fails with a clear message when the driver bundle is not installed. */
    abstract Driver driver();

    /** An SQL expression of database time plus one BIGINT parameter in milliseconds. */
    abstract String nowPlusMillis();

    /** {@code insert} made to insert nothing, rather than fail, on a duplicate key where the engine can. */
    abstract String insertOrNothing(String insert);

    /** Serialises migrations between nodes; called first in each migration transaction. */
    abstract void lockMigrations(Connection connection) throws SQLException;

    /** The error in words an operator can act on. */
    abstract String explain(SQLException e);

    /** Creates the driver, turning a missing driver bundle into an instruction. */
    Driver loadDriver() {
        try {
            return driver();
        } catch (LinkageError e) {
            throw new org.gatehouse.bsserver.storage.StorageException("the " + id + " JDBC driver is not installed ("
                + e + "); install its bundle (see features/bsserver-storage.json) or choose another engine", e);
        }
    }
}
