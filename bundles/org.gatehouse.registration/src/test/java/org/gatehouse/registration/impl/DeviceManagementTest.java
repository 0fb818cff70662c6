package org.gatehouse.registration.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.ContentFormat;
import org.gatehouse.lwm2m.codec.impl.CoreLinkCodec;
import org.gatehouse.lwm2m.codec.impl.TextCodec;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.DeviceResources;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ObjectIds;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.objects.ObjectHandler;
import org.gatehouse.lwm2m.objects.Outcome;
import org.gatehouse.lwm2m.store.ObjectStore;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.StoreException;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.gatehouse.lwm2m.store.impl.FileObjectStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device Management requests during a bootstrap, while the store is busy or failing, and Execute /3/0/4 Reboot. */
class DeviceManagementTest {

    private static final int SSID = 101;

    @TempDir
    Path dir;
    private FileObjectStore store;
    private final List<String> executed = new CopyOnWriteArrayList<>();

    private final Executions executions = new Executions() {
        @Override
        public void updateNow(int ssid) {
            executed.add("update " + ssid);
        }

        @Override
        public void disable(int ssid, long seconds) {
            executed.add("disable " + ssid);
        }

        @Override
        public void bootstrapTrigger(int ssid) {
            executed.add("bootstrap");
        }
    };

    /** The Device object's handler as far as this test needs it: Reboot handed on. */
    private final ObjectHandler device = new ObjectHandler() {
        @Override
        public Outcome execute(int ssid, LwM2mPath path, String arguments) {
            if (path.resourceId() != DeviceResources.REBOOT) {
                return Outcome.notSupported();
            }
            executed.add("reboot " + ssid);
            return Outcome.changed();
        }
    };

    @BeforeEach
    void configured() throws Exception {
        store = new FileObjectStore(dir.resolve("store"));
        try (StoreTransaction tx = store.begin(Duration.ofSeconds(1))) {
            tx.write(LwM2mPath.of(3, 0), LwM2mObjectInstance.of(0, SingleResource.of(0, Value.string("Gatehouse"))));
            tx.write(LwM2mPath.of(1, 0), LwM2mObjectInstance.of(0, SingleResource.of(0, Value.integer(SSID)),
                SingleResource.of(1, Value.integer(300)), SingleResource.of(6, Value.bool(false)), SingleResource.of(7, Value.string("U"))));
            tx.write(LwM2mPath.of(2, 0), acl(0));
            tx.commit();
        }
    }

    private static LwM2mObjectInstance acl(int id) {
        return LwM2mObjectInstance.of(id, SingleResource.of(0, Value.integer(3)), SingleResource.of(1, Value.integer(0)),
            SingleResource.of(3, Value.integer(SSID)));
    }

    private DeviceManagement management(ObjectStore s) {
        Map<Integer, ContentCodec> codecs = Map.of(ContentFormat.TEXT.code(), new TextCodec(), ContentFormat.TLV.code(), new TlvCodec());
        Handlers handlers = new Handlers(Map.of(ObjectIds.SERVER, new ServerObject(s::snapshot, executions)));
        handlers.add(device, Map.of(ObjectHandler.OBJECT_ID, ObjectIds.DEVICE));
        return new DeviceManagement(SSID, s, CoreModels.all(), codecs, new CoreLinkCodec(), () -> 1, handlers,
            ssid -> executed.add("changed " + ssid));
    }

    private static CoapRequest writeLifetime(int seconds) {
        return CoapRequest.of(Method.PUT, "/1/0/1").withPayload(ContentFormat.TEXT.code(), Integer.toString(seconds).getBytes(StandardCharsets.UTF_8));
    }

    private static CoapRequest createAcl(int id) throws Exception {
        byte[] tlv = new TlvCodec().encode(LwM2mPath.of(2), LwM2mObject.of(2, acl(id)), CoreModels.all());
        return CoapRequest.of(Method.POST, "/2").withPayload(ContentFormat.TLV.code(), tlv);
    }

    @Test
    void write_create_and_delete_go_through_while_a_bootstrap_transaction_is_open() throws Exception {
        DeviceManagement dm = management(store);
        try (StoreTransaction bootstrap = store.begin("bootstrap:coap://bs", Duration.ofSeconds(1))) {
            bootstrap.write(LwM2mPath.of(0, 1), LwM2mObjectInstance.of(1, SingleResource.of(0, Value.string("coap://dm"))));
            for (CoapRequest request : List.of(writeLifetime(600), createAcl(5), CoapRequest.of(Method.DELETE, "/2/0"))) {
                long start = System.nanoTime();
                CoapResponse response = dm.handle(request);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(response.code().isSuccess(), request + " -> " + response);
                assertTrue(millis < 1000, request + " held the CoAP thread for " + millis + " ms");
            }
        }
        assertEquals(Value.integer(600), ((SingleResource) store.read(LwM2mPath.of(1, 0, 1)).orElseThrow()).value());
        assertEquals(Optional.of("server:" + SSID), store.writerOf(LwM2mPath.of(1, 0)), "the server is recorded as the writer");
        assertTrue(store.read(LwM2mPath.of(2, 5)).isPresent() && store.read(LwM2mPath.of(2, 0)).isEmpty());
        assertEquals(List.of("changed " + SSID), executed, "the Server object write is reported");
    }

