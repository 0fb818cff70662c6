package org.gatehouse.lwm2m.server.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.Peer;
import org.gatehouse.coap.PeerIdentity;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.lwm2m.codec.impl.CoreLinkCodec;
import org.gatehouse.lwm2m.server.DeviceCredential;
import org.gatehouse.lwm2m.server.Registration;
import org.junit.jupiter.api.Test;

/** Every answer of the Registration interface, and that a refused request leaves the registry as it was. */
class RdHandlerTest {

    private static final InetSocketAddress ADDR = new InetSocketAddress("127.0.0.1", 40000);
    private static final Peer NOSEC = new Peer(ADDR, new PeerIdentity.None());
    private static final Peer PSK_A = new Peer(ADDR, new PeerIdentity.Psk("id-a"));
    private static final Peer PSK_B = new Peer(ADDR, new PeerIdentity.Psk("id-b"));
    private static final byte[] KEY_C = {9, 8, 7};
    private static final Peer RPK_C = new Peer(ADDR, new PeerIdentity.Rpk(KEY_C));

    private final Registrations registry = new Registrations(new MutableClock(), Duration.ZERO);
    private final RdHandler handler = new RdHandler(registry, new RequestParser(new CoreLinkCodec()), new Authorizer(() -> List.of(
        new ConfiguredCredential(DeviceCredential.psk("dev-a", "id-a", new byte[] {1, 2})),
        new ConfiguredCredential(DeviceCredential.psk("dev-b", "id-b", new byte[] {3, 4})),
        new ConfiguredCredential(DeviceCredential.rpk("dev-c", KEY_C)),
        new ConfiguredCredential(DeviceCredential.x509("dev-d")))));

