package org.gatehouse.device.impl;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out /3/0/4 Reboot {@link #DELAY_MS} after it was asked for: the Execute's 2.04 goes out when
 * the handler returns, and restarting at once could stop the transport before it.
 */
final class DelayedReboot implements AutoCloseable {

    static final long DELAY_MS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(DelayedReboot.class);

    private final Reboot reboot;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "gatehouse-reboot"));

    DelayedReboot(Reboot reboot) {
        this.reboot = reboot;
    }

    void request(int ssid) {
        LOG.warn("Reboot requested by server {}", ssid);
        scheduler.schedule(reboot::reboot, DELAY_MS, TimeUnit.MILLISECONDS);
    }

    // shutdown(), not shutdownNow(): a Reboot already answered still happens.
    @Override
    public void close() {
        scheduler.shutdown();
    }
}
