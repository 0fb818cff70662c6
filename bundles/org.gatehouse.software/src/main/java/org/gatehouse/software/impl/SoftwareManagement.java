package org.gatehouse.software.impl;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;

import org.gatehouse.coap.CoapTransport;
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.LwM2mResource;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.objects.ObjectHandler;
import org.gatehouse.lwm2m.objects.Outcome;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.StoreCommitEvent;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreListener;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
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
 * The Software Management object (9): one instance per application bundle, PkgName and PkgVersion
 * kept in the store, Update State, Update Result, Activation State and Status Reason served live.
 * A server's write of Package URI (3), seen as a store commit, starts a download; Install (4),
 * Uninstall (6), Activate (10) and Deactivate (11) answer at once and run on the worker thread.
 */
@Component(service = {ObjectHandler.class, StoreListener.class}, immediate = true, configurationPid = SoftwareManagement.PID,
    property = ObjectHandler.OBJECT_ID + ":Integer=" + Codes.OBJECT)
@Designate(ocd = SoftwareManagement.Config.class)
public final class SoftwareManagement implements ObjectHandler, StoreListener {

    static final String PID = "org.gatehouse.software";
    private static final Logger LOG = LoggerFactory.getLogger(SoftwareManagement.class);

    @ObjectClassDefinition(name = "Gatehouse software management", description = "Bundle installs and updates through LwM2M object 9")
    public @interface Config {
        @AttributeDefinition(description = "Largest package accepted, in bytes; a larger one is refused with Update Result 50")
        long max_package_size() default 16L * 1024 * 1024;

        @AttributeDefinition(description = "Seconds a package download may take")
        int download_timeout() default 300;

        @AttributeDefinition(description = "Symbolic-name prefixes of the bundles shown as /9 instances, besides those installed through /9 or from deploy/")
        String[] managed_prefixes() default {"org.gatehouse."};

        @AttributeDefinition(description = "Folder for downloads, the journal and kept packages; empty means <gateway>/data/software")
        String folder() default "";

        @AttributeDefinition(description = "Folder of trusted public keys (*.pem, Ed25519 or EC); when it holds any, every package needs a detached signature at its URI + .sig. Empty means <gateway>/etc/software-keys")
        String trusted_keys() default "";
    }

