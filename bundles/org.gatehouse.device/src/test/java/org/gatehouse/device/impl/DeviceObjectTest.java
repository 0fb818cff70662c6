package org.gatehouse.device.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.gatehouse.lwm2m.store.impl.FileObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /3/0 across restarts: the configuration sets what it owns, and what servers wrote stays. */
class DeviceObjectTest {

    private static final Reboot NO_REBOOT = () -> {
    };

    @TempDir
    Path dir;

    private static Value value(ObjectStore store, int resource) {
        return ((SingleResource) store.read(LwM2mPath.of(3, 0, resource)).orElseThrow()).value();
    }

    @Test
    void resources_written_by_a_server_survive_a_restart_and_a_configuration_change() throws Exception {
        ObjectStore store = new FileObjectStore(dir);
        new DeviceObject(store, NO_REBOOT, Configs.of(DeviceObject.Config.class, Map.of()));
        assertEquals(java.util.Optional.of(DeviceObject.WRITER), store.writerOf(LwM2mPath.of(3, 0)));
        try (StoreTransaction tx = store.begin("server:101", Duration.ofSeconds(1))) { // as a server's Write would
            tx.write(LwM2mPath.of(3, 0, 13), SingleResource.of(13, Value.time(1_700_000_000L)));
            tx.write(LwM2mPath.of(3, 0, 14), SingleResource.of(14, Value.string("+02:00")));
            tx.write(LwM2mPath.of(3, 0, 15), SingleResource.of(15, Value.string("Europe/Zurich")));
            tx.commit();
        }

        ObjectStore restarted = new FileObjectStore(dir);
        new DeviceObject(restarted, NO_REBOOT, Configs.of(DeviceObject.Config.class, Map.of("manufacturer", "ACME")));

        assertEquals(Value.string("ACME"), value(restarted, 0), "the configuration owns the manufacturer");
        assertEquals(Value.time(1_700_000_000L), value(restarted, 13));
        assertEquals(Value.string("+02:00"), value(restarted, 14));
        assertEquals(Value.string("Europe/Zurich"), value(restarted, 15));
        assertEquals(java.util.Optional.of(DeviceObject.WRITER), restarted.writerOf(LwM2mPath.of(3, 0)), "the last writer of /3/0");
    }

    @Test
    void an_unchanged_configuration_writes_nothing() throws Exception {
        ObjectStore store = new FileObjectStore(dir);
        new DeviceObject(store, NO_REBOOT, Configs.of(DeviceObject.Config.class, Map.of()));
        long revision = store.snapshot().revision();
        new DeviceObject(new FileObjectStore(dir), NO_REBOOT, Configs.of(DeviceObject.Config.class, Map.of()));
        assertEquals(revision, new FileObjectStore(dir).snapshot().revision());
    }
}
