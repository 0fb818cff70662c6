package org.gatehouse.registration.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

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

/** Device Management requests while the store is busy or failing, and Execute /3/0/4 Reboot. */
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
        public void bootstrapTrigger() {
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
        store = new FileObjectStore(dir);
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
    void write_create_and_delete_answer_503_at_once_while_a_bootstrap_holds_the_store() throws Exception {
        DeviceManagement dm = management(store);
        ObjectTree before = store.snapshot();
        try (StoreTransaction bootstrap = store.begin(Duration.ofSeconds(1))) {
            for (CoapRequest request : List.of(writeLifetime(600), createAcl(5), CoapRequest.of(Method.DELETE, "/2/0"))) {
                long start = System.nanoTime();
                CoapResponse response = dm.handle(request);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(ResponseCode.SERVICE_UNAVAILABLE, response.code(), request.toString());
                assertTrue(response.text().contains("bootstrap is in progress") && response.text().contains("retry"), response.text());
                assertTrue(millis < 1000, request + " held the CoAP thread for " + millis + " ms");
            }
        }
        assertEquals(before, store.snapshot(), "nothing changed");
        assertTrue(executed.isEmpty(), "no configuration change reported: " + executed);

        assertEquals(ResponseCode.CHANGED, management(store).handle(writeLifetime(600)).code(), "the retry succeeds");
        assertEquals(ResponseCode.CREATED, management(store).handle(createAcl(5)).code());
        assertEquals(ResponseCode.DELETED, management(store).handle(CoapRequest.of(Method.DELETE, "/2/0")).code());
    }

    @Test
    void a_failing_commit_is_a_server_error() throws Exception {
        ObjectStore failing = new ObjectStore() {
            @Override
            public ObjectTree snapshot() {
                return store.snapshot();
            }

            @Override
            public StoreTransaction begin(Duration wait) throws StoreException {
                StoreTransaction tx = store.begin(wait);
                return new StoreTransaction() {
                    @Override
                    public ObjectTree view() {
                        return tx.view();
                    }

                    @Override
                    public void write(LwM2mPath path, org.gatehouse.lwm2m.model.LwM2mNode node) throws StoreException {
                        tx.write(path, node);
                    }

                    @Override
                    public void delete(LwM2mPath path) throws StoreException {
                        tx.delete(path);
                    }

                    @Override
                    public long commit() throws StoreException {
                        tx.rollback();
                        throw new StoreException("commit failed, previous state kept: No space left on device");
                    }

                    @Override
                    public void rollback() {
                        tx.rollback();
                    }

                    @Override
                    public void close() {
                        tx.close();
                    }
                };
            }
        };
        DeviceManagement dm = management(failing);
        for (CoapRequest request : List.of(writeLifetime(600), createAcl(5), CoapRequest.of(Method.DELETE, "/2/0"))) {
            CoapResponse response = dm.handle(request);
            assertEquals(ResponseCode.INTERNAL_SERVER_ERROR, response.code(), request.toString());
            assertTrue(response.text().contains("No space left"), response.text());
        }
        assertTrue(executed.isEmpty(), executed.toString());
    }

    @Test
    void reboot_answers_changed_and_is_handed_on() {
        CoapResponse response = management(store).handle(CoapRequest.of(Method.POST, "/3/0/4"));
        assertEquals(ResponseCode.CHANGED, response.code());
        assertEquals(List.of("reboot " + SSID), executed);
    }
}
