package org.gatehouse.registration.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.gatehouse.lwm2m.model.LwM2mNode;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.ObjectIds;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.objects.ObjectHandler;
import org.gatehouse.lwm2m.objects.Outcome;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.gatehouse.lwm2m.store.impl.FileObjectStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device Management asks the object's handler: Execute with the server's SSID and arguments, the
 * checks before a Write, Create or Delete is committed, the values a Read shows; the Server object's
 * actions reach the registration for the server of the instance.
 */
class HandlerDispatchTest {

    private static final int SSID = 101;
    private static final int OTHER_SSID = 202;

    @TempDir
    Path dir;
    private FileObjectStore store;
    private Handlers handlers;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    private final Executions executions = new Executions() {
        @Override
        public void updateNow(int ssid) {
            calls.add("update " + ssid);
        }

        @Override
        public void disable(int ssid, long seconds) {
            calls.add("disable " + ssid + " for " + seconds);
        }

        @Override
        public void bootstrapTrigger(int ssid) {
            calls.add("bootstrap");
        }
    };

    /** A handler whose answers each test sets. */
    private final class Recording implements ObjectHandler {
        volatile Outcome outcome = Outcome.changed();
        volatile String refusal;
        volatile RuntimeException failure;
        volatile SingleResource shown;

        @Override
        public Outcome execute(int ssid, LwM2mPath path, String arguments) {
            calls.add("execute " + ssid + " " + path + " [" + arguments + "]");
            fail();
            return outcome;
        }

        @Override
        public Optional<String> validateWrite(int ssid, LwM2mPath path, LwM2mNode value) {
            calls.add("write " + ssid + " " + path + " " + value);
            fail();
            return Optional.ofNullable(refusal);
        }

        @Override
        public LwM2mObjectInstance read(int ssid, LwM2mObjectInstance stored) {
            fail();
            return shown == null ? stored : stored.with(shown);
        }

        @Override
        public Optional<String> validateCreate(int ssid, LwM2mObjectInstance instance) {
            calls.add("create " + ssid + " " + instance.id());
            return Optional.ofNullable(refusal);
        }

        @Override
        public Optional<String> validateDelete(int ssid, LwM2mObjectInstance instance) {
            calls.add("delete " + ssid + " " + instance.id());
            return Optional.ofNullable(refusal);
        }

        private void fail() {
            if (failure != null) {
                throw failure;
            }
        }
    }

    private final Recording device = new Recording();
    private final Recording acl = new Recording();

    @BeforeEach
    void configured() throws Exception {
        store = new FileObjectStore(dir);
        try (StoreTransaction tx = store.begin(Duration.ofSeconds(1))) {
            tx.write(LwM2mPath.of(1, 0), server(0, SSID, null));
            tx.write(LwM2mPath.of(1, 1), server(1, OTHER_SSID, 30L));
            tx.write(LwM2mPath.of(2, 0), LwM2mObjectInstance.of(0, SingleResource.of(0, Value.integer(3)), SingleResource.of(1, Value.integer(0)),
                SingleResource.of(3, Value.integer(SSID))));
            tx.write(LwM2mPath.of(3, 0), LwM2mObjectInstance.of(0, SingleResource.of(0, Value.string("Gatehouse")),
                SingleResource.of(14, Value.string("+01:00"))));
            tx.commit();
        }
        handlers = new Handlers(Map.of(ObjectIds.SERVER, new ServerObject(store::snapshot, executions)));
        handlers.add(device, Map.of(ObjectHandler.OBJECT_ID, ObjectIds.DEVICE));
        handlers.add(acl, Map.of(ObjectHandler.OBJECT_ID, ObjectIds.ACCESS_CONTROL));
    }

    private static LwM2mObjectInstance server(int id, int ssid, Long disableTimeout) {
        LwM2mObjectInstance i = LwM2mObjectInstance.of(id, SingleResource.of(0, Value.integer(ssid)), SingleResource.of(1, Value.integer(300)),
            SingleResource.of(6, Value.bool(false)), SingleResource.of(7, Value.string("U")));
        return disableTimeout == null ? i : i.with(SingleResource.of(5, Value.integer(disableTimeout)));
    }

