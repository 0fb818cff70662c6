package org.gatehouse.bootstrap.itest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;

/**
 * The gateway as a process of its own, for {@link KillSoak}: its components over the store in
 * {@code args[0]} with endpoint name {@code args[1]}; prints "registered" each time it reaches
 * registration, and runs until killed.
 */
public final class GatewayProcess {
    private GatewayProcess() {
    }

    public static void main(String[] args) throws Exception {
        TestGateway gw = new TestGateway(Path.of(args[0]), args[1],
            Map.of("attempts", 5, "max_backoff", 1L, "request_timeout", 5000L, "finish_timeout", 10L, "finish_linger", 0L));
        gw.coordinator.start(Optional.empty());
        boolean was = false;
        while (true) { // a process that only ends by SIGKILL; polls its phase for the parent
            boolean now = gw.coordinator.phase() == Phase.REGISTERED && gw.registration.servers().stream().anyMatch(s -> s.registered());
            if (now && !was) {
                System.out.println("registered");
                System.out.flush();
            }
            was = now;
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }
}
