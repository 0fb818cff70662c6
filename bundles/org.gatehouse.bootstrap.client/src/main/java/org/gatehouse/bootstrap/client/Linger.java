package org.gatehouse.bootstrap.client;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.gatehouse.coap.Connection;

/**
 * Keeps a bootstrap connection open for a while after Bootstrap-Finish was answered. The 2.04 can
 * be lost on the way: the bootstrap server then retransmits Finish, and only an open endpoint
 * answers it again (from the transport's deduplication, without a second Finish). Closed at once,
 * the server never learns that the bootstrap succeeded.
 */
final class Linger implements AutoCloseable {

    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gatehouse-bootstrap-linger");
        t.setDaemon(true);
        return t;
    });

    /** Closes {@code connection} after {@code delay}; at once when the delay is zero or this is closed. */
    void closeLater(Connection connection, Duration delay) {
        if (delay.isZero() || delay.isNegative() || timer.isShutdown()) {
            connection.close();
            return;
        }
        open.add(connection);
        try {
            timer.schedule(() -> closeNow(connection), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            closeNow(connection); // closed meanwhile
        }
    }

    /** How many connections are still lingering, for tests. */
    int lingering() {
        return open.size();
    }

    private void closeNow(Connection connection) {
        if (open.remove(connection)) {
            connection.close();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        open.forEach(this::closeNow);
    }
}