    private static CoapRequest register(String... query) {
        return CoapRequest.of(Method.POST, "/rd").withQuery(List.of(query))
            .withPayload(40, "</>;rt=\"oma.lwm2m\";ct=11543,</1/0>,</3/0>".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void register_answers_created_with_the_location() {
        CoapResponse r = handler.handle(register("ep=dev-x", "lt=300", "lwm2m=1.1", "b=U", "Q"), NOSEC);
        assertEquals(ResponseCode.CREATED, r.code());
        Registration reg = registry.find("dev-x").orElseThrow();
        assertEquals("/rd/" + reg.id(), r.locationPath().startsWith("/") ? r.locationPath() : "/" + r.locationPath());
        assertEquals(List.of("/1/0", "/3/0"), reg.objects());
        assertTrue(reg.queueMode());
        assertEquals(Duration.ofSeconds(300), reg.lifetime());
    }

    @Test
    void lwm2m_1_0_says_queue_mode_in_the_binding() {
        handler.handle(register("ep=dev-x", "b=UQ"), NOSEC);
        assertTrue(registry.find("dev-x").orElseThrow().queueMode());
    }

    @Test
    void an_alternate_root_path_is_kept_and_objects_are_below_it() {
        CoapRequest r = CoapRequest.of(Method.POST, "/rd").withQuery(List.of("ep=dev-x"))
            .withPayload(40, "</lwm2m>;rt=\"oma.lwm2m\",</lwm2m/3/0>".getBytes(StandardCharsets.UTF_8));
        handler.handle(r, NOSEC);
        Registration reg = registry.find("dev-x").orElseThrow();
        assertEquals("/lwm2m", reg.rootPath());
        assertEquals(List.of("/3/0"), reg.objects());
    }

    @Test
    void register_without_endpoint_or_with_bad_lifetime_is_a_bad_request() {
        assertEquals(ResponseCode.BAD_REQUEST, handler.handle(register("lt=300"), NOSEC).code());
        assertEquals(ResponseCode.BAD_REQUEST, handler.handle(register("ep=dev-x", "lt=-1"), NOSEC).code());
        assertEquals(List.of(), registry.devices());
    }

    @Test
    void an_unknown_lwm2m_version_is_refused_with_precondition_failed() {
        assertEquals(ResponseCode.PRECONDITION_FAILED, handler.handle(register("ep=dev-x", "lwm2m=2.0"), NOSEC).code());
        assertEquals(List.of(), registry.devices());
    }

    @Test
    void psk_identity_must_belong_to_the_endpoint() {
        assertEquals(ResponseCode.CREATED, handler.handle(register("ep=dev-a"), PSK_A).code());
        CoapResponse other = handler.handle(register("ep=dev-a"), PSK_B);
        assertEquals(ResponseCode.FORBIDDEN, other.code());
        assertTrue(other.text().contains("belongs to endpoint dev-b"), other.text());
        assertEquals(PSK_A, registry.find("dev-a").orElseThrow().peer());
    }

    @Test
    void a_raw_public_key_must_belong_to_the_endpoint() {
        assertEquals(ResponseCode.FORBIDDEN, handler.handle(register("ep=dev-a"), RPK_C).code());
        assertEquals(ResponseCode.FORBIDDEN, handler.handle(register("ep=dev-c"), new Peer(ADDR, new PeerIdentity.Rpk(new byte[] {1}))).code());
        assertEquals(List.of(), registry.devices());
        assertEquals(ResponseCode.CREATED, handler.handle(register("ep=dev-c"), RPK_C).code());
    }

    @Test
    void a_certificate_registers_as_the_endpoint_of_its_cn_only() {
        Peer dev = new Peer(ADDR, new PeerIdentity.X509("CN=dev-d,O=Example"));
        CoapResponse other = handler.handle(register("ep=dev-a"), dev);
        assertEquals(ResponseCode.FORBIDDEN, other.code());
        assertTrue(other.text().contains("belongs to endpoint dev-d"), other.text());
        assertEquals(ResponseCode.FORBIDDEN, handler.handle(register("ep=dev-a"), new Peer(ADDR, new PeerIdentity.X509("CN=dev-a"))).code(),
            "dev-a has a PSK credential, not an X.509 one");
        assertEquals(ResponseCode.FORBIDDEN, handler.handle(register("ep=dev-x"), new Peer(ADDR, new PeerIdentity.X509("O=no CN"))).code());
        assertEquals(List.of(), registry.devices());
        assertEquals(ResponseCode.CREATED, handler.handle(register("ep=dev-d"), dev).code());
        assertEquals("X.509 CN=dev-d,O=Example", registry.find("dev-d").orElseThrow().security());
    }

    @Test
    void an_endpoint_with_a_credential_cannot_register_without_it() {
        assertEquals(ResponseCode.FORBIDDEN, handler.handle(register("ep=dev-a"), NOSEC).code());
        assertEquals(List.of(), registry.devices());
    }

    @Test
    void update_and_deregister_need_a_known_id_and_the_identity_that_registered() {
        handler.handle(register("ep=dev-a"), PSK_A);
        String id = registry.find("dev-a").orElseThrow().id();
        assertEquals(ResponseCode.NOT_FOUND, handler.handle(CoapRequest.of(Method.POST, "/rd/unknown"), PSK_A).code());
        assertEquals(ResponseCode.FORBIDDEN, handler.handle(CoapRequest.of(Method.POST, "/rd/" + id), PSK_B).code());
        assertEquals(ResponseCode.FORBIDDEN, handler.handle(CoapRequest.of(Method.DELETE, "/rd/" + id), NOSEC).code());
        assertEquals(ResponseCode.CHANGED, handler.handle(CoapRequest.of(Method.POST, "/rd/" + id).withQuery(List.of("lt=99")), PSK_A).code());
        assertEquals(Duration.ofSeconds(99), registry.find("dev-a").orElseThrow().lifetime());
        assertEquals(ResponseCode.DELETED, handler.handle(CoapRequest.of(Method.DELETE, "/rd/" + id), PSK_A).code());
        assertEquals(List.of(), registry.devices());
    }

    @Test
    void other_paths_and_methods_are_refused() {
        assertEquals(ResponseCode.NOT_FOUND, handler.handle(CoapRequest.of(Method.POST, "/bs"), NOSEC).code());
        assertEquals(ResponseCode.METHOD_NOT_ALLOWED, handler.handle(CoapRequest.of(Method.GET, "/rd"), NOSEC).code());
    }
}