    private final ObjectStore store;
    private final BundleContext context;
    private final Bundle self;
    private final Config config;
    private final Installer installer;
    private final Updates updates;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "gatehouse-software"));
    private final ExecutorService syncer = Executors.newSingleThreadExecutor(r -> new Thread(r, "gatehouse-software-sync"));
    private final BundleListener bundles = this::bundleChanged;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CoapTransport transport;

    @Activate
    public SoftwareManagement(@Reference ObjectStore store, BundleContext context, Config config) {
        this.store = store;
        this.context = context;
        this.self = context.getBundle();
        this.config = config;
        Path dir = folder(context, config);
        KeptPackages kept = new KeptPackages(dir.resolve("kept"));
        Path keys = keys(context, config, dir);
        this.installer = new Installer(context, kept);
        this.updates = new Updates(dir, installer, kept, store, self,
            new Updates.Limits(config.max_package_size(), Duration.ofSeconds(config.download_timeout()), keys), () -> transport);
        int trusted = Signatures.trusted(keys).size();
        LOG.info("Software management at {}: packages up to {} bytes, downloads within {} s, {}", dir, config.max_package_size(),
            config.download_timeout(), trusted == 0 ? "signatures not checked (no trusted keys in " + keys + ")"
                : "signatures required (" + trusted + " trusted key(s) in " + keys + ")");
        context.addBundleListener(bundles);
        worker.execute(() -> Restore.apply(kept, installer, self));
        syncer.execute(this::sync);
    }

    @Deactivate
    public void deactivate() {
        context.removeBundleListener(bundles);
        syncer.shutdown();
        worker.shutdown(); // a running step finishes: it may be this bundle updating itself
    }

    private static Path folder(BundleContext context, Config config) {
        if (!config.folder().isBlank()) {
            return Path.of(config.folder());
        }
        // data/ outlives the bundle cache, which the gateway cleans at each start
        String data = context.getProperty("gatehouse.data");
        return data != null ? Path.of(data, "software") : context.getDataFile("software").toPath();
    }

    private static Path keys(BundleContext context, Config config, Path dir) {
        if (!config.trusted_keys().isBlank()) {
            return Path.of(config.trusted_keys());
        }
        String etc = context.getProperty("gatehouse.etc");
        return etc != null ? Path.of(etc, "software-keys") : dir.resolve("keys");
    }

    @Override
    public LwM2mObjectInstance read(int ssid, LwM2mObjectInstance stored) {
        String name = Instances.text(stored, Codes.PKG_NAME);
        Bundle b = name.isEmpty() ? null : installer.find(name);
        Progress p = updates.of(stored.id(), b != null);
        LwM2mObjectInstance out = stored;
        for (int r : new int[] {Codes.PKG_NAME, Codes.PKG_VERSION}) {
            if (stored.resource(r) == null) {
                out = out.with(SingleResource.of(r, Value.string("")));
            }
        }
        return out.with(SingleResource.of(Codes.UPDATE_STATE, Value.integer(p.state())))
            .with(SingleResource.of(Codes.UPDATE_RESULT, Value.integer(p.result())))
            .with(SingleResource.of(Codes.ACTIVATION_STATE, Value.bool(b != null && b.getState() == Bundle.ACTIVE)))
            .with(SingleResource.of(Codes.STATUS_REASON, Value.string(p.reason())));
    }

    @Override
    public Outcome execute(int ssid, LwM2mPath path, String arguments) {
        int id = path.instanceId();
        LwM2mObjectInstance stored = Instances.instance(store.snapshot(), id);
        String name = Instances.text(stored, Codes.PKG_NAME);
        Bundle b = name.isEmpty() ? null : installer.find(name);
        Progress p = updates.of(id, b != null);
        switch (path.resourceId()) {
            case Codes.INSTALL -> {
                if (p.state() != Codes.DELIVERED || p.installing()) {
                    return Outcome.badRequest("nothing to install: Update State is " + p.state() + (p.installing() ? " (installing)" : "")
                        + "; write a Package URI (3) and wait for DELIVERED (3)");
                }
                updates.installStarted(id, b != null);
                return submit(() -> updates.install(id));
            }
            case Codes.UNINSTALL -> {
                if (b != null && b.getBundleId() == self.getBundleId()) {
                    return Outcome.badRequest("software management cannot uninstall itself");
                }
                if (p.busy()) {
                    return Outcome.badRequest("a download or install is under way");
                }
                if (b == null && p.state() != Codes.DELIVERED) {
                    return Outcome.badRequest("nothing is installed or delivered on /9/" + id);
                }
                return submit(() -> updates.uninstall(id, name));
            }
            case Codes.ACTIVATE, Codes.DEACTIVATE -> {
                boolean on = path.resourceId() == Codes.ACTIVATE;
                if (b == null) {
                    return Outcome.badRequest("/9/" + id + " is not installed: Install (4) first");
                }
                if (!on && b.getBundleId() == self.getBundleId()) {
                    return Outcome.badRequest("deactivating software management would leave no way to activate it again");
                }
                return submit(() -> updates.activate(id, name, on));
            }
            default -> {
                return Outcome.notSupported();
            }
        }
    }

    @Override
    public Optional<String> validateWrite(int ssid, LwM2mPath path, LwM2mNode value) {
        return refusal(path.instanceId(), value);
    }

    @Override
    public Optional<String> validateCreate(int ssid, LwM2mObjectInstance instance) {
        return refusal(instance.id(), instance);
    }

    @Override
    public Optional<String> validateDelete(int ssid, LwM2mObjectInstance instance) {
        String name = Instances.text(instance, Codes.PKG_NAME);
        if (!name.isEmpty() && installer.find(name) != null) {
            return Optional.of(name + " is installed: execute Uninstall (/9/" + instance.id() + "/6) first");
        }
        return updates.of(instance.id(), false).busy() ? Optional.of("a download or install is under way") : Optional.empty();
    }

    /** Package (2) is refused: its bytes would land in the object store. A Package URI (3) is not taken during a download or install. */
    private Optional<String> refusal(int id, LwM2mNode value) {
        Map<Integer, LwM2mResource> written = value instanceof LwM2mObjectInstance i ? i.resources()
            : value instanceof LwM2mResource r ? Map.of(r.id(), r) : Map.of();
        if (written.containsKey(Codes.PACKAGE)) {
            return Optional.of("Package (2) is not accepted: write a Package URI (3) (http, https or coap) for the gateway to download");
        }
        if (written.containsKey(Codes.PACKAGE_URI) && updates.of(id, true).busy()) {
            return Optional.of("a download or install is under way on /9/" + id + "; write the Package URI again when it ends");
        }
        return Optional.empty();
    }

    @Override
    public void committed(StoreCommitEvent event) {
        if (Instances.WRITER.equals(event.writer())) {
            return;
        }
        event.removed().stream().filter(p -> p.objectId() == Codes.OBJECT && p.isObjectInstance()).forEach(p -> updates.forget(p.instanceId()));
        Stream.concat(event.added().stream(), event.changed().stream())
            .filter(p -> p.objectId() == Codes.OBJECT && p.isObjectInstance()).forEach(this::packageUriWritten);
    }

    private void packageUriWritten(LwM2mPath path) {
        LwM2mObjectInstance i = Instances.instance(store.snapshot(), path.instanceId());
        String uri = Instances.text(i, Codes.PACKAGE_URI);
        if (uri.isEmpty()) {
            return;
        }
        String name = Instances.text(i, Codes.PKG_NAME);
        String user = Instances.text(i, Codes.USER_NAME);
        String password = Instances.text(i, Codes.PASSWORD);
        try {
            URI parsed = URI.create(uri);
            submit(() -> updates.download(path.instanceId(), parsed, name, user, password));
        } catch (IllegalArgumentException e) {
            LOG.warn("Software {}: Package URI '{}' is not a URI: {}", path, uri, e.getMessage());
            submit(() -> updates.download(path.instanceId(), URI.create("invalid:" + path.instanceId()), name, user, password));
        }
    }

    private Outcome submit(Runnable step) {
        try {
            worker.execute(step);
            return Outcome.changed();
        } catch (RejectedExecutionException e) {
            return Outcome.unavailable("software management is stopping; try again in a few seconds");
        }
    }

    private void bundleChanged(BundleEvent e) {
        if (e.getType() == BundleEvent.INSTALLED || e.getType() == BundleEvent.UPDATED || e.getType() == BundleEvent.UNINSTALLED) {
            try {
                syncer.execute(this::sync);
            } catch (RejectedExecutionException stopping) {
                // deactivated meanwhile: the next activation syncs
            }
        }
    }

    /** Writes the application bundles as /9 instances. */
    private void sync() {
        Map<String, String> apps = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() != 0 && b.getState() != Bundle.UNINSTALLED && b.getSymbolicName() != null && managed(b)) {
                apps.put(b.getSymbolicName(), b.getVersion().toString());
            }
        }
        try {
            Instances.sync(store, apps, updates.tracked());
        } catch (StoreException | RuntimeException e) {
            LOG.warn("Software: /9 instances not brought up to date: {}", e.getMessage());
        }
    }

    /** Application bundles: installed through /9, from deploy/, or with a managed symbolic-name prefix. */
    private boolean managed(Bundle b) {
        String location = b.getLocation();
        if (location.startsWith(Installer.LOCATION_PREFIX) || location.contains("/deploy/")) {
            return true;
        }
        return List.of(config.managed_prefixes()).stream().anyMatch(b.getSymbolicName()::startsWith);
    }
}
