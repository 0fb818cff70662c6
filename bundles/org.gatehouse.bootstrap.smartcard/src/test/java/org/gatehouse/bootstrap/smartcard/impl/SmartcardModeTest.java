package org.gatehouse.bootstrap.smartcard.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gatehouse.bootstrap.BootstrapMode;
import org.gatehouse.bootstrap.impl.CoordinatorContext;
import org.gatehouse.bootstrap.ModeOutcome;
import org.gatehouse.bootstrap.ModeOutcome.Result;
import org.gatehouse.lwm2m.client.RegistrationGuard.Operation;
import org.gatehouse.bootstrap.smartcard.CardContent;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.gatehouse.lwm2m.store.impl.FileObjectStore;
import org.gatehouse.smartcard.virtual.BootstrapFile;
import org.gatehouse.smartcard.virtual.DirectReader;
import org.gatehouse.smartcard.virtual.ImageBuilder;
import org.gatehouse.smartcard.virtual.ImageBuilder.Layout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smartcard mode over a virtual card in the same process, a real store and the bootstrap bundle's
 * session rules: apply, unchanged, changed, removed (with what the card displaced restored), refused
 * cards leaving everything in place, the guard's answers, the PIN.
 */
class SmartcardModeTest {

    static final String SERVER_1 = "[{\"bn\":\"/0/1/\",\"n\":\"0\",\"vs\":\"coap://127.0.0.1:5683\"},{\"n\":\"1\",\"vb\":false},{\"n\":\"2\",\"v\":3},"
        + "{\"n\":\"10\",\"v\":1},{\"bn\":\"/1/1/\",\"n\":\"0\",\"v\":1},{\"n\":\"1\",\"v\":300},{\"n\":\"6\",\"vb\":false},{\"n\":\"7\",\"vs\":\"U\"}";

    @TempDir
    Path dir;
    private FileObjectStore store;
    private CoordinatorContext coordinator;
    private DirectReader reader;
    private SmartcardMode mode;
    private Path record;
    private Path pinFile;

    static SmartcardMode.Config config() {
        return (SmartcardMode.Config) Proxy.newProxyInstance(SmartcardMode.Config.class.getClassLoader(), new Class<?>[] {SmartcardMode.Config.class},
            (proxy, method, args) -> method.getName().equals("annotationType") ? SmartcardMode.Config.class : method.getDefaultValue());
    }

    @BeforeEach
    void wire() throws Exception {
        store = new FileObjectStore(dir.resolve("data/store"));
        coordinator = new CoordinatorContext(store, "gw-card-test", BootstrapMode.SMARTCARD);
        reader = new DirectReader("direct 0");
        record = dir.resolve("data/smartcard-applied.properties");
        pinFile = dir.resolve("etc/smartcard-pin");
        mode = new SmartcardMode(new TlvCodec(), CoordinatorContext.MODELS, record, pinFile, config());
        mode.addReader(reader);
    }

    @AfterEach
    void stop() {
        coordinator.close();
    }

    private ModeOutcome run() {
        return mode.run(coordinator.context);
    }

    private void insert(byte[] content) {
        reader.insert(ImageBuilder.build(content, Layout.standard()), false);
    }

    private static byte[] card(String senml) throws Exception {
        return BootstrapFile.encode(ImageBuilder.entries(senml.getBytes(StandardCharsets.UTF_8)));
    }

    private Value value(int o, int i, int r) {
        return ((SingleResource) store.read(LwM2mPath.of(o, i, r)).orElseThrow()).value();
    }

    private void commit(LwM2mPath path, LwM2mObjectInstance instance) throws Exception {
        try (StoreTransaction tx = store.begin(Duration.ofSeconds(1))) {
            tx.write(path, instance);
            tx.commit();
        }
    }

    private static LwM2mObjectInstance bootstrapAccount() {
        return LwM2mObjectInstance.of(0, SingleResource.of(0, Value.string("coap://127.0.0.1:5783")), SingleResource.of(1, Value.bool(true)),
            SingleResource.of(2, Value.integer(3)));
    }

    @Test
    void no_reader_or_no_card_is_skipped() {
        mode.removeReader(reader);
        assertEquals(ModeOutcome.skipped("no card reader"), run());
        mode.addReader(reader);
        assertEquals(ModeOutcome.skipped("no card in [direct 0]"), run());
    }