    private CoapResponse send(CoapRequest request) {
        Map<Integer, ContentCodec> codecs = Map.of(ContentFormat.TEXT.code(), new TextCodec(), ContentFormat.TLV.code(), new TlvCodec());
        return new DeviceManagement(SSID, store, CoreModels.all(), codecs, new CoreLinkCodec(), () -> 1, handlers,
            ssid -> calls.add("changed " + ssid)).handle(request);
    }

    private static CoapRequest execute(String path, String arguments) {
        CoapRequest post = CoapRequest.of(Method.POST, path);
        return arguments.isEmpty() ? post : post.withPayload(ContentFormat.TEXT.code(), arguments.getBytes(StandardCharsets.UTF_8));
    }

    private static CoapRequest writeText(String path, String text) {
        return CoapRequest.of(Method.PUT, path).withPayload(ContentFormat.TEXT.code(), text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void execute_goes_to_the_objects_handler_with_the_servers_ssid_and_the_arguments() {
        CoapResponse response = send(execute("/3/0/4", "0='now',1"));
        assertEquals(ResponseCode.CHANGED, response.code(), response.toString());
        assertEquals(List.of("execute " + SSID + " /3/0/4 [0='now',1]"), calls);
    }

    @Test
    void execute_not_supported_by_the_handler_or_without_a_handler_is_405() {
        device.outcome = Outcome.notSupported();
        CoapResponse unsupported = send(execute("/3/0/5", ""));
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, unsupported.code());
        assertEquals("/3/0/5 (Factory Reset) is not supported by this gateway", unsupported.text());

        handlers.remove(device);
        CoapResponse noHandler = send(execute("/3/0/4", ""));
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, noHandler.code());
        assertEquals("/3/0/4 (Reboot) is not supported by this gateway", noHandler.text());
        assertEquals(List.of("execute " + SSID + " /3/0/5 []"), calls, "the handler was asked once, before it went");
    }

