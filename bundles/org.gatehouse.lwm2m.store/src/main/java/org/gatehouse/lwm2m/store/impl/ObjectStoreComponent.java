package org.gatehouse.lwm2m.store.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreListener;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.osgi.framework.BundleContext;
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
 * Publishes the file-backed object store and announces its commits to the {@link StoreListener}
 * services (whiteboard), on a thread of its own so that a commit never waits for a listener.
 */
@Component(service = ObjectStore.class, configurationPid = ObjectStoreComponent.PID)
@Designate(ocd = ObjectStoreComponent.Config.class)
public final class ObjectStoreComponent implements ObjectStore {

    static final String PID = "org.gatehouse.lwm2m.store";
    private static final Logger LOG = LoggerFactory.getLogger(ObjectStoreComponent.class);

    @ObjectClassDefinition(name = "Gatehouse object store", description = "Where the LwM2M object tree is persisted")
    public @interface Config {
        @AttributeDefinition(description = "Folder of the store file; empty means <gateway>/data/store")
        String directory() default "";

        @AttributeDefinition(description = "Seconds a transaction may stay open before its writes and commit are refused")
        long transaction_lifetime() default 600; // key: transaction.lifetime
    }

    // Whiteboard: DS replaces the list whenever a listener comes or goes.
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<StoreListener> listeners = List.of();

    private final StoreAnnouncer announcer = new StoreAnnouncer(() -> listeners);
    private final FileObjectStore store;

    @Activate
    public ObjectStoreComponent(BundleContext context, Config config) throws IOException {
        this.store = new FileObjectStore(directory(context, config), announcer, Clock.systemUTC(), Duration.ofSeconds(config.transaction_lifetime()));
        ObjectTree tree = store.snapshot();
        LOG.info("Object store at {}: revision {}, {} object(s)", store.file(), tree.revision(), tree.objects().size());
    }

    @Deactivate
    void close() {
        announcer.close();
    }

    private static Path directory(BundleContext context, Config config) {
        if (!config.directory().isBlank()) {
            return Path.of(config.directory());
        }
        String data = context.getProperty("gatehouse.data");
        return data != null ? Path.of(data, "store") : context.getDataFile("store").toPath();
    }

    @Override
    public ObjectTree snapshot() {
        return store.snapshot();
    }

    @Override
    public StoreTransaction begin(String writer, Duration wait) throws StoreException {
        return store.begin(writer, wait);
    }

    @Override
    public Optional<String> writerOf(LwM2mPath path) {
        return store.writerOf(path);
    }
}
