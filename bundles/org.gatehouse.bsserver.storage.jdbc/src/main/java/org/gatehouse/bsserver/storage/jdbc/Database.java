package org.gatehouse.bsserver.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.gatehouse.bsserver.storage.StorageException;

/**
 * Runs work on a pooled connection, in auto-commit or in one transaction, and turns SQL errors into
 * {@link StorageException}s that say what failed and what to do. Transactions that lost a race with
 * another writer (duplicate key, serialisation failure, deadlock) are retried a few times.
 */
final class Database implements AutoCloseable {

    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    static final String UNIQUE_VIOLATION = "23505";
    private static final int ATTEMPTS = 5;

    private final Engine engine;
    private final ConnectionPool pool;
    private final String described;

    Database(Engine engine, ConnectionPool pool, String described) {
        this.engine = engine;
        this.pool = pool;
        this.described = described;
    }

    Engine engine() {
        return engine;
    }

    /** The database as it may be logged: engine and url or file, never a password. */
    String described() {
        return described;
    }

    /** Runs {@code work} in auto-commit mode; {@code what} names it in errors. */
    <T> T call(String what, Work<T> work) {
        try {
            return once(false, work);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code work} in one transaction, retried when it lost a race with another writer. */
    <T> T transaction(String what, Work<T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return once(true, work);
            } catch (SQLException e) {
                if (attempt == ATTEMPTS || !lostRace(e)) {
                    throw failure(what, e);
                }
            }
        }
    }

    /** Runs one parameterised INSERT, UPDATE or DELETE; returns the row count. */
    static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        }
    }

    StorageException failure(String what, SQLException e) {
        return new StorageException(what + " failed on " + described + ": " + engine.explain(e), e);
    }

    private <T> T once(boolean transaction, Work<T> work) throws SQLException {
        Connection c = pool.borrow();
        boolean broken = true;
        try {
            T result;
            if (transaction) {
                c.setAutoCommit(false);
                try {
                    result = work.run(c);
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } else {
                result = work.run(c);
            }
            broken = false;
            return result;
        } catch (SQLException e) {
            // an SQL error (duplicate key, ...) leaves the connection usable; a connection error does not
            broken = connectionLost(e);
            throw e;
        } catch (RuntimeException e) {
            broken = false; // thrown by the work itself, after a rollback
            throw e;
        } finally {
            pool.release(c, broken);
        }
    }

    /** True when {@code e} says the connection (or the database) is gone, not that a statement was refused. */
    static boolean connectionLost(SQLException e) {
        return e.getSQLState() == null || e.getSQLState().startsWith("08");
    }

    private static boolean lostRace(SQLException e) {
        String state = e.getSQLState();
        return UNIQUE_VIOLATION.equals(state) || "40001".equals(state) || "40P01".equals(state);
    }

    @Override
    public void close() {
        pool.close();
    }
}
