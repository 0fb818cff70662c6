package org.gatehouse.bootstrap.factory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.gatehouse.bootstrap.BootstrapMode;
import org.gatehouse.bootstrap.impl.CoordinatorContext;
import org.gatehouse.bootstrap.ModeOutcome;
import org.gatehouse.bootstrap.ModeOutcome.Result;
import org.gatehouse.lwm2m.codec.impl.SenmlJsonCodec;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.impl.FileObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The factory mode over real files, the real SenML JSON codec, a real store and the bootstrap bundle's session rules. */
class FactoryModeTest {

    private static final String BOOTSTRAP_ACCOUNT = "{\"bn\":\"/0/0/\",\"n\":\"0\",\"vs\":\"coap://127.0.0.1:5783\"},"
        + "{\"n\":\"1\",\"vb\":true},{\"n\":\"2\",\"v\":3},{\"n\":\"11\",\"v\":0}";
    private static final String SERVER_ACCOUNT = "{\"n\":\"/0/1/0\",\"vs\":\"coap://127.0.0.1:5683\"},{\"n\":\"/0/1/1\",\"vb\":false},"
        + "{\"n\":\"/0/1/2\",\"v\":3},{\"n\":\"/0/1/10\",\"v\":101},{\"n\":\"/1/0/0\",\"v\":101},{\"n\":\"/1/0/1\",\"v\":300},"
        + "{\"n\":\"/1/0/6\",\"vb\":false},{\"n\":\"/1/0/7\",\"vs\":\"U\"}";

    @TempDir
    Path dir;
    private FileObjectStore store;
    private CoordinatorContext coordinator;
    private Path file;
    private Path digest;
    private FactoryMode mode;

    @BeforeEach
    void wire() throws Exception {
        store = new FileObjectStore(dir.resolve("data/store"));
        coordinator = new CoordinatorContext(store, "gw-factory-test", BootstrapMode.FACTORY);
        file = dir.resolve("etc/factory-bootstrap.json");
        digest = dir.resolve("data/factory-applied.sha256");
        Files.createDirectories(file.getParent());
        mode = new FactoryMode(new SenmlJsonCodec(), CoordinatorContext.MODELS, file, digest);
    }

    @AfterEach
    void stop() {
        coordinator.close();
    }

    private ModeOutcome run() {
        return mode.run(coordinator.context);
    }

    private ModeOutcome runWith(String content) throws Exception {
        Files.writeString(file, content);
        return run();
    }

    /** Asserts a refusal: FAILED, detail containing {@code why}, the store and the digest file as before. */
    private void assertRefused(ModeOutcome outcome, String why, ObjectTree before) {
        assertEquals(Result.FAILED, outcome.result(), outcome.detail());
        assertTrue(outcome.detail().contains(why), outcome.detail());
        assertEquals(before, store.snapshot(), "nothing applied");
        assertFalse(Files.exists(digest), "a refused file is not marked applied");
    }

    private Value value(int objectId, int instanceId, int resourceId) {
        return ((SingleResource) store.read(LwM2mPath.of(objectId, instanceId, resourceId)).orElseThrow()).value();
    }

    @Test
    void a_missing_file_is_skipped_and_nothing_changes() {
        ModeOutcome outcome = run();
        assertEquals(Result.SKIPPED, outcome.result());
        assertEquals("no factory configuration at " + file, outcome.detail());
        assertEquals(0, store.snapshot().revision());
        assertFalse(Files.exists(digest));
    }

    @Test
    void an_empty_file_is_refused() throws Exception {
        ObjectTree before = store.snapshot();
        assertRefused(runWith(""), file + " refused, nothing applied: SENML_JSON: at byte 0: payload must be an array of records", before);
    }

    @Test
    void malformed_json_is_refused_naming_the_format() throws Exception {
        ObjectTree before = store.snapshot();
        ModeOutcome outcome = runWith("[" + BOOTSTRAP_ACCOUNT + ",{\"n\":\"/0/0/3\",\"vd\":");
        assertRefused(outcome, file + " refused, nothing applied: SENML_JSON: at byte ", before);
        assertTrue(outcome.detail().matches(".*at byte \\d+: malformed.*"), "the offset and the fault: " + outcome.detail());
    }

    @Test
    void a_file_without_any_account_is_inconsistent_and_tried_again_next_time() throws Exception {
        ObjectTree before = store.snapshot();
        String content = "[{\"n\":\"/3/0/0\",\"vs\":\"ACME\"}]";
        assertRefused(runWith(content), "no LwM2M server account and no bootstrap-server account", before);
        // not marked applied: the same content is checked again, not skipped
        assertRefused(run(), "no LwM2M server account and no bootstrap-server account", before);
    }

    @Test
    void a_file_is_applied_once_per_content() throws Exception {
        String content = "[" + SERVER_ACCOUNT + "," + BOOTSTRAP_ACCOUNT + "]";
        ModeOutcome first = runWith(content);
        assertEquals(Result.CONFIGURED, first.result(), first.detail());
        assertEquals("2 object(s) from " + file, first.detail());
        assertEquals(Value.string("coap://127.0.0.1:5683"), value(0, 1, 0));
        assertEquals(Value.integer(300), value(1, 0, 1));
        assertEquals(Value.bool(true), value(0, 0, 1));
        assertEquals(sha256(content) + "\n", Files.readString(digest));
        long revision = store.snapshot().revision();

        ModeOutcome second = run();
        assertEquals(Result.SKIPPED, second.result());
        assertEquals(file + " already applied", second.detail());
        assertEquals(revision, store.snapshot().revision(), "nothing committed again");
    }

    @Test
    void changed_content_is_applied_again_and_replaces_the_objects_it_holds() throws Exception {
        assertEquals(Result.CONFIGURED, runWith("[" + SERVER_ACCOUNT + "," + BOOTSTRAP_ACCOUNT + "]").result());
        long revision = store.snapshot().revision();
        String changed = "[" + SERVER_ACCOUNT.replace("5683", "5684").replace(":300}", ":600}") + "]";

        ModeOutcome outcome = runWith(changed);
        assertEquals(Result.CONFIGURED, outcome.result(), outcome.detail());
        assertEquals(revision + 1, store.snapshot().revision());
        assertEquals(Value.string("coap://127.0.0.1:5684"), value(0, 1, 0));
        assertEquals(Value.integer(600), value(1, 0, 1));
        // object 0 was replaced, but the bootstrap-server account survives every delete
        assertEquals(Value.string("coap://127.0.0.1:5783"), value(0, 0, 0));
        assertEquals(sha256(changed) + "\n", Files.readString(digest));
    }

    @Test
    void an_unknown_object_is_refused_naming_it() throws Exception {
        ObjectTree before = store.snapshot();
        assertRefused(runWith("[{\"n\":\"/33333/0/0\",\"v\":1}," + BOOTSTRAP_ACCOUNT + "]"), "object 33333 is not supported", before);
    }

    @Test
    void an_unknown_resource_of_a_known_object_is_left_out() throws Exception {
        ModeOutcome outcome = runWith("[{\"n\":\"/0/0/999\",\"v\":7}," + BOOTSTRAP_ACCOUNT + "]");
        assertEquals(Result.CONFIGURED, outcome.result(), outcome.detail());
        assertEquals(Value.string("coap://127.0.0.1:5783"), value(0, 0, 0));
        assertTrue(store.read(LwM2mPath.of(0, 0, 999)).isEmpty(), "unknown resource stored");
    }

    private static String sha256(String content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    }
}
