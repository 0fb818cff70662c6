package org.gatehouse.bsserver.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gatehouse.bsserver.storage.SessionRecord;
import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.Peer;
import org.gatehouse.coap.PeerIdentity;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.impl.SenmlCborCodec;
import org.gatehouse.lwm2m.codec.impl.SenmlJsonCodec;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.LwM2mObject;
import org.gatehouse.lwm2m.model.ModelRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every answer of the request handler, and what each leaves in the session log. */
class BootstrapRequestsTest {

    private final MemoryStorage storage = new MemoryStorage();
    private final ConfigStore configs = new ConfigStore(storage, ModelRegistry.of(CoreModels.all()));
    private final Map<Integer, ContentCodec> codecs = Map.of(11542, new TlvCodec(), 112, new SenmlCborCodec(), 110, new SenmlJsonCodec());
    private final Sessions sessions = new Sessions(storage, "n", 10, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(15),
        Runnable::run);
    private final BootstrapRequests handler = new BootstrapRequests(new Admission(configs, storage, new ConfigParser(CoreModels.all())),
        storage, sessions, f -> Optional.ofNullable(codecs.get(f)), CoreModels.all(), "n");
    private final SessionTest.ScriptedDevice device = new SessionTest.ScriptedDevice(Map.of());
    private final Peer peer = new Peer(new InetSocketAddress("127.0.0.1", 9), new PeerIdentity.None());

    @BeforeEach
    void configure() throws Exception {
        configs.put("{\"endpoint\": \"e\", \"servers\": [{\"ssid\": 1, \"uri\": \"coap://a\"}]}");
        handler.bind(device);
    }

    private CoapResponse post(String... query) {
        return handler.handle(CoapRequest.of(Method.POST, "/bs").withQuery(List.of(query)), peer);
    }

    private SessionRecord last() {
        return storage.sessions(Optional.empty(), 1).get(0);
    }

    @Test
    void a_bootstrap_request_is_changed_and_its_session_runs_in_the_preferred_format() {
        assertEquals(ResponseCode.CHANGED, post("ep=e", "pct=112").code());
        assertEquals(List.of("PUT /0/1", "PUT /1/0", "POST /bs"), device.sent);
        SessionRecord s = last();
        assertEquals(Optional.of("success"), s.outcome());
        assertTrue(s.events().get(0).endsWith("config e, format 112"), s.events().toString());
    }

    @Test
    void an_unknown_endpoint_is_a_bad_request_logged_with_its_reason() {
        CoapResponse r = post("ep=stranger");
        assertEquals(ResponseCode.BAD_REQUEST, r.code());
        assertEquals("unknown endpoint stranger: no configuration serves it", r.text());
        assertEquals(Optional.of("refused: unknown endpoint stranger: no configuration serves it"), last().outcome());
        assertEquals(List.of(), device.sent);
    }

    @Test
    void a_preferred_format_we_cannot_write_is_unsupported() {
        assertEquals(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, post("ep=e", "pct=11544").code());
        assertTrue(last().outcome().orElseThrow().startsWith("refused: preferred content format 11544"), last().outcome().toString());
    }

    @Test
    void a_second_request_while_the_session_runs_is_service_unavailable() {
        assertEquals(Optional.empty(), sessions.reserve("e").refusal()); // as a running session holds it
        assertEquals(ResponseCode.SERVICE_UNAVAILABLE, post("ep=e").code());
    }

    @Test
    void anything_but_bs_and_bspack_is_not_found() {
        assertEquals(ResponseCode.NOT_FOUND, handler.handle(CoapRequest.of(Method.GET, "/bs"), peer).code());
        assertEquals(ResponseCode.NOT_FOUND, handler.handle(CoapRequest.of(Method.POST, "/rd"), peer).code());
    }

    @Test
    void a_pack_request_gets_every_object_in_senml_and_nothing_else() throws Exception {
        CoapResponse pack = handler.handle(CoapRequest.of(Method.GET, "/bspack").withQuery(List.of("ep=e")), peer);
        assertEquals(ResponseCode.CONTENT, pack.code());
        assertEquals(112, pack.contentFormat());
        List<LwM2mObject> objects = new SenmlCborCodec().decodeObjects(pack.payload(), CoreModels.all());
        assertEquals(List.of(0, 1), objects.stream().map(LwM2mObject::id).toList());
        assertEquals(Optional.of("success"), last().outcome());

        CoapResponse json = handler.handle(CoapRequest.of(Method.GET, "/bspack").withQuery(List.of("ep=e")).withAccept(110), peer);
        assertEquals(110, json.contentFormat());
        CoapResponse tlv = handler.handle(CoapRequest.of(Method.GET, "/bspack").withQuery(List.of("ep=e")).withAccept(11542), peer);
        assertEquals(ResponseCode.NOT_ACCEPTABLE, tlv.code());
        assertEquals(List.of(), device.sent, "a pack is no session of requests");
    }
}
