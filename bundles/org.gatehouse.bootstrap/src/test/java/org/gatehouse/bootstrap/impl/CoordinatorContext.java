package org.gatehouse.bootstrap.impl;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.gatehouse.bootstrap.BootstrapContext;
import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;
import org.gatehouse.bootstrap.BootstrapMode;
import org.gatehouse.bootstrap.ModeOutcome;
import org.gatehouse.endpoint.EndpointIdentity;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.gatehouse.lwm2m.store.ObjectStore;

/**
 * The coordinator's own {@link BootstrapContext} over a store, so that a mode under test (in the
 * factory or smartcard bundle, through this module's test jar) meets the real session rules and
 * consistency check. Only the coordinator makes contexts; this one is taken from a stand-in mode
 * during a sequence started for it, then used on the test thread.
 */
public final class CoordinatorContext implements AutoCloseable {

    public static final ModelRegistry MODELS = ModelRegistry.of(CoreModels.all());

    private final CoordinatorComponent coordinator;
    public final BootstrapContext context;

    /** @param mode the mode name the stand-in runs as, e.g. {@link BootstrapMode#FACTORY} */
    public CoordinatorContext(ObjectStore store, String endpoint, String mode) throws InterruptedException {
        EndpointIdentity identity = new EndpointIdentity() {
            @Override
            public String name() {
                return endpoint;
            }

            @Override
            public boolean generated() {
                return false;
            }
        };
        // no sequence of its own: the first one waits an hour, a retry as long
        coordinator = new CoordinatorComponent(null, store, MODELS, identity,
            config(Map.of("start_delay_ms", 3_600_000L, "retry_delay", 3600L)));
        BlockingQueue<BootstrapContext> handed = new LinkedBlockingQueue<>();
        coordinator.addMode(c -> {
            handed.add(c);
            return ModeOutcome.skipped("context taken for a test");
        }, Map.of(BootstrapMode.MODE, mode));
        coordinator.start(Optional.of(mode));
        context = handed.poll(10, TimeUnit.SECONDS);
        if (context == null) {
            coordinator.deactivate();
            throw new IllegalStateException("the coordinator did not run the stand-in " + mode + " mode within 10 s");
        }
        // the sequence goes on after the mode returned: let it end (retry an hour away) before the test
        // runs, so that close() does not stop the coordinator while it schedules that retry
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> coordinator.phase() == Phase.WAITING_RETRY);
    }

    /** The coordinator's configuration annotation: its defaults, some values overridden. */
    private static CoordinatorComponent.Config config(Map<String, Object> values) {
        Class<CoordinatorComponent.Config> type = CoordinatorComponent.Config.class;
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            Object v = values.get(method.getName());
            return v != null ? v : method.getDefaultValue();
        }));
    }

    @Override
    public void close() {
        coordinator.deactivate();
    }
}
