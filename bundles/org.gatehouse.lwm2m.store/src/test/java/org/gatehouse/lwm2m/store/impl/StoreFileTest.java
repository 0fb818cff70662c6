package org.gatehouse.lwm2m.store.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;

import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two slot files: commits alternate between them, and a slot cut short or damaged (what a crash or
 * a power loss in the middle of a write leaves) is passed over for the other one, never half read.
 */
class StoreFileTest {

    private static final Duration WAIT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private Path slot(int n) {
        return dir.resolve(StoreFile.SLOTS.get(n));
    }

    /** Commits the value {@code v} with {@code padding} bytes beside it; returns the revision. */
    private static long commit(FileObjectStore store, int v, int padding) throws Exception {
        try (StoreTransaction tx = store.begin("test", WAIT)) {
            tx.write(LwM2mPath.of(3300, 0), LwM2mObjectInstance.of(0, SingleResource.of(0, Value.integer(v)),
                SingleResource.of(1, Value.opaque(new byte[padding]))));
            return tx.commit();
        }
    }

    private static long valueIn(FileObjectStore store) {
        return ((SingleResource) store.read(LwM2mPath.of(3300, 0, 0)).orElseThrow()).value().asLong();
    }

    @Test
    void commits_alternate_between_the_slots_and_a_restart_takes_the_newest() throws Exception {
        FileObjectStore store = new FileObjectStore(dir);
        assertEquals(dir, store.file(), "nothing committed yet");
        commit(store, 1, 10);
        assertEquals(slot(0), store.file());
        assertTrue(Files.notExists(slot(1)));
        commit(store, 2, 10);
        assertEquals(slot(1), store.file());
        commit(store, 3, 10);
        assertEquals(slot(0), store.file());
        FileObjectStore reloaded = new FileObjectStore(dir);
        assertEquals(3, reloaded.snapshot().revision());
        assertEquals(slot(0), reloaded.file());
        assertEquals(2, TreeCodec.read(Files.readAllBytes(slot(1))).revision(), "the other slot keeps the commit before");
        commit(reloaded, 4, 10);
        assertEquals(slot(1), reloaded.file(), "after a restart the next commit goes to the older slot");
        assertEquals(4, new FileObjectStore(dir).snapshot().revision());
    }

    @Test
    void a_slot_reused_for_a_smaller_state_is_cut_to_its_length() throws Exception {
        FileObjectStore store = new FileObjectStore(dir);
        commit(store, 1, 5000);
        commit(store, 2, 5000);
        commit(store, 3, 10);
        assertTrue(Files.size(slot(0)) < 1000, "slot a holds only revision 3: " + Files.size(slot(0)) + " bytes");
        assertEquals(3, valueIn(new FileObjectStore(dir)));
    }

    @Test
    void a_newer_slot_cut_short_is_passed_over_and_the_next_commit_overwrites_it() throws Exception {
        FileObjectStore store = new FileObjectStore(dir);
        commit(store, 1, 3000);
        commit(store, 2, 3000);
        byte[] newer = Files.readAllBytes(slot(1));
        Files.write(slot(1), Arrays.copyOf(newer, newer.length / 2)); // the write of revision 2 cut by a power loss

        FileObjectStore reloaded = new FileObjectStore(dir);
        assertEquals(1, reloaded.snapshot().revision());
        assertEquals(1, valueIn(reloaded));
        assertEquals(2, commit(reloaded, 7, 10));
        assertEquals(slot(1), reloaded.file(), "the commit went to the damaged slot, not over the good one");
        FileObjectStore again = new FileObjectStore(dir);
        assertEquals(2, again.snapshot().revision());
        assertEquals(7, valueIn(again));
    }

    @Test
    void a_damaged_slot_is_passed_over_and_both_damaged_are_refused_naming_the_file() throws Exception {
        FileObjectStore store = new FileObjectStore(dir);
        commit(store, 1, 100);
        commit(store, 2, 100);
        flipByte(slot(1));
        assertEquals(1, valueIn(new FileObjectStore(dir)));
        flipByte(slot(0));
        IOException e = assertThrows(IOException.class, () -> new FileObjectStore(dir));
        assertTrue(e.getMessage().contains("checksum") && e.getMessage().contains("objects-"), e.getMessage());
    }