    @Test
    void tv2_is_applied_recorded_and_then_unchanged() throws Exception {
        insert(Vectors.TV2);
        ModeOutcome outcome = run();
        assertEquals(Result.CONFIGURED, outcome.result(), outcome.detail());
        assertTrue(outcome.detail().startsWith("2 object(s) from the card in direct 0 (data "), outcome.detail());
        assertEquals(Value.string("coaps://eu.iot.avsystem.cloud:5684"), value(0, 1, 0));
        assertEquals(Value.integer(86400), value(1, 1, 1));
        assertEquals(List.of("/0/1", "/1/1"), mode.status().instances());
        assertEquals(List.of(1), mode.status().ssids());
        assertEquals(CardReading.sha256(Vectors.TV2), mode.status().digest().orElseThrow());
        assertEquals(Optional.of("smartcard:" + CardReading.sha256(Vectors.TV2)), store.writerOf(LwM2mPath.of(0, 1)),
            "the store records which card data wrote the instance");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(record)));
        long revision = store.snapshot().revision();

        ModeOutcome again = run();
        assertEquals(ModeOutcome.configured("card data in direct 0 unchanged and in place", "direct 0"), again);
        assertEquals(revision, store.snapshot().revision(), "nothing committed again");
        assertEquals(Optional.empty(), mode.veto(1, Operation.UPDATE), "same card, same data");
        assertEquals(Optional.empty(), mode.veto(101, Operation.REGISTER), "a server the card did not provision is not checked");
    }

    @Test
    void changed_data_is_vetoed_then_replaces_the_old_card_configuration() throws Exception {
        insert(card(SERVER_1 + "]"));
        assertEquals(Result.CONFIGURED, run().result());
        reader.update(ImageBuilder.build(Vectors.TV2, Layout.standard())); // new data, card left in (an OTA update)
        Optional<String> veto = mode.veto(1, Operation.UPDATE);
        assertTrue(veto.orElseThrow().startsWith("the card data in direct 0 changed ("), veto.toString());

        ModeOutcome outcome = run();
        assertEquals(Result.CONFIGURED, outcome.result(), outcome.detail());
        assertEquals(Value.string("coaps://eu.iot.avsystem.cloud:5684"), value(0, 1, 0));
        assertEquals(Value.integer(86400), value(1, 1, 1));
        assertEquals(Optional.empty(), mode.veto(1, Operation.UPDATE));
    }

    @Test
    void removal_withdraws_the_card_configuration_and_restores_what_it_displaced() throws Exception {
        commit(LwM2mPath.of(0, 0), bootstrapAccount());
        commit(LwM2mPath.of(0, 5), LwM2mObjectInstance.of(5, SingleResource.of(0, Value.string("coap://factory:5683")),
            SingleResource.of(1, Value.bool(false)), SingleResource.of(2, Value.integer(3)), SingleResource.of(10, Value.integer(5))));
        commit(LwM2mPath.of(1, 5), LwM2mObjectInstance.of(5, SingleResource.of(0, Value.integer(5)), SingleResource.of(1, Value.integer(60)),
            SingleResource.of(6, Value.bool(false)), SingleResource.of(7, Value.string("U"))));
        ObjectTree before = store.snapshot();
        insert(Vectors.TV2);
        assertEquals(Result.CONFIGURED, run().result());
        assertTrue(store.read(LwM2mPath.of(0, 5)).isEmpty(), "the card's objects replace the factory's server");
        assertEquals(Value.bool(true), value(0, 0, 1), "the bootstrap-server account survives");

        reader.remove();
        assertEquals(Optional.of("the card that provisioned server 1 is no longer in direct 0"), mode.veto(1, Operation.UPDATE));
        ModeOutcome outcome = run();
        assertEquals(Result.SKIPPED, outcome.result());
        assertEquals("no card in [direct 0]: the card configuration (/0/1, /1/1) was withdrawn", outcome.detail());
        assertEquals(before.objects(), store.snapshot().objects(), "as before the card");
        assertFalse(Files.exists(record));
        assertEquals(Optional.empty(), mode.status().digest());
        assertEquals(Optional.empty(), mode.veto(1, Operation.UPDATE), "nothing card-derived left to guard");
    }

    @Test
    void a_card_holding_only_the_bootstrap_account_leaves_nothing_behind() throws Exception {
        insert(Vectors.TV3);
        assertEquals(Result.CONFIGURED, run().result());
        assertEquals(Value.string("coap://leshan.eclipseprojects.io:5783"), value(0, 0, 0));
        assertTrue(mode.veto(77, Operation.REGISTER).isEmpty(), "unchanged card: servers from its bootstrap server may register");
        reader.remove();
        assertTrue(mode.veto(77, Operation.REGISTER).isPresent(), "servers configured by the card's bootstrap server are card-derived too");
        assertEquals(Result.SKIPPED, run().result());
        assertEquals(Map.of(), store.snapshot().objects(), "the bootstrap-server account was the card's: gone too");
    }

    @Test
    void refused_cards_leave_everything_in_place() throws Exception {
        insert(card(SERVER_1 + "]"));
        assertEquals(Result.CONFIGURED, run().result());
        ObjectTree applied = store.snapshot();
        String digest = mode.status().digest().orElseThrow();

        insert(java.util.Arrays.copyOf(Vectors.TV2, 90)); // truncated
        ModeOutcome truncated = run();
        assertEquals(Result.FAILED, truncated.result());
        assertTrue(truncated.detail().startsWith("card in direct 0 refused, nothing applied: EF LwM2M_Bootstrap: at byte 2: the size field says 122"),
            truncated.detail());
        assertEquals(applied, store.snapshot());

        // a Security instance without its Server instance: decodes, but fails the consistency check
        insert(card(SERVER_1.substring(0, SERVER_1.indexOf(",{\"bn\":\"/1/1/\"")) + "]"));
        ModeOutcome inconsistent = run();
        assertEquals(Result.FAILED, inconsistent.result());
        assertTrue(inconsistent.detail().contains("/0/1: no Server instance has Short Server ID 1"), inconsistent.detail());
        assertEquals(applied, store.snapshot());
        assertEquals(digest, mode.status().digest().orElseThrow(), "the record still names the configuration in place");
        assertTrue(mode.veto(1, Operation.UPDATE).isPresent(), "and the guard keeps the old server from being used with other card data");
    }

    @Test
    void several_objects_and_one_the_gateway_does_not_model() throws Exception {
        String more = SERVER_1 + ",{\"bn\":\"/2/0/\",\"n\":\"0\",\"v\":1},{\"n\":\"1\",\"v\":1},{\"n\":\"2/1\",\"v\":7},{\"n\":\"3\",\"v\":1}"
            + ",{\"bn\":\"/4/0/\",\"n\":\"0\",\"v\":0},{\"n\":\"1/0\",\"v\":21},{\"n\":\"2\",\"v\":-70}]";
        byte[] content = card(more);
        // and object 33333, which the gateway does not model
        byte[] withUnknown = BootstrapFile.encode(java.util.stream.Stream.concat(ImageBuilder.entries(more.getBytes(StandardCharsets.UTF_8)).stream(),
            java.util.stream.Stream.of(BootstrapFile.Entry.implicit(33333, Vectors.HEX.parseHex("0800 03 C10001".replace(" ", ""))))).toList());
        insert(withUnknown);
        ModeOutcome outcome = run();
        assertEquals(Result.CONFIGURED, outcome.result(), outcome.detail());
        assertTrue(outcome.detail().startsWith("4 object(s) from the card"), outcome.detail());
        assertTrue(outcome.detail().contains("object 33333 (6 bytes of TLV) is not modelled by this gateway: left out"), outcome.detail());
        assertEquals(Value.integer(1), value(2, 0, 0));
        assertEquals(Value.integer(-70), value(4, 0, 2));
        assertTrue(store.read(LwM2mPath.of(33333)).isEmpty());
        assertTrue(content.length < withUnknown.length);
    }

    @Test
    void a_private_card_is_read_with_the_pin_from_etc() throws Exception {
        reader.insert(ImageBuilder.build(Vectors.TV2, Layout.standard().withPin(0x01, "4321")), false);
        ModeOutcome none = run();
        assertEquals(Result.FAILED, none.result());
        assertTrue(none.detail().contains("needs a PIN (its DODF entry is private)"), none.detail());
        Files.createDirectories(pinFile.getParent());
        Files.writeString(pinFile, "4321\n");
        assertEquals(Result.CONFIGURED, run().result());
    }

    @Test
    void read_decodes_without_applying() throws Exception {
        insert(Vectors.TV2);
        CardContent content = mode.read(Optional.empty());
        assertEquals("direct 0", content.reader());
        assertEquals(2, content.objects().size());
        assertEquals(126, content.size());
        assertEquals(11, content.apdus());
        assertArrayEquals("3x@mpl3P5K53cr3tK3y".getBytes(), ((SingleResource) content.objects().get(0).instance(1).resource(5)).value().asBytes());
        assertEquals(0, store.snapshot().revision(), "nothing applied");
    }

    @Test
    void a_card_pulled_mid_read_changes_nothing() throws Exception {
        insert(card(SERVER_1 + "]"));
        assertEquals(Result.CONFIGURED, run().result());
        ObjectTree applied = store.snapshot();
        for (int pulledAt : new int[] {1, 4, 9}) { // during EF DIR, at the AID, in the middle of the bootstrap EF
            insert(Vectors.TV2); // another card, pulled while it is read
            reader.pullAfter(pulledAt);
            ModeOutcome outcome = run();
            assertEquals(Result.FAILED, outcome.result(), outcome.detail());
            assertTrue(outcome.detail().contains("could not be read, nothing applied"), outcome.detail());
            assertEquals(applied, store.snapshot(), "nothing applied, nothing withdrawn half-way");
            assertTrue(mode.status().digest().isPresent(), "the record still names the configuration in place");
        }
    }

    @Test
    void a_reader_that_goes_away_is_not_a_card_removal() throws Exception {
        insert(Vectors.TV2);
        assertEquals(Result.CONFIGURED, run().result());
        ObjectTree applied = store.snapshot();
        mode.removeReader(reader); // pcscd restarting
        assertTrue(mode.veto(1, Operation.UPDATE).isPresent(), "no registration with card data that cannot be confirmed");
        ModeOutcome outcome = run();
        assertEquals(Result.FAILED, outcome.result());
        assertTrue(outcome.detail().startsWith("the reader direct 0 of the card in place is not there"), outcome.detail());
        assertEquals(applied, store.snapshot(), "the configuration stays");
        mode.addReader(reader);
        assertEquals(Optional.empty(), mode.veto(1, Operation.UPDATE));
        assertEquals(Result.CONFIGURED, run().result());
    }
}
