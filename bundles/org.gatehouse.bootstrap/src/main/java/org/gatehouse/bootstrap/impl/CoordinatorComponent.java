package org.gatehouse.bootstrap.impl;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.gatehouse.bootstrap.BootstrapCoordinator;
import org.gatehouse.bootstrap.BootstrapMode;
import org.gatehouse.endpoint.EndpointIdentity;
import org.gatehouse.lwm2m.client.BootstrapRequests;
import org.gatehouse.lwm2m.client.Registrar;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.gatehouse.lwm2m.model.ObjectIds;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the bootstrap sequence on its own thread over the modes present (a whiteboard: modes come and
 * go at run time), and again after a delay while the gateway is not registered.
 */
@Component(service = {BootstrapCoordinator.class, BootstrapRequests.class}, immediate = true, configurationPid = CoordinatorComponent.PID)
@Designate(ocd = CoordinatorComponent.Config.class)
public final class CoordinatorComponent implements BootstrapCoordinator, BootstrapRequests {

    static final String PID = "org.gatehouse.bootstrap";
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorComponent.class);

    @ObjectClassDefinition(name = "Gatehouse bootstrap coordinator", description = "When and how often the bootstrap sequence runs")
    public @interface Config {
        @AttributeDefinition(description = "Milliseconds to wait after start-up before the first sequence, and between looks while the bundles "
            + "of the gateway's start level still start, so that it sees every mode (a mode that appears during a sequence makes it run "
            + "again at once)")
        long start_delay_ms() default 20;

        @AttributeDefinition(description = "Seconds before the sequence runs again after it ended unregistered")
        long retry_delay() default 300;

        @AttributeDefinition(description = "Attempts kept for bootstrap:history")
        int history_size() default 20;
    }

    private final ObjectStore store;
    private final ModelRegistry models;
    private final EndpointIdentity endpoint;
    private final Config config;
    // keyed by service id: two services may share a name (a vendor's factory mode beside ours)
    private final Map<Long, ModeEntry> modes = new ConcurrentHashMap<>();
    private final AtomicLong localIds = new AtomicLong(Long.MAX_VALUE / 2); // modes added without a service id (tests)
    private volatile Registrar registrar;
    private final Deque<Attempt> history = new ConcurrentLinkedDeque<>();
    private final AtomicBoolean modesChanged = new AtomicBoolean();
    private volatile Phase phase = Phase.IDLE;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "gatehouse-bootstrap"));
    private final ExecutorService starter = Executors.newSingleThreadExecutor(r -> new Thread(r, "gatehouse-bootstrap-start"));
    private Future<?> running;
    private AtomicBoolean cancel = new AtomicBoolean();
    private final AtomicInteger openSessions = new AtomicInteger();
    // A run asked for while the sequence must not be disturbed, started when the sequence ends.
    private final AtomicReference<Optional<String>> deferred = new AtomicReference<>();

    private final BundleContext context;
    private final long activatedAt;

    /** @param context null outside a framework (tests): then the first sequence only waits the start delay */
    @Activate
    public CoordinatorComponent(BundleContext context, @Reference ObjectStore store, @Reference ModelRegistry models, @Reference EndpointIdentity endpoint, Config config) {
        this.store = store;
        this.models = models;
        this.endpoint = endpoint;
        this.config = config;
        this.context = context;
        this.activatedAt = System.nanoTime();
        schedule(Optional.empty(), config.start_delay_ms());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
        target = "(" + BootstrapMode.MODE + "=*)")
    public void addMode(BootstrapMode mode, Map<String, Object> props) {
        ModeEntry entry = ModeEntry.of(mode, props, localIds.incrementAndGet());
        modes.put(entry.serviceId(), entry);
        modesChanged.set(true);
        LOG.info("Bootstrap mode available: {}", entry);
        if (phase == Phase.WAITING_RETRY || phase == Phase.FAILED || phase == Phase.IDLE && !history.isEmpty()) {
            start(Optional.empty()); // a new mode may succeed where the others did not
        }
    }

    public void removeMode(BootstrapMode mode, Map<String, Object> props) {
        Long id = props.get(Constants.SERVICE_ID) instanceof Long l ? l
            : modes.values().stream().filter(e -> e.mode() == mode).map(ModeEntry::serviceId).findFirst().orElse(null);
        ModeEntry gone = id == null ? null : modes.remove(id);
        if (gone != null) {
            LOG.info("Bootstrap mode gone: {}", gone);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void setRegistrar(Registrar r) {
        registrar = r;
    }

    public void unsetRegistrar(Registrar r) {
        if (registrar == r) {
            registrar = null;
        }
    }

    private synchronized void schedule(Optional<String> only, long delayMillis) {
        if (executor.isShutdown()) {
            return;
        }
        if (running != null) {
            cancel.set(true);
            running.cancel(true);
        }
        AtomicBoolean myCancel = new AtomicBoolean();
        cancel = myCancel;
        running = executor.schedule(() -> runSequence(only, myCancel), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void runSequence(Optional<String> only, AtomicBoolean myCancel) {
        // A bundle that fails to start must not hold bootstrap back forever: the gate gives up after 10 s.
        boolean early = System.nanoTime() - activatedAt < TimeUnit.SECONDS.toNanos(10);
        if (history.isEmpty() && early && StartupGate.starting(context)) {
            synchronized (this) { // the first sequence waits until the runtime's bundles are all started
                if (cancel == myCancel) {
                    running = executor.schedule(() -> runSequence(only, myCancel), config.start_delay_ms(), TimeUnit.MILLISECONDS);
                }
            }
            return;
        }
        modesChanged.set(false); // the sequence below works with the modes present now
        Sequence sequence = new Sequence(modes.values().stream().sorted(ModeEntry.ORDER).toList(), Optional.ofNullable(registrar),
            (entry, cancelled) -> new SequenceContext(store, models, endpoint.name(),
                () -> cancelled.getAsBoolean() || !modes.containsKey(entry.serviceId()), openSessions),
            p -> phase = p, this::remember);
        try {
            if (sequence.run(only, myCancel::get)) {
                return;
            }
            if (!myCancel.get() && modesChanged.getAndSet(false)) {
                LOG.info("A bootstrap mode appeared during the sequence: running it again now");
                start(Optional.empty());
                return;
            }
            if (!myCancel.get()) {
                phase = Phase.WAITING_RETRY;
                var security = store.snapshot().objects().get(ObjectIds.SECURITY);
                if (security == null || security.instances().isEmpty()) {
                    LOG.warn("Nothing to bootstrap or register with: there is no server or bootstrap-server account. Put the "
                        + "manufacturer's configuration in etc/factory-bootstrap.json (see factory-bootstrap.json.example) "
                        + "or install a bootstrap mode that can provide one, then run bootstrap:start.");
                }
                LOG.info("Not registered; the bootstrap sequence runs again in {} s", config.retry_delay());
                synchronized (this) {
                    if (cancel == myCancel) {
                        running = executor.schedule(() -> runSequence(Optional.empty(), myCancel), config.retry_delay(), TimeUnit.SECONDS);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RejectedExecutionException e) {
            LOG.debug("Coordinator stopping: no further sequence"); // deactivate() shut the executors down meanwhile
        } catch (RuntimeException e) {
            phase = Phase.FAILED;
            LOG.error("Bootstrap sequence failed", e);
        } finally {
            Optional<String> next = myCancel.get() ? null : deferred.getAndSet(null); // a cancelled run leaves it to the next
            if (next != null && !starter.isShutdown()) {
                LOG.info("Running the bootstrap asked for during the sequence");
                starter.execute(() -> schedule(next, 0L));
            }
        }
    }

    private void remember(Attempt a) {
        history.addFirst(a);
        while (history.size() > config.history_size()) {
            history.removeLast();
        }
    }

    @Override
    public Phase phase() {
        return phase;
    }

    @Override
    public List<Attempt> history() {
        return new ArrayList<>(history);
    }

    @Override
    public Optional<Attempt> last() {
        return Optional.ofNullable(history.peekFirst());
    }

    @Override
    public List<String> modes() {
        return modes.values().stream().sorted(ModeEntry.ORDER).map(ModeEntry::name).distinct().toList();
    }

    /**
     * Runs the sequence (or one mode) now, except while the sequence tries smartcard or factory
     * bootstrap (the spec: server-initiated bootstrap waits until those were tried) or while a
     * bootstrap session is open (a Finish may be under way): then it runs once the sequence ends.
     */
    @Override
    public void start(Optional<String> mode) {
        Phase p = phase;
        if (p == Phase.SMARTCARD || p == Phase.FACTORY || openSessions.get() > 0) {
            deferred.set(mode);
            LOG.info("Bootstrap asked for during the {} step{}: it runs when the sequence ends", p,
                openSessions.get() > 0 ? " with a bootstrap session open" : "");
            return;
        }
        // schedule from another thread: start() may be called from the sequence thread itself
        if (!starter.isShutdown()) {
            starter.execute(() -> schedule(mode, 0L));
        }
    }

    @Override
    public void registrationFailed(String detail) {
        LOG.info("Registration lost ({}): running the bootstrap sequence", detail);
        start(Optional.empty());
    }

    @Override
    public void clientInitiated(String reason) {
        LOG.info("Client-initiated bootstrap asked for: {}", reason);
        start(Optional.of(BootstrapMode.CLIENT));
    }

    @Override
    public void serverInitiated(int ssid) {
        Phase p = phase;
        if (p == Phase.SMARTCARD || p == Phase.FACTORY) {
            LOG.warn("Server-initiated bootstrap from server {} ignored: the sequence is still in its {} step (the spec's bootstrap sequence ignores it until smartcard and factory were tried)", ssid, p);
            return;
        }
        LOG.info("Server-initiated bootstrap: server {} executed Bootstrap-Request Trigger (/1/x/9)", ssid);
        start(Optional.of(BootstrapMode.CLIENT));
    }

    @Override
    public void sequence(String reason) {
        LOG.info("Bootstrap sequence asked for: {}", reason);
        start(Optional.empty());
    }

    @Deactivate
    public void deactivate() {
        cancel.set(true);
        starter.shutdownNow();
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
