package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.gatehouse.bootstrap.BootstrapMode;
import org.gatehouse.bootstrap.BootstrapSession;
import org.gatehouse.bootstrap.ModeOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bootstrap asked for from the shell while the sequence tries factory (or smartcard) bootstrap,
 * or while a bootstrap session is open, waits for the sequence to end: a running Finish must never
 * be cancelled. A server-initiated bootstrap (/1/x/9) during the factory or smartcard step is
 * ignored, as the spec's sequence requires. Modes here are stand-ins that record what the
 * coordinator did.
 */
class SequenceDeferralTest {

    @TempDir
    Path dir;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @Test
    void a_trigger_during_the_factory_step_runs_after_it_and_does_not_cancel_it() throws Exception {
        try (TestGateway gw = new TestGateway(dir.resolve("store"), "gw-defer", Map.of())) {
            gw.coordinator.addMode(context -> {
                events.add("factory");
                entered.countDown();
                release.await(10, TimeUnit.SECONDS);
                events.add(context.cancelled() ? "factory cancelled" : "factory done");
                return ModeOutcome.skipped("stand-in");
            }, Map.of(BootstrapMode.MODE, BootstrapMode.FACTORY));
            gw.coordinator.addMode(recordingClient(), Map.of(BootstrapMode.MODE, BootstrapMode.CLIENT));

            gw.coordinator.start(Optional.empty());
            assertTrue(entered.await(10, TimeUnit.SECONDS), "the sequence never reached the factory step");
            gw.coordinator.start(Optional.of(BootstrapMode.CLIENT)); // bootstrap:start client
            assertStillOnly("factory");
            release.countDown();
            // the sequence's own client step, then the deferred run
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().filter("client"::equals).count() == 2);
            assertEquals(List.of("factory", "factory done", "client", "client"), events);
        }
    }

    @Test
    void a_server_initiated_bootstrap_during_the_factory_step_is_ignored() throws Exception {
        try (TestGateway gw = new TestGateway(dir.resolve("store"), "gw-ignore", Map.of())) {
            gw.coordinator.addMode(context -> {
                events.add("factory");
                entered.countDown();
                release.await(10, TimeUnit.SECONDS);
                return ModeOutcome.skipped("stand-in");
            }, Map.of(BootstrapMode.MODE, BootstrapMode.FACTORY));
            gw.coordinator.addMode(recordingClient(), Map.of(BootstrapMode.MODE, BootstrapMode.CLIENT));

            gw.coordinator.start(Optional.empty());
            assertTrue(entered.await(10, TimeUnit.SECONDS), "the sequence never reached the factory step");
            gw.coordinator.serverInitiated(7); // what Execute /1/x/9 by server 7 does
            release.countDown();
            // only the sequence's own client step: the trigger was dropped, not deferred
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("client"));
            Awaitility.await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> events.equals(List.of("factory", "client")));

            gw.coordinator.serverInitiated(7); // after the sequence: runs
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().filter("client"::equals).count() == 2);
        }
    }

    @Test
    void a_trigger_while_a_bootstrap_session_is_open_runs_after_it_and_does_not_cancel_it() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (TestGateway gw = new TestGateway(dir.resolve("store"), "gw-defer-open", Map.of())) {
            gw.coordinator.addMode(context -> {
                if (runs.getAndIncrement() > 0) {
                    events.add("client again");
                    return ModeOutcome.skipped("stand-in");
                }
                try (BootstrapSession session = context.openSession("stand-in bootstrap server")) {
                    events.add("session open");
                    entered.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    events.add(context.cancelled() ? "session cancelled" : "session done");
                } catch (org.gatehouse.bootstrap.BootstrapException e) {
                    events.add(e.getMessage());
                }
                return ModeOutcome.skipped("stand-in");
            }, Map.of(BootstrapMode.MODE, BootstrapMode.CLIENT));

            gw.coordinator.start(Optional.of(BootstrapMode.CLIENT));
            assertTrue(entered.await(10, TimeUnit.SECONDS), "the client step never opened its session");
            gw.coordinator.start(Optional.of(BootstrapMode.CLIENT));
            assertStillOnly("session open");
            release.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("client again"));
            assertEquals(List.of("session open", "session done", "client again"), events);
        }
    }

    private BootstrapMode recordingClient() {
        return context -> {
            events.add("client");
            return ModeOutcome.skipped("stand-in");
        };
    }

    /** Nothing but {@code event} happens for a while: the trigger neither ran nor cancelled the step. */
    private void assertStillOnly(String event) {
        Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> events.equals(List.of(event)));
    }
}
