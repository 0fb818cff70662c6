package org.gatehouse.software.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.impl.FileObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /9 instances follow the application bundles in the real file store. */
class InstancesTest {

    @TempDir
    Path dir;

    @Test
    void each_bundle_gets_an_instance_that_keeps_its_id_and_follows_its_version() throws Exception {
        ObjectStore store = new FileObjectStore(dir);
        Instances.sync(store, Map.of("org.gatehouse.a", "1.0.0", "org.gatehouse.b", "2.0.0"), Set.of());
        assertEquals("org.gatehouse.a", Instances.text(Instances.instance(store.snapshot(), 0), Codes.PKG_NAME));
        assertEquals("2.0.0", Instances.text(Instances.instance(store.snapshot(), 1), Codes.PKG_VERSION));
        assertEquals(Instances.WRITER, store.writerOf(LwM2mPath.of(9, 0)).orElseThrow());

        Instances.sync(store, Map.of("org.gatehouse.b", "2.1.0", "org.gatehouse.c", "1.0.0"), Set.of());
        assertNull(Instances.instance(store.snapshot(), 0), "a is gone and no server acted on it");
        assertEquals("2.1.0", Instances.text(Instances.instance(store.snapshot(), 1), Codes.PKG_VERSION));
        assertEquals("org.gatehouse.c", Instances.text(Instances.instance(store.snapshot(), 2), Codes.PKG_NAME),
            "a new id: the one deleted in the same commit is not handed out again at once");
    }

    @Test
    void instances_of_servers_stay_without_a_bundle() throws Exception {
        ObjectStore store = new FileObjectStore(dir);
        store.update("server:101", java.time.Duration.ofSeconds(1), tx -> {
            tx.write(LwM2mPath.of(9, 5), LwM2mObjectInstance.of(5, SingleResource.of(Codes.PACKAGE_URI, Value.string("http://h/a.jar"))));
            tx.write(LwM2mPath.of(9, 6), Instances.named(6, "org.example.uninstalled", ""));
            return null;
        });
        Instances.sync(store, Map.of("org.gatehouse.a", "1.0.0"), Set.of(6));
        assertNotNull(Instances.instance(store.snapshot(), 5), "created by a server, no package yet");
        assertNotNull(Instances.instance(store.snapshot(), 6), "a server acted on it");
        Instances.clearUri(store, 5);
        assertEquals("", Instances.text(Instances.instance(store.snapshot(), 5), Codes.PACKAGE_URI));
        Instances.name(store, 5, "org.example.new", "1.0.0");
        assertEquals("org.example.new", Instances.text(Instances.instance(store.snapshot(), 5), Codes.PKG_NAME));
    }
}
