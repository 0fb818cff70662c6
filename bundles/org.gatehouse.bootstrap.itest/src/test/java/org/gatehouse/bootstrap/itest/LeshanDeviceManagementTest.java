package org.gatehouse.bootstrap.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.CreateRequest;
import org.eclipse.leshan.core.request.DeleteRequest;
import org.eclipse.leshan.core.request.DiscoverRequest;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.DiscoverResponse;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.registration.Registration;
import org.gatehouse.bootstrap.BootstrapCoordinator.Phase;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device-management operations sent by Leshan's server to a gateway registered with it. The gateway is
 * registered once for the class; each test puts back what it changed ({@link #restore()}), and the
 * methods run in random order so that a test relying on another's leftovers fails (to replay an
 * order, fix the seed with {@code -Djunit.jupiter.execution.order.random.seed=N}).
 */
@TestMethodOrder(MethodOrderer.Random.class)
class LeshanDeviceManagementTest {

    private static final String EP = "gw-dm";
    /** The lifetime {@link Accounts#config} gives every server account. */
    private static final long LIFETIME = 300;
    /** The Access Control instance the create test adds and deletes. */
    private static final LwM2mPath CREATED = LwM2mPath.of(2, 9);

    @TempDir
    static Path dir;
    private static LeshanPeers leshan;
    private static TestGateway gateway;

    @BeforeAll
    static void registered() throws Exception {
        leshan = new LeshanPeers();
        leshan.bootstrapConfigs.add(EP, Accounts.config(leshan.bootstrapUri(Protocol.COAP), ContentFormat.TLV, null, null, leshan.serverUri(Protocol.COAP)));
        gateway = new TestGateway(dir, EP, Map.of("attempts", 1));
        gateway.write(LwM2mPath.of(0, 0), Accounts.bootstrapAccount(0, leshan.bootstrapUri(Protocol.COAP), null, null));
        assertEquals(Phase.REGISTERED, gateway.runSequence(Duration.ofSeconds(30)));
        leshan.sessions.awaitSuccesses(EP, 1, Duration.ofSeconds(10)); // Leshan saw Bootstrap-Finish answered 2.04
        assertNotNull(registration());
    }

    /** Deletes what a test created and writes back the lifetime a test changed, then waits until Leshan sees it. */
    @AfterEach
    void restore() throws Exception {
        if (gateway.store.read(CREATED).isPresent()) {
            assertEquals(ResponseCode.DELETED, send(new DeleteRequest(CREATED.toString())).getCode(), "restoring: delete " + CREATED);
        }
        if (registration().getLifeTimeInSec() != LIFETIME || !lifetimeInStore().equals(Value.integer(LIFETIME))) {
            assertEquals(ResponseCode.CHANGED, send(new WriteRequest(1, 0, 1, LIFETIME)).getCode(), "restoring the lifetime");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> registration().getLifeTimeInSec() == LIFETIME);
        }
    }

    @AfterAll
    static void stop() {
        gateway.close();
        leshan.close();
    }

    private static Registration registration() {
        return leshan.server.getRegistrationService().getByEndpoint(EP);
    }

    private static Value lifetimeInStore() {
        return ((SingleResource) gateway.store.read(LwM2mPath.of(1, 0, 1)).orElseThrow()).value();
    }

    private static <T extends LwM2mResponse> T send(org.eclipse.leshan.core.request.DownlinkRequest<T> request) throws InterruptedException {
        return leshan.server.send(registration(), request, 5000);
    }

    @Test
    void register_payload_lists_objects_but_not_security() {
        String links = java.util.Arrays.toString(registration().getObjectLinks());
        assertTrue(links.contains("/3/0") && links.contains("/1/0"), links);
        assertTrue(!links.contains("</0/"), links);
    }

    @Test
    void reads_in_tlv_senml_and_text() throws Exception {
        for (ContentFormat f : new ContentFormat[] {ContentFormat.TLV, ContentFormat.SENML_JSON, ContentFormat.SENML_CBOR}) {
            ReadResponse r = send(new ReadRequest(f, 3, 0));
            assertEquals(ResponseCode.CONTENT, r.getCode(), f.toString());
            assertEquals("Gatehouse", ((LwM2mObjectInstance) r.getContent()).getResource(0).getValue());
        }
        ReadResponse text = send(new ReadRequest(ContentFormat.TEXT, 1, 0, 1));
        assertEquals(LIFETIME, ((LwM2mSingleResource) text.getContent()).getValue());
    }

    @Test
    void security_object_is_invisible() throws Exception {
        assertEquals(ResponseCode.UNAUTHORIZED, send(new ReadRequest(0)).getCode());
        assertEquals(ResponseCode.UNAUTHORIZED, send(new ReadRequest(0, 0, 0)).getCode());
    }

    @Test
    void write_lifetime_then_read_it_back() throws Exception {
        var write = send(new WriteRequest(1, 0, 1, 600L));
        assertEquals(ResponseCode.CHANGED, write.getCode());
        assertEquals(Value.integer(600), lifetimeInStore());
        // the Update carries the new lifetime
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> registration().getLifeTimeInSec() == 600L);
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, send(new WriteRequest(1, 0, 0, 5L)).getCode(), "SSID is read-only");
    }

    @Test
    void reboot_answers_changed_then_restarts() throws Exception {
        int before = gateway.reboots.get();
        assertEquals(ResponseCode.CHANGED, send(new ExecuteRequest(3, 0, 4)).getCode());
        assertEquals(before, gateway.reboots.get(), "the 2.04 arrives before the restart begins");
        org.awaitility.Awaitility.await("restart").atMost(Duration.ofSeconds(5)).until(() -> gateway.reboots.get() == before + 1);
    }

    @Test
    void writes_to_writable_device_resources_are_stored() throws Exception {
        assertEquals(ResponseCode.CHANGED, send(new WriteRequest(3, 0, 14, "+02:00")).getCode());
        assertEquals(ResponseCode.CHANGED, send(new WriteRequest(3, 0, 15, "Europe/Zurich")).getCode());
        assertEquals(Value.string("+02:00"), ((SingleResource) gateway.store.read(LwM2mPath.of(3, 0, 14)).orElseThrow()).value());
        assertEquals("Europe/Zurich", ((LwM2mSingleResource) send(new ReadRequest(ContentFormat.TEXT, 3, 0, 15)).getContent()).getValue());
    }

    @Test
    void a_device_write_the_device_object_refuses_is_a_bad_request_and_not_stored() throws Exception {
        var before = gateway.store.read(LwM2mPath.of(3, 0));
        var refused = send(new WriteRequest(3, 0, 14, "two hours ahead"));
        assertEquals(ResponseCode.BAD_REQUEST, refused.getCode());
        assertTrue(refused.getErrorMessage().contains("UTC Offset"), refused.getErrorMessage());
        assertEquals(ResponseCode.BAD_REQUEST, send(new WriteRequest(3, 0, 15, "Mars/Olympus_Mons")).getCode());
        assertEquals(before, gateway.store.read(LwM2mPath.of(3, 0)));
    }

    @Test
    void discover_execute_create_delete_and_not_found() throws Exception {
        DiscoverResponse d = send(new DiscoverRequest(3, 0));
        assertEquals(ResponseCode.CONTENT, d.getCode());
        assertTrue(java.util.Arrays.toString(d.getObjectLinks()).contains("/3/0/0"));
        assertEquals(ResponseCode.CHANGED, send(new ExecuteRequest(1, 0, 8)).getCode(), "Registration Update Trigger");
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, send(new ExecuteRequest(3, 0, 0)).getCode(), "not executable");
        assertEquals(ResponseCode.NOT_FOUND, send(new ReadRequest(3, 7)).getCode());
        var create = send(new CreateRequest(ContentFormat.TLV, 2, new LwM2mObjectInstance(9,
            LwM2mSingleResource.newIntegerResource(0, 3), LwM2mSingleResource.newIntegerResource(1, 0),
            LwM2mSingleResource.newIntegerResource(3, 101))));
        assertEquals(ResponseCode.CREATED, create.getCode());
        assertTrue(gateway.store.read(CREATED).isPresent());
        assertEquals(ResponseCode.DELETED, send(new DeleteRequest(2, 9)).getCode());
        assertTrue(gateway.store.read(CREATED).isEmpty());
    }
}