    @Test
    void the_checks_before_execute_come_first() {
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, send(execute("/3/0/0", "")).code(), "Manufacturer is not executable");
        assertEquals(ResponseCode.NOT_FOUND, send(execute("/3/1/4", "")).code(), "no instance 1");
        assertTrue(calls.isEmpty(), calls.toString());
    }

    @Test
    void an_execute_error_is_answered_with_its_code_and_message() {
        device.outcome = Outcome.badRequest("argument 0 must be a number");
        CoapResponse bad = send(execute("/3/0/4", "0='x'"));
        assertEquals(ResponseCode.BAD_REQUEST, bad.code());
        assertEquals("argument 0 must be a number", bad.text());
        device.outcome = Outcome.unavailable("busy; retry in 10 s");
        assertEquals(ResponseCode.SERVICE_UNAVAILABLE, send(execute("/3/0/4", "")).code());
        device.outcome = Outcome.notFound("no such partition");
        assertEquals(ResponseCode.NOT_FOUND, send(execute("/3/0/4", "")).code());
        device.outcome = Outcome.failed("the disk is gone");
        assertEquals(ResponseCode.INTERNAL_SERVER_ERROR, send(execute("/3/0/4", "")).code());
    }

    @Test
    void a_handler_that_throws_is_a_server_error_and_changes_nothing() {
        device.failure = new IllegalStateException("broken handler");
        ObjectTree before = store.snapshot();
        for (CoapRequest r : List.of(execute("/3/0/4", ""), writeText("/3/0/14", "+02:00"), CoapRequest.of(Method.GET, "/3/0"))) {
            CoapResponse response = send(r);
            assertEquals(ResponseCode.INTERNAL_SERVER_ERROR, response.code(), r.toString());
            assertTrue(response.text().contains("broken handler"), response.text());
        }
        assertEquals(before, store.snapshot());
    }

    @Test
    void a_write_the_handler_refuses_is_400_with_its_reason_and_not_stored() {
        device.refusal = "/3/0/14 UTC Offset 'soon' is not an offset";
        ObjectTree before = store.snapshot();
        CoapResponse refused = send(writeText("/3/0/14", "soon"));
        assertEquals(ResponseCode.BAD_REQUEST, refused.code());
        assertEquals(device.refusal, refused.text());
        assertEquals(before, store.snapshot(), "nothing stored");

        device.refusal = null;
        assertEquals(ResponseCode.CHANGED, send(writeText("/3/0/14", "+02:00")).code());
        assertEquals(Value.string("+02:00"), ((SingleResource) store.read(LwM2mPath.of(3, 0, 14)).orElseThrow()).value());
        assertEquals(List.of("write " + SSID + " /3/0/14 " + SingleResource.of(14, Value.string("soon")),
            "write " + SSID + " /3/0/14 " + SingleResource.of(14, Value.string("+02:00"))), calls);
    }

    @Test
    void the_handler_sees_a_partial_instance_write_merged_with_the_stored_resources() throws Exception {
        LwM2mObjectInstance written = LwM2mObjectInstance.of(0, SingleResource.of(15, Value.string("Europe/Zurich")));
        byte[] tlv = new TlvCodec().encode(LwM2mPath.of(3, 0), written, CoreModels.all());
        CoapResponse response = send(CoapRequest.of(Method.POST, "/3/0").withPayload(ContentFormat.TLV.code(), tlv));
        assertEquals(ResponseCode.CHANGED, response.code(), response.toString());
        String seen = calls.get(0);
        assertTrue(seen.contains("Gatehouse") && seen.contains("+01:00") && seen.contains("Europe/Zurich"), seen);
    }

    @Test
    void the_handler_may_refuse_a_create_or_a_delete() throws Exception {
        LwM2mObjectInstance created = LwM2mObjectInstance.of(5, SingleResource.of(0, Value.integer(3)), SingleResource.of(1, Value.integer(0)),
            SingleResource.of(3, Value.integer(SSID)));
        byte[] tlv = new TlvCodec().encode(LwM2mPath.of(2), LwM2mObject.of(2, created), CoreModels.all());
        CoapRequest create = CoapRequest.of(Method.POST, "/2").withPayload(ContentFormat.TLV.code(), tlv);
        acl.refusal = "this gateway keeps one ACL instance per object";
        ObjectTree before = store.snapshot();
        assertEquals(ResponseCode.BAD_REQUEST, send(create).code());
        assertEquals(ResponseCode.BAD_REQUEST, send(CoapRequest.of(Method.DELETE, "/2/0")).code());
        assertEquals(before, store.snapshot());

        acl.refusal = null;
        assertEquals(ResponseCode.CREATED, send(create).code());
        assertEquals(ResponseCode.DELETED, send(CoapRequest.of(Method.DELETE, "/2/5")).code());
        assertEquals(List.of("create " + SSID + " 5", "delete " + SSID + " 0", "create " + SSID + " 5", "delete " + SSID + " 5"), calls);
    }

    @Test
    void read_and_discover_show_the_handlers_values_but_the_store_keeps_its_own() {
        device.shown = SingleResource.of(DeviceResources.MEMORY_FREE, Value.integer(2048));
        CoapResponse value = send(CoapRequest.of(Method.GET, "/3/0/10").withAccept(ContentFormat.TEXT.code()));
        assertEquals(ResponseCode.CONTENT, value.code(), value.toString());
        assertEquals("2048", value.text());
        CoapResponse discover = send(CoapRequest.of(Method.GET, "/3/0").withAccept(ContentFormat.LINK.code()));
        assertTrue(discover.text().contains("</3/0/10>"), discover.text());
        assertTrue(store.read(LwM2mPath.of(3, 0, 10)).isEmpty(), "only the view changed");
        assertEquals(ResponseCode.CONTENT, send(CoapRequest.of(Method.GET, "/3")).code());
    }

    @Test
    void server_object_actions_reach_the_registration_for_the_server_of_the_instance() {
        assertEquals(ResponseCode.CHANGED, send(execute("/1/0/8", "")).code());
        assertEquals(ResponseCode.CHANGED, send(execute("/1/1/8", "")).code());
        assertEquals(ResponseCode.CHANGED, send(execute("/1/0/4", "")).code());
        assertEquals(ResponseCode.CHANGED, send(execute("/1/1/4", "")).code());
        assertEquals(ResponseCode.CHANGED, send(execute("/1/0/9", "")).code());
        assertEquals(List.of("update " + SSID, "update " + OTHER_SSID, "disable " + SSID + " for 86400", "disable " + OTHER_SSID + " for 30",
            "bootstrap"), calls);
    }

    @Test
    void a_handler_published_for_the_server_object_is_not_used() {
        Recording impostor = new Recording();
        assertFalse(handlers.add(impostor, Map.of(ObjectHandler.OBJECT_ID, ObjectIds.SERVER)));
        assertEquals(ResponseCode.CHANGED, send(execute("/1/0/8", "")).code());
        assertEquals(List.of("update " + SSID), calls);
    }
}
