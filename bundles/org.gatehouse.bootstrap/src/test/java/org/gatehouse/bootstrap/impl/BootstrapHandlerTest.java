package org.gatehouse.bootstrap.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.gatehouse.coap.CoapRequest;
import org.gatehouse.coap.CoapResponse;
import org.gatehouse.coap.Method;
import org.gatehouse.coap.ResponseCode;
import org.gatehouse.lwm2m.codec.ContentCodec;
import org.gatehouse.lwm2m.codec.impl.CoreLinkCodec;
import org.gatehouse.lwm2m.codec.impl.SenmlJsonCodec;
import org.gatehouse.lwm2m.codec.impl.TextCodec;
import org.gatehouse.lwm2m.codec.impl.TlvCodec;
import org.gatehouse.lwm2m.model.CoreModels;
import org.gatehouse.lwm2m.model.LwM2mObjectInstance;
import org.gatehouse.lwm2m.model.LwM2mPath;
import org.gatehouse.lwm2m.model.SingleResource;
import org.gatehouse.lwm2m.model.Value;
import org.gatehouse.lwm2m.store.ObjectTree;
import org.gatehouse.lwm2m.store.StoreTransaction;
import org.gatehouse.lwm2m.store.impl.FileObjectStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Bootstrap interface's answers, code by code, and that a refused request changes nothing. */
class BootstrapHandlerTest {

    @TempDir
    Path dir;
    private FileObjectStore store;
    private StoreSession session;
    private BootstrapHandler handler;
    private final AtomicInteger finished = new AtomicInteger();

    private static final String BS_ACCOUNT = "C8 00 10" + hex("coap://bs:5683/x") + " C1 01 01 C1 02 03";
    private static final String SERVER_SECURITY = "C8 00 0E" + hex("coap://dm:5683") + " C1 01 00 C1 02 03 C1 0A 65";
    private static final String SERVER = "C1 00 65 C2 01 01 2C C1 06 00 C1 07 55";

