package org.gatehouse.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StartGarbageTest {

    @Test
    void a_negative_delay_turns_the_collection_off() {
        assertNull(StartGarbage.collectLater(Map.of(StartGarbage.DELAY, "-1")));
    }

    @Test
    void the_collection_runs_after_the_delay_on_a_daemon_thread() throws Exception {
        WeakReference<Object> garbage = new WeakReference<>(new Object());
        Thread t = StartGarbage.collectLater(Map.of(StartGarbage.DELAY, "0.05"));
        assertNotNull(t);
        assertTrue(t.isDaemon(), "must not keep the JVM alive");
        t.join(10_000);
        assertFalse(t.isAlive(), "collected within 10 s");
        assertNull(garbage.get(), "a full collection clears what only a weak reference holds");
    }

    @Test
    void an_interrupt_ends_the_wait_without_collecting() throws Exception {
        Thread t = StartGarbage.collectLater(Map.of(StartGarbage.DELAY, "3600"));
        t.interrupt();
        t.join(10_000);
        assertFalse(t.isAlive(), "the stop of the framework ends the thread");
    }
}