    @Test
    void a_store_of_the_one_file_format_is_loaded_and_the_file_removed_after_the_first_commit() throws Exception {
        commit(new FileObjectStore(dir), 1, 10);
        commit(new FileObjectStore(dir), 2, 10); // revision 2, in slot b
        Files.move(slot(1), dir.resolve(StoreFile.LEGACY)); // as an earlier build left it: one file, same format
        Files.writeString(slot(0), "damaged"); // and a slot that cannot be read beside it
        Files.writeString(dir.resolve(StoreFile.LEGACY + StoreFile.TEMP), "a commit of the earlier build cut before its rename");

        FileObjectStore store = new FileObjectStore(dir);
        assertTrue(Files.notExists(dir.resolve(StoreFile.LEGACY + StoreFile.TEMP)));
        assertEquals(dir.resolve(StoreFile.LEGACY), store.file());
        assertEquals(2, valueIn(store));
        assertEquals(3, commit(store, 3, 10));
        assertEquals(slot(0), store.file(), "the commit went over the damaged slot");
        assertTrue(Files.notExists(dir.resolve(StoreFile.LEGACY)));
        assertEquals(3, valueIn(new FileObjectStore(dir)));
    }

    @Test
    void an_earlier_builds_file_newer_than_the_slots_wins() throws Exception {
        commit(new FileObjectStore(dir), 1, 10);
        commit(new FileObjectStore(dir), 2, 10);
        Path elsewhere = Files.createDirectory(dir.resolve("earlier-build"));
        FileObjectStore earlier = new FileObjectStore(elsewhere);
        for (int v = 1; v <= 3; v++) {
            commit(earlier, 10 + v, 10);
        }
        // back on an earlier build for a while: it committed revision 3 into the one file it knows
        Files.copy(earlier.file(), dir.resolve(StoreFile.LEGACY));

        FileObjectStore store = new FileObjectStore(dir);
        assertEquals(3, store.snapshot().revision());
        assertEquals(13, valueIn(store));
        assertEquals(4, commit(store, 4, 10));
        assertTrue(Files.notExists(dir.resolve(StoreFile.LEGACY)));
        assertEquals(4, valueIn(new FileObjectStore(dir)));
    }

    @Test
    void a_first_commit_cut_before_its_slot_was_renamed_into_place_leaves_the_store_empty() throws Exception {
        commit(new FileObjectStore(dir), 1, 3000);
        byte[] image = Files.readAllBytes(slot(0));
        Files.delete(slot(0));
        Files.write(dir.resolve(StoreFile.SLOTS.get(0) + StoreFile.TEMP), Arrays.copyOf(image, image.length / 2));

        FileObjectStore store = new FileObjectStore(dir);
        assertEquals(0, store.snapshot().revision(), "never renamed, so never committed");
        assertTrue(Files.notExists(dir.resolve(StoreFile.SLOTS.get(0) + StoreFile.TEMP)));
        assertEquals(1, commit(store, 5, 10));
        assertEquals(5, valueIn(new FileObjectStore(dir)));
    }

    @Test
    void a_save_that_fails_keeps_the_previous_state_and_the_next_one_succeeds() throws Exception {
        FileObjectStore store = new FileObjectStore(dir);
        commit(store, 1, 10);
        Files.createDirectory(slot(1)); // slot b cannot be written
        assertThrows(StoreException.class, () -> commit(store, 2, 10));
        assertEquals(1, valueIn(store));
        assertEquals(1, valueIn(new FileObjectStore(dir)));
        Files.delete(slot(1));
        assertEquals(2, commit(store, 3, 10));
        assertEquals(3, valueIn(new FileObjectStore(dir)));
    }

    @Test
    void both_slots_are_owner_only() throws Exception {
        FileObjectStore store = new FileObjectStore(dir);
        commit(store, 1, 10);
        commit(store, 2, 10);
        for (int n = 0; n < StoreFile.SLOTS.size(); n++) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(slot(n))));
        }
    }

    private static void flipByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x55;
        Files.write(file, bytes);
    }
}
