package org.gatehouse.lwm2m.store.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.StoreCommitEvent;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.typedevent.TypedEventBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the file-backed object store and announces its commits on the Typed Event bus (topic
 * {@link StoreCommitEvent#TOPIC}); the bus delivers asynchronously, so a commit never waits for a handler.
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

    private final FileObjectStore store;

    @Activate
    public ObjectStoreComponent(BundleContext context, @Reference(name = "bus") TypedEventBus bus, Config config) throws IOException {
        this.store = new FileObjectStore(directory(context, config), event -> bus.deliver(StoreCommitEvent.TOPIC, event), Clock.systemUTC(),
            Duration.ofSeconds(config.transaction_lifetime()));
        ObjectTree tree = store.snapshot();
        LOG.info("Object store at {}: revision {}, {} object(s)", store.file(), tree.revision(), tree.objects().size());
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