    private static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }

    @BeforeEach
    void setUp() throws Exception {
        store = new FileObjectStore(dir.resolve("store"));
        try (StoreTransaction tx = store.begin(Duration.ofSeconds(1))) {
            tx.write(LwM2mPath.of(0, 0), LwM2mObjectInstance.of(0, SingleResource.of(0, Value.string("coap://bs")),
                SingleResource.of(1, Value.bool(true)), SingleResource.of(2, Value.integer(3))));
            tx.write(LwM2mPath.of(3, 0), LwM2mObjectInstance.of(0, SingleResource.of(0, Value.string("Gatehouse"))));
            tx.commit();
        }
        session = new StoreSession(store, CoreModels.all(), "test", Duration.ofSeconds(1));
        Map<Integer, ContentCodec> codecs = Map.of(11542, new TlvCodec(), 110, new SenmlJsonCodec(), 0, new TextCodec());
        handler = new BootstrapHandler(session, codecs, new CoreLinkCodec(), CoreModels.all(), s -> finished.incrementAndGet());
    }

    private CoapResponse send(Method method, String path, int format, String hexPayload) {
        CoapRequest r = CoapRequest.of(method, path);
        if (hexPayload != null) {
            r = r.withPayload(format, HexFormat.of().parseHex(hexPayload.replace(" ", "")));
        }
        return handler.handle(r);
    }

    @Test
    void delete_all_then_write_then_finish_commits_atomically() {
        ObjectTree before = store.snapshot();
        assertEquals(ResponseCode.DELETED, send(Method.DELETE, "/", -1, null).code());
        assertTrue(session.view().read(LwM2mPath.of(0, 0)).isPresent(), "the bootstrap-server account survives DELETE /");
        assertTrue(session.view().read(LwM2mPath.of(3, 0)).isPresent(), "the Device instance survives DELETE /");
        assertEquals(ResponseCode.CHANGED, send(Method.PUT, "/0/1", 11542, SERVER_SECURITY).code());
        assertEquals(before, store.snapshot(), "nothing visible before Finish");
        assertEquals(ResponseCode.CHANGED, send(Method.PUT, "/1/0", 11542, SERVER).code());
        assertEquals(ResponseCode.CHANGED, send(Method.POST, "/bs", -1, null).code());
        assertEquals(1, finished.get());
        assertTrue(store.read(LwM2mPath.of(1, 0)).isPresent());
        assertEquals(2, store.snapshot().revision());
    }

    @Test
    void a_server_write_during_the_session_is_not_blocked_and_survives_unless_the_bootstrap_rewrites_it() throws Exception {
        try (StoreTransaction tx = store.begin("factory", Duration.ofSeconds(1))) { // server 5, which the bootstrap will delete
            tx.write(LwM2mPath.of(0, 5), LwM2mObjectInstance.of(5, SingleResource.of(0, Value.string("coap://old")),
                SingleResource.of(1, Value.bool(false)), SingleResource.of(2, Value.integer(3)), SingleResource.of(10, Value.integer(5))));
            tx.write(LwM2mPath.of(1, 5), LwM2mObjectInstance.of(5, SingleResource.of(0, Value.integer(5)), SingleResource.of(1, Value.integer(60))));
            tx.commit();
        }
        StoreSession bootstrap = newSession();
        BootstrapHandler bs = new BootstrapHandler(bootstrap, Map.of(11542, new TlvCodec()), new CoreLinkCodec(), CoreModels.all(), s -> { });
        assertEquals(ResponseCode.DELETED, bs.handle(CoapRequest.of(Method.DELETE, "/")).code());
        bs.handle(CoapRequest.of(Method.PUT, "/0/1").withPayload(11542, HexFormat.of().parseHex(SERVER_SECURITY.replace(" ", ""))));
        bs.handle(CoapRequest.of(Method.PUT, "/1/0").withPayload(11542, HexFormat.of().parseHex(SERVER.replace(" ", ""))));

        // Servers write while the session is open: nothing waits for it (no wait allowed at all here).
        try (StoreTransaction dm = store.begin("server:5", Duration.ZERO)) {
            dm.write(LwM2mPath.of(3, 0, 15), SingleResource.of(15, Value.string("Europe/Paris"))); // untouched by the bootstrap
            dm.write(LwM2mPath.of(1, 5, 1), SingleResource.of(1, Value.integer(600)));              // deleted by the bootstrap
            dm.write(LwM2mPath.of(1, 0), LwM2mObjectInstance.of(0, SingleResource.of(0, Value.integer(101)),
                SingleResource.of(1, Value.integer(999))));                                         // written by the bootstrap
            dm.commit();
        }
        long revision = store.snapshot().revision();
        CoapResponse finish = bs.handle(CoapRequest.of(Method.POST, "/bs"));
        assertEquals(ResponseCode.CHANGED, finish.code(), finish.text());

        assertEquals(revision + 1, store.snapshot().revision(), "the bootstrap is one commit");
        assertEquals(Value.string("Europe/Paris"), ((SingleResource) store.read(LwM2mPath.of(3, 0, 15)).orElseThrow()).value(),
            "the server's write to an instance the bootstrap left alone is kept");
        assertEquals(java.util.Optional.of("server:5"), store.writerOf(LwM2mPath.of(3, 0)));
        assertTrue(store.read(LwM2mPath.of(1, 5)).isEmpty() && store.read(LwM2mPath.of(0, 5)).isEmpty(), "the bootstrap's delete wins");
        assertEquals(Value.integer(300), ((SingleResource) store.read(LwM2mPath.of(1, 0, 1)).orElseThrow()).value(), "the bootstrap's write wins");
        assertEquals(java.util.Optional.of("test 2"), store.writerOf(LwM2mPath.of(1, 0)));
        assertEquals(java.util.Optional.of("test 2"), store.writerOf(LwM2mPath.of(0, 1)));
        assertEquals(java.util.Optional.of(org.gatehouse.lwm2m.store.ObjectStore.UNKNOWN_WRITER), store.writerOf(LwM2mPath.of(0, 0)),
            "the bootstrap-server account is not this session's: it only survived its delete");
    }

    @Test
    void a_write_to_the_reserved_instance_id_or_an_unimplemented_resource_is_4_00_and_changes_nothing() {
        ObjectTree view = session.view();
        CoapResponse reserved = send(Method.PUT, "/0/65535", 11542, "08 FF FF 03 C1 01 00");
        assertEquals(ResponseCode.BAD_REQUEST, reserved.code(), reserved.toString());
        assertTrue(reserved.text().contains("65535 is reserved"), reserved.text());
        CoapResponse unknown = send(Method.PUT, "/0/0/999", 0, hex("x"));
        assertEquals(ResponseCode.BAD_REQUEST, unknown.code(), unknown.toString());
        assertTrue(unknown.text().contains("/0/0/999 is not implemented"), unknown.text());
        assertEquals(view, session.view(), "the session's view is unchanged");
    }

    @Test
    void finish_answers_4_06_with_the_problems_then_succeeds_once_fixed() {
        send(Method.PUT, "/0/1", 11542, SERVER_SECURITY);
        CoapResponse refused = send(Method.POST, "/bs", -1, null);
        assertEquals(ResponseCode.NOT_ACCEPTABLE, refused.code());
        assertTrue(refused.text().contains("no Server instance has Short Server ID 101"), refused.text());
        assertEquals(1, store.snapshot().revision(), "nothing committed");
        send(Method.PUT, "/1/0", 11542, SERVER);
        assertEquals(ResponseCode.CHANGED, send(Method.POST, "/bs", -1, null).code());
        assertEquals(ResponseCode.BAD_REQUEST, send(Method.POST, "/bs", -1, null).code(), "a second Finish has no session");
    }

    @Test
    void finish_without_a_server_account_answers_4_06_naming_it() {
        assertEquals(ResponseCode.DELETED, send(Method.DELETE, "/", -1, null).code());
        CoapResponse refused = send(Method.POST, "/bs", -1, null);
        assertEquals(ResponseCode.NOT_ACCEPTABLE, refused.code());
        assertTrue(refused.text().contains("no LwM2M server account"), refused.text());
        assertEquals(0, finished.get());
        assertTrue(session.isOpen(), "the bootstrap server may still write an account and finish again");
        send(Method.PUT, "/0/1", 11542, SERVER_SECURITY);
        send(Method.PUT, "/1/0", 11542, SERVER);
        assertEquals(ResponseCode.CHANGED, send(Method.POST, "/bs", -1, null).code());
    }

    @Test
    void a_failed_commit_is_a_server_error_and_keeps_the_configuration() throws Exception {
        ObjectTree before = store.snapshot();
        send(Method.PUT, "/0/1", 11542, SERVER_SECURITY);
        send(Method.PUT, "/1/0", 11542, SERVER);
        // the store's folder turns into a file: the commit cannot write (permissions do not stop root)
        try (var files = java.nio.file.Files.walk(dir.resolve("store"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        java.nio.file.Files.writeString(dir.resolve("store"), "not a folder");
        CoapResponse r = send(Method.POST, "/bs", -1, null);
        assertEquals(ResponseCode.INTERNAL_SERVER_ERROR, r.code(), r.text());
        assertTrue(r.text().contains("previous configuration kept"), r.text());
        assertEquals(before, store.snapshot());
        assertEquals(0, finished.get());
    }

    @Test
    void deleting_a_servers_security_instance_takes_its_server_instance_and_acl_entries_with_it() {
        send(Method.PUT, "/0/1", 11542, SERVER_SECURITY);
        send(Method.PUT, "/1/0", 11542, SERVER);
        send(Method.PUT, "/0/2", 11542, "C8 00 0E" + hex("coap://dm:5684") + " C1 01 00 C1 02 03 C1 0A 66");
        send(Method.PUT, "/1/1", 11542, "C1 00 66 C2 01 01 2C C1 06 00 C1 07 55");
        // /2/0 owned by 102 with entries for 101 and 102; /2/1 owned by 101
        send(Method.PUT, "/2/0", 11542, "C1 00 01 C1 01 00 86 02 41 65 0F 41 66 0F C1 03 66");
        send(Method.PUT, "/2/1", 11542, "C1 00 01 C1 01 01 86 02 41 65 0F C1 03 65");
        assertEquals(ResponseCode.CHANGED, send(Method.POST, "/bs", -1, null).code());

        StoreSession next = newSession();
        BootstrapHandler second = new BootstrapHandler(next, Map.of(11542, new TlvCodec()), new CoreLinkCodec(), CoreModels.all(), s -> { });
        assertEquals(ResponseCode.DELETED, second.handle(CoapRequest.of(Method.DELETE, "/0/1")).code());
        CoapResponse r = second.handle(CoapRequest.of(Method.POST, "/bs"));
        assertEquals(ResponseCode.CHANGED, r.code(), r.text());
        assertTrue(store.read(LwM2mPath.of(1, 0)).isEmpty(), "server 101's Server instance went with its Security instance");
        assertTrue(store.read(LwM2mPath.of(2, 1)).isEmpty(), "the ACL instance owned by 101 went too");
        assertEquals("{102=15}", ((org.gatehouse.lwm2m.model.MultipleResource) store.read(LwM2mPath.of(2, 0, 2)).orElseThrow()).values()
            .entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> e.getKey(), e -> e.getValue().asLong())).toString());
        assertTrue(store.read(LwM2mPath.of(1, 1)).isPresent(), "server 102 stays");
    }

    @Test
    void a_server_instance_the_bootstrap_server_wrote_itself_is_judged_not_removed() {
        send(Method.PUT, "/0/1", 11542, SERVER_SECURITY);
        send(Method.PUT, "/1/0", 11542, SERVER);
        assertEquals(ResponseCode.CHANGED, send(Method.POST, "/bs", -1, null).code());
        StoreSession next = newSession();
        BootstrapHandler second = new BootstrapHandler(next, Map.of(11542, new TlvCodec()), new CoreLinkCodec(), CoreModels.all(), s -> { });
        second.handle(CoapRequest.of(Method.DELETE, "/0/1"));
        second.handle(CoapRequest.of(Method.PUT, "/1/0").withPayload(11542, HexFormat.of().parseHex(SERVER.replace(" ", ""))));
        CoapResponse r = second.handle(CoapRequest.of(Method.POST, "/bs"));
        assertEquals(ResponseCode.NOT_ACCEPTABLE, r.code());
        assertTrue(r.text().contains("no Security instance has its Short Server ID 101"), r.text());
        next.close();
    }

    private StoreSession newSession() {
        try {
            return new StoreSession(store, CoreModels.all(), "test 2", Duration.ofSeconds(1));
        } catch (org.gatehouse.bootstrap.BootstrapException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void two_bootstrap_accounts_and_missing_credentials_are_inconsistent() {
        send(Method.PUT, "/0/5", 11542, BS_ACCOUNT);
        send(Method.PUT, "/0/1", 11542, "C8 00 0F" + hex("coaps://dm:5684") + " C1 01 00 C1 02 00 C1 0A 65");
        send(Method.PUT, "/1/0", 11542, SERVER);
        String problems = send(Method.POST, "/bs", -1, null).text();
        assertTrue(problems.contains("2 bootstrap-server accounts"), problems);
        assertTrue(problems.contains("/0/1/3 is needed by security mode 0"), problems);
    }

    @ParameterizedTest(name = "{0} {1} -> {4}")
    @CsvSource(delimiter = '|', value = {
        "PUT    | /1/0      | 11542 | C8 07                     | BAD_REQUEST",
        "PUT    | /1/0      | 99    | C1 00 01                  | UNSUPPORTED_CONTENT_FORMAT",
        "PUT    | /1/0/1/2  | 11542 | C1 01 05                  | BAD_REQUEST",
        "PUT    | /         | 11542 | C1 01 05                  | BAD_REQUEST",
        "PUT    | /1/x      | 11542 | C1 01 05                  | BAD_REQUEST",
        "PUT    | /999/0    | 11542 | C1 01 05                  | BAD_REQUEST",
        "PUT    | /1/0/6    | 0     | 32                        | BAD_REQUEST",
        "DELETE | /0/0      | -1    |                           | BAD_REQUEST",
        "DELETE | /3/0      | -1    |                           | BAD_REQUEST",
        "DELETE | /1/0/1    | -1    |                           | BAD_REQUEST",
        "GET    | /0        | -1    |                           | METHOD_NOT_ALLOWED",
        "GET    | /3/0      | 11542 |                           | METHOD_NOT_ALLOWED",
        "GET    | /1/7      | -1    |                           | NOT_FOUND",
        "POST   | /1/0      | 11542 | C1 00 01                  | METHOD_NOT_ALLOWED",
        "POST   | /bs/x     | -1    |                           | BAD_REQUEST",
    })
    void bad_requests_get_their_code_and_change_nothing(String method, String path, int format, String payload, String code) {
        ObjectTree view = session.view();
        CoapRequest r = CoapRequest.of(Method.valueOf(method.trim()), path.trim());
        if (method.trim().equals("GET") && format >= 0) {
            r = r.withAccept(format);
        }
        if (payload != null && !payload.isBlank()) {
            r = r.withPayload(format, HexFormat.of().parseHex(payload.replace(" ", "")));
        }
        CoapResponse response = handler.handle(r);
        assertEquals(ResponseCode.valueOf(code.trim()), response.code(), response.text());
        assertEquals(view, session.view(), "a refused request leaves the session as it was");
    }

    @Test
    void discover_lists_objects_instances_ssid_and_uri() {
        send(Method.PUT, "/0/1", 11542, SERVER_SECURITY);
        send(Method.PUT, "/1/0", 11542, SERVER);
        CoapResponse r = handler.handle(CoapRequest.of(Method.GET, "/").withAccept(40));
        assertEquals(ResponseCode.CONTENT, r.code());
        String links = r.text();
        assertTrue(links.startsWith("</>;lwm2m=1.1,</0>;ver=1.2,</0/0>;uri=\"coap://bs\",</0/1>;ssid=101;uri=\"coap://dm:5683\""), links);
        assertTrue(links.contains("</1/0>;ssid=101") && links.contains("</2>") && links.contains("</3/0>"), links);
        assertTrue(links.contains(",</4>;ver=1.3"), "a supported object without instances is listed, with its version: " + links);
        assertFalse(links.contains("</0/0>;ssid"), "the bootstrap-server account has no ssid");
        assertEquals(ResponseCode.BAD_REQUEST, handler.handle(CoapRequest.of(Method.GET, "/1/0").withAccept(40)).code());
    }

    @Test
    void discover_lists_objects_from_user_models_too() throws Exception {
        var custom = org.gatehouse.lwm2m.model.ddf.DdfParser.parse(new java.io.ByteArrayInputStream(("<LWM2M><Object><Name>Thermostat</Name>"
            + "<ObjectID>33000</ObjectID><ObjectVersion>1.1</ObjectVersion><MultipleInstances>Multiple</MultipleInstances><Mandatory>Optional</Mandatory>"
            + "<Resources><Item ID=\"1\"><Name>Setpoint</Name><Operations>RW</Operations><MultipleInstances>Single</MultipleInstances>"
            + "<Mandatory>Mandatory</Mandatory><Type>Float</Type></Item></Resources></Object></LWM2M>").getBytes(StandardCharsets.UTF_8)), "test");
        BootstrapHandler withCustom = new BootstrapHandler(session, Map.of(), new CoreLinkCodec(), CoreModels.all().with(custom), s -> { });
        String links = withCustom.handle(CoapRequest.of(Method.GET, "/").withAccept(40)).text();
        assertTrue(links.endsWith(",</33000>;ver=1.1"), links);
    }

    @Test
    void bootstrap_read_of_server_and_acl_only() {
        send(Method.PUT, "/1/0", 11542, SERVER);
        CoapResponse r = handler.handle(CoapRequest.of(Method.GET, "/1").withAccept(110));
        assertEquals(ResponseCode.CONTENT, r.code());
        assertTrue(r.text().contains("\"bn\":\"/1/\""), r.text());
        assertEquals(ResponseCode.NOT_ACCEPTABLE, handler.handle(CoapRequest.of(Method.GET, "/1").withAccept(42)).code());
        assertEquals(ResponseCode.CONTENT, handler.handle(CoapRequest.of(Method.GET, "/2")).code(), "empty ACL object");
    }

    @Test
    void unknown_optional_resources_are_ignored() {
        assertEquals(ResponseCode.CHANGED, send(Method.PUT, "/1/0", 11542, SERVER + " C1 63 01").code());
        LwM2mObjectInstance i = (LwM2mObjectInstance) session.view().read(LwM2mPath.of(1, 0)).orElseThrow();
        assertEquals(List.of(0, 1, 6, 7), List.copyOf(i.resources().keySet()));
    }
}
