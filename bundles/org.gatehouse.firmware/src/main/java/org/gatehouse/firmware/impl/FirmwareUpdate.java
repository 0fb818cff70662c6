package org.gatehouse.firmware.impl;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.gatehouse.lwm2m.client.RegistrationStatus;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.objects.ObjectHandler;
import org.gatehouse.lwm2m.objects.Outcome;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.StoreCommitEvent;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreListener;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Firmware Update object (5), one instance /5/0: Package URI (1) stored, written by a server and
 * seen as a store commit; State (3), Update Result (5), PkgName (6), PkgVersion (7), protocols (8) and
 * delivery method (9) served live; Update (2) restarts the gateway into the staged distribution.
 */
@Component(service = {ObjectHandler.class, StoreListener.class}, immediate = true, configurationPid = FirmwareUpdate.PID,
    property = ObjectHandler.OBJECT_ID + ":Integer=" + Codes.OBJECT)
@Designate(ocd = FirmwareUpdate.Config.class)
public final class FirmwareUpdate implements ObjectHandler, StoreListener {

    static final String PID = "org.gatehouse.firmware";
    static final String WRITER = "firmware";
    private static final Logger LOG = LoggerFactory.getLogger(FirmwareUpdate.class);
    private static final LwM2mPath INSTANCE = LwM2mPath.of(Codes.OBJECT, 0);

    @ObjectClassDefinition(name = "Gatehouse firmware update", description = "Whole-distribution updates through LwM2M object 5")
    public @interface Config {
        @AttributeDefinition(description = "Largest package accepted, in bytes; a larger one is refused with Update Result 2")
        long max_package_size() default 512L * 1024 * 1024;

        @AttributeDefinition(description = "Seconds a package download may take")
        int download_timeout() default 900;

        @AttributeDefinition(description = "Folder for the download, the journal and staged versions; empty means <gateway>/data/firmware (the launcher reads it there)")
        String folder() default "";
    }

