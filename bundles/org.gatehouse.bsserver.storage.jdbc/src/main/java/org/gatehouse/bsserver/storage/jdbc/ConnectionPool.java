package org.gatehouse.bsserver.storage.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A few JDBC connections kept open for reuse: at most {@code size} in use at once, idle ones checked
 * before reuse, broken ones dropped. Enough for a bootstrap server; no pool library needed.
 */
final class ConnectionPool implements AutoCloseable {

    private static final long WAIT_SECONDS = 30;

    private final Driver driver;
    private final String url;
    private final Properties properties;
    private final String described;
    private final int size;
    private final Semaphore permits;
    private final LinkedBlockingDeque<Connection> idle = new LinkedBlockingDeque<>();
    private volatile boolean closed;

    /**
     * @param described the url as it may be logged (no password)
     */
    ConnectionPool(Driver driver, String url, Properties properties, String described, int size) {
        this.driver = driver;
        this.url = url;
        this.properties = properties;
        this.described = described;
        this.size = size;
        this.permits = new Semaphore(size, true);
    }

    /** A connection in auto-commit mode; give it back with {@link #release}. */
    Connection borrow() throws SQLException {
        try {
            if (!permits.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new SQLException("all " + size + " connections to " + described + " stayed busy for " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection to " + described, e);
        }
        try {
            if (closed) {
                throw new SQLException("the storage on " + described + " is closed");
            }
            for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
                if (c.isValid(2)) {
                    return c;
                }
                quietlyClose(c);
            }
            Connection c = driver.connect(url, properties);
            if (c == null) {
                throw new SQLException("the driver does not accept the url " + described);
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Returns a connection; {@code broken} ones (or any after close) are closed instead of kept. */
    void release(Connection c, boolean broken) {
        try {
            if (broken || closed || !c.getAutoCommit()) {
                quietlyClose(c);
            } else {
                idle.offerFirst(c);
                if (closed && idle.remove(c)) { // closed meanwhile: close() may have missed it
                    quietlyClose(c);
                }
            }
        } catch (SQLException e) {
            quietlyClose(c);
        } finally {
            permits.release();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            quietlyClose(c);
        }
    }

    private static void quietlyClose(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // nothing to do: the connection is dropped either way
        }
    }
}
