package org.gatehouse.bootstrap.client;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.gatehouse.bootstrap.SecurityAccount;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes the bootstrap-server account /0/x/12 seconds after a successful bootstrap (0 or absent: never). */
final class AccountPurge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AccountPurge.class);

    private final ObjectStore store;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "gatehouse-bs-purge"));

    AccountPurge(ObjectStore store) {
        this.store = store;
    }

    void schedule(SecurityAccount account) {
        long seconds = account.accountTimeoutSeconds();
        if (seconds <= 0) {
            return;
        }
        LOG.info("Bootstrap-server account {} will be removed in {} s (Bootstrap-Server Account Timeout)", account.uri(), seconds);
        scheduler.schedule(() -> purge(account), seconds, TimeUnit.SECONDS);
    }

    private void purge(SecurityAccount account) {
        try (StoreTransaction tx = store.begin(Duration.ofSeconds(30))) {
            tx.delete(LwM2mPath.of(0, account.instanceId()));
            tx.commit();
            LOG.info("Bootstrap-server account {} removed", account.uri());
        } catch (StoreException e) {
            LOG.warn("Could not remove the bootstrap-server account: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
