package org.gatehouse.bootstrap.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.gatehouse.lwm2m.client.SecurityAccount;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the bootstrap-server account /0/x/12 seconds after a successful bootstrap (0 or absent:
 * never). The deadline survives a restart (it is kept in {@code file}); only the account that was
 * scheduled is removed, never one a later bootstrap wrote in its place.
 */
final class AccountPurge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AccountPurge.class);

    /** The writer the store records for the purge's commit. */
    static final String WRITER = "bootstrap-account-purge";

    private final ObjectStore store;
    private final Path file;
    private final LongSupplier clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "gatehouse-bs-purge"));
    private ScheduledFuture<?> pending;

    /** @param clock epoch milliseconds */
    AccountPurge(ObjectStore store, Path file, LongSupplier clock) {
        this.store = store;
        this.file = file;
        this.clock = clock;
    }

    /** Picks up a deadline saved before a restart; one already past is acted on at once. */
    void resume() {
        try {
            PurgeDeadline.load(file).ifPresent(d -> {
                LOG.info("Bootstrap-server account {} will be removed at {} (deadline kept across the restart)", d.uri(), Instant.ofEpochMilli(d.atEpochMillis()));
                arm(d);
            });
        } catch (IOException e) {
            LOG.warn("Bootstrap-server account purge deadline unreadable, ignored: {}", e.getMessage());
        }
    }

    /** After a successful bootstrap: replaces any earlier deadline with the one {@code account} asks for. */
    synchronized void schedule(SecurityAccount account, LwM2mObjectInstance instance) {
        cancelPending();
        long seconds = account.accountTimeoutSeconds();
        try {
            if (seconds <= 0) {
                Files.deleteIfExists(file);
                return;
            }
            PurgeDeadline d = PurgeDeadline.of(instance, account.uri(), clock.getAsLong() + TimeUnit.SECONDS.toMillis(seconds));
            d.save(file);
            LOG.info("Bootstrap-server account {} will be removed in {} s (Bootstrap-Server Account Timeout)", account.uri(), seconds);
            arm(d);
        } catch (IOException e) {
            LOG.warn("Bootstrap-server account purge in {} s cannot be kept across restarts ({}); it is kept in memory only", seconds, e.getMessage());
            arm(PurgeDeadline.of(instance, account.uri(), clock.getAsLong() + TimeUnit.SECONDS.toMillis(seconds)));
        }
    }

    private synchronized void arm(PurgeDeadline d) {
        cancelPending();
        pending = scheduler.schedule(() -> purge(d), Math.max(0, d.atEpochMillis() - clock.getAsLong()), TimeUnit.MILLISECONDS);
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void purge(PurgeDeadline d) {
        LwM2mPath path = LwM2mPath.of(0, d.instanceId());
        try {
            boolean removed = store.update(WRITER, Duration.ofSeconds(30), tx -> {
                if (!d.matches((LwM2mObjectInstance) tx.view().read(path).orElse(null))) {
                    return false;
                }
                tx.delete(path);
                return true;
            });
            if (removed) {
                LOG.info("Bootstrap-server account {} removed ({})", d.uri(), path);
            } else {
                LOG.info("Bootstrap-server account {} was replaced or removed since its purge was scheduled: nothing removed", d.uri());
            }
            Files.deleteIfExists(file);
        } catch (StoreException e) {
            LOG.warn("Could not remove the bootstrap-server account (retried at the next start): {}", e.getMessage());
        } catch (IOException e) {
            LOG.warn("Bootstrap-server account purge deadline not cleared: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