    private final ObjectStore store;
    private final Firmware firmware;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "gatehouse-firmware"));

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile RegistrationStatus registration;

    @Activate
    public FirmwareUpdate(@Reference ObjectStore store, BundleContext context, Config config) throws StoreException {
        this.store = store;
        String data = context.getProperty("gatehouse.data");
        Path dir = !config.folder().isBlank() ? Path.of(config.folder())
            : data != null ? Path.of(data, "firmware") : context.getDataFile("firmware").toPath();
        String version = Optional.ofNullable(context.getProperty("gatehouse.version")).orElse("unknown");
        this.firmware = new Firmware(dir, version, new Firmware.Limits(config.max_package_size(), Duration.ofSeconds(config.download_timeout())),
            () -> stopFramework(context));
        store.update(WRITER, Duration.ofSeconds(30), tx -> {
            if (tx.view().read(INSTANCE).isEmpty()) {
                tx.write(INSTANCE, LwM2mObjectInstance.of(0, SingleResource.of(Codes.PACKAGE_URI, Value.string(""))));
            }
            return null;
        });
        LOG.info("Firmware update at {}: running version {}, packages up to {} bytes", dir, version, config.max_package_size());
        worker.execute(() -> {
            try {
                firmware.recover();
            } catch (Exception e) {
                LOG.warn("Firmware /5/0: recovery at start failed: {}", e.toString());
            }
        });
        worker.scheduleWithFixedDelay(this::checkRegistration, 1, 1, TimeUnit.SECONDS);
    }

    @Deactivate
    public void deactivate() {
        worker.shutdownNow();
    }

    /** While on trial, the first successful registration confirms the update. */
    private void checkRegistration() {
        RegistrationStatus r = registration;
        if (firmware.progress().state() != Codes.UPDATING || r == null) {
            return;
        }
        if (r.servers().stream().anyMatch(RegistrationStatus.Server::registered)) {
            try {
                firmware.registered();
            } catch (Exception e) {
                LOG.warn("Firmware /5/0: confirming the update failed: {}", e.toString());
            }
        }
    }

    /** Shortly after the answer to Update left: the launcher then starts the requested set. */
    private static void stopFramework(BundleContext context) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(500);
                context.getBundle(0).stop();
            } catch (InterruptedException | BundleException e) {
                LOG.warn("Firmware /5/0: cannot stop the framework for the update: {}", e.toString());
            }
        }, "gatehouse-firmware-restart");
        t.start();
    }

    @Override
    public LwM2mObjectInstance read(int ssid, LwM2mObjectInstance stored) {
        Progress p = firmware.progress();
        boolean staged = p.state() == Codes.DOWNLOADED || p.state() == Codes.UPDATING;
        LwM2mObjectInstance out = stored.resource(Codes.PACKAGE_URI) == null
            ? stored.with(SingleResource.of(Codes.PACKAGE_URI, Value.string(""))) : stored;
        return out.with(SingleResource.of(Codes.STATE, Value.integer(p.state())))
            .with(SingleResource.of(Codes.UPDATE_RESULT, Value.integer(p.result())))
            .with(SingleResource.of(Codes.PKG_NAME, Value.string("gatehouse")))
            .with(SingleResource.of(Codes.PKG_VERSION, Value.string(staged ? p.version() : firmware.running())))
            .with(MultipleResource.of(Codes.PROTOCOL_SUPPORT, ResourceType.INTEGER, Map.of(0, Value.integer(2), 1, Value.integer(3))))
            .with(SingleResource.of(Codes.DELIVERY_METHOD, Value.integer(0)));
    }

    @Override
    public Outcome execute(int ssid, LwM2mPath path, String arguments) {
        if (path.resourceId() != Codes.UPDATE) {
            return Outcome.notSupported();
        }
        if (firmware.progress().state() != Codes.DOWNLOADED) {
            return Outcome.badRequest("nothing to update: State is " + firmware.progress().state()
                + "; write a Package URI (1) and wait for Downloaded (2)");
        }
        return submit(() -> firmware.update().ifPresent(why -> LOG.warn("Firmware /5/0: Update not carried out: {}", why)));
    }

    @Override
    public Optional<String> validateWrite(int ssid, LwM2mPath path, LwM2mNode value) {
        Map<Integer, LwM2mResource> written = value instanceof LwM2mObjectInstance i ? i.resources()
            : value instanceof LwM2mResource r ? Map.of(r.id(), r) : Map.of();
        if (written.containsKey(Codes.PACKAGE)) {
            return Optional.of("Package (0) is not accepted: write a Package URI (1) (http or https) for the gateway to download");
        }
        if (written.containsKey(Codes.PACKAGE_URI) && firmware.progress().busy()) {
            return Optional.of("a download or update is under way; write the Package URI again when it ends");
        }
        return Optional.empty();
    }

    @Override
    public void committed(StoreCommitEvent event) {
        if (WRITER.equals(event.writer()) || !(event.added().contains(INSTANCE) || event.changed().contains(INSTANCE))) {
            return;
        }
        String uri = store.snapshot().read(LwM2mPath.of(Codes.OBJECT, 0, Codes.PACKAGE_URI))
            .filter(SingleResource.class::isInstance).map(r -> ((SingleResource) r).value().text()).orElse("");
        if (uri.isEmpty()) {
            submit(() -> {
                try {
                    firmware.cancel();
                } catch (Exception e) {
                    LOG.warn("Firmware /5/0: reset failed: {}", e.toString());
                }
            });
            return;
        }
        URI parsed;
        try {
            parsed = URI.create(uri);
        } catch (IllegalArgumentException e) {
            parsed = URI.create("invalid:uri");
        }
        URI target = parsed;
        submit(() -> {
            try {
                firmware.download(target);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private Outcome submit(Runnable step) {
        try {
            worker.execute(step);
            return Outcome.changed();
        } catch (RejectedExecutionException e) {
            return Outcome.unavailable("firmware update is stopping; try again in a few seconds");
        }
    }
}
