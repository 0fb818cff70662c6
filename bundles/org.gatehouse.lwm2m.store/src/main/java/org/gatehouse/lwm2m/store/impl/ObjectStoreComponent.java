package org.gatehouse.lwm2m.store.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes the file-backed object store. */
@Component(service = ObjectStore.class, configurationPid = ObjectStoreComponent.PID)
@Designate(ocd = ObjectStoreComponent.Config.class)
public final class ObjectStoreComponent implements ObjectStore {

    static final String PID = "org.gatehouse.lwm2m.store";
    private static final Logger LOG = LoggerFactory.getLogger(ObjectStoreComponent.class);

    @ObjectClassDefinition(name = "Gatehouse object store", description = "Where the LwM2M object tree is persisted")
    public @interface Config {
        @AttributeDefinition(description = "Folder of the store file; empty means <gateway>/data/store")
        String directory() default "";
    }

    private final FileObjectStore store;

    @Activate
    public ObjectStoreComponent(BundleContext context, Config config) throws IOException {
        this.store = new FileObjectStore(directory(context, config));
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
    public StoreTransaction begin(Duration wait) throws StoreException {
        return store.begin(wait);
    }
}
