package org.gatehouse.lwm2m.store.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer of each instance: recorded per commit, persisted with the tree, readable from files of the first format. */
class WritersTest {

    private static final Duration WAIT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private static LwM2mObjectInstance instance(int id, int value) {
        return LwM2mObjectInstance.of(id, SingleResource.of(0, Value.integer(value)));
    }

    @Test
    void each_instance_remembers_its_last_writer_across_a_restart() throws Exception {
        FileObjectStore store = new FileObjectStore(dir);
        try (StoreTransaction tx = store.begin("factory", WAIT)) {
            tx.write(LwM2mPath.of(0, 0), instance(0, 0));
            tx.write(LwM2mPath.of(2), LwM2mObject.of(2, instance(0, 1), instance(1, 1)));
            tx.write(LwM2mPath.of(1, 0), instance(0, 101));
            tx.commit();
        }
        try (StoreTransaction tx = store.begin("server:101", WAIT)) {
            tx.write(LwM2mPath.of(1, 0, 1), SingleResource.of(1, Value.integer(300)));
            tx.delete(LwM2mPath.of(2, 1));
            assertEquals(Optional.of("server:101"), tx.writerOf(LwM2mPath.of(1, 0)), "the transaction sees its own writes");
            assertEquals(Optional.empty(), tx.writerOf(LwM2mPath.of(2, 1)));
            assertEquals(Optional.of("factory"), store.writerOf(LwM2mPath.of(1, 0)), "others do not, until the commit");
            tx.commit();
        }
        for (FileObjectStore s : new FileObjectStore[] {store, new FileObjectStore(dir)}) {
            assertEquals(Optional.of("factory"), s.writerOf(LwM2mPath.of(0, 0)));
            assertEquals(Optional.of("server:101"), s.writerOf(LwM2mPath.of(1, 0, 1)), "a resource path asks for its instance");
            assertEquals(Optional.of("factory"), s.writerOf(LwM2mPath.of(2, 0)));
            assertEquals(Optional.empty(), s.writerOf(LwM2mPath.of(2, 1)), "deleted");
        }
        assertThrows(IllegalArgumentException.class, () -> store.writerOf(LwM2mPath.of(1)));
    }

    @Test
    void a_mode_can_remove_exactly_what_it_wrote() throws Exception {
        FileObjectStore store = new FileObjectStore(dir);
        try (StoreTransaction tx = store.begin("smartcard:ab12", WAIT)) {
            tx.write(LwM2mPath.of(0), LwM2mObject.of(0, instance(1, 1), instance(2, 2)));
            tx.write(LwM2mPath.of(1), LwM2mObject.of(1, instance(1, 1), instance(2, 2)));
            tx.commit();
        }
        try (StoreTransaction tx = store.begin("bootstrap:coap://bs", WAIT)) {
            tx.write(LwM2mPath.of(0, 2), instance(2, 20));
            tx.commit();
        }
        try (StoreTransaction tx = store.begin("smartcard:ab12", WAIT)) {
            for (LwM2mObject o : tx.view().objects().values()) {
                for (int i : o.instances().keySet()) {
                    if (tx.writerOf(LwM2mPath.of(o.id(), i)).filter("smartcard:ab12"::equals).isPresent()) {
                        tx.delete(LwM2mPath.of(o.id(), i));
                    }
                }
            }
            tx.commit();
        }
        assertEquals(instance(2, 20), store.read(LwM2mPath.of(0, 2)).orElseThrow(), "what another writer wrote stays");
        assertEquals(1, store.snapshot().objects().get(0).instances().size());
        assertTrue(store.snapshot().objects().get(1).instances().isEmpty());
    }

    @Test
    void a_store_file_of_the_first_format_still_loads_and_is_rewritten_in_the_current_one() throws Exception {
        byte[] v1;
        try (InputStream in = WritersTest.class.getResourceAsStream("/v1/objects.bin")) {
            v1 = in.readAllBytes();
        }
        assertArrayEquals("GHS1".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(v1, 4));
        Files.write(dir.resolve(StoreFile.LEGACY), v1);

        FileObjectStore store = new FileObjectStore(dir);
        assertEquals(2, store.snapshot().revision());
        assertEquals(Value.string("coaps://server.example:5684"),
            ((SingleResource) store.read(LwM2mPath.of(0, 1, 0)).orElseThrow()).value());
        assertEquals(Value.string("Gatehouse"), ((SingleResource) store.read(LwM2mPath.of(3, 0, 0)).orElseThrow()).value());
        assertEquals(Optional.empty(), store.writerOf(LwM2mPath.of(1, 0)), "the first format kept no writers");

        try (StoreTransaction tx = store.begin("server:101", WAIT)) {
            tx.write(LwM2mPath.of(1, 0, 1), SingleResource.of(1, Value.integer(600)));
            tx.commit();
        }
        assertArrayEquals("GHS2".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(Files.readAllBytes(store.file()), 4));
        assertEquals(dir.resolve(StoreFile.SLOTS.get(0)), store.file());
        assertTrue(Files.notExists(dir.resolve(StoreFile.LEGACY)), "the file of the earlier build goes once a slot holds a newer state");
        FileObjectStore reloaded = new FileObjectStore(dir);
        assertEquals(3, reloaded.snapshot().revision());
        assertEquals(Optional.of("server:101"), reloaded.writerOf(LwM2mPath.of(1, 0)));
        assertEquals(Optional.empty(), reloaded.writerOf(LwM2mPath.of(0, 1)));
        assertEquals(store.snapshot(), reloaded.snapshot());
    }
}
