package org.gatehouse.bootstrap.itest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.gatehouse.bootstrap.BootstrapCoordinator;
import org.gatehouse.bootstrap.BootstrapMode;
import org.gatehouse.bootstrap.client.ClientInitiatedMode;
import org.gatehouse.bootstrap.impl.BootstrapInterfaceComponent;
import org.gatehouse.bootstrap.impl.CoordinatorComponent;
import org.gatehouse.bootstrap.server.LegacyPushMode;
import org.gatehouse.coap.californium.CaliforniumTransport;
import org.gatehouse.device.impl.DeviceObject;
import org.gatehouse.endpoint.EndpointIdentity;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.impl.CoreLinkCodec;
import org.gatehouse.lwm2m.codec.impl.LwM2mJsonCodec;
import org.gatehouse.lwm2m.codec.impl.OpaqueCodec;
import org.gatehouse.lwm2m.codec.impl.SenmlCborCodec;
import org.gatehouse.lwm2m.codec.impl.SenmlJsonCodec;
import org.gatehouse.lwm2m.codec.impl.TextCodec;
import org.gatehouse.lwm2m.client.Registrar;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.gatehouse.lwm2m.model.ModelSet;
import org.gatehouse.lwm2m.model.ObjectIds;
import org.gatehouse.lwm2m.model.ObjectModel;
import org.gatehouse.lwm2m.objects.ObjectHandler;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.gatehouse.lwm2m.store.impl.FileObjectStore;
import org.gatehouse.registration.impl.RegistrationComponent;

/**
 * The gateway's bootstrap and registration components wired by hand, as DS would wire them, over a
 * store in a temporary folder and real Californium sockets.
 */
public final class TestGateway implements AutoCloseable {

    final String endpoint;
    final ObjectStore store;
    final CoordinatorComponent coordinator;
    final RegistrationComponent registration;
    private final DeviceObject device;
    private final ClientInitiatedMode clientMode;
    /** The object models: the core ones, and those a test adds as a user adds DDF files to etc/models. */
    private volatile ModelSet modelSet = CoreModels.all();
    private final AtomicReference<CountDownLatch> registered = new AtomicReference<>(new CountDownLatch(1));

    public TestGateway(Path dir, String endpoint, Map<String, Object> clientConfig) throws Exception {
        this(dir, endpoint, clientConfig, Map.of(), Map.of());
    }

    /**
     * @param transportConfig overrides of the transport's short test timers (ack_timeout 500 ms,
     *                        max_retransmit 2, DTLS 500 ms and 2 retransmissions) and of warm_up (false)
     * @param registrationConfig overrides of the registration's (request_timeout 5 s, max_retry_wait 1 s)
     */
    public TestGateway(Path dir, String endpoint, Map<String, Object> clientConfig, Map<String, Object> transportConfig,
            Map<String, Object> registrationConfig) throws Exception {
        this.endpoint = endpoint;
        this.store = new FileObjectStore(dir);
        ModelRegistry models = new ModelRegistry() {
            @Override
            public Optional<ObjectModel> find(int objectId) {
                return modelSet.find(objectId);
            }

            @Override
            public ModelSet models() {
                return modelSet;
            }

            @Override
            public List<String> problems() {
                return List.of();
            }
        };
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
        transport = new CaliforniumTransport(Configs.of(CaliforniumTransport.Config.class,
            merged(Map.of("ack_timeout", 500, "max_retransmit", 2, "dtls_retransmission_timeout", 500, "dtls_max_retransmissions", 2,
                // the warm-up is for a gateway's start; here it would run beside every test's (and benchmark round's) first exchange
                "warm_up", false), transportConfig)));
        CoreLinkCodec links = new CoreLinkCodec();
        List<ContentCodec> codecs = List.of(new TlvCodec(), new SenmlJsonCodec(), new SenmlCborCodec(), new TextCodec(), new OpaqueCodec(),
            new LwM2mJsonCodec());
        bootstrapInterface = new BootstrapInterfaceComponent(models, links);
        codecs.forEach(bootstrapInterface::addCodec);
        device = new DeviceObject(store, reboots::incrementAndGet, Configs.of(DeviceObject.Config.class, Map.of()));
        registration = new RegistrationComponent(store, transport, models, identity, links,
            Configs.of(RegistrationComponent.Config.class, merged(Map.of("request_timeout", 5000L, "max_retry_wait", 1L), registrationConfig)));
        codecs.forEach(registration::addCodec);
        registration.addHandler(device, Map.of(ObjectHandler.OBJECT_ID, ObjectIds.DEVICE));
        coordinator = new CoordinatorComponent(null, store, models, identity,
            Configs.of(CoordinatorComponent.Config.class, Map.of("start_delay_ms", 3_600_000L, "retry_delay", 3600L)));
        registration.setBootstrap(coordinator);
        coordinator.setRegistrar(new Registrar() { // as the registration, and tells the moment a registration succeeded
            @Override
            public Outcome registerAll() throws InterruptedException {
                Outcome o = registration.registerAll();
                if (o.registered() > 0) {
                    registered.get().countDown();
                }
                return o;
            }

            @Override
            public void deregisterAll() {
                registration.deregisterAll();
            }
        });
        clientMode = new ClientInitiatedMode(transport, bootstrapInterface, store, new SenmlCborCodec(), models,
            Configs.of(ClientInitiatedMode.Config.class, clientConfig), dir.resolveSibling(dir.getFileName() + "-purge.properties"));
        coordinator.addMode(clientMode, Map.of(BootstrapMode.MODE, BootstrapMode.CLIENT));
        factoryFile = dir.resolveSibling(dir.getFileName() + "-factory.json");
        coordinator.addMode(new org.gatehouse.bootstrap.factory.FactoryMode(new SenmlJsonCodec(), models, factoryFile,
            dir.resolveSibling(dir.getFileName() + "-factory.sha256")), Map.of(BootstrapMode.MODE, BootstrapMode.FACTORY));
    }