    @Test
    void write_create_and_delete_answer_503_soon_while_another_commit_holds_the_store() throws Exception {
        CountDownLatch inCommit = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FileObjectStore slow = new FileObjectStore(dir.resolve("slow"), event -> {
            if (event.writer().equals("stalled")) { // keeps the commit lock, as a commit on a stalled disk would
                inCommit.countDown();
                awaitQuietly(release);
            }
        });
        copy(store, slow);
        StoreTransaction stalled = slow.begin("stalled", Duration.ofSeconds(1));
        stalled.write(LwM2mPath.of(3, 0, 15), SingleResource.of(15, Value.string("UTC")));
        CompletableFuture<Void> stalledCommit = CompletableFuture.runAsync(() -> {
            try {
                stalled.commit();
            } catch (StoreException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(inCommit.await(5, TimeUnit.SECONDS));
        ObjectTree before = slow.snapshot();
        DeviceManagement dm = management(slow);
        for (CoapRequest request : List.of(writeLifetime(600), createAcl(5), CoapRequest.of(Method.DELETE, "/2/0"))) {
            long start = System.nanoTime();
            CoapResponse response = dm.handle(request);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(ResponseCode.SERVICE_UNAVAILABLE, response.code(), request.toString());
            assertEquals(DeviceManagement.STORE_BUSY, response.text());
            assertTrue(millis >= DeviceManagement.STORE_WAIT.toMillis() && millis < 1000, request + " took " + millis + " ms");
        }
        assertEquals(before, slow.snapshot(), "nothing changed");
        assertTrue(executed.isEmpty(), "no configuration change reported: " + executed);

        release.countDown();
        stalledCommit.get(5, TimeUnit.SECONDS);
        assertEquals(ResponseCode.CHANGED, dm.handle(writeLifetime(600)).code(), "the retry succeeds");
        assertEquals(ResponseCode.CREATED, dm.handle(createAcl(5)).code());
        assertEquals(ResponseCode.DELETED, dm.handle(CoapRequest.of(Method.DELETE, "/2/0")).code());
    }

    private static void copy(ObjectStore from, ObjectStore to) throws StoreException {
        try (StoreTransaction tx = to.begin("test", Duration.ofSeconds(1))) {
            for (LwM2mObject o : from.snapshot().objects().values()) {
                tx.write(LwM2mPath.of(o.id()), o);
            }
            tx.commit();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void a_failing_commit_is_a_server_error() throws Exception {
        DeviceManagement dm = management(store);
        ObjectTree before = store.snapshot();
        // the store's folder turns into a file: the commit cannot write (permissions do not stop root)
        try (var files = java.nio.file.Files.walk(dir.resolve("store"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        java.nio.file.Files.writeString(dir.resolve("store"), "not a folder");
        for (CoapRequest request : List.of(writeLifetime(600), createAcl(5), CoapRequest.of(Method.DELETE, "/2/0"))) {
            CoapResponse response = dm.handle(request);
            assertEquals(ResponseCode.INTERNAL_SERVER_ERROR, response.code(), request.toString());
            assertTrue(response.text().contains("could not be stored") && response.text().contains("previous state kept"), response.text());
        }
        assertEquals(before, store.snapshot());
        assertTrue(executed.isEmpty(), executed.toString());
    }

    @Test
    void read_or_write_of_an_executable_resource_and_write_attributes_are_4_05_and_change_nothing() {
        DeviceManagement dm = management(store);
        ObjectTree before = store.snapshot();
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, dm.handle(CoapRequest.of(Method.GET, "/3/0/4")).code(), "Read of Reboot");
        // "1" is no value of a resource without a type: refused for what the resource allows, not for the bytes
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED,
            dm.handle(CoapRequest.of(Method.PUT, "/3/0/4").withPayload(ContentFormat.TEXT.code(), "1".getBytes(StandardCharsets.UTF_8))).code(),
            "Write of Reboot");
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, dm.handle(CoapRequest.of(Method.PUT, "/1/0/1").withQuery(List.of("pmin=10"))).code(),
            "Write-Attributes");
        assertEquals(before, store.snapshot());
    }

    @Test
    void reboot_answers_changed_and_is_handed_on() {
        CoapResponse response = management(store).handle(CoapRequest.of(Method.POST, "/3/0/4"));
        assertEquals(ResponseCode.CHANGED, response.code());
        assertEquals(List.of("reboot " + SSID), executed);
    }
}
