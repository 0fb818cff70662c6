package org.gatehouse.bootstrap.client;

import org.gatehouse.bootstrap.BootstrapContext;

/** Waits between Bootstrap-Request attempts; tests put a recording one in place of the clock. */
@FunctionalInterface
interface Pause {

    /** Waits {@code millis}; false when the run was cancelled meanwhile. */
    boolean pause(long millis, BootstrapContext context) throws InterruptedException;

    /** The real one: sleeps in short steps so that a cancelled run ends within 200 ms. */
    Pause REAL = (millis, context) -> {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (context.cancelled()) {
                return false;
            }
            Thread.sleep(Math.min(200, Math.max(1, end - System.currentTimeMillis())));
        }
        return true;
    };
}