    private static Map<String, Object> merged(Map<String, Object> defaults, Map<String, Object> overrides) {
        Map<String, Object> m = new java.util.HashMap<>(defaults);
        m.putAll(overrides);
        return m;
    }

    final CaliforniumTransport transport;
    private final BootstrapInterfaceComponent bootstrapInterface;

    /** Adds the server-initiated (1.0 push) mode, enabled, listening on loopback {@code port}. */
    void addPushMode(int port, long holdOffSeconds) {
        coordinator.addMode(new LegacyPushMode(transport, bootstrapInterface, Configs.of(LegacyPushMode.Config.class,
            Map.of("enabled", true, "address", "127.0.0.1", "port", port, "default_hold_off", holdOffSeconds, "finish_timeout", 10L))),
            Map.of(BootstrapMode.MODE, BootstrapMode.SERVER, BootstrapMode.STEP, 350));
    }

    /** How often /3/0/4 Reboot was carried out (the real one restarts the framework). */
    final java.util.concurrent.atomic.AtomicInteger reboots = new java.util.concurrent.atomic.AtomicInteger();

    /** Adds object models, as a DDF file dropped into etc/models does. */
    void addModels(List<ObjectModel> added) {
        modelSet = modelSet.with(added);
    }

    /** Unregisters the client-initiated mode, as when its bundle is removed. */
    void removeClientMode() {
        coordinator.removeMode(clientMode, Map.of(BootstrapMode.MODE, BootstrapMode.CLIENT));
    }

    /** Where the factory mode looks for the manufacturer's file. */
    final Path factoryFile;

    public void write(LwM2mPath path, LwM2mObjectInstance instance) throws Exception {
        try (StoreTransaction tx = store.begin(Duration.ofSeconds(5))) {
            tx.write(path, instance);
            tx.commit();
        }
    }

    /** Runs the whole sequence and waits until it settles (a new attempt recorded and a final phase). */
    /**
     * Runs the sequence and returns the nanoseconds until a registration succeeded (the registrar's answer,
     * without polling: for the latency benchmark), or -1 when none did within {@code timeout}.
     */
    public long nanosToRegistered(Duration timeout) throws InterruptedException {
        CountDownLatch signal = new CountDownLatch(1);
        registered.set(signal);
        long start = System.nanoTime();
        coordinator.start(Optional.empty());
        return signal.await(timeout.toNanos(), TimeUnit.NANOSECONDS) ? System.nanoTime() - start : -1;
    }

    public BootstrapCoordinator.Phase runSequence(Duration timeout) throws InterruptedException {
        int before = coordinator.history().size();
        coordinator.start(Optional.empty());
        try {
            org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(2)).until(() -> {
                BootstrapCoordinator.Phase p = coordinator.phase();
                return coordinator.history().size() > before && (p == BootstrapCoordinator.Phase.REGISTERED
                    || p == BootstrapCoordinator.Phase.WAITING_RETRY || p == BootstrapCoordinator.Phase.FAILED);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the caller asserts on the phase, which says where the sequence stood
        }
        return coordinator.phase();
    }

    @Override
    public void close() {
        coordinator.removeMode(clientMode, Map.of(BootstrapMode.MODE, BootstrapMode.CLIENT));
        coordinator.deactivate();
        registration.deactivate();
        device.deactivate();
        clientMode.deactivate();
    }
}
