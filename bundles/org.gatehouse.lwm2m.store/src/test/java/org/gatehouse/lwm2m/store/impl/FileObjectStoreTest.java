package org.gatehouse.lwm2m.store.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.MultipleResource;
import org.gatehouse.lwm2m.model.ObjectLink;
import org.gatehouse.lwm2m.model.ResourceInstance;
import org.gatehouse.lwm2m.model.ResourceType;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.StoreConflictException;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileObjectStoreTest {

    @TempDir
    Path dir;

    private static final Duration WAIT = Duration.ofSeconds(1);

    static LwM2mObjectInstance security(int id, String uri) {
        return LwM2mObjectInstance.of(id, SingleResource.of(0, Value.string(uri)), SingleResource.of(1, Value.bool(false)),
            SingleResource.of(5, Value.opaque(new byte[] {1, 2, 3})), SingleResource.of(17, Value.objlnk(new ObjectLink(21, 0))),
            SingleResource.of(11, Value.unsigned(-1L)), SingleResource.of(12, Value.time(77)), SingleResource.of(9, Value.floating(1.5)),
            new MultipleResource(16, ResourceType.UNSIGNED_INTEGER, new TreeMap<>(Map.of(0, Value.unsigned(49320)))));
    }

    @Test
    void committed_state_survives_a_restart_with_every_value_type() throws Exception {
        FileObjectStore store = new FileObjectStore(dir);
        try (StoreTransaction tx = store.begin(WAIT)) {
            tx.write(LwM2mPath.of(0, 1), security(1, "coaps://a:5684"));
            tx.write(LwM2mPath.of(0, 2), security(2, "coap://b"));
            assertEquals(1, tx.commit());
        }
        ObjectTree reloaded = new FileObjectStore(dir).snapshot();
        assertEquals(store.snapshot(), reloaded);
        assertEquals(1, reloaded.revision());
        assertEquals(security(2, "coap://b"), reloaded.read(LwM2mPath.of(0, 2)).orElseThrow());
    }

    @Test
    void readers_see_nothing_until_commit_and_rollback_discards() throws Exception {
        FileObjectStore store = new FileObjectStore(dir);
        StoreTransaction tx = store.begin(WAIT);
        tx.write(LwM2mPath.of(0, 1), security(1, "x"));
        assertTrue(tx.view().read(LwM2mPath.of(0, 1)).isPresent());
        assertTrue(store.read(LwM2mPath.of(0, 1)).isEmpty());
        tx.close();
        assertTrue(store.read(LwM2mPath.of(0, 1)).isEmpty());
        assertTrue(new FileObjectStore(dir).snapshot().objects().isEmpty());
    }

    @Test
    void open_transactions_do_not_wait_for_each_other_and_the_later_commit_conflicts() throws Exception {
        FileObjectStore store = new FileObjectStore(dir);
        StoreTransaction first = store.begin("first", WAIT);
        StoreTransaction second = store.begin("second", Duration.ZERO); // at once, although first is open
        second.write(LwM2mPath.of(0, 2), security(2, "second"));
        assertEquals(1, second.commit());
        first.write(LwM2mPath.of(0, 1), security(1, "first"));
        StoreConflictException e = assertThrows(StoreConflictException.class, first::commit);
        assertEquals(0, e.baseRevision());
        assertEquals(1, e.currentRevision());
        assertTrue(e.getMessage().contains("first") && e.getMessage().contains("nothing applied"), e.getMessage());
        assertTrue(store.read(LwM2mPath.of(0, 1)).isEmpty(), "nothing of the conflicting commit applied");
        assertEquals(security(2, "second"), new FileObjectStore(dir).read(LwM2mPath.of(0, 2)).orElseThrow());
        assertFalse(first.isOpen());
        assertThrows(StoreException.class, () -> first.write(LwM2mPath.of(1), LwM2mObject.of(1)));
    }

    @Test
    void writes_and_deletes_at_every_level() throws Exception {
        FileObjectStore store = new FileObjectStore(dir);
        try (StoreTransaction tx = store.begin(WAIT)) {
            tx.write(LwM2mPath.of(0, 1), security(1, "x"));
            tx.write(LwM2mPath.of(0, 1, 0), SingleResource.of(0, Value.string("y")));
            tx.write(LwM2mPath.of(0, 1, 16, 4), new ResourceInstance(4, Value.unsigned(5)));
            tx.delete(LwM2mPath.of(0, 1, 16, 0));
            tx.delete(LwM2mPath.of(0, 1, 5));
            tx.delete(LwM2mPath.of(7)); // absent: no error
            assertThrows(StoreException.class, () -> tx.write(LwM2mPath.of(0, 1, 0, 1), new ResourceInstance(1, Value.string("z"))));
            tx.commit();
        }
        LwM2mObjectInstance i = (LwM2mObjectInstance) store.read(LwM2mPath.of(0, 1)).orElseThrow();
        assertEquals(Value.string("y"), ((SingleResource) i.resource(0)).value());
        assertEquals(Map.of(4, Value.unsigned(5)), ((MultipleResource) i.resource(16)).values());
        assertTrue(i.resource(5) == null);
        try (StoreTransaction tx = store.begin(WAIT)) {
            tx.delete(LwM2mPath.ROOT);
            tx.commit();
        }
        assertTrue(new FileObjectStore(dir).snapshot().objects().isEmpty());
    }

    @Test
    void store_file_is_owner_only_and_holds_no_plain_secret_name() throws Exception {
        FileObjectStore store = new FileObjectStore(dir);
        try (StoreTransaction tx = store.begin(WAIT)) {
            tx.write(LwM2mPath.of(0, 1), security(1, "x"));
            tx.commit();
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
    }

    @Test
    void a_corrupted_file_is_refused_not_half_read() throws Exception {
        FileObjectStore store = new FileObjectStore(dir);
        try (StoreTransaction tx = store.begin(WAIT)) {
            tx.write(LwM2mPath.of(0, 1), security(1, "x"));
            tx.commit();
        }
        byte[] bytes = Files.readAllBytes(store.file());
        bytes[bytes.length - 3] ^= 0x55;
        Files.write(store.file(), bytes);
        assertTrue(assertThrows(java.io.IOException.class, () -> new FileObjectStore(dir)).getMessage().contains("checksum"));
        Files.write(store.file(), java.util.Arrays.copyOf(bytes, 30));
        assertThrows(java.io.IOException.class, () -> new FileObjectStore(dir));
    }
}
