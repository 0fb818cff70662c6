package org.gatehouse.launcher;

import java.util.Map;

/**
 * One full collection a moment after the start, so that an idle gateway gives back the heap its start
 * needed. Starting leaves much garbage behind (manifests, component descriptions, class bytes, the first
 * bootstrap's messages); with the serial collector's heap-free ratios in bin/gatehouse a full collection
 * shrinks the heap to the live set and returns the rest to the system, which the young collections of an
 * idle gateway would not do for a long time. gatehouse.startup.gc sets the delay in seconds (default 2:
 * after the first bootstrap and registration of a usual start); a negative value turns it off.
 */
final class StartGarbage {

    static final String DELAY = "gatehouse.startup.gc";

    private StartGarbage() {
    }

    /** Schedules the collection on a daemon thread of its own; returns that thread, or null when turned off. */
    static Thread collectLater(Map<String, String> props) {
        double seconds = Double.parseDouble(props.getOrDefault(DELAY, System.getProperty(DELAY, "2")));
        if (seconds < 0) {
            return null;
        }
        Thread t = new Thread(() -> {
            try {
                Thread.sleep((long) (seconds * 1000));
                System.gc();
            } catch (InterruptedException e) {
                // the framework stopped first
            }
        }, "gatehouse-start-gc");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
