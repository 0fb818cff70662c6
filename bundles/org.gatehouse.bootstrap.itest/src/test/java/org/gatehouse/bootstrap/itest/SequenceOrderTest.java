package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.awaitility.Awaitility;
import org.gatehouse.bootstrap.BootstrapCoordinator.Attempt;
import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;
import org.gatehouse.bootstrap.BootstrapMode;
import org.gatehouse.bootstrap.ModeOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sequence is made from the modes' service properties, not from their names: a mode with its
 * own step takes its place, modes sharing a step run by ranking, a mode "on request" is left out
 * until asked for. The gateway here has no account, so every step runs and none configures it.
 */
class SequenceOrderTest {

    @TempDir
    Path dir;

    @Test
    void modes_run_by_step_then_ranking_and_on_request_modes_only_when_asked() throws Exception {
        try (TestGateway gw = new TestGateway(dir.resolve("store"), "gw-order", Map.of())) {
            gw.coordinator.addMode(skipping(), Map.of(BootstrapMode.MODE, "vendor", BootstrapMode.STEP, 150));
            gw.coordinator.addMode(skipping(), Map.of(BootstrapMode.MODE, "factory-b", BootstrapMode.STEP, BootstrapMode.STEP_FACTORY,
                "service.ranking", 10));
            gw.coordinator.addMode(skipping(), Map.of(BootstrapMode.MODE, "cloud", BootstrapMode.STEP, 500));
            gw.coordinator.addMode(skipping(), Map.of(BootstrapMode.MODE, BootstrapMode.SERVER));

            assertEquals(Phase.WAITING_RETRY, gw.runSequence(Duration.ofSeconds(10)));
            // the real factory mode (ranking 0) after factory-b (ranking 10); client (step 400) before cloud (500)
            assertEquals(List.of("vendor", "factory-b", "factory", "client", "cloud"), oldestFirst(gw.coordinator.history()));

            int before = gw.coordinator.history().size();
            gw.coordinator.start(Optional.of(BootstrapMode.SERVER));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> gw.coordinator.history().size() > before);
            assertEquals(BootstrapMode.SERVER, gw.coordinator.last().orElseThrow().mode());
        }
    }

    /** A new object each time, as each service is. */
    private static BootstrapMode skipping() {
        Object identity = new Object();
        return context -> ModeOutcome.skipped("stand-in " + identity.hashCode());
    }

    private static List<String> oldestFirst(List<Attempt> newestFirst) {
        List<String> modes = new ArrayList<>(newestFirst.stream().map(Attempt::mode).toList());
        Collections.reverse(modes);
        return modes;
    }
}
